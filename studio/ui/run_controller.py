"""A kernel job in the window, a lesson run or a practice attempt: its kernel relayed by a
superqt worker thread, drained on the GUI thread at about 20 Hz.

The job's life (record, checkpoints, Stop, memory cap, finish) is its coordinator's, the same as
the CLI's: a lesson's RunCoordinator or a practice AttemptCoordinator (begin, relay, finish,
stop, interrupt, run_id, kernel_run, ctx, failed). This adds what only a window has: the drain
timer that hands events and curves to the views in batches, the hardware panel's band and
summary, and Qt signals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from superqt.utils import create_worker

from studio.core.context import Event, QueueContext
from studio.core.history import RunStore
from studio.core.lesson import Lesson, Text
from studio.core.text import pick
from studio.kernel.coordinator import RunCoordinator, lesson_usage
from studio.kernel.pool import KernelPool

DRAIN_MS = 50


@dataclass
class RunServices:
    """What a run needs from the window: given once to every lesson view."""

    store: RunStore | None = None
    pool: KernelPool | None = None  # spare kernels; None: a fresh kernel per run
    memory_limit: Callable[[], int | None] = lambda: None  # bytes; None: 90% of the available RAM
    hardware: object | None = None  # the hardware panel: begin_run, track_kernel, end_run
    attempts: object | None = None  # practice attempts (studio.practice.store.AttemptStore)

    def kernels(self):
        """Where a job's kernel comes from: the spare (None: a fresh kernel per job)."""
        return self.pool.take if self.pool is not None else None


class JobRun(QObject):
    """Starts a coordinator's relay on a worker, relays the job's events as signals, and
    reports the end. The worker never touches widgets: it fills `ctx` (queue + scalar
    buffers); the drain timer hands events to the views in batches. Subclasses make the
    coordinator (`_coordinator`)."""

    events = Signal(list)  # list[Event], in order
    tick = Signal()  # after each drain: views refresh curves from ctx.scalars
    finished = Signal(object)  # the coordinator's result (Outcome, Report), after it is recorded
    kernel_started = Signal(int)  # the kernel's pid (from the worker thread)

    def __init__(self, title: Text, ctx: QueueContext, parent=None, services: RunServices | None = None):
        super().__init__(parent)
        self.title = title  # for the hardware panel's band
        self.services = services or RunServices()
        self.ctx = ctx
        self.coordinator = self._coordinator()
        self.outcome = None
        self.hardware_summary: dict | None = None  # peak RAM, mean CPU... (hardware panel)
        self.started_at = 0.0
        self.kernel_pid: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self._drain)
        self.kernel_started.connect(self._on_kernel)
        self._worker = None

    @property
    def history_id(self) -> int | None:
        """The run's row in the history, once recorded."""
        return self.coordinator.run_id

    def start(self) -> None:
        self.started_at = time.perf_counter()
        self.coordinator.begin()
        if self.services.hardware is not None:
            self.services.hardware.begin_run(pick(self.title))
        self._worker = create_worker(self.coordinator.relay, _start_thread=False)
        self._worker.returned.connect(self._finish)
        self._worker.errored.connect(self._on_errored)
        self._timer.start()
        self._worker.start()

    def age(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started_at

    @property
    def running(self) -> bool:
        return self._worker is not None and self.outcome is None

    @property
    def stopping(self) -> bool:
        return self.coordinator.kernel_run.stopping

    @property
    def stop_steps(self) -> list[str]:
        """The Stop steps taken so far: stop, interrupt, kill."""
        return self.coordinator.kernel_run.steps

    def stop(self) -> None:
        """Stop by the three steps: the flag, an interrupt after 1 s, the kill 2 s later."""
        self.ctx.request_stop()
        self.coordinator.stop()

    def interrupt(self, reason: str) -> None:
        """End the kernel now and record the run `interrupted` (the window closes)."""
        self.coordinator.interrupt(reason)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until the worker ends (used on close); True when it did."""
        deadline = time.perf_counter() + msecs / 1000
        while self._worker is not None and self._worker.is_running:
            if time.perf_counter() > deadline:
                return False
            time.sleep(0.01)
        return True

    def _on_kernel(self, pid: int) -> None:
        self.kernel_pid = pid
        if self.services.hardware is not None:
            self.services.hardware.track_kernel(pid)

    def _drain(self) -> None:
        batch: list[Event] = self.ctx.drain()
        if batch:
            self.events.emit(batch)
        self.tick.emit()

    def _on_errored(self, exc: Exception) -> None:  # the relay never raises; belt and braces
        self._finish(self.coordinator.failed(repr(exc)))

    def _finish(self, outcome) -> None:
        self._timer.stop()
        self._drain()
        self._worker = None
        if self.services.hardware is not None:
            self.hardware_summary = self.services.hardware.end_run(lesson_usage(outcome))
            if self.kernel_pid is not None:
                self.services.hardware.untrack_kernel(self.kernel_pid)
        self.coordinator.finish(outcome, self.hardware_summary)
        self.outcome = outcome
        self.finished.emit(outcome)


class LessonRun(JobRun):
    """One lesson run: its RunCoordinator, recorded in the run history."""

    def __init__(self, lesson: Lesson, params: dict, device: str, parent=None,
                 services: RunServices | None = None):
        """`device` is the learner's choice: auto, cpu or cuda (resolved in the kernel)."""
        self.lesson, self.params, self.device = lesson, params, device
        super().__init__(lesson.title, QueueContext(device, params), parent, services)

    def _coordinator(self) -> RunCoordinator:
        return RunCoordinator(self.lesson, self.params, self.device, self.ctx, store=self.services.store,
                              kernels=self.services.kernels(), memory_limit=self.services.memory_limit(),
                              on_kernel=self.kernel_started.emit)
