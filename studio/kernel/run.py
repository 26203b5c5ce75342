"""One job in a kernel process, relayed into the app's context.

`KernelRun.run()` blocks (the window calls it on a worker thread, the CLI on its main thread)
while it reads the kernel's batches into `ctx`, and watches the kernel about 40 times a second:
- Stop, in three steps: the cooperative flag at once (`ctx.check()` raises), an interrupt
  (KeyboardInterrupt) after 1 s, and after 2 s more the kernel and its processes are killed;
- the memory cap: a kernel whose resident memory passes it is killed, the run `out_of_memory`;
- a timeout (practice attempts), which stops the job by the same three steps.
A kernel that dies by itself ends the run `crashed` (a segfault, an abort) or `out_of_memory`
(the system's out-of-memory killer), with the exit and the last lines of its stderr.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from studio.core.context import Context
from studio.core.units import MiB, size
from studio.kernel.process import KernelError, KernelProcess
from studio.kernel.protocol import Job, apply

INTERRUPT_AFTER_S = 1.0  # Stop step 2
KILL_AFTER_S = 3.0  # Stop step 3 (2 s after the interrupt)
POLL_S = 0.025
TREE_EVERY_S = 1.0  # how often the kernel's own child processes are listed (for cleanup)
DEFAULT_LIMIT_SHARE = 0.9  # of the RAM available when the run starts



@dataclass
class RunEnd:
    status: str  # done | cancelled | failed | out_of_memory | crashed | timeout
    value: Any = None  # the job's return value
    error: str = ""  # a traceback, or the one-line reason
    seconds: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)


def default_memory_limit(available: int, share: float = DEFAULT_LIMIT_SHARE) -> int:
    return int(available * share)


def parse_size(text: str) -> int:
    """'500M', '2G', '1.5GB', '800000' -> bytes (binary units); ValueError when malformed."""
    raw = str(text).strip().upper().removesuffix("B").removesuffix("I")
    units = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    scale = units.get(raw[-1:], 1)
    number = raw[:-1] if raw[-1:] in units else raw
    value = float(number)  # ValueError for junk
    if not (value > 0) or value == float("inf"):
        raise ValueError(f"not a positive size: {text!r}")
    return int(value * scale)


class KernelRun:
    def __init__(self, job: Job, ctx: Context, *, kernels: Callable[[], KernelProcess] | None = None,
                 memory_limit: int | None = None, timeout: float | None = None,
                 on_kernel: Callable[[int], None] | None = None,
                 on_tick: Callable[[], None] | None = None, tick_every: float = 5.0):
        import psutil

        self.job = job
        self.ctx = ctx
        self._kernels = kernels or (lambda: KernelProcess().start())
        self.available = psutil.virtual_memory().available
        self.memory_limit = memory_limit or default_memory_limit(self.available)
        self.timeout = timeout
        self.on_kernel = on_kernel
        self.on_tick, self.tick_every = on_tick, tick_every
        self.kernel: KernelProcess | None = None
        self.peak_rss = 0
        self._lock = threading.Lock()
        self._stop_at: float | None = None
        self._stop_why = ""  # "stop" or "timeout"
        self._steps: list[str] = []  # the Stop steps taken
        self._kill_now = False
        self._killed = ""  # "stop", "memory" or "kill": why the app killed the kernel
        self._tree: list = []
        self._proc = None  # psutil.Process of the kernel, for its memory

    # -- from any thread ------------------------------------------------------------------------
    def request_stop(self) -> None:
        """Stop the job by the three steps (thread-safe; a second call changes nothing)."""
        with self._lock:
            if self._stop_at is None:
                self._stop_at, self._stop_why = time.monotonic(), "stop"

    def kill(self) -> None:
        """End the kernel now, without the steps (the window is closing)."""
        self._kill_now = True

    @property
    def stopping(self) -> bool:
        return self._stop_at is not None

    @property
    def steps(self) -> list[str]:
        """The Stop steps taken so far: stop, interrupt, kill."""
        return list(self._steps)

    # -- the relay ---------------------------------------------------------------------------------
    def run(self) -> RunEnd:
        started = time.monotonic()
        try:
            kernel = self.kernel = self._kernels()
        except KernelError as exc:
            return RunEnd("failed", error=f"Error: the lesson's kernel process could not start: {exc}")
        if self.on_kernel is not None:
            self.on_kernel(kernel.pid)
        self.job.path = list(sys.path)  # modules the app can import (tests' lessons too)
        end = None
        try:
            kernel.send(("run", self.job))
        except KernelError:
            pass  # it died already: classified below
        next_tick = next_tree = started
        while True:
            if kernel.poll(POLL_S):
                try:
                    kind, payload = kernel.recv()
                except EOFError:
                    break
                if kind == "batch":
                    apply(payload, self.ctx)
                elif kind == "end":
                    end = payload
                    break
            now = time.monotonic()
            if self._watch(kernel, now, started):
                break
            if now >= next_tree:
                self._tree = kernel.descendants() or self._tree
                next_tree = now + TREE_EVERY_S
            if self.on_tick is not None and now >= next_tick and now > started:
                next_tick = now + self.tick_every
                self.on_tick()
            if not kernel.alive and not kernel.poll(0):
                break
        if end is not None and not kernel.wait(KILL_AFTER_S):
            self._steps.append("kill after the end")
        elif end is None and not self._killed:
            kernel.wait(1.0)  # the connection ended: let a crashing kernel finish dying (its exit status)
        kernel.kill(also=self._tree)  # no-op for a kernel that ended and left nothing behind
        return self._ending(kernel, end, time.monotonic() - started)

    def _watch(self, kernel: KernelProcess, now: float, started: float) -> bool:
        """Stop steps, timeout, memory cap; True when the kernel was killed."""
        if self._kill_now:
            self._killed = "kill"
            kernel.kill(also=self._tree)
            return True
        if self.timeout is not None and now - started > self.timeout:
            with self._lock:
                if self._stop_at is None:
                    self._stop_at, self._stop_why = now, "timeout"
        if self._stop_at is not None:
            waited = now - self._stop_at
            with contextlib.suppress(KernelError):
                if not self._steps:
                    self._steps.append("stop")
                    kernel.send(("stop",))
                if waited >= INTERRUPT_AFTER_S and len(self._steps) == 1:
                    self._steps.append("interrupt")
                    kernel.send(("interrupt",))
            if waited >= KILL_AFTER_S:
                self._steps.append("kill")
                self._killed = "stop"
                kernel.kill(also=self._tree)
                return True
        rss = self._rss(kernel)
        if rss > self.memory_limit:
            self._killed = "memory"
            kernel.kill(also=self._tree)
            return True
        return False

    def _rss(self, kernel: KernelProcess) -> int:
        import psutil

        try:
            if self._proc is None:
                self._proc = psutil.Process(kernel.pid)
            rss = self._proc.memory_info().rss
        except psutil.Error:
            return 0
        self.peak_rss = max(self.peak_rss, rss)
        return rss

    # -- how it ended ----------------------------------------------------------------------------
    def _ending(self, kernel: KernelProcess, end, seconds: float) -> RunEnd:
        detail: dict[str, Any] = {"memory_limit_mb": round(self.memory_limit / MiB, 1),
                                  "available_mb": round(self.available / MiB, 1)}
        if self._steps:
            detail["stop_steps"] = list(self._steps)
        peak = self.peak_rss / MiB
        if end is not None:
            peak = max(peak, end.usage.get("peak_rss_mb", 0.0))
            detail["cpu_s"] = round(end.usage.get("cpu_s", 0.0), 3)
        detail["peak_rss_mb"] = round(peak, 1)
        stopped = "timeout" if self._stop_why == "timeout" else "cancelled"
        if self._killed == "memory":
            return RunEnd("out_of_memory", error=self.memory_message(peak), seconds=seconds, detail=detail)
        if self._killed in ("stop", "kill"):
            self.ctx.log("Stopped.")  # the job could not say it: its kernel was killed
            return RunEnd(stopped, seconds=seconds, detail=detail)
        if end is not None:
            status = stopped if end.status == "cancelled" and self._stop_why else end.status
            error = self.memory_message(peak, failed=True) if status == "out_of_memory" else end.error
            value = end.value
            return RunEnd(status, value, error, end.seconds, detail)
        # the kernel died by itself
        exit_text = kernel.exit_text()
        detail["exit"] = exit_text
        tail = kernel.stderr_tail()
        if tail:
            detail["stderr"] = tail
        if exit_text == "signal SIGKILL" and self._memory_was_short(peak):  # the OOM killer
            return RunEnd("out_of_memory", error=self.memory_message(peak, by_system=True),
                          seconds=seconds, detail=detail)
        return RunEnd("crashed", error=f"The lesson's process crashed ({exit_text}).", seconds=seconds,
                      detail=detail)

    def _memory_was_short(self, peak_mb: float) -> bool:
        import psutil

        vm = psutil.virtual_memory()
        return vm.available < 0.1 * vm.total or peak_mb * MiB > 0.8 * self.available

    def memory_message(self, peak_mb: float, by_system: bool = False, failed: bool = False) -> str:
        """One line: how much memory the run reached against its limit and what was available."""
        limit, avail = self.memory_limit / MiB, self.available / MiB
        if failed:  # MemoryError: the allocation was refused before the limit was reached
            return (f"Out of memory: an allocation failed at {_mb(peak_mb)} (limit {_mb(limit)}, "
                    f"{_mb(avail)} available when the run started).")
        if by_system:
            return (f"Out of memory: the system ended the run at {_mb(peak_mb)} "
                    f"({_mb(avail)} were available when it started).")
        return (f"Out of memory: the run reached {_mb(peak_mb)}, over its limit of {_mb(limit)} "
                f"({_mb(avail)} were available when it started).")


def _mb(mb: float) -> str:
    return size(mb * MiB)
