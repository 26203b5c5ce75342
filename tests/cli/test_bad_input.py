"""Bad input is one line on stderr and exit code 2, never a traceback; nothing is recorded or stored."""

from __future__ import annotations

import json

import pytest

from studio.cli import main
from studio.core.db import Database
from studio.core.history import RunStore
from studio.core.progress import ProgressStore

TINY = "tests/data/tiny_plan.toml"


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("argv", [
    ["runs", "show", str(2**63)],
    ["runs", "show", "99999999999999999999"],
    ["runs", "delete", "1", str(2**64)],
    ["runs", "export", str(2**63), "-o", "runs.csv"],
])
def test_run_ids_over_sqlites_largest_integer(argv, capsys, tmp_path, monkeypatch):
    """These were OverflowError tracebacks from SQLite."""
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert one_line(capsys).startswith("studio: error: a run id is a whole number from 1 to 9223372036854775807")


def test_export_notebook_into_a_folder_that_cannot_be_made(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "sub" / "lesson.ipynb"
    assert main(["export-notebook", "numpy.array_basics", "-o", str(target)]) == 2
    assert one_line(capsys).startswith(f"studio: error: cannot write {target}: ")


def test_run_out_a_file_is_refused_before_the_run(tmp_path, capsys):
    """It failed mid-run with a traceback, and the run was recorded `failed`."""
    out = tmp_path / "figures"
    out.write_text("a file, not a folder", encoding="utf-8")
    assert main(["run", "matplotlib.plot_2d_3d", "--out", str(out)]) == 2
    assert one_line(capsys) == (f"studio: error: --out {out}: not a folder "
                                "(the figures are written into a folder, one PNG each)")
    assert RunStore(Database()).list() == []  # nothing recorded
    assert out.read_text(encoding="utf-8") == "a file, not a folder"


def test_runs_of_an_unknown_lesson_name_it(capsys):
    assert main(["runs", "--lesson", "no.such.lesson"]) == 2
    assert one_line(capsys) == "studio: error: unknown lesson 'no.such.lesson'; `studio lessons` lists them"
    assert main(["runs", "export", "--lesson", "no.such.lesson", "-o", "x.csv"]) == 2
    assert one_line(capsys) == "studio: error: unknown lesson 'no.such.lesson'; `studio lessons` lists them"
    assert main(["runs", "--lesson", "numpy.array_basics"]) == 0  # a real lesson without runs yet
    assert capsys.readouterr().out.strip() == "no runs of numpy.array_basics yet"


def test_one_error_is_one_error(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(open(TINY, encoding="utf-8").read().replace('kind = "reading"', 'kind = "lecture"'),
                   encoding="utf-8")
    assert main(["progress", "--plan", str(bad)]) == 2
    assert one_line(capsys) == (f"studio: error: {bad} is not a valid plan (1 error); "
                                f"`studio plan check {bad}` lists them")
    assert main(["plan", "check", str(bad)]) == 2
    assert capsys.readouterr().out.splitlines()[-1] == f"{bad}: 1 error"


def test_deeply_nested_plan_and_import_files(tmp_path, capsys):
    """Both were RecursionError tracebacks."""
    plan = tmp_path / "deep.toml"
    plan.write_text("x = " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["plan", "check", str(plan)]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err and out.out.splitlines() == [
        f"{plan}: arrays or tables are nested too deeply to be a plan", f"{plan}: 1 error"]
    data = tmp_path / "deep.json"
    data.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["progress", "import", str(data)]) == 2
    assert one_line(capsys) == (f"studio: error: {data}: not a progress file "
                                "(arrays or objects nested too deeply)")


def test_an_import_with_an_impossible_time_stores_nothing(tmp_path, capsys):
    """`"updated": 1e308` imported with exit 0; then `progress export` crashed (OverflowError)."""
    path = tmp_path / "p.json"
    record = {"plan": "zero-compute", "item": "os-setup", "status": "done", "updated": 1e308}
    path.write_text(json.dumps({"kind": "zero-compute-ml-studio/progress", "version": 1, "records": [record]}),
                    encoding="utf-8")
    assert main(["progress", "import", str(path)]) == 2
    assert one_line(capsys).startswith(f"studio: error: {path}: records[0].updated: 1e+308 is not between 1970 and now")
    assert ProgressStore(Database()).records() == {}
    assert main(["progress", "export", str(tmp_path / "out.json")]) == 0
    assert "wrote 0 records" in capsys.readouterr().out


def test_a_note_with_an_undecodable_byte(capsys):
    """A byte that is not UTF-8 on the command line reaches Python as a lone surrogate; SQLite
    refused it with a UnicodeEncodeError traceback."""
    assert main(["progress", "set", "os-setup", "done", "--note", "caf\udce9"]) == 2
    assert one_line(capsys).startswith("studio: error: the note is not valid text")
    assert ProgressStore(Database()).records() == {}
