"""A lesson run's whole life, the same for the window and the CLI.

    begin()      record the run (`running`) in the history
    relay()      run it in a kernel (blocking: the window's worker thread, the CLI's main
                 thread), saving its curves and output every few seconds, so an app that is
                 killed keeps them for the next start to find `interrupted`
    finish()     record how it ended; a run already marked `interrupted` (the window closed
                 mid-run) stays so: the store only finishes runs still `running`
    interrupt()  end the kernel now and record the run `interrupted`
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from studio.core.context import Context
from studio.core.history import RunStore
from studio.core.lesson import Lesson
from studio.core.runner import Outcome
from studio.core.text import language
from studio.kernel.process import KernelProcess
from studio.kernel.protocol import Job
from studio.kernel.run import KernelRun, RunEnd

CHECKPOINT_EVERY_S = 5.0


class RunCoordinator:
    def __init__(self, lesson: Lesson, params: dict[str, Any], device: str, ctx: Context, *,
                 store: RunStore | None = None, kernels: Callable[[], KernelProcess] | None = None,
                 memory_limit: int | None = None, on_kernel: Callable[[int], None] | None = None,
                 checkpoint_every: float = CHECKPOINT_EVERY_S):
        self.lesson, self.params, self.ctx, self.store = lesson, dict(params), ctx, store
        self.run_id: int | None = None
        job = Job("studio.kernel.jobs:lesson", {"module": lesson.module, "lesson_id": lesson.id, "params": self.params},
                  device=device, params=self.params, lang=language())
        self.kernel_run = KernelRun(job, ctx, kernels=kernels, memory_limit=memory_limit,
                                    on_kernel=on_kernel, on_tick=self.checkpoint, tick_every=checkpoint_every)
        self.outcome: Outcome | None = None

    def begin(self) -> int | None:
        if self.store is not None:
            self.run_id = self.store.start(self.lesson.id, self.params, self.ctx.device)
        return self.run_id

    def relay(self) -> Outcome:
        end = self.kernel_run.run()
        self.outcome = self._outcome(end)
        return self.outcome

    def checkpoint(self) -> None:
        if self.store is not None and self.run_id is not None:
            self.store.checkpoint(self.run_id, self.ctx)

    def finish(self, outcome: Outcome, hardware: dict | None = None) -> None:
        if self.store is not None and self.run_id is not None:
            self.store.finish(self.run_id, outcome, self.ctx, {**lesson_usage(outcome), **(hardware or {})})

    def interrupt(self, reason: str) -> None:
        self.kernel_run.kill()
        if self.store is not None and self.run_id is not None:
            self.store.interrupt(self.run_id, self.ctx, reason)

    def stop(self) -> None:
        self.kernel_run.request_stop()

    def failed(self, error: str) -> Outcome:
        """The outcome of a run whose relay itself broke (never expected)."""
        return Outcome(self.lesson.id, "failed", self.ctx.device, self.params, error=error)

    def run(self) -> Outcome:
        """begin, relay and finish in one (the CLI)."""
        self.begin()
        try:
            outcome = self.relay()
        except BaseException:
            self.interrupt("the run's relay stopped with an error")
            raise
        self.finish(outcome)
        return outcome

    def _outcome(self, end: RunEnd) -> Outcome:
        done = end.value if isinstance(end.value, Outcome) else None
        if done is not None and end.status == "done":
            outcome = done
            if outcome.status == "out_of_memory":  # a MemoryError inside the lesson
                outcome.error = self.kernel_run.memory_message(end.detail.get("peak_rss_mb", 0.0), failed=True)
        else:
            outcome = Outcome(self.lesson.id, end.status, self.ctx.device, self.params,
                              results=dict(self.ctx.results), seconds=end.seconds, error=end.error)
        outcome.detail = {**end.detail, **outcome.detail}
        return outcome


def lesson_usage(outcome: Outcome) -> dict[str, float]:
    """The kernel's own resources for the run's hardware summary (apart from the app's)."""
    detail = outcome.detail
    out: dict[str, float] = {}
    if "peak_rss_mb" in detail:
        out["hw_peak_lesson_rss_mb"] = detail["peak_rss_mb"]
    if detail.get("cpu_s") is not None and outcome.seconds > 0:
        out["hw_lesson_cpu_s"] = detail["cpu_s"]
        # percent of one core, as a task manager shows a process (200 = two cores busy)
        out["hw_mean_lesson_cpu_percent"] = round(100 * detail["cpu_s"] / outcome.seconds, 1)
    out["hw_cores"] = os.cpu_count() or 1
    return out
