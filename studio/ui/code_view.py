"""Read-only Python source with syntax highlighting."""

from __future__ import annotations

import keyword
import re

from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit


def _fmt(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Bold)
    f.setFontItalic(italic)
    return f


class PythonHighlighter(QSyntaxHighlighter):
    RULES = [
        (re.compile(r"\b(" + "|".join(keyword.kwlist) + r")\b"), _fmt("#0033b3", bold=True)),
        (re.compile(r"\b(print|range|len|int|float|str|list|dict|zip|enumerate|super)\b"), _fmt("#7a3e9d")),
        (re.compile(r"\b\d+(\.\d*)?([eE][-+]?\d+)?\b"), _fmt("#1750eb")),
        (re.compile(r"@\w+"), _fmt("#9e880d")),
        (re.compile(r"\bdef\s+(\w+)"), _fmt("#00627a", bold=True)),
        (re.compile(r"'[^'\\\n]*(\\.[^'\\\n]*)*'|\"[^\"\\\n]*(\\.[^\"\\\n]*)*\""), _fmt("#067d17")),
        (re.compile(r"#[^\n]*"), _fmt("#8c8c8c", italic=True)),
    ]
    TRIPLE = re.compile(r"'''|\"\"\"")
    DOC = _fmt("#067d17", italic=True)

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self.RULES:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
        # triple-quoted strings across lines: state 1 = inside one
        start = 0
        inside = self.previousBlockState() == 1
        pos = 0
        while True:
            m = self.TRIPLE.search(text, pos)
            if inside:
                end = m.end() if m else len(text)
                self.setFormat(start, end - start, self.DOC)
                if not m:
                    self.setCurrentBlockState(1)
                    return
                inside, pos = False, m.end()
            else:
                if not m:
                    self.setCurrentBlockState(0)
                    return
                inside, start, pos = True, m.start(), m.end()


class CodeView(QPlainTextEdit):
    def __init__(self, source: str = "", parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.highlighter = PythonHighlighter(self.document())
        self.setPlainText(source)
