"""A damaged database file is moved aside, and every row that can still be read comes back."""

from __future__ import annotations

import numpy as np
import pytest

from studio.cli import main
from studio.core import measure, paths
from studio.core.context import Context
from studio.core.db import Database
from studio.core.history import RunStore
from studio.core.progress import ProgressStore
from studio.core.runner import Outcome

ITEMS = 300
RUNS = 12


def _fill() -> dict[str, str]:
    """Progress with notes, runs with curves and output, measurements; the notes by item."""
    db = Database()
    store = ProgressStore(db, "tiny", clock=lambda: 1_700_000_000.0)
    notes = {}
    for i in range(ITEMS):
        store.set_status(f"i{i}", ("done", "learning", "skipped")[i % 3])
        notes[f"i{i}"] = f"note-i{i}-" + "x" * 60
        store.set_note(f"i{i}", notes[f"i{i}"])
    runs = RunStore(db)
    for r in range(RUNS):
        ctx = Context("cpu", {"epochs": r})
        for step in range(1, 301):
            ctx.scalar("loss", step, 1.0 / step + r)
        ctx.log(f"output of run {r}")
        run_id = runs.start("demo.lesson", {"epochs": r}, "cpu")
        runs.finish(run_id, Outcome("demo.lesson", "done", "cpu", {"epochs": r}, {"r": r}, seconds=1.0), ctx)
    for _ in range(2):
        measure.save(db, measure.snapshot())
    db.close()  # WAL checkpointed into the file
    return notes


def _damage_page_holding(marker: bytes) -> int:
    """Overwrite the page of the database file that holds `marker` with garbage; its number."""
    path = paths.database()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = data.index(marker) // page_size
    assert page > 0
    data[page * page_size:(page + 1) * page_size] = np.random.default_rng(0).bytes(page_size)
    path.write_bytes(bytes(data))
    return page


def test_one_bad_page_costs_only_its_rows(studio_home):
    notes = _fill()
    pages = paths.database().stat().st_size // 4096
    _damage_page_holding(b"note-i150-")
    db = Database()
    recovery = db.recovery
    assert recovery is not None and recovery.aside.exists() and "corrupt-" in recovery.aside.name
    store = ProgressStore(db, "tiny")
    kept = store.records()
    lost = set(notes) - set(kept)
    # only the records of the damaged page are gone (a 4 KB page holds a few dozen of them)
    print(f"{len(lost)} of {ITEMS} progress records lost, one page of {pages}")
    assert "i150" in lost and 1 <= len(lost) <= 60 and pages > 15
    assert recovery.recovered_rows["progress"] == len(kept) and recovery.lost_rows["progress"] == len(lost)
    assert all(record.note == notes[item_id] for item_id, record in kept.items())
    assert kept["i0"].status == "done" and kept["i299"].updated == 1_700_000_000.0
    # every run, with its curve and output; the measurements
    runs = RunStore(db)
    listed = runs.list()
    assert len(listed) == RUNS
    run = runs.get(listed[-1].id)
    assert run.output.strip() == "output of run 0" and len(run.curves["loss"]) == 300
    assert float(run.curves["loss"].values[-1]) == pytest.approx(1 / 300)
    assert recovery.recovered_rows["measurements"] == 2 and measure.latest(db) is not None
    assert recovery.lost == len(lost)
    assert f"{len(lost)} lost (progress records {len(lost)})" in recovery.line()
    assert f"recovered {recovery.recovered} rows" in db.damage_note()
    # the new file is sound, and the recovered rows are in it for good
    db.close()
    again = Database()
    assert again.recovery is None and len(ProgressStore(again, "tiny").records()) == len(kept)


def test_a_file_that_is_not_a_database_saves_nothing_and_says_so(studio_home):
    paths.database().write_bytes(b"not sqlite at all " * 300)
    db = Database()
    assert db.recovery.recovered == 0 and db.recovery.line() == "nothing in it could be read"


def test_the_cli_says_how_many_rows_were_recovered_and_lost(studio_home, capsys):
    _fill()
    _damage_page_holding(b"note-i150-")
    assert main(["progress", "--plan", "tests/data/tiny_plan.toml"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("studio: note: the database was damaged; it was moved to ")
    assert "recovered " in err[0] and " lost (progress records " in err[0]


def test_an_invalid_row_on_a_damaged_page_is_not_copied(studio_home):
    db = Database()
    ProgressStore(db, "tiny").set_status("good", "done")
    db.conn.execute("INSERT INTO progress (plan_id, item_id, status, updated) VALUES ('tiny', 'bad', 'weird', 1)")
    db.conn.execute("INSERT INTO settings (key, value) VALUES ('marker', 'settings-page-marker')")
    db.close()
    _damage_page_holding(b"settings-page-marker")  # another table's page: the progress rows are readable
    db = Database()
    assert db.recovery is not None
    assert ProgressStore(db, "tiny").statuses() == {"good": "done"}  # 'weird' is no status
    assert db.recovery.lost_rows["progress"] == 1 and db.recovery.recovered_rows["progress"] == 1
