"""No kernel outlives the app: killed apps, the spare kernel, the store's status guards."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from studio.core.context import Context
from studio.core.db import Database
from studio.core.history import RunStore
from studio.core.runner import Outcome
from studio.kernel.pool import KernelPool

from processes import gone, kernels_of

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_killed_app_leaves_no_kernel_and_no_grandchild(tmp_path):
    """The app dies by SIGKILL mid-run: its kernel sees the connection end, ends the process
    the lesson started, and itself."""
    app = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(TESTS)!r})
        import fake_lessons
        from studio.core.context import Context
        from studio.kernel.coordinator import RunCoordinator
        lesson = fake_lessons.SPAWNS
        params = lesson.resolve_params({{}})
        ctx = Context("cpu", params)
        RunCoordinator(lesson, params, "cpu", ctx).relay()
    """)])
    try:
        deadline = time.monotonic() + 60
        while not (found := kernels_of(app.pid)) or not found[0].children():
            assert time.monotonic() < deadline and app.poll() is None, "the kernel did not start its child"
            time.sleep(0.05)
        kernel = found[0]
        grandchild = kernel.children()[0]
        app.kill()
        app.wait()
        assert gone(kernel.pid), "the kernel outlived the app"
        assert gone(grandchild.pid), "the lesson's own process outlived the app"
    finally:
        if app.poll() is None:
            app.kill()


def _until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_the_spare_kernel_is_warm_and_the_next_one_waits_for_the_run():
    warmed = []
    pool = KernelPool(threads=1, warm=["numpy", "json"], on_warm=warmed.append)
    try:
        kernel = pool.take()
        assert kernel.alive and {"numpy", "json"} <= set(kernel.info["modules"])
        assert warmed and warmed[0]["modules"] == kernel.info["modules"]
        time.sleep(1)  # a spare started beside a run would take its CPU: none starts meanwhile
        assert pool.spare_pid is None
        pool.want(["csv"])
        kernel.shutdown()  # the run ended: the next spare starts, warmed with what is wanted now
        assert gone(kernel.pid)
        _until(lambda: pool.ready)
        spare = pool.spare_pid
        assert spare != kernel.pid and "csv" in warmed[-1]["modules"]
    finally:
        pool.shutdown()
    assert gone(spare), "the spare kernel outlived the pool"


def test_take_does_not_wait_for_a_spare_that_waits_for_a_run():
    pool = KernelPool(threads=1, warm=["numpy"])
    try:
        first = pool.take()
        second = pool.take()  # two lessons at once: a fresh kernel, at once
        assert second.alive and second.pid != first.pid
        first.shutdown()
        second.shutdown()
    finally:
        pool.shutdown()


def test_a_kernel_runs_below_the_app_with_capped_threads():
    pool = KernelPool(threads=1, warm=["numpy"])
    try:
        kernel = pool.take()
        proc = psutil.Process(kernel.pid)
        if os.name != "nt":
            assert proc.nice() >= psutil.Process().nice() + 10 or proc.nice() == 19
        env = proc.environ()
        assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "1"
        assert kernel.info["threads"] == 1
        kernel.shutdown()
    finally:
        pool.shutdown()


def _store_with_a_run(tmp_path):
    store = RunStore(Database(tmp_path / "runs.db"))
    ctx = Context("cpu", {})
    ctx.scalar("loss", 1, 0.5)
    return store, ctx, store.start("test.count", {}, "cpu")


def test_a_finish_that_comes_after_an_interrupt_keeps_interrupted(tmp_path):
    store, ctx, run_id = _store_with_a_run(tmp_path)
    store.interrupt(run_id, ctx, "the window was closed during the run")
    finished = store.finish(run_id, Outcome("test.count", "cancelled", "cpu", {}), ctx)
    run = store.get(run_id)
    assert finished is False and run.status == "interrupted"
    assert run.error == "the window was closed during the run" and len(run.curves["loss"]) == 1


def test_new_endings_are_stored(tmp_path):
    store, ctx, run_id = _store_with_a_run(tmp_path)
    outcome = Outcome("test.count", "out_of_memory", "cpu", {}, error="Out of memory: ...")
    assert store.finish(run_id, outcome, ctx) is True
    assert store.get(run_id).status == "out_of_memory"
    for status in ("crashed", "timeout"):
        other = store.start("test.count", {}, "cpu")
        store.finish(other, Outcome("test.count", status, "cpu", {}), ctx)
        assert store.get(other).status == status


def test_migration_keeps_older_runs_their_curves_and_links(tmp_path):
    path = tmp_path / "old.db"
    db = Database.__new__(Database)  # a database as version 3 left it
    import sqlite3
    import threading

    db.path, db.recovery, db._lock = path, None, threading.RLock()
    db.conn = db._connect()
    Database._migrate(db.conn, upto=3)
    store = RunStore(db)
    ctx = Context("cpu", {})
    ctx.scalar("loss", 1, 0.25)
    run_id = store.start("torch.binary_classifier", {"lr": 0.1}, "cpu")
    store.finish(run_id, Outcome("torch.binary_classifier", "done", "cpu", {"lr": 0.1}), ctx)
    db.conn.execute("INSERT INTO progress (plan_id, item_id, updated, run_id) VALUES ('p', 'i', 0, ?)", (run_id,))
    db.close()
    with pytest.raises(sqlite3.IntegrityError):  # version 3 refuses the new endings
        conn = sqlite3.connect(path)
        conn.execute("UPDATE runs SET status = 'crashed'")
    conn.close()

    upgraded = Database(path)
    assert upgraded.version >= 4
    store = RunStore(upgraded)
    run = store.get(run_id)
    assert run.status == "done" and run.params == {"lr": 0.1} and run.curves["loss"].values.tolist() == [0.25]
    store.delete([run_id])  # the cascade and the trigger still work on the rebuilt table
    assert upgraded.query("SELECT count(*) FROM run_curves")[0][0] == 0
    assert upgraded.query("SELECT run_id FROM progress")[0][0] is None


def test_shutdown_while_the_spare_is_warming_leaves_no_kernel():
    """Closing the window while the spare imports torch, scikit-learn and pandas: the pool
    kills it (it used to wait out the imports: the window took 6-8 s to close) and no kernel
    is left when shutdown returns."""
    pool = KernelPool(warm=("numpy", "torch", "sklearn", "pandas", "scipy"))
    deadline = time.monotonic() + 60
    while not kernels_of(os.getpid()):  # the spare is up and importing
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.3)
    assert not pool.ready  # still warming
    pool.shutdown()
    assert kernels_of(os.getpid()) == [] and pool.spare_pid is None
