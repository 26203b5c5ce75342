"""A page whose content is made after the window has painted: on the event loop's next turn
once the page is first shown, or at once when code asks for it (`content()`). Lesson views
open fast this way: the code viewer, charts and tabs not looked at yet cost nothing up front."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    built = Signal(object)  # the content, once made

    def __init__(self, make: Callable[[], QWidget], parent=None):
        super().__init__(parent)
        self._make = make
        self._content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        """The content, made now if it was not yet."""
        if self._content is None:
            self._content = self._make()
            self.layout().addWidget(self._content)
            self.built.emit(self._content)
        return self._content

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._content is None:  # after this paint, not inside it
            QTimer.singleShot(0, self, lambda: shiboken6.isValid(self) and self.content())
