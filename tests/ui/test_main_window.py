import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from studio.core.lesson import catalog
from studio.ui import i18n


def test_window_shows_lessons_and_docks(qtbot, make_window):
    window = make_window()
    assert window.lesson_list.count() == len(catalog())
    view = window.show_lesson("torch.linear_regression")
    assert window.current_lesson_id() == "torch.linear_regression"
    assert window.show_lesson("torch.linear_regression") is view  # kept, not rebuilt
    assert window.hardware_dock.isVisible() and window.roadmap_dock.isVisible()


def test_language_switch_rebuilds_views_and_persists(qtbot, qapp, make_window):
    window = make_window(show=False)
    window.show_lesson("torch.linear_regression")
    window.set_language("zh")
    try:
        assert window.windowTitle() != "Zero-Compute ML Studio"  # translated
        assert window.views["torch.linear_regression"].lesson.title["zh"] in [
            window.lesson_list.item(i).text() for i in range(window.lesson_list.count())]
        assert window.views["torch.linear_regression"].run_button.text() == "运行"
        assert i18n.chosen_language() == "zh"
    finally:
        window.set_language("en")
    assert window.windowTitle() == "Zero-Compute ML Studio"


def test_the_spare_kernel_warms_torch_and_the_window_imports_none_of_it(qtbot, make_window):
    window = make_window(warm=True)
    qtbot.waitUntil(lambda: bool(window.torch_info), timeout=60_000)
    assert window.torch_info["torch_threads"] == window.kernel_threads() >= 1
    assert "torch" in window.torch_info["modules"]
    assert "threads" in window.threads_label.text() and "torch" in window.device_label.text()


def test_the_window_process_never_imports_torch(tmp_path):
    """A real window: torch is warmed in the spare kernel, never in the GUI process."""
    script = (
        "import sys\n"
        "from studio.ui.app import make_app, configure_process\n"
        "from studio.core.lesson import catalog\n"
        "from studio.ui.window.main_window import MainWindow\n"
        "configure_process(); app = make_app()\n"
        "w = MainWindow(catalog()); w.show_lesson('torch.binary_classifier'); w.show()\n"
        "import time; deadline = time.monotonic() + 90\n"
        "while not w.torch_info and time.monotonic() < deadline:\n"
        "    app.processEvents(); time.sleep(0.02)\n"
        "print('warm', bool(w.torch_info), 'torch' in sys.modules, 'sklearn' in sys.modules)\n"
        "w.close()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert "warm True False False" in proc.stdout


@pytest.mark.slow
def test_closing_mid_run_exits_cleanly(tmp_path):
    """A real process: start a long run, close the window, expect a clean exit."""
    script = tmp_path / "close_mid_run.py"
    script.write_text(
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from studio.ui.app import make_app, configure_process\n"
        "from studio.core.lesson import catalog\n"
        "from studio.ui.window.main_window import MainWindow\n"
        "configure_process()\n"
        "app = make_app()\n"
        "w = MainWindow(catalog(), warm=False)\n"
        "v = w.show_lesson('torch.binary_classifier')\n"
        "v.form.set_values({'epochs': 100000})\n"
        "w.show()\n"
        "QTimer.singleShot(100, v.start)\n"
        "QTimer.singleShot(4000, w.close)\n"
        "QTimer.singleShot(4500, app.quit)\n"
        "app.exec()\n"
        "print('status', v.last_outcome.status)\n"
    )
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert "status cancelled" in proc.stdout
    assert "QThread: Destroyed while thread is still running" not in proc.stderr


@pytest.mark.slow
def test_screenshot_after_a_run(tmp_path):
    png = tmp_path / "shot.png"
    proc = subprocess.run(
        [sys.executable, "-m", "studio", "--screenshot", str(png), "--lesson", "torch.linear_regression",
         "--run", "--lang", "zh", "--size", "1400x900"],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1400, 900)


def test_screenshot_of_an_unknown_lesson_exits_2(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "studio", "--screenshot", str(tmp_path / "x.png"), "--lesson", "nope"],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "unknown lesson 'nope'" in proc.stderr


def _run_to_end(qtbot, view, **params):
    view.form.set_values(params)
    with qtbot.waitSignal(view.run_finished, timeout=60_000) as blocker:
        assert view.start()
    return blocker.args[0]


def test_gui_runs_are_recorded_and_linked_when_the_item_is_ticked(qtbot, make_window):
    window = make_window(show=False)
    view = window.show_lesson("torch.linear_regression")
    outcome = _run_to_end(qtbot, view, epochs=30)
    runs = window.runs.list("torch.linear_regression")
    assert len(runs) == 1 and runs[0].status == "done" and runs[0].params["epochs"] == 30
    run = window.runs.get(runs[0].id)
    assert run.results["final_loss"] == outcome.results["final_loss"]
    curves = window.runs.curves([run.id])[run.id]
    assert len(curves["loss"]) == 30
    assert view.history.model.rowCount() == 1  # the lesson's History tab shows it
    item = window.roadmap.item_for_lesson("torch.linear_regression")
    window.store.set_status(item.id, "done")
    assert window.store.get(item.id).run_id == run.id


def test_a_run_cut_short_by_closing_is_interrupted_not_lost(qtbot, make_window):
    window = make_window(show=False)
    view = window.show_lesson("torch.binary_classifier")
    view.form.set_values({"epochs": 100_000})
    assert view.start()
    qtbot.waitUntil(lambda: view.chart.point_count("loss") > 10, timeout=30_000)
    window.close()
    [run] = window.runs.list("torch.binary_classifier")
    assert run.status == "interrupted"
    assert len(window.runs.curves([run.id])[run.id]["loss"]) > 10
