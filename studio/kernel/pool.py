"""A spare kernel, started and warmed in the background, so Run does not wait for imports.

`take()` hands over the spare (or starts a kernel if there is none) and at once begins the next
spare. `want(modules)` warms the spare with more imports now and every later spare too: the
window asks for torch when the learner opens a torch lesson, scikit-learn for an sklearn one.
One daemon thread does the starting and warming; it alone talks to a spare until it is taken.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterable

from studio.kernel.process import KernelError, KernelProcess

BASE_WARM = ("numpy",)


class KernelPool:
    def __init__(self, threads: int | None = None, nice: int = 10, warm: Iterable[str] = BASE_WARM,
                 on_warm: Callable[[dict], None] | None = None):
        self.threads = threads
        self.nice = nice
        self.on_warm = on_warm  # called on the pool's thread with each spare's warm info
        self._wanted: list[str] = list(dict.fromkeys(warm))
        self._spare: KernelProcess | None = None
        self._warmed: set[str] = set()  # what the spare has imported
        self._busy = threading.Condition()
        self._pending = 0  # tasks queued or under way: starting or warming the spare
        self._tasks: queue.SimpleQueue = queue.SimpleQueue()
        self._closed = False
        self.error: str = ""  # why the last spare could not start
        self._thread = threading.Thread(target=self._loop, name="kernel-pool", daemon=True)
        self._thread.start()
        self._put("spare")

    def want(self, modules: Iterable[str]) -> None:
        """Warm these imports in the spare now and in every later one."""
        new = [m for m in modules if m not in self._wanted]
        if new:
            self._wanted.extend(new)
            self._put("warm")

    def set_threads(self, threads: int) -> None:
        """Later kernels compute with `threads`; the spare is replaced."""
        if threads != self.threads:
            self.threads = threads
            self._put("replace")

    def take(self, timeout: float = 120.0) -> KernelProcess:
        """A started kernel for one job (the spare when there is one); starts the next spare."""
        kernel = None
        with self._busy:
            if self._busy.wait_for(lambda: not self._pending, timeout=timeout):
                kernel, self._spare = self._spare, None
                self._warmed = set()
        self._put("spare")
        if kernel is not None and kernel.alive:
            return kernel
        return KernelProcess(self.threads, self.nice).start()

    def shutdown(self) -> None:
        """End the spare and the pool's thread (the window closes)."""
        self._closed = True
        self._put("quit")
        self._thread.join(timeout=10)
        with self._busy:
            spare, self._spare = self._spare, None
        if spare is not None:
            spare.shutdown()

    @property
    def spare_pid(self) -> int | None:
        spare = self._spare
        return spare.pid if spare is not None else None

    # -- the pool's thread --------------------------------------------------------------------
    def _put(self, task: str) -> None:
        with self._busy:
            self._pending += 1
        self._tasks.put(task)

    def _loop(self) -> None:
        while True:
            task = self._tasks.get()
            try:
                if task == "quit" or self._closed:
                    return
                if task == "replace" and self._spare is not None:
                    old, self._spare = self._spare, None
                    old.shutdown()
                self._ensure_spare()
            finally:
                with self._busy:
                    self._pending -= 1
                    self._busy.notify_all()

    def _ensure_spare(self) -> None:
        if self._spare is None or not self._spare.alive:
            try:
                self._spare = KernelProcess(self.threads, self.nice).start()
            except KernelError as exc:
                self.error = str(exc)
                self._spare = None
                return
            self._warmed = set()
        todo = [m for m in self._wanted if m not in self._warmed]
        if not todo:
            return
        try:
            self._spare.send(("warm", todo))
            kind, info = self._spare.recv()
        except (KernelError, EOFError):
            with contextlib.suppress(Exception):
                self._spare.kill()
            self._spare = None
            return
        self._warmed.update(todo)
        self._spare.info.update(info)
        if self.on_warm is not None and not self._closed:
            self.on_warm(dict(self._spare.info))
