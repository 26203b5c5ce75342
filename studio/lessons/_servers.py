"""Processes and servers that a lesson starts and that must end with it.

Rules every late lesson follows (DESIGN, "The late stage in miniature"):
- servers bind 127.0.0.1 on a free port, never all interfaces;
- whatever a lesson starts is stopped in a `finally:` block: on success, on an error and on
  Stop (`Cancelled` from `ctx.check()`, or the KeyboardInterrupt the kernel sends 1 s later);
- stopping is terminate, a short wait, then kill, for the process and every child it made.
On Linux a child also gets SIGTERM when the thread that started it dies, so a lesson process
that is killed outright (the kernel's last resort) takes its servers with it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from studio.core.lesson import LessonError

HOST = "127.0.0.1"
GRACE_S = 3.0  # how long a process may take to exit after terminate() before it is killed


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_open(port: int, host: str = HOST) -> bool:
    """True when something accepts connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def _death_signal() -> Callable[[], None] | None:
    """A function for Popen's preexec_fn that asks Linux to send SIGTERM to the child when its
    parent thread dies. libc is loaded here, in the parent: the child only makes the call."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    PR_SET_PDEATHSIG = 1
    return lambda: prctl(PR_SET_PDEATHSIG, signal.SIGTERM)  # pragma: no cover - runs in the child


def start(cmd: list[str], log: Path, cwd: Path | None = None, env: dict | None = None) -> subprocess.Popen:
    """Start `cmd` with its output in the file `log`."""
    out = open(log, "wb")  # noqa: SIM115 - closed in stop()
    try:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT, preexec_fn=_death_signal())
    except BaseException:
        out.close()
        raise
    proc.log_file = out  # type: ignore[attr-defined]
    return proc


def stop(proc: subprocess.Popen | None, grace: float = GRACE_S) -> None:
    """End `proc` and every process it started: terminate, wait up to `grace` s, then kill."""
    if proc is None:
        return
    import psutil

    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    for p in (proc, *children):
        with contextlib.suppress(psutil.NoSuchProcess, ProcessLookupError):
            p.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    _, alive = psutil.wait_procs(children, timeout=grace)
    for p in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    psutil.wait_procs(alive, timeout=grace)
    log = getattr(proc, "log_file", None)
    if log is not None:
        log.close()


def tail(log: Path, lines: int = 5) -> str:
    """The last lines of a log file, on one line (for an error message)."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])


def wait_until_ready(ctx, proc: subprocess.Popen, ready: Callable[[], bool], log: Path, what: str,
                     timeout: float = 60.0) -> float:
    """Poll `ready()` until it is true; seconds it took. Fails with the log's last lines when the
    process exits first or `timeout` passes; Stop ends the wait."""
    start_time = time.perf_counter()
    while not ready():
        ctx.check()
        if proc.poll() is not None:
            raise LessonError(f"{what} exited with code {proc.returncode}: {tail(log)}")
        if time.perf_counter() - start_time > timeout:
            raise LessonError(f"{what} did not answer within {timeout:.0f} s: {tail(log)}")
        time.sleep(0.1)
    return time.perf_counter() - start_time


def http_ok(url: str) -> bool:
    """True when GET `url` answers 200 (any error: False)."""
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def on_stop(ctx, action: Callable[[], None], every: float = 0.1) -> Iterator[None]:
    """Once Stop is pressed while the block runs, call `action` every `every` s until the block
    ends: to cancel calls that block, such as Spark jobs, including ones started after Stop."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(every):
            if ctx.stop_requested:
                with contextlib.suppress(Exception):
                    action()

    watcher = threading.Thread(target=watch, name="stop-watcher", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
