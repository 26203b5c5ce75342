"""`studio run` records every run; `studio runs` lists, shows, exports and deletes them."""

import csv
import json

import pytest

from studio.cli import main
from studio.core.context import Context
from studio.core.history import RunStore
from studio.core.runner import Outcome


def run_json(capsys, *args) -> dict:
    assert main(["run", "torch.binary_classifier", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def two_runs(capsys):
    """Two real runs of the article's classifier with different learning rates."""
    fast = run_json(capsys, "--set", "epochs=50", "--set", "lr=0.5")
    slow = run_json(capsys, "--set", "epochs=50", "--set", "lr=0.1")
    return fast, slow


@pytest.mark.slow
def test_runs_lists_both_runs_with_their_params_and_results(capsys, two_runs):
    fast, slow = two_runs
    assert slow["run_id"] == fast["run_id"] + 1
    assert main(["runs", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == [slow["run_id"], fast["run_id"]]
    by_id = {r["id"]: r for r in listed}
    for printed in (fast, slow):
        run = by_id[printed["run_id"]]
        assert run["lesson"] == "torch.binary_classifier" and run["status"] == "done"
        assert run["params"] == printed["params"] and run["results"] == printed["results"]
        assert run["device"] == "cpu" and run["versions"]["torch"]
        assert run["hardware"]["hw_peak_lesson_rss_mb"] > 0  # the kernel process that ran it
    assert by_id[fast["run_id"]]["params"]["lr"] == 0.5 and by_id[slow["run_id"]]["params"]["lr"] == 0.1
    # A faster learning rate ends lower after 50 epochs (computed, not stored by the test).
    assert fast["results"]["final_loss"] < slow["results"]["final_loss"]

    assert main(["runs", "--lesson", "torch.binary_classifier"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["id", "lesson", "started"] and len(table) == 3
    assert "lr=0.5" in table[2] and "done" in table[2]
    assert main(["runs", "--lesson", "torch.linear_regression", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.slow
def test_show_prints_output_results_and_curves(capsys, two_runs):
    fast, _ = two_runs
    assert main(["runs", "show", str(fast["run_id"])]) == 0
    out = capsys.readouterr().out
    assert f"run {fast['run_id']}: torch.binary_classifier, done on cpu" in out
    assert f"final_loss = {fast['results']['final_loss']}" in out
    assert "loss: 50 points, steps 1..50" in out and "accuracy: 5 points, steps 10..50" in out
    assert f"Accuracy: {fast['results']['accuracy']}" in out  # the lesson's printed output, again

    assert main(["runs", "show", str(fast["run_id"]), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [[s, v] for s, v in zip(shown["curves"]["loss"]["step"], shown["curves"]["loss"]["value"],
                                   strict=True)] == fast["scalars"]["loss"]
    assert "Accuracy:" in shown["output"]


@pytest.mark.slow
def test_export_and_delete(capsys, two_runs, tmp_path):
    fast, slow = two_runs
    csv_path = tmp_path / "curves.csv"
    assert main(["runs", "export", str(fast["run_id"]), "-o", str(csv_path)]) == 0
    assert "wrote 1 run to" in capsys.readouterr().out
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert len(rows) == 50 + 5 and {r["run_id"] for r in rows} == {str(fast["run_id"])}
    assert float(rows[-1]["value"]) == fast["scalars"]["accuracy"][-1][1]

    json_path = tmp_path / "all.json"
    assert main(["runs", "export", "--lesson", "torch.binary_classifier", "-o", str(json_path)]) == 0
    exported = json.loads(json_path.read_text(encoding="utf-8"))["runs"]
    assert sorted(r["id"] for r in exported) == [fast["run_id"], slow["run_id"]]

    assert main(["runs", "delete", str(fast["run_id"])]) == 0
    assert "deleted 1 run" in capsys.readouterr().out
    assert main(["runs", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [slow["run_id"]]


@pytest.mark.parametrize("where", [[], ["--in-process"]])
def test_a_failed_run_is_recorded_with_its_error(capsys, monkeypatch, where):
    from studio.core import lesson as lesson_mod

    import fake_lessons

    broken = fake_lessons.FAILS_AFTER_A_POINT  # importable: a kernel imports it by its module
    monkeypatch.setitem(lesson_mod.catalog().lessons, broken.id, broken)
    assert main(["run", broken.id, "--json", *where]) == 1
    printed = json.loads(capsys.readouterr().out)
    run = RunStore().get(printed["run_id"])
    assert run.status == "failed" and "ValueError: the data has no rows" in run.error
    assert len(run.curves["loss"]) == 1


@pytest.mark.parametrize("args, message", [
    (["runs", "show", "7"], "no run with id 7; `studio runs` lists them"),
    (["runs", "show", "seven"], "a run id is a positive whole number, got 'seven'"),
    (["runs", "show", "0"], "a run id is a whole number from 1 to 9223372036854775807, got '0'"),
    (["runs", "delete", "1", "8", "9"], "no runs with ids 8, 9"),
    (["runs", "export", "1", "5", "-o", "x.csv"], "no run with id 5"),
    (["runs", "export", "-o", "runs.txt"], "must end in .json or .csv, got 'runs.txt'"),
    (["runs", "export", "--lesson", "no.such", "-o", "x.json"], "unknown lesson 'no.such'"),
])
def test_bad_input_exits_2_with_one_clear_line(capsys, args, message):
    store = RunStore()
    run_id = store.start("demo.lesson", {}, "cpu")
    store.finish(run_id, Outcome("demo.lesson", "done", "cpu", {}), Context())
    assert run_id == 1
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and err[0].startswith("studio: error:")
    assert [r.id for r in RunStore().list()] == [1]  # nothing deleted


def test_no_runs_yet(capsys):
    assert main(["runs"]) == 0
    assert "no runs yet" in capsys.readouterr().out
