"""The practice editor: Python with line numbers, highlighting, auto-indent, Tab as 4 spaces,
Ctrl+Enter to run, Ctrl+F to find, and the line a traceback points at marked in red
(the Qt "code editor" example's line-number area, with code_view's highlighter)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeySequence,
    QPainter,
    QShortcut,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.ui.code_view import PythonHighlighter

INDENT = " " * 4
ERROR_BACKGROUND = QColor("#fde2e1")
NUMBERS_COLOR = QColor("#9e9e9e")


class LineNumbers(QWidget):
    def __init__(self, editor: CodeEditor):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.numbers_width(), 0)

    def paintEvent(self, event) -> None:
        self.editor.paint_numbers(event)


class CodeEditor(QPlainTextEdit):
    run_requested = Signal()  # Ctrl+Enter
    find_requested = Signal()  # Ctrl+F

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(INDENT))
        self.highlighter = PythonHighlighter(self.document())
        self.error_line: int | None = None
        self.numbers = LineNumbers(self)
        self.blockCountChanged.connect(lambda _n: self.setViewportMargins(self.numbers_width(), 0, 0, 0))
        self.updateRequest.connect(self._scroll_numbers)
        self.textChanged.connect(self._clear_mark)
        self.setViewportMargins(self.numbers_width(), 0, 0, 0)

    # -- the code ---------------------------------------------------------------------------------------
    def code(self) -> str:
        return self.toPlainText()

    def set_code(self, text: str, undoable: bool = True) -> None:
        """Replace the code; undoable (Ctrl+Z) unless it is the first code shown."""
        if not undoable:
            self.setPlainText(text)
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.Start)

    # -- the marked line --------------------------------------------------------------------------------
    def mark_line(self, line: int | None) -> None:
        """Mark line `line` (1-based) as the one the traceback points at, and show it."""
        self.error_line = line if line and 1 <= line <= self.blockCount() else None
        if self.error_line is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(ERROR_BACKGROUND)
        selection.format.setProperty(QTextFormat.FullWidthSelection, True)
        selection.cursor = QTextCursor(self.document().findBlockByNumber(self.error_line - 1))
        self.setExtraSelections([selection])
        self.setTextCursor(selection.cursor)
        self.centerCursor()
        self.numbers.update()

    def _clear_mark(self) -> None:
        if self.error_line is not None:
            self.mark_line(None)

    # -- keys: Tab, Shift+Tab, Enter, Ctrl+Enter, Ctrl+F -------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key_Return, Qt.Key_Enter) and mods & Qt.ControlModifier:
            self.run_requested.emit()
        elif event.matches(QKeySequence.Find):
            self.find_requested.emit()
        elif key == Qt.Key_Tab and not mods & (Qt.ControlModifier | Qt.AltModifier):
            self._indent(more=True) if self.textCursor().hasSelection() else self.insertPlainText(INDENT)
        elif key == Qt.Key_Backtab:
            self._indent(more=False)
        elif key in (Qt.Key_Return, Qt.Key_Enter) and not mods & Qt.ShiftModifier:
            self._new_line()
        else:
            super().keyPressEvent(event)

    def _new_line(self) -> None:
        """A new line indented as this one, one level more after a colon."""
        cursor = self.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        indent = line[: len(line) - len(line.lstrip(" "))]
        if line.rstrip().endswith(":"):
            indent += INDENT
        cursor.insertText("\n" + indent)
        self.setTextCursor(cursor)

    def _indent(self, more: bool) -> None:
        """Indent (or dedent) every line the selection touches by 4 spaces."""
        cursor = self.textCursor()
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        doc = self.document()
        first, last = doc.findBlock(start).blockNumber(), doc.findBlock(max(start, end - 1)).blockNumber()
        cursor.beginEditBlock()
        for number in range(first, last + 1):
            block = doc.findBlockByNumber(number)
            edit = QTextCursor(block)
            if more:
                edit.insertText(INDENT)
            else:
                spaces = len(block.text()) - len(block.text().lstrip(" "))
                edit.movePosition(QTextCursor.Right, QTextCursor.KeepAnchor, min(4, spaces))
                edit.removeSelectedText()
        cursor.endEditBlock()

    # -- line numbers -------------------------------------------------------------------------------------
    def numbers_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(2, digits)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.numbers.setGeometry(QRect(rect.left(), rect.top(), self.numbers_width(), rect.height()))

    def _scroll_numbers(self, rect, dy) -> None:
        if dy:
            self.numbers.scroll(0, dy)
        else:
            self.numbers.update(0, rect.y(), self.numbers.width(), rect.height())

    def paint_numbers(self, event) -> None:
        painter = QPainter(self.numbers)
        painter.fillRect(event.rect(), self.palette().color(self.backgroundRole()).darker(104))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            number = block.blockNumber() + 1
            if block.isVisible():
                painter.setPen(QColor("#d62728") if number == self.error_line else NUMBERS_COLOR)
                painter.drawText(0, top, self.numbers.width() - 5, height, Qt.AlignRight, str(number))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()


class EditorPane(QWidget):
    """The editor with its find bar (Ctrl+F; Enter finds the next, Shift+Enter the previous, Esc closes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor = CodeEditor()
        self.find_box = QLineEdit()
        self.find_box.setClearButtonEnabled(True)
        self.find_status = QLabel()
        self.find_status.setStyleSheet("color: gray")
        close = QToolButton()
        close.setText("×")
        close.clicked.connect(self.hide_find)
        self.find_bar = QWidget()
        bar = QHBoxLayout(self.find_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.find_label = QLabel()
        bar.addWidget(self.find_label)
        bar.addWidget(self.find_box, 1)
        bar.addWidget(self.find_status)
        bar.addWidget(close)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self.editor.find_requested.connect(self.show_find)
        self.find_box.returnPressed.connect(lambda: self.find_next())
        self.find_box.textChanged.connect(lambda _t: self.find_next(from_start=True))
        QShortcut(QKeySequence(Qt.SHIFT | Qt.Key_Return), self.find_box, lambda: self.find_next(backward=True))
        QShortcut(QKeySequence(Qt.Key_Escape), self.find_box, self.hide_find)
        self.retranslate()

    def retranslate(self) -> None:
        self.find_label.setText(self.tr("Find:"))
        self.find_box.setPlaceholderText(self.tr("text in the code"))

    def show_find(self) -> None:
        self.find_bar.show()
        selected = self.editor.textCursor().selectedText()
        if selected:
            self.find_box.setText(selected)
        self.find_box.setFocus()
        self.find_box.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.editor.setFocus()

    def find_next(self, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next (or previous) occurrence, wrapping around; False when there is none."""
        text = self.find_box.text()
        if not text:
            self.find_status.clear()
            return False
        editor = self.editor
        if from_start:
            cursor = editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            editor.setTextCursor(cursor)
        find = (lambda: editor.find(text, QTextDocument.FindBackward)) if backward else (lambda: editor.find(text))
        found = find()
        if not found:  # wrap around
            editor.moveCursor(QTextCursor.End if backward else QTextCursor.Start)
            found = find()
        self.find_status.setText("" if found else self.tr("not found"))
        return found
