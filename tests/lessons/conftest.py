import threading
import time

import psutil
import pytest

from studio.core.context import Context
from studio.core.lesson import catalog
from studio.core.runner import run_lesson
from studio.lessons._servers import port_open


@pytest.fixture(scope="session")
def finished_runs() -> dict:
    """lesson id -> the context of its first finished run in this session (the window's
    language test renders these rather than training every lesson again)."""
    return {}


@pytest.fixture
def run(finished_runs):
    """run(lesson_id, **params) -> (outcome, recording context)."""

    def _run(lesson_id, ctx_class=Context, **given):
        lesson = catalog().get(lesson_id)
        params = lesson.resolve_params(given)
        ctx = ctx_class("cpu", params)
        outcome = run_lesson(lesson, ctx, params)
        if outcome.status == "done":
            finished_runs.setdefault(lesson_id, ctx)
        return outcome, ctx

    return _run


@pytest.fixture
def run_ok(run):
    """Like `run`, and asserts the lesson finished."""

    def _run_ok(lesson_id, **given):
        outcome, ctx = run(lesson_id, **given)
        assert outcome.status == "done", outcome.error
        return ctx

    return _run_ok


# -- the late stage: nothing a lesson started may outlive it -----------------------------

class Leftovers:
    """Children and listening sockets of this process, before and after a lesson."""

    def __init__(self):
        self.me = psutil.Process()
        self.before = {p.pid for p in self.me.children(recursive=True)}

    def new_children(self) -> list[psutil.Process]:
        alive = []
        for p in self.me.children(recursive=True):
            try:
                if p.pid not in self.before and p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(p)
            except psutil.NoSuchProcess:
                pass
        return alive

    def listening(self) -> list:
        return [c for c in self.me.net_connections("inet") if c.status == psutil.CONN_LISTEN]

    def assert_none(self, *ports: int) -> None:
        assert self.new_children() == [], "a process the lesson started is still running"
        assert self.listening() == [], "a socket the lesson opened still listens"
        for port in ports:
            assert not port_open(port), f"something still listens on 127.0.0.1:{port}"


def press_stop_when(ctx, ready, delay: float = 0.0, timeout: float = 120.0) -> threading.Thread:
    """Press Stop (ctx.request_stop) from another thread once `ready()` is true, after `delay` s."""

    def watch():
        deadline = time.monotonic() + timeout
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(delay)
        ctx.request_stop()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def leftovers():
    """Records this process's children now; `.assert_none(port...)` after the lesson."""
    return Leftovers()


@pytest.fixture
def stop_when():
    """stop_when(ctx, ready, delay=0): press Stop from a timer thread once ready() is true."""
    return press_stop_when
