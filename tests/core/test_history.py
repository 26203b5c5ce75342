"""Run history: recording, recovery of interrupted runs, delete, export, comparison, migration."""

import csv
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from studio.core import db as dbmod
from studio.core.context import Context
from studio.core.db import Database
from studio.core.history import RunStore, UnknownRun, versions
from studio.core.runner import Outcome

ROOT = Path(__file__).resolve().parents[2]


def record(store, lesson="demo.lesson", status="done", points=5, lr=0.1, epochs=3, device="cpu",
           output=("hello", "world"), results=None):
    """A run as a lesson would leave it: streamed curves, printed lines, final results."""
    params = {"epochs": epochs, "lr": lr}
    run_id = store.start(lesson, params, device)
    ctx = Context(device, params)
    for step in range(1, points + 1):
        ctx.scalar("loss", step, 1.0 / (step * lr * 10))
        if step % 2 == 0:
            ctx.scalar("accuracy", step, step / points)
    for line in output:
        ctx.log(line)
    results = {"final_loss": 1.0 / (points * lr * 10), "accuracy": 0.9} if results is None else results
    ctx.result(**results)
    error = "Traceback...\nValueError: boom" if status == "failed" else ""
    outcome = Outcome(lesson, status, device, params, dict(ctx.results), seconds=1.25, error=error)
    store.finish(run_id, outcome, ctx, {"hw_peak_process_rss_mb": 123.4, "hw_mean_process_cpu_percent": 50.0})
    return run_id


@pytest.fixture
def store(database):
    return RunStore(database)


def test_a_run_is_recorded_from_start_to_finish(store):
    run_id = store.start("demo.lesson", {"lr": 0.1}, "auto")
    started = store.get(run_id)
    assert started.status == "running" and started.ended is None and started.device == "auto"
    assert started.versions["app"] and started.versions["python"] and started.versions["numpy"]

    ctx = Context("cpu", {"lr": 0.1})
    for step in range(1, 10_001):
        ctx.scalar("loss", step, 1 / step)
    ctx.log("epoch 1")
    ctx.result(final_loss=np.float32(0.5), accuracy=0.75)
    store.finish(run_id, Outcome("demo.lesson", "done", "cpu", {"lr": 0.1}, dict(ctx.results), 2.5), ctx,
                 {"hw_peak_process_rss_mb": 10.0})

    run = store.get(run_id)
    assert (run.status, run.device, run.seconds, run.duration) == ("done", "cpu", 2.5, 2.5)
    assert run.results == {"final_loss": 0.5, "accuracy": 0.75}
    assert run.hardware == {"hw_peak_process_rss_mb": 10.0}
    assert run.output == "epoch 1"
    loss = run.curves["loss"]
    assert len(loss) == 10_000 and loss.steps[0] == 1 and loss.steps[-1] == 10_000
    np.testing.assert_array_equal(loss.values, 1 / np.arange(1, 10_001))
    assert np.all(np.diff(loss.walls) >= 0)
    # One row per curve, not per point.
    assert store.db.query("SELECT COUNT(*) FROM run_curves WHERE run_id = ?", (run_id,))[0][0] == 1


def test_list_is_newest_first_and_filters_by_lesson(store):
    a = record(store, "a.lesson")
    b = record(store, "b.lesson", status="failed")
    c = record(store, "a.lesson", status="cancelled")
    assert [r.id for r in store.list()] == [c, b, a]
    assert [r.id for r in store.list("a.lesson")] == [c, a]
    assert store.list("nothing") == []
    failed = store.get(b)
    assert failed.status == "failed" and "ValueError: boom" in failed.error
    assert not store.list()[0].curves  # the list never loads curves


def test_unknown_ids_raise_and_change_nothing(store):
    a = record(store)
    with pytest.raises(UnknownRun, match="no run with id 99"):
        store.get(99)
    with pytest.raises(UnknownRun, match="no runs with ids 98, 99"):
        store.delete([a, 99, 98])
    assert [r.id for r in store.list()] == [a]


def test_a_run_killed_with_its_process_becomes_interrupted(store, studio_home):
    mine = store.start("demo.lesson", {}, "cpu")  # this process is alive: stays running
    code = ("import os; from studio.core.history import RunStore; "
            "RunStore().start('torch.binary_classifier', {'lr': 0.5}, 'cpu'); os._exit(9)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STUDIO_HOME": str(studio_home)}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 9
    killed = max(r.id for r in store.list())
    assert store.get(killed).status == "running"

    assert store.recover_interrupted() == 1
    run = store.get(killed)
    assert run.status == "interrupted" and "closed before the run finished" in run.error
    assert run.params == {"lr": 0.5}
    assert store.get(mine).status == "running"
    assert store.recover_interrupted() == 0


def test_a_reused_pid_does_not_keep_a_dead_run_alive(store):
    parent = os.getppid()  # alive, but born long after 1970
    old = store.start("demo.lesson", {}, "cpu")
    live = store.start("demo.lesson", {}, "cpu")
    with store.db.transaction() as conn:
        conn.execute("UPDATE runs SET pid = ?, started = 0 WHERE id = ?", (parent, old))
        conn.execute("UPDATE runs SET pid = ?, started = ? WHERE id = ?", (parent, time.time(), live))
    assert store.recover_interrupted() == 1
    assert store.get(old).status == "interrupted" and store.get(live).status == "running"


def test_record_keeps_a_run_stopped_by_ctrl_c_with_its_curves(store):
    ctx = Context("cpu", {"lr": 0.1})
    with pytest.raises(KeyboardInterrupt), store.record("demo.lesson", ctx) as rec:
        ctx.scalar("loss", 1, 0.9)
        ctx.log("epoch 1")
        raise KeyboardInterrupt
    run = store.get(rec.run_id)
    assert run.status == "interrupted" and run.error == "stopped by KeyboardInterrupt"
    assert len(run.curves["loss"]) == 1 and run.output == "epoch 1"


def test_record_measures_the_process(store):
    ctx = Context("cpu", {})
    with store.record("demo.lesson", ctx) as rec:
        sum(i * i for i in range(200_000))
        rec.finish(Outcome("demo.lesson", "done", "cpu", {}, {}, 0.1))
    hw = store.get(rec.run_id).hardware
    assert hw["hw_peak_process_rss_mb"] > 10 and 0 <= hw["hw_mean_process_cpu_percent"] <= 100 and hw["hw_cores"] >= 1


def test_checkpoint_saves_curves_of_a_running_run(store):
    run_id = store.start("demo.lesson", {}, "cpu")
    ctx = Context("cpu", {})
    ctx.scalar("loss", 1, 0.5)
    store.checkpoint(run_id, ctx)
    ctx.scalar("loss", 2, 0.4)
    store.checkpoint(run_id, ctx)
    assert store.get(run_id).curves["loss"].values.tolist() == [0.5, 0.4]


def test_delete_removes_curves_output_and_progress_links(store):
    a, b = record(store), record(store)
    failed = record(store, status="failed")
    assert store.latest("demo.lesson") == b and store.latest("other.lesson") is None
    with store.db.transaction() as conn:
        conn.execute("INSERT INTO progress (plan_id, item_id, status, updated, run_id)"
                     " VALUES ('article', 'torch-basics', 'done', 0, ?)", (a,))
    assert store.delete([a]) == 1
    assert [r.id for r in store.list()] == [failed, b]

    def count(table, run_id):
        return store.db.query(f"SELECT COUNT(*) FROM {table} WHERE run_id = ?", (run_id,))[0][0]

    assert (count("run_curves", a), count("run_output", a)) == (0, 0)
    assert (count("run_curves", b), count("run_output", b)) == (2, 1)
    progress = store.db.query("SELECT status, run_id FROM progress")[0]
    assert (progress["status"], progress["run_id"]) == ("done", None)


def test_export_csv_has_every_point_of_every_curve(store, tmp_path):
    a = record(store, points=5, lr=0.1)
    b = record(store, points=4, lr=0.5)
    path = store.export_csv([b, a], tmp_path / "out" / "runs.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["run_id", "name", "step", "wall", "value"]
    assert len(rows) == (4 + 2) + (5 + 2)
    assert rows[0]["run_id"] == str(b)  # in the order asked
    loss_a = [r for r in rows if r["run_id"] == str(a) and r["name"] == "loss"]
    assert [r["step"] for r in loss_a] == ["1", "2", "3", "4", "5"]
    assert [float(r["value"]) for r in loss_a] == pytest.approx([1 / s for s in range(1, 6)])
    assert all(float(r["wall"]) >= 0 for r in rows)


def test_export_json_has_everything_and_is_strict(store, tmp_path):
    a = record(store, results={"final_loss": float("nan"), "accuracy": 0.5}, output=("line 1", "line 2"))
    path = store.export_json([a], tmp_path / "runs.json")
    doc = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(f"got {c}"))
    assert doc["format"] == "zero-compute-ml-studio/runs" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    assert run["id"] == a and run["lesson"] == "demo.lesson" and run["status"] == "done"
    assert run["params"] == {"epochs": 3, "lr": 0.1} and run["device"] == "cpu"
    assert run["results"] == {"final_loss": None, "accuracy": 0.5}
    assert run["hardware"]["hw_peak_process_rss_mb"] == 123.4 and run["versions"]["python"]
    assert run["output"] == "line 1\nline 2"
    assert run["curves"]["loss"]["step"] == [1, 2, 3, 4, 5]
    assert run["curves"]["accuracy"]["value"] == [0.4, 0.8]
    assert len(run["curves"]["loss"]["wall"]) == 5
    assert run["seconds"] == 1.25 and run["ended"] >= run["started"]
    with pytest.raises(UnknownRun):
        store.export_json([a, 42], tmp_path / "bad.json")
    assert not (tmp_path / "bad.json").exists()


def test_differing_params_and_legend(store):
    a = record(store, lr=0.1, epochs=3)
    b = record(store, lr=0.5, epochs=3)
    c = record(store, lr=0.5, epochs=3, device="cuda:0")
    assert store.differing_params([a, b]) == {a: {"lr": 0.1}, b: {"lr": 0.5}}
    assert store.differing_params([a, b, c]) == {
        a: {"lr": 0.1, "device": "cpu"}, b: {"lr": 0.5, "device": "cpu"}, c: {"lr": 0.5, "device": "cuda:0"}}
    assert store.legend([a, b]) == {a: f"run {a}: lr=0.1", b: f"run {b}: lr=0.5"}
    assert store.legend([a]) == {a: f"run {a}"}
    other = record(store, lesson="other.lesson", lr=0.1)
    assert store.legend([a, other])[other] == f"run {other}: other.lesson"


def test_versions_never_import_torch():
    code = ("import sys; from studio.core.history import versions; v = versions(); "
            "assert 'torch' not in sys.modules, 'imported torch'; print(v['app'], v['python'])")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert versions()["app"] in done.stdout


def test_migration_from_version_1_keeps_progress(studio_home):
    path = studio_home / "old.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    Database._migrate(conn, upto=1)
    conn.execute("INSERT INTO progress (plan_id, item_id, status, note, updated)"
                 " VALUES ('article', 'numpy', 'done', '学完了', 1.0)")
    conn.execute("INSERT INTO settings VALUES ('lang', 'zh')")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()

    db = Database(path)
    assert db.version == max(dbmod.MIGRATIONS) >= 2
    row = db.query("SELECT * FROM progress")[0]
    assert (row["item_id"], row["status"], row["note"], row["run_id"]) == ("numpy", "done", "学完了", None)
    assert db.query("SELECT value FROM settings WHERE key = 'lang'")[0][0] == "zh"
    store = RunStore(db)
    run_id = record(store)
    with db.transaction() as c:
        c.execute("UPDATE progress SET run_id = ? WHERE item_id = 'numpy'", (run_id,))
    assert store.get(run_id).status == "done"
    db.close()


def test_a_run_on_a_worker_thread_is_checkpointed_and_finished_from_the_gui_thread(store):
    """The window's pattern: start and finish on the GUI thread, the lesson on a worker,
    checkpoints while it streams."""
    import threading

    from studio.core.context import QueueContext

    ctx = QueueContext("cpu", {"lr": 0.1})
    run_id = store.start("demo.lesson", ctx.params, ctx.device)

    def lesson():
        for step in range(1, 20_001):
            ctx.scalar("loss", step, 1 / step)
            if step % 5000 == 0:
                ctx.scalar(f"val_{step}", step, 0.5)
        ctx.log("done")

    worker = threading.Thread(target=lesson)
    worker.start()
    while worker.is_alive():
        store.checkpoint(run_id, ctx)
    worker.join()
    store.finish(run_id, Outcome("demo.lesson", "done", "cpu", ctx.params, {}, 0.5), ctx)
    run = store.get(run_id)
    assert len(run.curves["loss"]) == 20_000 and np.all(np.diff(run.curves["loss"].steps) == 1)
    assert set(run.curves) == {"loss", "val_5000", "val_10000", "val_15000", "val_20000"}
    assert run.output == "done"


def test_the_store_announces_runs_added_finished_and_deleted(store):
    seen = []
    store.events.added.connect(lambda run_id, lesson: seen.append(("added", run_id, lesson)))
    store.events.finished.connect(lambda run_id, lesson: seen.append(("finished", run_id, lesson)))
    store.events.deleted.connect(lambda ids: seen.append(("deleted", ids)))
    done = record(store)
    cut = store.start("other.lesson", {}, "cpu")
    store.interrupt(cut, reason="the window closed")
    store.interrupt(cut, reason="again: already interrupted")  # no second event
    store.delete([cut, done])
    assert seen == [("added", done, "demo.lesson"), ("finished", done, "demo.lesson"),
                    ("added", cut, "other.lesson"), ("finished", cut, "other.lesson"),
                    ("deleted", sorted([cut, done]))]
