"""The hardware panel's small painted widgets: a line of text, a bar, a named meter, core bars.

Each repaints only itself, and only when what it shows changed: the panel sets them every
tick, mostly to the same values.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from studio.ui import palette

AMBER_AT, RED_AT = 80.0, 90.0  # percent of RAM (or of a limit)
NAME_WIDTH = 54
BAR_HEIGHT = 16


def level_color(percent: float, ok: str) -> str:
    """The bar colour for a fill level: `ok`, amber over 80 %, red over 90 %."""
    if percent > RED_AT:
        return palette.RED
    if percent > AMBER_AT:
        return palette.AMBER
    return ok


def dim(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


class InfoLine(QWidget):
    """One line of text that changes every tick, elided to the width.

    A QLabel asks its layout to recompute on every setText (the whole dock relayouts
    each second); this keeps one fixed height and only repaints itself.
    """

    def __init__(self, dim: bool = True, bold: bool = False,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, parent=None):
        super().__init__(parent)
        self._text = ""
        self.align = align | Qt.AlignmentFlag.AlignVCenter
        self.dim = dim
        font = QFont(self.font())
        if dim:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        font.setBold(bold)
        self.setFont(font)
        self.setFixedHeight(self.fontMetrics().height() + 2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setToolTip(self, text: str) -> None:
        if text != self.toolTip():
            super().setToolTip(text)

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._text) + 2, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(10, self.height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        role = QPalette.ColorRole.PlaceholderText if self.dim else QPalette.ColorRole.WindowText
        p.setPen(self.palette().color(role))
        text = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        p.drawText(self.rect(), self.align, text)
        p.end()


class Bar(QWidget):
    """A slim painted bar with its figures written on it (cheaper than a styled QProgressBar)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.percent: float | None = None
        self.text = ""
        self.color = QColor(palette.RAM)
        self.setFixedHeight(BAR_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPixelSize(11)
        self.setFont(font)

    def set(self, percent: float | None, text: str, color: str) -> None:
        if percent is not None:
            percent = round(percent * 4) / 4  # finer than a pixel is not worth a repaint
        if (percent, text, color) != (self.percent, self.text, self.color.name()):
            self.percent, self.text, self.color = percent, text, QColor(color)
            self.update()  # repaint only when something changed

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(frame, 3, 3)
        if self.percent is not None and self.percent > 0:
            fill = frame.adjusted(1.5, 1.5, -1.5, -1.5)
            fill.setWidth(fill.width() * min(self.percent, 100.0) / 100.0)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.color)
            p.drawRoundedRect(fill, 2, 2)
        p.setPen(pal.color(QPalette.ColorRole.Text) if self.isEnabled()
                 else pal.color(QPalette.ColorRole.PlaceholderText))
        p.drawText(frame, Qt.AlignmentFlag.AlignCenter, self.text)
        p.end()


class Meter(QWidget):
    """A name and a bar with its figures; colours by fill level (amber > 80 %, red > 90 %)."""

    def __init__(self, name: str, color: str, thresholds: bool = True, parent=None):
        super().__init__(parent)
        self.color = color
        self.thresholds = thresholds
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.name = QLabel(name)
        self.name.setFixedWidth(NAME_WIDTH)
        self.bar = Bar()
        layout.addWidget(self.name)
        layout.addWidget(self.bar, 1)

    def set(self, percent: float | None, text: str, tooltip: str = "") -> None:
        """Fill to `percent` (None: not available) and write `text` on the bar."""
        color = self.color
        if percent is not None and self.thresholds:
            color = level_color(percent, self.color)
        self.bar.set(None if percent is None else max(percent, 0.0), text, color)
        if tooltip != self.bar.toolTip():
            self.bar.setToolTip(tooltip)
            self.name.setToolTip(tooltip)


class CoreBars(QWidget):
    """One vertical bar per logical core, wrapping into rows when there are many."""

    MIN_W, MAX_W, GAP, ROW_H = 5, 40, 2, 30

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values: tuple[float, ...] = ()
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_values(self, values) -> None:
        values = tuple(round(v) for v in values)
        if values == self.values:
            return
        grew = len(values) != len(self.values)
        self.values = values
        if grew:
            self.updateGeometry()
        self.update()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # written when asked, not every tick
            self.setToolTip("\n".join(self.tr("core %1: %2%").replace("%1", str(i)).replace("%2", f"{v:.0f}")
                                      for i, v in enumerate(self.values)))
        return super().event(event)

    def _per_row(self, width: int) -> int:
        return max(1, (width + self.GAP) // (self.MIN_W + self.GAP))

    def _rows(self, width: int) -> int:
        return max(1, math.ceil(len(self.values) / self._per_row(width)))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = self._rows(width)
        row_h = self.ROW_H if rows == 1 else max(12, 2 * self.ROW_H // rows)
        return rows * row_h + (rows - 1) * self.GAP

    def sizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(300))

    def paintEvent(self, event) -> None:
        n = len(self.values)
        if not n:
            return
        width, height = self.width(), self.height()
        rows = self._rows(width)
        per_row = math.ceil(n / rows)
        bar_w = min(self.MAX_W, (width - (per_row - 1) * self.GAP) / per_row)
        row_h = (height - (rows - 1) * self.GAP) / rows
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        track = self.palette().color(QPalette.ColorRole.Mid)
        track.setAlpha(70)
        fill = QColor(palette.CPU)
        text_pen = self.palette().color(QPalette.ColorRole.WindowText)
        font = QFont(self.font())
        font.setPixelSize(9)
        p.setFont(font)
        for i, value in enumerate(self.values):
            row, col = divmod(i, per_row)
            x = col * (bar_w + self.GAP)
            y = row * (row_h + self.GAP)
            p.setBrush(track)
            p.drawRoundedRect(QRectF(x, y, bar_w, row_h), 2, 2)
            h = row_h * min(max(value, 0.0), 100.0) / 100.0
            if h > 0.5:
                p.setBrush(fill)
                p.drawRoundedRect(QRectF(x, y + row_h - h, bar_w, h), 2, 2)
            if bar_w >= 22 and row_h >= 20:  # room to write the number in the bar
                p.setPen(text_pen)
                p.drawText(QRectF(x, y + 1, bar_w, 12), Qt.AlignmentFlag.AlignHCenter, f"{value:.0f}")
                p.setPen(Qt.PenStyle.NoPen)
        p.end()
