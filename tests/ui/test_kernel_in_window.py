"""The window's runs are in kernel processes: none outlives the window, even a killed one."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from studio.core.history import RunStore
from studio.core.lesson import Catalog, catalog

import fake_lessons
from processes import gone, kernels_of, wait_for_checkpoint, wait_for_kernel

TESTS = Path(__file__).resolve().parents[1]


def kernels() -> list[psutil.Process]:
    return kernels_of(os.getpid())


def with_fakes() -> Catalog:
    return Catalog({**catalog().lessons, **{lesson.id: lesson for lesson in
                                             (fake_lessons.ENDLESS, fake_lessons.HOG, fake_lessons.SEGFAULT)}})


def test_closing_the_window_mid_run_ends_every_kernel(qtbot, make_window):
    window = make_window(with_fakes(), warm=True)
    qtbot.waitUntil(lambda: window.kernels.spare_pid is not None, timeout=60_000)
    spare = window.kernels.spare_pid
    view = window.show_lesson("test.endless")
    assert view.start()
    qtbot.waitUntil(lambda: view.chart.point_count("loss") > 3, timeout=60_000)
    run_kernel = view.run.kernel_pid
    assert run_kernel == spare != os.getpid()  # the run took the warm spare
    assert [p.pid for p in kernels()] == [run_kernel]  # the next spare waits for the run to end
    window.close()
    deadline = time.monotonic() + 10
    while kernels():
        assert time.monotonic() < deadline, f"kernels left: {kernels()}"
        time.sleep(0.05)
    run = window.runs.get(view.run.history_id)
    assert run.status == "interrupted" and run.error == "the window was closed during the run"
    assert len(run.curves["loss"]) > 3  # what it had streamed is kept


def test_out_of_memory_in_the_window(qtbot, make_window):
    window = make_window(with_fakes(), show=False)
    window.memory_cap_bytes = 300 * 2**20
    view = window.show_lesson("test.hog")
    with qtbot.waitSignal(view.run_finished, timeout=60_000) as blocker:
        view.start()
    outcome = blocker.args[0]
    assert outcome.status == "out_of_memory"
    assert view.state.text().startswith("Out of memory: the run reached") and "limit of 300.0 MiB" in view.state.text()
    assert "The app is fine." in view.output.console.toPlainText()
    assert view.chart.point_count("mb") > 5 and view.run_button.isEnabled()
    assert window.runs.get(outcome_id := view.run.history_id).status == "out_of_memory"
    assert window.runs.get(outcome_id).hardware["hw_peak_lesson_rss_mb"] > 300
    assert view.run.hardware_summary["hw_peak_lesson_rss_mb"] > 300  # the panel's summary has it too


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_a_crash_in_the_window(qtbot, make_window):
    window = make_window(with_fakes(), show=False)
    view = window.show_lesson("test.segfault")
    with qtbot.waitSignal(view.run_finished, timeout=60_000) as blocker:
        view.start()
    assert blocker.args[0].status == "crashed"
    assert "signal SIGSEGV" in view.state.text() and "the app is fine" in view.state.text()
    console = view.output.console.toPlainText()
    assert "about to crash" in console and "Fatal Python error: Segmentation fault" in console
    with qtbot.waitSignal(view.run_finished, timeout=60_000):  # and it runs again
        view.start()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_killed_window_leaves_no_kernel_and_the_next_start_finds_the_run_interrupted(qtbot, make_window):
    app = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from studio.ui.app import make_app, configure_process
        from studio.core.lesson import catalog
        from studio.ui.window.main_window import MainWindow
        configure_process(); app = make_app()
        w = MainWindow(catalog(), warm=False)
        v = w.show_lesson("torch.rnn_sine")
        v.form.set_values({"epochs": 50, "sequences": 2000})
        w.show(); v.start()
        while True:
            app.processEvents(); time.sleep(0.01)
    """)], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        kernel = wait_for_kernel(app)
        wait_for_checkpoint()
        app.kill()
        app.wait()
        assert gone(kernel.pid), "the kernel outlived the killed window"
    finally:
        if app.poll() is None:
            app.kill()
    window = make_window(show=False)  # the next start
    assert window.interrupted_runs == 1
    run = RunStore(window.db).get(RunStore(window.db).list()[0].id)
    assert run.status == "interrupted" and len(run.curves["batch_loss"]) > 0


def _running(qtbot, make_window, lesson_id="test.endless"):
    window = make_window(with_fakes())
    view = window.show_lesson(lesson_id)
    view.start()
    qtbot.waitUntil(lambda: view.chart.point_count("loss") > 3, timeout=60_000)
    return window, view


def test_closing_asks_before_stopping_a_long_run(qtbot, monkeypatch, make_window):
    from PySide6.QtWidgets import QMessageBox

    from studio.ui.window import closing

    asked = []
    answer = [QMessageBox.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer[0])
    monkeypatch.setattr(closing, "ASK_BEFORE_CLOSING_AFTER_S", 0.0)
    window, view = _running(qtbot, make_window)
    window.close()  # No: the window and the run stay
    assert len(asked) == 1 and "test.endless, running for" in asked[0]
    assert window.isVisible() and view.run.running
    answer[0] = QMessageBox.Yes
    window.close()
    assert len(asked) == 2 and not window.isVisible()
    qtbot.waitUntil(lambda: not view.run.running, timeout=10_000)
    assert window.runs.get(view.run.history_id).status == "interrupted"


def test_closing_stops_a_young_run_without_asking(qtbot, monkeypatch, make_window):
    from PySide6.QtWidgets import QMessageBox

    from studio.ui.window import closing

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked about a young run"))
    monkeypatch.setattr(closing, "ASK_BEFORE_CLOSING_AFTER_S", 3600.0)
    window, view = _running(qtbot, make_window)
    window.close()
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not view.run.running, timeout=10_000)


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_ctrl_c_in_the_terminal_closes_the_window(tmp_path):
    app = subprocess.Popen([sys.executable, "-m", "studio", "--lesson", "torch.rnn_sine"],
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_kernel(app)
        time.sleep(1)
        app.send_signal(__import__("signal").SIGINT)
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
