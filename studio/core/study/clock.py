"""Study time without effort: what is open, while the window is active and the learner is there.

The window tells the clock what item is in front (`focus`), whether it is active, when the
learner last touched it (`touched`), and which items have a lesson running; a timer calls
`tick()`. A tick counts the time since the last one for the item in front if the window is
active and the learner touched it within the last 5 minutes, and for every item whose lesson
runs (idle or not). Spans go to the StudyLog every minute and at `flush()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

IDLE_AFTER_S = 300.0
MAX_TICK_S = 60.0  # a longer gap (the PC slept) counts as nothing
FLUSH_EVERY_S = 60.0


class StudyClock:
    def __init__(self, log, now: Callable[[], float] = time.time):
        self.log = log
        self.now = now
        self.item: str | None = None
        self.active = False
        self.running: set[str] = set()
        self._touched = self._last = self._flushed = now()
        self._pending: dict[str, float] = {}

    def focus(self, item_id: str | None) -> None:
        self.tick()
        self.item = item_id

    def set_active(self, active: bool) -> None:
        self.tick()
        self.active = active
        if active:
            self.touched()

    def touched(self) -> None:
        self._touched = self.now()

    def run_started(self, item_id: str | None) -> None:
        if item_id:
            self.tick()
            self.running.add(item_id)

    def run_ended(self, item_id: str | None) -> None:
        self.tick()
        self.running.discard(item_id)

    def tick(self) -> None:
        now = self.now()
        dt, self._last = now - self._last, now
        if 0 < dt <= MAX_TICK_S:
            present = self.active and now - self._touched <= IDLE_AFTER_S
            counted = set(self.running) | ({self.item} if present and self.item else set())
            for item_id in counted:
                self._pending[item_id] = self._pending.get(item_id, 0.0) + dt
        if now - self._flushed >= FLUSH_EVERY_S:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, {}
        self._flushed = self.now()
        self.log.add_many((item_id, seconds, self._flushed) for item_id, seconds in pending.items())

    def pending(self, item_id: str) -> float:
        """Seconds counted for `item_id` and not yet written."""
        return self._pending.get(item_id, 0.0)
