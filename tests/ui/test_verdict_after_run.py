"""Issue 14: a lesson without a declared estimate shows no guessed figures; after its first
run in the window, its verdict gives the measured time of that run on this PC and says so."""

import os

from studio.core.lesson import catalog
from studio.ui.window.main_window import MainWindow

from processes import gone, kernels_of


def test_the_verdict_takes_the_measured_time_after_the_first_run(qtbot):
    window = MainWindow(catalog(), warm=False)
    qtbot.addWidget(window)
    view = window.show_lesson("numpy.reshape")
    assert view.lesson.estimate is None
    before = view.verdict_text.text()
    assert "first run here measures the time" in before and "guess" not in before
    with qtbot.waitSignal(view.run_finished, timeout=60_000) as blocker:
        view.start()
    assert blocker.args[0].status == "done"
    qtbot.waitUntil(lambda: "time measured in your 1 run(s) of these settings on this PC"
                    in view.verdict_text.text(), timeout=10_000)
    kernels = kernels_of(os.getpid())
    window.close()
    assert all(gone(k.pid) for k in kernels)
