"""`studio run` runs the lesson in a kernel: out of memory, Ctrl-C and a killed terminal."""

import json
import os
import signal
import subprocess
import sys

import pytest

from studio.cli import main
from studio.core.db import Database
from studio.core.history import RunStore

from processes import gone, wait_for_checkpoint, wait_for_kernel


def test_out_of_memory_is_one_line_and_exit_1(capsys):
    """The article's pitfall: 200,000,000 rows of float64 (16 GB) against a 500 MB cap."""
    code = main(["run", "efficiency.float32", "--set", "rows=200000000", "--force",
                 "--memory-limit", "500M", "--json"])
    captured = capsys.readouterr()
    assert code == 1
    out = json.loads(captured.out)
    assert out["status"] == "out_of_memory"
    assert out["detail"]["memory_limit_mb"] == 500 and out["detail"]["peak_rss_mb"] > 500
    err = [line for line in captured.err.splitlines() if line.startswith("studio:")]
    assert len(err) == 1 and "Out of memory: the run reached" in err[0] and "limit of 500.0 MiB" in err[0]
    assert "Traceback" not in captured.err
    run = RunStore(Database()).get(out["run_id"])
    assert run.status == "out_of_memory" and run.hardware["hw_peak_lesson_rss_mb"] > 500


@pytest.mark.parametrize("size", ["lots", "0", "-5M", "nanG", "1e999G"])
def test_a_bad_memory_limit_exits_2(capsys, size):
    assert main(["run", "efficiency.float32", f"--memory-limit={size}"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--memory-limit expects a size" in err[0]


def test_the_run_is_in_a_kernel_and_in_process_stays_possible(capsys):
    assert main(["run", "torch.linear_regression", "--set", "epochs=5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["device"] == "cpu"  # "auto" resolved in the kernel
    hw = RunStore(Database()).get(out["run_id"]).hardware
    assert hw["hw_peak_lesson_rss_mb"] > 10 and "hw_mean_lesson_cpu_percent" in hw
    assert main(["run", "torch.linear_regression", "--set", "epochs=5", "--json", "--in-process"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "done"


def _studio(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "studio", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_ctrl_c_stops_the_run_with_one_line_and_exit_130():
    app = _studio("run", "torch.rnn_sine", "--set", "epochs=50", "--set", "sequences=2000")
    kernel = wait_for_kernel(app)
    wait_for_checkpoint()
    app.send_signal(signal.SIGINT)  # the terminal sends it to the kernel too: it ignores it
    kernel.send_signal(signal.SIGINT)
    out, err = app.communicate(timeout=60)
    assert app.returncode == 130, err
    assert "Traceback" not in out + err and "KeyboardInterrupt" not in out + err
    assert out.splitlines()[-1] == "Stopped."  # the last line, and no summary of a stopped run
    assert gone(kernel.pid)
    run = RunStore(Database()).list()[0]
    assert run.status == "cancelled"


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_killed_terminal_leaves_no_kernel_and_the_next_start_finds_the_run_interrupted():
    app = _studio("run", "torch.rnn_sine", "--set", "epochs=50", "--set", "sequences=2000")
    kernel = wait_for_kernel(app)
    wait_for_checkpoint()  # every 5 s the curves so far are saved
    app.kill()
    app.communicate()
    assert gone(kernel.pid), "the kernel outlived the killed app"
    store = RunStore(Database())
    assert store.recover_interrupted() == 1
    run = store.get(store.list()[0].id)
    assert run.status == "interrupted" and len(run.curves["batch_loss"]) > 0
