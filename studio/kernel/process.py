"""The app's handle on one kernel process.

A kernel is a fresh interpreter, `python -m studio.kernel ADDRESS` (the spawn way, as on
Windows and macOS: nothing is inherited but the environment), that listens on a local socket
(a named pipe on Windows) and lets exactly one authenticated connection in: the app's. Its
thread pools are capped before it starts (OpenMP, MKL, OpenBLAS read their variables once), it
lowers its own priority, and its native stderr goes to a file the app reads when it crashes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Client, Connection
from multiprocessing.connection import arbitrary_address as _address

from studio.core.devices import kernel_threads
from studio.kernel.child import KEY_ENV, NICE_ENV, THREADS_ENV, kill_all

THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
START_TIMEOUT_S = 60.0
KERNEL_NICE = 10  # below the window (below normal on Windows)


class KernelError(RuntimeError):
    """A kernel could not be started or talked to."""


class KernelProcess:
    def __init__(self, threads: int | None = None, nice: int = KERNEL_NICE):
        self.threads = threads or kernel_threads()
        self.nice = nice
        self.proc: subprocess.Popen | None = None
        self.conn: Connection | None = None
        self.info: dict = {}  # from its hello, then its warm replies
        self._stderr = None

    # -- life ---------------------------------------------------------------------------------
    def start(self, timeout: float = START_TIMEOUT_S) -> KernelProcess:
        """Start the process and connect; raises KernelError when it does not come up."""
        family = "AF_PIPE" if os.name == "nt" else "AF_UNIX"
        address = _address(family)
        key = secrets.token_bytes(32)
        env = {**os.environ, KEY_ENV: key.hex(), THREADS_ENV: str(self.threads), NICE_ENV: str(self.nice),
               **{name: str(self.threads) for name in THREAD_VARIABLES}}
        env.setdefault("KERAS_BACKEND", "torch")  # Keras 3 reads it once, at its first import
        env["MPLBACKEND"] = "Agg"  # figures are drawn off screen and shown by the app
        env["PYTHONFAULTHANDLER"] = "1"  # a segfault leaves its Python traceback in the stderr file
        self._stderr = tempfile.TemporaryFile()
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        self.proc = subprocess.Popen([sys.executable, "-m", "studio.kernel", address], env=env,
                                     stdin=subprocess.DEVNULL, stderr=self._stderr, creationflags=flags)
        deadline = time.monotonic() + timeout
        while self.conn is None:
            try:
                self.conn = Client(address, family, authkey=key)
            except OSError:  # not listening yet
                if self.proc.poll() is not None:
                    raise KernelError(f"the kernel process ended at start ({self.exit_text()})") from None
                if time.monotonic() > deadline:
                    self.kill()
                    raise KernelError("the kernel process did not start in time") from None
                time.sleep(0.01)
        if not self.conn.poll(max(0.0, deadline - time.monotonic())):
            self.kill()
            raise KernelError("the kernel process did not answer")
        kind, self.info = self.recv()
        return self

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    @property
    def returncode(self) -> int | None:
        return self.proc.poll() if self.proc is not None else None

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def descendants(self) -> list:
        """The processes this kernel started (psutil.Process objects), while it lives."""
        import psutil

        try:
            return psutil.Process(self.pid).children(recursive=True)
        except (psutil.Error, TypeError, ValueError):
            return []

    def kill(self, also=()) -> None:
        """End the kernel and every process it started (and `also`: ones seen earlier)."""
        procs = list(also) + self.descendants()
        if self.alive:  # through Popen: a psutil wait would reap it and lose its exit status
            with contextlib.suppress(OSError):
                self.proc.kill()
        kill_all(procs)
        if self.proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        self.close()

    def wait(self, timeout: float) -> bool:
        """Wait for the process to end by itself; True when it did."""
        if self.proc is None:
            return True
        try:
            self.proc.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.close()
            self.conn = None

    def shutdown(self) -> None:
        """Ask a kernel that has no job to end, then make sure it did."""
        if self.alive:
            with contextlib.suppress(OSError, KernelError):
                self.send(("quit",))
            if not self.wait(2):
                self.kill()
        self.close()

    # -- talking ---------------------------------------------------------------------------------
    def send(self, message) -> None:
        if self.conn is None:
            raise KernelError("the kernel is not connected")
        try:
            self.conn.send(message)
        except OSError as exc:
            raise KernelError(f"the kernel is gone ({exc})") from None

    def poll(self, timeout: float) -> bool:
        if self.conn is None:
            return False
        try:
            return self.conn.poll(timeout)
        except OSError:
            return True  # recv will say EOF

    def recv(self):
        """The next message; EOFError when the kernel is gone."""
        if self.conn is None:
            raise EOFError
        try:
            return self.conn.recv()
        except OSError:
            raise EOFError from None

    # -- after the end ---------------------------------------------------------------------------
    def stderr_tail(self, lines: int = 25) -> str:
        """What the kernel last wrote to its native stderr: a crash's report from its
        "Fatal Python error" line on (faulthandler), else the last lines."""
        if self._stderr is None:
            return ""
        try:
            self._stderr.seek(0)
            text = self._stderr.read()[-20_000:].decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        rows = text.strip().splitlines()
        fatal = [i for i, row in enumerate(rows) if row.startswith("Fatal Python error")]
        return "\n".join(rows[fatal[-1]:][:lines] if fatal else rows[-lines:])

    def exit_text(self) -> str:
        """'exit code 3', 'signal SIGSEGV'... for a process that ended."""
        code = self.returncode
        if code is None:
            return "still running"
        if code < 0:
            import signal

            try:
                return f"signal {signal.Signals(-code).name}"
            except ValueError:
                return f"signal {-code}"
        return f"exit code {code}" + (f" (0x{code & 0xFFFFFFFF:08X})" if code > 255 else "")
