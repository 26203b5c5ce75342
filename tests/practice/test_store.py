"""Attempts, drafts, hints and the solution in SQLite: nothing the learner typed is lost."""

import os

from studio.core.db import MIGRATIONS, Database
from studio.practice.report import CheckOutcome, Report
from studio.practice.store import AttemptStore

EX = "pandas.groupby/by_gender"


def _report(status: str) -> Report:
    return Report(EX, status, [CheckOutcome("means", {"en": "m", "zh": "均"}, status == "pass", "1", "2")],
                  output="out", seconds=0.5)


def test_migration_5_adds_the_practice_tables(tmp_path):
    db = Database(tmp_path / "s.db")
    assert db.version == max(MIGRATIONS) >= 5
    names = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"practice_attempts", "practice_state"} <= names


def test_attempts_keep_their_code_and_report_and_the_status_follows(tmp_path):
    store = AttemptStore(Database(tmp_path / "s.db"))
    assert store.status(EX).status == "not_attempted" and store.draft(EX) is None
    first = store.start(EX, "gender_avg = 1")
    assert store.draft(EX) == "gender_avg = 1"  # saved at the run
    store.finish(first, _report("fail"))
    second = store.start(EX, "gender_avg = 2")
    store.finish(second, _report("pass"))
    third = store.start(EX, "gender_avg = 3")
    store.finish(third, _report("error"))
    status = store.status(EX)
    assert status.status == "pass" and status.attempts == 3 and status.passed and not status.passed_with_solution
    assert [a.status for a in store.attempts(EX)] == ["error", "pass", "fail"]
    again = store.attempt(first)
    assert again.code == "gender_avg = 1" and again.report.checks[0].text == {"en": "m", "zh": "均"}
    assert store.latest(EX).id == third


def test_a_pass_after_the_solution_is_shown_as_such(tmp_path):
    store = AttemptStore(Database(tmp_path / "s.db"))
    store.reveal_solution(EX)
    store.finish(store.start(EX, "x"), _report("pass"))
    status = store.status(EX)
    assert status.passed_with_solution and status.solution_seen and store.attempts(EX)[0].solution_seen


def test_hints_are_shown_one_more_at_a_time_and_never_fewer(tmp_path):
    store = AttemptStore(Database(tmp_path / "s.db"))
    assert store.show_hints(EX, 1) == 1 and store.show_hints(EX, 2) == 2 and store.show_hints(EX, 1) == 2


def test_drafts_survive_a_new_connection_and_cli_attempts_fill_an_empty_editor(tmp_path):
    path = tmp_path / "s.db"
    AttemptStore(Database(path)).save_draft(EX, "typed, never run")
    assert AttemptStore(Database(path)).draft(EX) == "typed, never run"
    store = AttemptStore(Database(path))
    store.start("pandas.groupby/best_per_subject", "from the terminal", source="cli")
    assert store.draft("pandas.groupby/best_per_subject") == "from the terminal"


def test_an_attempt_left_running_by_a_dead_process_is_interrupted(tmp_path):
    store = AttemptStore(Database(tmp_path / "s.db"))
    mine = store.start(EX, "x")
    gone = store.start(EX, "y")
    store.db.query("UPDATE practice_attempts SET pid = ? WHERE id = ?", (2**22 + 12345, gone))
    assert store.recover_interrupted() == 1
    assert store.attempt(gone).status == "interrupted" and store.attempt(mine).status == "running"
    store.finish(gone, _report("pass"))  # too late: it stays interrupted
    assert store.attempt(gone).status == "interrupted" and os.getpid()


def test_a_damaged_file_gives_back_the_practice_rows(studio_home):
    """studio.core.db_recover copies the practice tables too: the learner's code survives."""
    from studio.core import paths

    store = AttemptStore(Database())
    for i in range(40):
        store.finish(store.start(EX, f"attempt {i} " + "x" * 200), _report("fail"))
    store.save_draft("pandas.groupby/best_per_subject", "my draft")
    store.db.close()
    path = paths.database()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = data.index(b"attempt 20 ") // page_size  # one bad page in the attempts' table
    data[page * page_size:(page + 1) * page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))
    db = Database()
    assert db.recovered_from is not None
    again = AttemptStore(db)
    assert 30 <= len(again.attempts(EX)) < 40  # only that page's attempts are lost
    assert again.draft("pandas.groupby/best_per_subject") == "my draft"
