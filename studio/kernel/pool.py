"""A spare kernel, started and warmed in the background, so Run does not wait for imports.

`take()` hands over the spare (or starts a kernel if there is none). The next spare is started
and warmed only once no kernel handed out is still running: measured on 2 cores, a spare that
imported torch beside a training lesson slowed the lesson 2-3x. `want(modules)` warms the spare
with more imports, now or once the machine is free, and every later spare too: the window asks
for torch when the learner opens a torch lesson, scikit-learn for an sklearn one.
One daemon thread does the starting and warming; it alone talks to a spare until it is taken.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable

from studio.kernel.process import KernelError, KernelProcess

BASE_WARM = ("numpy",)
LOOK_EVERY_S = 0.25  # how often the thread looks whether the running kernels have ended
RETRY_AFTER_S = 10.0  # a spare that could not start is tried again after this


class KernelPool:
    def __init__(self, threads: int | None = None, nice: int = 10, warm: Iterable[str] = BASE_WARM,
                 on_warm: Callable[[dict], None] | None = None):
        self.threads = threads
        self.nice = nice
        self.on_warm = on_warm  # called on the pool's thread with each spare's warm info
        self._wanted: list[str] = list(dict.fromkeys(warm))
        self._spare: KernelProcess | None = None
        self._warmed: set[str] = set()  # what the spare has imported
        self._handed: list[KernelProcess] = []  # kernels taken for runs, until they end
        self._cond = threading.Condition()
        self._starting = False  # the thread is starting or warming the spare now
        self._busy: KernelProcess | None = None  # ... this one
        self._replace = False
        self._closed = False
        self.error: str = ""  # why the last spare could not start
        self._failed_at = -RETRY_AFTER_S
        self._thread = threading.Thread(target=self._loop, name="kernel-pool", daemon=True)
        self._thread.start()

    def want(self, modules: Iterable[str]) -> None:
        """Warm these imports in the spare (once no run is going) and in every later one."""
        with self._cond:
            self._wanted.extend(m for m in modules if m not in self._wanted)
            self._cond.notify_all()

    def set_threads(self, threads: int) -> None:
        """Later kernels compute with `threads`; the spare is replaced."""
        with self._cond:
            if threads != self.threads:
                self.threads, self._replace = threads, True
                self._cond.notify_all()

    def take(self, timeout: float = 120.0) -> KernelProcess:
        """A started kernel for one job: the spare when there is one (a spare being started or
        warmed right now is waited for), else a fresh one."""
        with self._cond:
            self._cond.wait_for(lambda: not self._starting, timeout=timeout)
            kernel = self._spare if not self._starting else None
            if kernel is not None:
                self._spare, self._warmed = None, set()
        if kernel is None or not kernel.alive:
            kernel = KernelProcess(self.threads, self.nice).start()
        with self._cond:
            self._handed.append(kernel)
        return kernel

    @property
    def ready(self) -> bool:
        """A spare is there with every wanted import warmed (benchmarks wait for this)."""
        with self._cond:
            return (self._spare is not None and not self._starting
                    and all(m in self._warmed for m in self._wanted))

    @property
    def spare_pid(self) -> int | None:
        spare = self._spare
        return spare.pid if spare is not None else None

    def shutdown(self) -> None:
        """End the spare and the pool's thread (the window closes). A kernel being started or
        warmed is killed rather than waited for (its imports took the window 6-8 s to close)."""
        with self._cond:
            self._closed = True
            busy = self._busy
            self._cond.notify_all()
        if busy is not None and busy.proc is not None:
            with contextlib.suppress(OSError):
                busy.proc.kill()  # the pool's thread then sees it end and quits
        self._thread.join(timeout=10)
        with self._cond:
            spare, self._spare = self._spare, None
        if spare is not None:
            spare.shutdown()

    # -- the pool's thread --------------------------------------------------------------------
    def _work(self) -> str:
        """What the thread should do now: quit, replace, start, warm or nothing."""
        if self._closed:
            return "quit"
        self._handed = [k for k in self._handed if k.alive]
        if self._handed:  # a run is going: leave it the CPU
            return ""
        if self._replace:
            return "replace"
        if self._spare is None or not self._spare.alive:
            return "start" if time.monotonic() - self._failed_at >= RETRY_AFTER_S else ""
        return "warm" if any(m not in self._warmed for m in self._wanted) else ""

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._work() != "", timeout=LOOK_EVERY_S)
                task = self._work()
                if task == "quit":
                    return
                if not task:
                    continue
                self._starting = True
                self._replace = False
                spare, todo = self._spare, [m for m in self._wanted if m not in self._warmed]
            info = None
            try:
                if task == "replace" and spare is not None:
                    spare.shutdown()
                    spare = None
                if task in ("start", "replace") or spare is None or not spare.alive:
                    spare, todo = self._start(), list(self._wanted)
                info = self._warm(spare, todo) if spare is not None else None
            finally:
                with self._cond:
                    self._spare = spare
                    if task in ("start", "replace"):
                        self._warmed = set()
                    if info is not None:
                        self._warmed.update(todo)
                    self._starting = False
                    self._busy = None
                    self._cond.notify_all()
            if info is not None and self.on_warm is not None and not self._closed:
                self.on_warm(info)

    def _start(self) -> KernelProcess | None:
        kernel = self._busy = KernelProcess(self.threads, self.nice)
        try:
            return kernel.start()
        except KernelError as exc:
            self.error, self._failed_at = str(exc), time.monotonic()
            return None

    def _warm(self, spare: KernelProcess, modules: list[str]) -> dict | None:
        """Import `modules` in the spare; its info (torch version, threads...), or None if it died."""
        if not modules:
            return dict(spare.info)
        self._busy = spare
        try:
            spare.send(("warm", modules))
            _kind, info = spare.recv()
        except (KernelError, EOFError, OSError):
            with contextlib.suppress(Exception):
                spare.kill()
            return None
        spare.info.update(info)
        return dict(spare.info)
