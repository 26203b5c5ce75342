"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, a collection can start in whichever thread allocates: a lesson's worker.
There it may destroy Qt objects that belong to the GUI thread (a closed view caught in a
reference cycle), and PySide's destructor then waits for the GIL the collecting thread
holds: a deadlock, seen here in the warm-up thread. Full passes in a worker also stalled
the GUI 125-180 ms (DESIGN). So automatic collection is switched off and a GUI-thread
timer runs it when the allocation counts pass the usual thresholds (the recipe Qt
applications use). Explicit `gc.collect()` calls (the efficiency.gc lesson) still work.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiGarbageCollector(QObject):
    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def install(app) -> GuiGarbageCollector:
    """Once per QApplication."""
    existing = app.findChild(GuiGarbageCollector)
    return existing or GuiGarbageCollector(app)
