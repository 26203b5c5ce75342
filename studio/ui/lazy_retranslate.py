"""Views that retranslate on a language change, or when next shown if hidden then."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class LazyRetranslate:
    """Mix into a QWidget that defines `retranslate()`; list it before QWidget."""

    _stale = False

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:  # a hidden view catches up when shown
            if self.isVisible():
                self.retranslate()
            else:
                self._stale = True
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.retranslate()
        super().showEvent(event)
