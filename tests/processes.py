"""Helpers for tests that watch real processes: kernels, their children, a killed app."""

import time

import psutil

from studio.core.db import Database


def kernels_of(pid: int) -> list[psutil.Process]:
    """The kernel processes `pid` started (the spare and any running lesson's)."""
    try:
        return [p for p in psutil.Process(pid).children(recursive=True)
                if "studio.kernel" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE]
    except psutil.Error:
        return []


def gone(pid: int, timeout: float = 10) -> bool:
    """True once `pid` has ended (a zombie waiting for its reaper counts as ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


def wait_for_kernel(app: psutil.Popen, timeout: float = 120) -> psutil.Process:
    """The first kernel the app process `app` (a Popen) started."""
    deadline = time.monotonic() + timeout
    while not (found := kernels_of(app.pid)):
        assert time.monotonic() < deadline and app.poll() is None, "no kernel started"
        time.sleep(0.05)
    return found[0]


def wait_for_checkpoint(timeout: float = 120) -> None:
    """Until a running run's curves are in the database (checkpoints come every 5 s)."""
    deadline = time.monotonic() + timeout
    while True:
        db = Database()
        try:
            if db.query("SELECT count(*) FROM run_curves")[0][0]:
                return
        finally:
            db.close()
        assert time.monotonic() < deadline, "no curves were checkpointed"
        time.sleep(0.2)
