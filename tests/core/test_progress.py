"""Progress that is never lost: the store, timestamps, orphans, export/import, a corrupt file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.core import paths
from studio.core.db import Database
from studio.core.plan import parse_plan
from studio.core.progress import ProgressError, ProgressStore
from studio.core.progress_tally import compute_progress

GOOD = (Path(__file__).parents[1] / "data" / "tiny_plan.toml").read_text(encoding="utf-8")


class Clock:
    def __init__(self, t: float = 1_700_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float = 60.0) -> float:
        self.t += seconds
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(clock):
    return ProgressStore(Database(), "tiny", clock=clock)


@pytest.fixture
def plan():
    return parse_plan(GOOD)


def test_status_and_note_survive_a_new_connection(store, clock):
    store.set_status("a", "done")
    store.set_note("a", "remember the learning rate")
    store.db.close()
    again = ProgressStore(Database(paths.database()), "tiny")
    record = again.get("a")
    assert (record.status, record.note) == ("done", "remember the learning rate")
    assert record.started == record.finished == clock.t
    # another plan's records are separate
    assert ProgressStore(Database(paths.database()), "other").statuses() == {}


def test_timestamps(store, clock):
    assert store.get("a").status == "todo" and store.get("a").started is None
    t0 = clock.t
    store.set_status("a", "learning")
    assert (store.get("a").started, store.get("a").finished) == (t0, None)
    t1 = clock.tick()
    store.set_status("a", "done")
    rec = store.get("a")
    assert (rec.started, rec.finished, rec.updated) == (t0, t1, t1)
    clock.tick()
    store.set_status("a", "done")  # no change: nothing rewritten
    assert store.get("a").updated == t1
    t3 = clock.tick()
    store.set_status("a", "learning")  # reopened: no longer finished, same start
    assert (store.get("a").started, store.get("a").finished, store.get("a").updated) == (t0, None, t3)
    clock.tick()
    store.set_status("a", "todo")
    assert (store.get("a").started, store.get("a").finished) == (None, None)
    t5 = clock.tick()
    store.set_status("b", "skipped")
    assert (store.get("b").started, store.get("b").finished, store.get("b").updated) == (None, None, t5)
    t6 = clock.tick()
    store.set_note("b", "not for me")
    assert store.get("b").updated == t6 and store.get("b").status == "skipped"
    with pytest.raises(ProgressError, match="unknown status 'finished'"):
        store.set_status("a", "finished")


def test_each_change_is_committed_at_once(store):
    store.set_status("a", "learning")
    # a second, independent connection sees it straight away
    other = Database(paths.database())
    assert other.query("SELECT status FROM progress WHERE item_id = 'a'")[0]["status"] == "learning"


def test_progress_counts_done_and_skipped_apart(store, plan):
    store.set_status("a", "done")  # 2 h, early
    store.set_status("b", "skipped")  # 1.5 h, early
    store.set_status("c", "learning")  # 10 h, late
    progress = store.progress(plan)
    early, late, total = progress.phases["early"], progress.phases["late"], progress.total
    assert (early.items, early.done, early.skipped, early.done_hours, early.skipped_hours) == (2, 1, 1, 2, 1.5)
    assert (late.learning, late.done, late.todo) == (1, 0, 0)
    assert (total.items, total.hours, total.done_hours, total.closed) == (3, 13.5, 2, 2)
    assert total.fraction("done") == pytest.approx(2 / 13.5)
    assert total.fraction("skipped") == pytest.approx(1.5 / 13.5)
    assert progress.topics[("early", "t1")].done == 1
    assert total.line() == "1/3 done (2/13.5 h), 1 skipped (1.5 h), 1 learning"
    assert compute_progress(plan, {}).total.done == 0


def test_what_next_moves(store, plan):
    assert store.next_item(plan).id == "a"
    store.set_status("a", "done")
    assert store.next_item(plan).id == "b"
    store.set_status("b", "skipped")
    store.set_status("c", "done")
    assert store.next_item(plan) is None


def test_records_of_items_removed_from_the_plan_are_kept(store, plan):
    store.set_status("gone", "done")
    store.set_note("gone", "an item the new plan dropped")
    store.set_status("a", "done")
    assert [r.item_id for r in store.orphans(plan)] == ["gone"]
    assert store.progress(plan).total.done == 1  # not counted, not deleted
    assert store.get("gone").note == "an item the new plan dropped"


def test_export_and_import_merge_newest_wins(tmp_path, store, clock):
    store.set_status("a", "done")  # old here
    store.set_status("b", "learning")
    store.set_note("b", "local note")
    clock.tick()
    store.set_status("kept", "done")  # newer here than in the file
    path = tmp_path / "progress.json"

    # the other machine: newer "a", older "kept", a new item "d"
    other_clock = Clock(clock.t - 30)
    other = ProgressStore(Database(tmp_path / "other.sqlite3"), "tiny", clock=other_clock)
    other.set_status("kept", "learning")
    other_clock.t = clock.t + 100
    other.set_status("a", "skipped")
    other.set_status("d", "done")
    other.set_note("d", "done elsewhere")
    assert other.export(path) == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["kind"] == "zero-compute-ml-studio/progress" and data["version"] == 1
    assert {r["item"] for r in data["records"]} == {"a", "d", "kept"}

    seen = []
    store.events.changed.connect(seen.append)
    report = store.import_file(path)
    assert [c.item_id for c in report.added] == ["d"]
    assert [(c.item_id, dict(c.fields)["status"]) for c in report.updated] == [("a", ("done", "skipped"))]
    assert report.kept == ["tiny/kept"] and report.unchanged == 0
    assert report.line() == "1 added, 1 updated, 1 kept (newer here), 0 unchanged"
    assert "updated tiny/a: status done -> skipped" in report.lines()[2]
    assert seen == [None]
    assert store.statuses() == {"a": "skipped", "b": "learning", "d": "done", "kept": "done"}
    assert store.get("d").note == "done elsewhere" and store.get("b").note == "local note"
    # importing the same file again changes nothing
    again = store.import_file(path)
    assert (again.changed, again.kept, again.unchanged) == (0, ["tiny/kept"], 2)
    # our own export round-trips without changes
    mine = tmp_path / "mine.json"
    store.export(mine)
    assert store.import_file(mine).changed == 0


def test_import_rejects_bad_files_whole(tmp_path, store):
    store.set_status("a", "done")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProgressError, match="invalid JSON"):
        store.import_file(bad)
    bad.write_text(json.dumps({"kind": "something else"}), encoding="utf-8")
    with pytest.raises(ProgressError, match="not a progress file"):
        store.import_file(bad)
    records = [
        {"plan": "tiny", "item": "x", "status": "done", "updated": "2023-01-01T00:00:00+00:00"},
        {"plan": "tiny", "item": "y", "status": "finished", "updated": "2023-01-01T00:00:00+00:00"},
    ]
    bad.write_text(json.dumps({"kind": "zero-compute-ml-studio/progress", "version": 1, "records": records}))
    with pytest.raises(ProgressError, match=r"records\[1\]\.status: unknown status 'finished'"):
        store.import_file(bad)
    assert store.statuses() == {"a": "done"}  # nothing of the bad file was written
    with pytest.raises(ProgressError, match="cannot read"):
        store.import_file(tmp_path / "missing.json")


def test_a_corrupt_database_is_moved_aside_and_reported(studio_home):
    first = ProgressStore(Database(), "tiny")
    first.set_status("a", "done")
    first.db.close()
    db_file = paths.database()
    db_file.write_bytes(b"this is not a database" * 100)
    store = ProgressStore(Database(), "tiny")
    assert store.recovered_from is not None
    assert store.recovered_from.exists() and store.recovered_from.name.startswith("studio.sqlite3.corrupt-")
    assert store.recovered_from.read_bytes().startswith(b"this is not a database")
    assert store.statuses() == {}  # a fresh database...
    store.set_status("a", "learning")  # ...that works
    assert store.status("a") == "learning"


def _file(**fields) -> dict:
    record = {"plan": "tiny", "item": "x", "status": "done", "updated": "2023-01-01T00:00:00+00:00", **fields}
    return {"kind": "zero-compute-ml-studio/progress", "version": 1, "records": [record]}


@pytest.mark.parametrize("fields, message", [
    ({"updated": 1e308}, r"records\[0\]\.updated: 1e\+308 is not between 1970 and now"),
    ({"updated": float("nan")}, r"records\[0\]\.updated: nan is not between 1970 and now"),
    ({"updated": 10**400}, r"records\[0\]\.updated: not a time: 1000000000"),
    ({"started": "9999-12-31T00:00:00"}, r"records\[0\]\.started: '9999-12-31T00:00:00' is not between 1970"),
    ({"finished": -5}, r"records\[0\]\.finished: -5 is not between 1970 and now"),
    ({"updated": True}, r"records\[0\]\.updated: not a time: True"),
    ({"updated": []}, r"records\[0\]\.updated: not a time: \[\]"),
    ({"started": 1_600_000_000, "finished": 1_500_000_000}, r"records\[0\]\.finished: before started"),
    ({"note": "\ud800"}, r"records\[0\]\.note: expected text"),
    ({"note": 3}, r"records\[0\]\.note: expected text, got 3"),
    ({"status": ["done"]}, r"records\[0\]\.status: unknown status \['done'\]"),
    ({"item": "x\n"}, r"records\[0\]\.item: expected a item id like those of plan files"),
    ({"plan": ""}, r"records\[0\]\.plan: expected a plan id"),
    ({"udpated": 1}, r"records\[0\]: unknown field 'udpated' \(expected: plan, item"),
])
def test_import_checks_every_field_and_stores_nothing_invalid(store, fields, message):
    """`"updated": 1e308` imported with exit 0, then broke every export (OverflowError) and won
    every later merge."""
    store.set_status("a", "done")
    with pytest.raises(ProgressError, match=message):
        store.import_data(_file(**fields))
    assert set(store.records()) == {"a"}
    store.export_data()  # still exports


def test_import_of_a_version_true_or_deeply_nested_file_is_refused(store, tmp_path):
    with pytest.raises(ProgressError, match="unsupported progress file version True"):
        store.import_data({**_file(), "version": True})
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ProgressError, match="nested too deeply"):
        store.import_file(deep)


def test_a_note_that_sqlite_cannot_store_is_refused(store):
    with pytest.raises(ProgressError, match="not valid text"):
        store.set_note("a", "bad byte \udcff")
    assert store.records() == {}


def test_store_events_announce_each_change_and_follow_an_opened_plan(tmp_path):
    from studio.core.open_plan import OpenPlan

    def plan(plan_id):
        return parse_plan(GOOD.replace('id = "tiny"', f'id = "{plan_id}"', 1))

    db = Database(tmp_path / "s.db")
    opened = OpenPlan(db, plan("one"))
    changed, plans = [], []
    opened.events.item_changed.connect(changed.append)
    opened.events.opened.connect(lambda p: plans.append(p.id))
    first = opened.store
    first.set_status("a", "done")
    first.set_status("a", "done")  # no change, no event
    opened.open(plan("two"))
    first.set_note("a", "the old plan's store is no longer followed")
    opened.store.set_note("a", "a note")
    assert changed == ["a", "a"] and plans == ["two"]
    assert opened.store.plan_id == "two" and opened.store.status("a") == "todo"
