import functools
import json

import pytest

from studio.cli import advise_cmd, main
from studio.core import measure
from studio.core.lesson import catalog


@pytest.fixture
def quick_measure(monkeypatch):
    """The real measurement with a short time per matrix product."""
    monkeypatch.setattr(advise_cmd.measure, "measure", functools.partial(measure.measure, cell_budget_s=0.05))


def test_advise_json_has_a_verdict_for_every_lesson_and_plan_item_with_needs(capsys):
    assert main(["advise", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["measured"] is False  # a fresh STUDIO_HOME: nothing measured yet
    assert [v["id"] for v in out["lessons"]] == catalog().ids()
    for v in out["lessons"]:
        assert v["level"] in ("runs", "slow", "gpu", "memory") and v["sentence"] and v["minutes"] is not None
    plan = {v["id"]: v for v in out["plan"]}
    assert {"resnet50", "bert-finetune"} <= set(plan)
    if not out["machine"]["gpus"]:
        assert plan["bert-finetune"]["level"] == "gpu"
        assert {c["key"] for c in plan["bert-finetune"]["cloud"]} == {"colab", "kaggle", "scnet"}


def test_advise_measure_json_then_advise_uses_it(capsys, quick_measure):
    assert main(["advise", "--measure", "--json"]) == 0
    m = json.loads(capsys.readouterr().out)["measurement"]
    kinds = {(t["library"], t["device"], t["dtype"]) for t in m["throughput"]}
    assert {("numpy", "cpu", "float32"), ("numpy", "cpu", "float64"),
            ("torch", "cpu", "float32"), ("torch", "cpu", "float64")} <= kinds
    assert all(t["gflops"] > 0 for t in m["throughput"])
    assert m["logical_cores"] >= 1 and m["usable_cores"] > 0 and m["ram_total"] > 0
    assert m["gpus"] or m["gpu_note"]  # a GPU, or the reason there is none
    assert main(["advise", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["measured"] is True and all(v["measured"] for v in out["lessons"])


def test_advise_text_in_both_languages(capsys):
    assert main(["advise"]) == 0
    text = capsys.readouterr().out
    assert "efficiency.vectorize" in text and "Runs here" in text and "RAM:" in text
    assert main(["advise", "--lang", "zh"]) == 0
    assert "本机可运行" in capsys.readouterr().out


def test_run_refuses_what_does_not_fit_in_memory(capsys):
    # 2 billion rows x 10 columns in float64 and float32: terabytes
    code = main(["run", "efficiency.float32", "--set", "rows=2000000000", "--set", "matrix=64"])
    assert code == 2
    err = capsys.readouterr().err
    assert "refused" in err and "80%" in err
    assert "studio run efficiency.float32 --set rows=" in err and "--set matrix=64" in err
    assert "--force" in err


def test_cheaper_settings_fit_and_force_runs_anyway(capsys, monkeypatch):
    # pretend only 20 MB are free: the defaults (about 600 MB) are refused
    monkeypatch.setattr(measure, "available_memory", lambda: 20_000_000)
    args = ["run", "efficiency.float32", "--set", "matrix=64", "--set", "repeats=1"]
    assert main(args + ["--json"]) == 2
    captured = capsys.readouterr()
    refusal = json.loads(captured.out)["refusal"]
    assert refusal["needed_mb"] > 16 and refusal["available_mb"] == round(20_000_000 / 2**20, 1)  # MiB, as the kernel
    rows = [o["params"]["rows"] for o in refusal["options"] if "rows" in o["params"]]
    assert rows and rows[0] < 2_000_000
    # the offered settings are accepted, and --force runs the refused ones
    assert main(args + ["--set", f"rows={rows[0]}", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "done"
    refused = ["run", "efficiency.float32", "--set", "rows=1000000", "--set", "matrix=64", "--set", "repeats=1"]
    assert main(refused) == 2
    capsys.readouterr()
    assert main(refused + ["--force"]) == 0
    assert "memory_ratio = 2.0" in capsys.readouterr().out


def test_advise_checks_estimates_against_recorded_runs(capsys):
    assert main(["run", "efficiency.vectorize", "--set", "max_size=5000", "--set", "repeats=1"]) == 0
    capsys.readouterr()
    assert main(["advise", "--json"]) == 0
    checks = json.loads(capsys.readouterr().out)["history_check"]
    assert [c["lesson"] for c in checks] == ["efficiency.vectorize"]
    assert checks[0]["runs"] == 1 and checks[0]["measured_s"] > 0 and checks[0]["ratio"] > 0
    assert main(["advise"]) == 0
    assert "estimated against recorded runs" in capsys.readouterr().out
