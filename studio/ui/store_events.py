"""Store events (psygnal, emitted on whichever thread changed the store) delivered to a widget
on the GUI thread: at once when emitted there, through Qt's queued connection from any other."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread, as a child of the widget it serves (and dies with it)."""

    fired = Signal(object)  # the event's arguments, as a tuple

    def __init__(self, slot: Callable, owner: QObject):
        super().__init__(owner)
        self._slot = slot
        self.fired.connect(self._deliver)  # auto: direct on the GUI thread, queued from another

    @Slot(object)
    def _deliver(self, args: tuple) -> None:
        self._slot(*args)


def on_gui_thread(event, slot: Callable, owner: QObject) -> Callable[[], None]:
    """Call `slot(*args)` on the GUI thread for each emission of the psygnal `event`, while
    `owner` lives. Returns the function that ends the subscription."""
    relay = _Relay(slot, owner)

    def forward(*args) -> None:
        if shiboken6.isValid(relay):
            relay.fired.emit(args)

    def unsubscribe(*_) -> None:
        event.disconnect(forward)
        if shiboken6.isValid(relay):
            relay.deleteLater()

    event.connect(forward)
    relay.destroyed.connect(lambda *_: event.disconnect(forward))
    return unsubscribe
