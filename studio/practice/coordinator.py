"""One practice attempt's life, the same for the window and `studio practice check`: the same
interface as a lesson run's RunCoordinator (begin, relay, finish, stop, interrupt, run_id,
kernel_run, ctx), so the window's run controller drives both.

    begin()      record the attempt (`running`) with its code
    relay()      run it in a kernel under the exercise's time limit and the memory cap
                 (blocking: the window's worker thread, the CLI's main thread) -> Report
    finish()     record how it ended
    interrupt()  end the kernel now, record the attempt `interrupted`
"""

from __future__ import annotations

from collections.abc import Callable

from studio.core.context import Context
from studio.core.text import language
from studio.kernel.process import KernelProcess
from studio.kernel.protocol import Job
from studio.kernel.run import KernelRun, RunEnd
from studio.practice.attempt import EDITOR_FILE
from studio.practice.exercise import Exercise
from studio.practice.report import Report
from studio.practice.store import AttemptStore


class AttemptCoordinator:
    def __init__(self, exercise: Exercise, code: str, ctx: Context, *, store: AttemptStore | None = None,
                 kernels: Callable[[], KernelProcess] | None = None, memory_limit: int | None = None,
                 timeout: float | None = None, on_kernel: Callable[[int], None] | None = None,
                 source: str = "window", filename: str = EDITOR_FILE):
        self.exercise, self.code, self.ctx, self.store, self.source = exercise, code, ctx, store, source
        self.run_id: int | None = None
        self.timeout = timeout or exercise.timeout
        job = Job("studio.practice.attempt:run_attempt",
                  {"exercise_id": exercise.id, "code": code, "filename": filename}, lang=language())
        self.kernel_run = KernelRun(job, ctx, kernels=kernels, memory_limit=memory_limit, timeout=self.timeout,
                                    on_kernel=on_kernel)
        self.report: Report | None = None

    def begin(self) -> int | None:
        if self.store is not None:
            self.run_id = self.store.start(self.exercise.id, self.code, self.source)
        return self.run_id

    def relay(self) -> Report:
        self.report = self.ending(self.kernel_run.run())
        return self.report

    def finish(self, report: Report, hardware: dict | None = None) -> None:
        if self.store is not None and self.run_id is not None:
            self.store.finish(self.run_id, report)

    def interrupt(self, reason: str) -> None:
        self.kernel_run.kill()
        if self.store is not None and self.run_id is not None:
            self.store.interrupt(self.run_id, reason)

    def stop(self) -> None:
        self.kernel_run.request_stop()

    def failed(self, error: str) -> Report:
        """The report of an attempt whose relay itself broke (never expected)."""
        return Report(self.exercise.id, "check_error", error=error)

    def run(self) -> Report:
        """begin, relay and finish in one (the CLI)."""
        self.begin()
        try:
            report = self.relay()
        except BaseException:
            self.interrupt("the attempt's relay stopped with an error")
            raise
        self.finish(report)
        return report

    def ending(self, end: RunEnd) -> Report:
        """The kernel's ending as the attempt's report: the job's own report when it finished;
        otherwise timeout, stopped, or an error that says why (out of memory, a crash)."""
        if end.status == "done" and isinstance(end.value, Report):
            report = end.value
        else:
            output = "\n".join(self.ctx.output)
            status = {"timeout": "timeout", "cancelled": "stopped", "out_of_memory": "error",
                      "crashed": "error"}.get(end.status, "check_error")
            error = end.error
            if end.status == "timeout":
                error = f"Stopped: the code ran longer than the time limit of {self.timeout:g} s."
            elif end.status == "crashed" and end.detail.get("stderr"):
                error = f"{end.error}\n{end.detail['stderr']}"
            report = Report(self.exercise.id, status, error=error, output=output, seconds=end.seconds)
        report.detail = {**end.detail, "ending": end.status, "timeout_s": self.timeout, **report.detail}
        return report
