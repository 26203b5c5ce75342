"""`studio practice`: list, show, hint, solution, and check a file in a kernel (exit codes, --json,
time limit and memory cap, no kernel left behind)."""

import json
import time

import psutil
import pytest

from studio.cli import main
from studio.core.db import Database
from studio.core.lesson import catalog
from studio.practice.exercise import get
from studio.practice.store import AttemptStore

EX = "pandas.groupby/by_gender"


def kernels() -> list:
    return [p for p in psutil.Process().children(recursive=True)
            if "studio.kernel" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE]


def no_kernel_left(timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while kernels() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not kernels()


def test_list_json_has_45_exercises_covering_every_lesson(capsys):
    assert main(["practice", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 45 and {r["lesson"] for r in rows} == set(catalog().ids())
    assert {r["status"] for r in rows} == {"not_attempted"} and all(r["hints"] >= 1 for r in rows)
    assert main(["practice", "list", "pandas.groupby"]) == 0
    out = capsys.readouterr().out
    assert EX in out and "2 exercises, 0 passed" in out


def test_show_hint_and_solution(capsys):
    assert main(["practice", "show", EX, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "按性别求平均分" in out and "gender_avg = None" in out
    assert main(["practice", "hint", EX]) == 0 and capsys.readouterr().out.startswith("Hint 1/2:")
    assert main(["practice", "hint", EX]) == 0 and capsys.readouterr().out.startswith("Hint 2/2:")
    assert main(["practice", "solution", EX]) == 0
    assert capsys.readouterr().out.strip() == get(EX).solution.strip()
    store = AttemptStore(Database())
    assert store.hints_shown(EX) == 2 and store.solution_seen(EX)


@pytest.mark.parametrize("args, message", [
    (["practice", "show", "nope/nothing"], "unknown exercise 'nope/nothing'"),
    (["practice", "list", "no.lesson"], "unknown lesson 'no.lesson'"),
    (["practice", "hint", EX, "9"], "has hints 1 to 2; got 9"),
    (["practice", "check", EX, "/no/such/file.py"], "no such file: /no/such/file.py"),
    (["practice", "check", "nope/nothing", "x.py"], "unknown exercise"),
    (["practice", "check", EX, "{file}", "--timeout", "-1"], "--timeout expects a positive number"),
    (["practice", "check", EX, "{file}", "--memory-limit", "lots"], "--memory-limit expects a size"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, args, message):
    file = tmp_path / "a.py"
    file.write_text("x = 1\n")
    assert main([a.replace("{file}", str(file)) for a in args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in err[0]


def test_check_pass_fail_and_error_with_their_exit_codes(capsys, tmp_path):
    solution, wrong, broken = tmp_path / "solution.py", tmp_path / "wrong.py", tmp_path / "broken.py"
    solution.write_text(get(EX).solution)
    wrong.write_text(get(EX).wrong[0])
    broken.write_text("import pandas as pd\n\ngender_avg = pd.Series({'F': 1})\nprint(gender_avg['M'])\n")
    assert main(["practice", "check", EX, str(solution), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"exercise", "status", "checks", "output", "seconds"} <= set(out) and out["status"] == "pass"
    assert out["checks"][2] == {"name": "means", "passed": True, "expected": "[F, M] = [89.33333333, 85]",
                                "found": "[F, M] = [89.33333333, 85]"}
    assert "89.333333" in out["output"]
    assert main(["practice", "check", EX, str(wrong)]) == 1
    text = capsys.readouterr().out
    assert "FAIL" in text and "expected [F, M] = [89.33333333, 85]; found [F, M] = [268, 425]" in text
    assert main(["practice", "check", EX, str(broken), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "error" and out["error_line"] == 4 and "KeyError" in out["error"]
    assert f'File "{broken}", line 4' in out["error"]
    store = AttemptStore(Database())  # recorded as the window's are
    assert [a.status for a in store.attempts(EX)] == ["error", "fail", "pass"] and store.status(EX).passed
    assert store.attempt(out["attempt"]).code == broken.read_text()
    assert no_kernel_left()


def test_the_starter_is_not_attempted(capsys, tmp_path):
    starter = tmp_path / "starter.py"
    starter.write_text(get(EX).starter.replace("# your code", "# my code"))
    assert main(["practice", "check", EX, str(starter)]) == 1
    assert "not_attempted" in capsys.readouterr().out


def test_an_endless_loop_ends_timeout(capsys, tmp_path):
    loop = tmp_path / "loop.py"
    loop.write_text("while True:\n    pass\n")
    code = main(["practice", "check", EX, str(loop), "--json", "--timeout", "5"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["status"] == "timeout"
    assert "time limit of 5 s" in out["error"]
    assert no_kernel_left()


def test_past_the_memory_cap_ends_with_the_out_of_memory_message(capsys, tmp_path):
    hog = tmp_path / "hog.py"
    hog.write_text("import numpy as np\nkept = []\nwhile True:\n    kept.append(np.ones(10 * 2**20, dtype=np.uint8))\n")
    assert main(["practice", "check", EX, str(hog), "--memory-limit", "300M", "--json"]) == 1
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["status"] == "error" and out["error"].startswith("Out of memory: the run reached")
    err = [line for line in captured.err.splitlines() if line.startswith("studio:")]
    assert len(err) == 1 and "limit of 300.0 MiB" in err[0] and "Traceback" not in captured.err
    assert no_kernel_left()


@pytest.mark.skipif(__import__("os").name == "nt", reason="POSIX signals")
def test_ctrl_c_stops_the_attempt_with_exit_130(tmp_path):
    import signal
    import subprocess
    import sys

    loop = tmp_path / "loop.py"
    loop.write_text("while True:\n    pass\n")
    app = subprocess.Popen([sys.executable, "-m", "studio", "practice", "check", EX, str(loop)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not [k for k in psutil.Process(app.pid).children() if "studio.kernel" in " ".join(k.cmdline())]:
            assert time.monotonic() < deadline and app.poll() is None
            time.sleep(0.05)
        time.sleep(0.5)
        app.send_signal(signal.SIGINT)
        out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 130 and "stopped" in out and "Traceback" not in err
    assert AttemptStore(Database()).attempts(EX)[0].status == "stopped"
