"""One lesson run in a superqt worker thread, drained on the GUI thread at about 20 Hz."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from superqt.utils import create_worker

from studio.core import devices
from studio.core.context import Event, QueueContext
from studio.core.lesson import Lesson
from studio.core.runner import Outcome, run_lesson

DRAIN_MS = 50


def _run_in_worker(lesson: Lesson, ctx: QueueContext, params: dict) -> Outcome:
    """Runs on the worker thread: resolve the device (may import torch), then the lesson."""
    choice = ctx.device
    try:
        ctx.device = devices.resolve(choice, lesson.devices)
    except devices.DeviceError as exc:
        ctx.log(f"Error: {exc}")
        return Outcome(lesson.id, "failed", choice, params, error=str(exc))
    if lesson.uses_torch:
        import torch

        torch.set_num_threads(devices.torch_threads_for_app())
    return run_lesson(lesson, ctx, params)


class LessonRun(QObject):
    """Starts the worker, relays the lesson's events as signals, and reports the end.

    The worker never touches widgets: it fills `ctx` (queue + scalar buffers); the drain
    timer here hands events to the views in batches, and views read the buffers on it.
    """

    events = Signal(list)  # list[Event], in order
    tick = Signal()  # after each drain: views refresh curves from ctx.scalars
    finished = Signal(object)  # Outcome

    def __init__(self, lesson: Lesson, params: dict, device: str, parent=None):
        """`device` is the learner's choice: auto, cpu or cuda (resolved in the worker)."""
        super().__init__(parent)
        self.lesson = lesson
        self.params = params
        self.ctx = QueueContext(device, params)
        self.outcome: Outcome | None = None
        self.history_id: int | None = None  # the run's row in the history, once recorded
        self.hardware_summary: dict | None = None  # peak RAM, mean CPU... (hardware panel)
        self.started_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self._drain)
        self._worker = None

    def start(self) -> None:
        self.started_at = time.perf_counter()
        self._worker = create_worker(
            _run_in_worker, self.lesson, self.ctx, self.params, _start_thread=False
        )
        self._worker.returned.connect(self._on_returned)
        self._worker.errored.connect(self._on_errored)
        self._timer.start()
        self._worker.start()

    @property
    def running(self) -> bool:
        return self._worker is not None and self.outcome is None

    def stop(self) -> None:
        """Ask the lesson to stop at its next step (it calls ctx.check())."""
        self.ctx.request_stop()

    def wait(self, msecs: int = 5000) -> bool:
        """Block until the worker ends (used on close); True when it did."""
        deadline = time.perf_counter() + msecs / 1000
        while self._worker is not None and self._worker.is_running:
            if time.perf_counter() > deadline:
                return False
            time.sleep(0.01)
        return True

    def _drain(self) -> None:
        batch: list[Event] = self.ctx.drain()
        if batch:
            self.events.emit(batch)
        self.tick.emit()

    def _on_returned(self, outcome: Outcome) -> None:
        self._finish(outcome)

    def _on_errored(self, exc: Exception) -> None:  # run_lesson never raises; belt and braces
        self._finish(Outcome(self.lesson.id, "failed", self.ctx.device, self.params, error=repr(exc)))

    def _finish(self, outcome: Outcome) -> None:
        self._timer.stop()
        self._drain()
        self.outcome = outcome
        self._worker = None
        self.finished.emit(outcome)
