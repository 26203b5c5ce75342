"""Lessons that exist only for tests: a long native call, a memory hog, a segfault, a lesson
that never ends... Runs in the window and `studio run` go through a kernel process, which
imports a lesson by its module: so these live in a module of their own (tests/ is on sys.path
through its conftest.py, and a kernel gets the app's sys.path)."""

import time

from studio.core.context import Plot, Series
from studio.core.lesson import Lesson, Param
from studio.core.text import bi


def _lesson(lesson_id: str, run, params=(), **kw) -> Lesson:
    return Lesson(lesson_id, bi(lesson_id, lesson_id), bi("A test lesson", "测试课"), run, params=params,
                  module=__name__, **kw)


def _endless(ctx, delay: float):
    step = 0
    while True:
        step += 1
        ctx.scalar("loss", step, 1.0 / step)
        ctx.progress(step, 1_000_000)
        time.sleep(delay)


def _broken(ctx):
    print("about to fail")
    raise RuntimeError("the lesson broke")


def _tables_and_plots(ctx):
    import pandas as pd

    ctx.table("scores", pd.DataFrame({"a": [1, 2], "b": [3.5, 4.5]}))
    ctx.plot("line", Plot("t", [Series([0, 1], [1, 2], "s")]))
    ctx.result(score=0.5)


def _count(ctx, steps: int, delay: float):
    """Checks at every step; streams a curve and prints."""
    for step in range(steps):
        ctx.scalar("loss", step, 1.0 / (step + 1))
        if step % 10 == 0:
            print(f"step {step}")
        time.sleep(delay)
    ctx.result(steps=steps)


def _long_call(ctx, length: int):
    """One long native call that holds the GIL and never looks at signals: a regular
    expression that backtracks catastrophically (about 4x longer for each 2 more characters;
    36 takes most of an hour). Only the kill, Stop's third step, ends it."""
    import re

    ctx.scalar("loss", 0, 1.0)
    print("matching")
    time.sleep(0.2)  # the line and the point go out first
    re.match(r"(a+)+$", "a" * length + "b")
    ctx.result(matched=length)


def _sleep(ctx, seconds: float):
    """A long call that never checks, but that an interrupt ends (time.sleep)."""
    ctx.scalar("loss", 0, 1.0)
    time.sleep(seconds)
    ctx.result(slept=seconds)


def _hog(ctx, megabytes: int):
    """Touches `megabytes` of memory, 10 MB at a time, printing as it goes."""
    import numpy as np

    kept = []
    for i in range(megabytes // 10):
        kept.append(np.ones(10 * 2**20, dtype=np.uint8))
        ctx.scalar("mb", i, 10.0 * (i + 1))
        if i % 10 == 0:
            print(f"{10 * (i + 1)} MB")
    ctx.result(held_mb=megabytes)


def _segfault(ctx):
    import ctypes

    print("about to crash")
    ctx.scalar("loss", 0, 1.0)
    time.sleep(0.3)  # the batch with the line and the point goes out first
    ctypes.string_at(0)


def _memory_error(ctx):
    import numpy as np

    print("asking for an exabyte")
    np.empty(2**60, dtype=np.uint8)


def _spawns(ctx, seconds: float):
    """Starts a child process (a stand-in for a server) and waits."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    print(f"child {child.pid}")
    ctx.result(child=child.pid)
    for step in range(int(seconds * 10)):
        ctx.scalar("alive", step, 1.0)
        time.sleep(0.1)


ENDLESS = _lesson("test.endless", _endless, (Param("delay", "float", 0.01, bi("d", "d")),))
BROKEN = _lesson("test.broken", _broken)
TABLES_AND_PLOTS = _lesson("test.tables_and_plots", _tables_and_plots)
COUNT = _lesson("test.count", _count, (Param("steps", "int", 50, {"en": "steps"}),
                                        Param("delay", "float", 0.01, {"en": "delay"})))
LONG_CALL = _lesson("test.long_call", _long_call, (Param("length", "int", 36, {"en": "characters"}),))
SLEEP = _lesson("test.sleep", _sleep, (Param("seconds", "float", 30, {"en": "s"}),))
HOG = _lesson("test.hog", _hog, (Param("megabytes", "int", 2000, {"en": "MB"}),))
SEGFAULT = _lesson("test.segfault", _segfault)
MEMORY_ERROR = _lesson("test.memory_error", _memory_error)
SPAWNS = _lesson("test.spawns", _spawns, (Param("seconds", "float", 60, {"en": "s"}),))


def _whoami(ctx):
    import os
    import threading

    import numpy as np

    np.random.seed(123)  # seeding the global RNG in a kernel leaves the app's alone
    ctx.result(pid=os.getpid(), threads=threading.active_count())


WHOAMI = _lesson("test.whoami", _whoami)


def _fails_after_a_point(ctx):
    ctx.scalar("loss", 1, 0.5)
    raise ValueError("the data has no rows")


FAILS_AFTER_A_POINT = _lesson("test.fails_after_a_point", _fails_after_a_point)
