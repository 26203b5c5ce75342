"""UI tests: a guard that fails any test leaving a worker thread or one of our timers running
(napari's dangling-thread guard, adapted)."""

import sys

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from superqt.utils._qthreading import WorkerBase


@pytest.fixture(scope="session", autouse=True)
def gui_thread_garbage_collection(qapp):
    """As in the app (studio.ui.gc_guard): cyclic GC on the GUI thread only."""
    from studio.ui import gc_guard

    gc_guard.install(qapp)


@pytest.fixture(autouse=True)
def no_dangling_threads_or_timers(qapp, monkeypatch):
    ours = []
    original = QTimer.start

    def tracking_start(self, *args):
        if sys._getframe(1).f_globals.get("__name__", "").startswith("studio"):
            ours.append(self)
        return original(self, *args)

    monkeypatch.setattr(QTimer, "start", tracking_start)
    yield  # autouse and set up before qtbot: torn down after qtbot closed the widgets
    qapp.processEvents()
    QThreadPool.globalInstance().waitForDone(200)
    running = [w for w in WorkerBase._worker_set if w.is_running]
    active = []
    for timer in ours:
        try:
            if timer.isActive():
                active.append(timer)
        except RuntimeError:  # its C++ object was deleted with its parent: fine
            pass
    for timer in active:
        timer.stop()
    assert not running, f"test left {len(running)} worker thread(s) running"
    assert QThreadPool.globalInstance().activeThreadCount() == 0, "a worker thread is still running"
    assert not active, f"test left {len(active)} QTimer(s) running"


@pytest.fixture(autouse=True)
def answer_questions_yes(monkeypatch):
    """A question box would block a test for ever (closing a window mid-run asks): answer Yes;
    a test that wants another answer patches it again."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
