"""The roadmap's pieces: the tree with its status keys, the delegate that draws a row's verdict
dot and hardware badge, and the thin done/skipped progress strip."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QTreeView, QWidget

from studio.ui.plan_model import BADGE_COLOR, BADGE_ROLE, DONE_COLOR, SKIPPED_COLOR, VERDICT_ROLE
from studio.ui.verdict_badge import COLOURS as VERDICT_COLOURS


class ProgressStrip(QWidget):
    """A thin bar: the done share in green, then the skipped share in grey (by hours)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.done = 0.0
        self.skipped = 0.0
        self.setMinimumWidth(60)

    def set_fractions(self, done: float, skipped: float) -> None:
        self.done, self.skipped = max(0.0, min(1.0, done)), max(0.0, min(1.0 - done, skipped))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 10)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        r = self.rect().adjusted(0, 1, -1, -1)
        p.setPen(Qt.NoPen)
        p.setBrush(self.palette().color(QPalette.Midlight))
        p.drawRoundedRect(r, 3, 3)
        done_w = round(r.width() * self.done)
        skip_w = round(r.width() * self.skipped)
        p.setClipRect(r)
        if done_w:
            p.setBrush(DONE_COLOR)
            p.drawRoundedRect(QRect(r.left(), r.top(), done_w, r.height()), 3, 3)
        if skip_w:
            p.setBrush(SKIPPED_COLOR)
            p.drawRect(QRect(r.left() + done_w, r.top(), skip_w, r.height()))
        p.end()


class BadgeDelegate(QStyledItemDelegate):
    """Column 1: the row's text, with a hardware badge (GPU) drawn before it."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        level = index.data(VERDICT_ROLE)
        if level in VERDICT_COLOURS:
            painter.save()
            painter.setRenderHint(QPainter.Antialiasing)
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(VERDICT_COLOURS[level][1]))
            d = 8
            painter.drawEllipse(QRect(option.rect.left() + 4, option.rect.center().y() - d // 2, d, d))
            painter.restore()
        badge = index.data(BADGE_ROLE)
        if not badge:
            return
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        w = metrics.horizontalAdvance(badge) + 8
        h = metrics.height() + 2
        rect = QRect(option.rect.left() + 2, option.rect.center().y() - h // 2, w, h)
        painter.setPen(Qt.NoPen)
        painter.setBrush(BADGE_COLOR)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignCenter, badge)
        painter.restore()


class RoadmapTree(QTreeView):
    """The tree, with the status keys: Space toggles done, L learning, S skipped, T todo."""

    status_key = Signal(str, str)  # item id, status ("toggle" for Space)
    open_key = Signal(str)  # item id (Enter)

    KEYS = {Qt.Key_Space: "toggle", Qt.Key_L: "learning", Qt.Key_S: "skipped", Qt.Key_T: "todo",
            Qt.Key_D: "done"}

    def keyPressEvent(self, event) -> None:
        kind, item = self.model().node(self.currentIndex())
        action = self.KEYS.get(event.key())
        if kind == "item" and action and not (event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            self.status_key.emit(item.id, action)
            event.accept()
            return
        if kind == "item" and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.open_key.emit(item.id)
            event.accept()
            return
        super().keyPressEvent(event)
