"""The toolkit's widgets alone: Measure this PC, the memory refusal, verdict badges, notebook export."""

import nbformat
from PySide6.QtWidgets import QFileDialog

from studio.core import advisor
from studio.core.advisor import Advice, Estimate, Refusal
from studio.core.lesson import catalog
from studio.core.measure import Measurement
from studio.core.text import bi
from studio.core.throughput import Throughput
from studio.ui.export_notebook import ExportNotebookButton
from studio.ui.lesson_view import LessonView
from studio.ui.measure_dialog import MeasureDialog
from studio.ui.memory_refusal import CHEAPER, FORCE, MemoryGuard, MemoryRefusalDialog
from studio.ui.verdict_badge import VerdictBadge


def fake_measure(progress=None):
    for i, what in enumerate(("cores and memory", "GPU", "NumPy float32 matmul")):
        progress(i, 3, what)
    progress(3, 3, "done")
    m = Measurement(taken=1.0, seconds=0.1, logical_cores=2, usable_cores=2, ram_total=8 * 10**9,
                    ram_available=6 * 10**9, gpu_note="no GPU here")
    m.throughput.append(Throughput("numpy", "cpu", "float32", 42.0, 512, 2))
    return m


def test_measure_dialog_measures_in_a_worker_and_saves(qtbot):
    saved = []
    dialog = MeasureDialog(fake_measure, save=saved.append)
    qtbot.addWidget(dialog)
    assert dialog.figures.toPlainText() == "" and "Not measured" in dialog.state.text()
    with qtbot.waitSignal(dialog.measured, timeout=5000) as blocker:
        dialog.measure_button.click()
        assert not dialog.measure_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert saved == [blocker.args[0]]
    assert "42.0 GFLOP/s" in dialog.figures.toPlainText() and "no GPU here" in dialog.figures.toPlainText()
    assert dialog.progress.value() == dialog.progress.maximum() == 1
    assert dialog.measure_button.isEnabled()


def test_measure_dialog_shows_a_failure(qtbot):
    def broken(progress=None):
        raise RuntimeError("no clock")

    dialog = MeasureDialog(broken, previous=fake_measure(lambda *a: None))
    qtbot.addWidget(dialog)
    assert "42.0 GFLOP/s" in dialog.figures.toPlainText()  # the previous measurement
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert "no clock" in dialog.state.text() and dialog.measure_button.isEnabled()


def _refusal(options=True):
    opts = [Advice("rows", bi("rows=1000 (0.5 MB)", "rows=1000（0.5 MB）"), params={"rows": 1000}),
            Advice("cols", bi("cols=2 (0.6 MB)", "cols=2（0.6 MB）"), params={"cols": 2})] if options else []
    return Refusal("efficiency.float32", needed=600e6, available=20e6, options=opts)


def test_refusal_dialog_offers_cheaper_settings_or_run_anyway(qtbot):
    dialog = MemoryRefusalDialog(_refusal())
    qtbot.addWidget(dialog)
    assert dialog.cheaper_button.isEnabled() and len(dialog.options.buttons()) == 2
    dialog.options.button(1).setChecked(True)
    dialog.cheaper_button.click()
    assert dialog.choice == CHEAPER and dialog.chosen == {"cols": 2}
    dialog = MemoryRefusalDialog(_refusal())
    qtbot.addWidget(dialog)
    dialog.force_button.click()
    assert dialog.choice == FORCE
    bare = MemoryRefusalDialog(_refusal(options=False))
    qtbot.addWidget(bare)
    assert not bare.cheaper_button.isEnabled()
    bare.reject()
    assert bare.choice is None


def _view(qtbot):
    view = LessonView(catalog().get("efficiency.float32"))
    qtbot.addWidget(view)
    view.form.set_values({"rows": 5000, "matrix": 16, "repeats": 1})
    return view


def _check_rows_over(limit):
    def check(lesson, params):
        if params["rows"] <= limit:
            return None
        return Refusal(lesson.id, 1e9, 1e9, [Advice("rows", bi("rows", "rows"), params={"rows": limit})])
    return check


def test_memory_guard_runs_with_the_cheaper_settings(qtbot, monkeypatch):
    view = _view(qtbot)
    view.confirm_run = guard = MemoryGuard(view, check=_check_rows_over(2000))
    monkeypatch.setattr(MemoryRefusalDialog, "exec", lambda self: self.use_cheaper())
    with qtbot.waitSignal(view.run_finished, timeout=30_000) as blocker:
        assert view.start() is False  # refused; restarted with the cheaper settings
    assert guard.dialog.choice == CHEAPER
    assert blocker.args[0].status == "done" and blocker.args[0].params["rows"] == 2000
    assert view.form.values()["rows"] == 2000


def test_memory_guard_run_anyway_and_cancel(qtbot, monkeypatch):
    view = _view(qtbot)
    view.confirm_run = MemoryGuard(view, check=_check_rows_over(2000))
    monkeypatch.setattr(MemoryRefusalDialog, "exec", lambda self: self.reject())
    assert view.start() is False and view.run is None  # cancelled: nothing runs
    monkeypatch.setattr(MemoryRefusalDialog, "exec", lambda self: self.run_anyway())
    with qtbot.waitSignal(view.run_finished, timeout=30_000) as blocker:
        assert view.start() is True
    assert blocker.args[0].params["rows"] == 5000


def test_memory_guard_with_the_real_rule(qtbot, monkeypatch):
    from studio.core import measure

    monkeypatch.setattr(measure, "available_memory", lambda: 100_000)  # 100 KB free
    view = _view(qtbot)
    view.confirm_run = guard = MemoryGuard(view)
    monkeypatch.setattr(MemoryRefusalDialog, "exec", lambda self: self.reject())
    assert view.start() is False
    assert guard.dialog.refusal.needed > 80_000 and "80%" in guard.dialog.refusal.message("en")


def test_verdict_badge_shows_level_and_sentence(qtbot):
    badge = VerdictBadge()
    qtbot.addWidget(badge)
    assert badge.isHidden()
    m = Measurement(ram_total=8 * 10**9, ram_available=8 * 10**9)
    for estimate, level, text in (
        (Estimate(flops=1e9), "runs", "Runs here"),
        (advisor.WORKLOADS["gpt2"], "gpu", "Needs a GPU"),
        (Estimate(bytes=7e9), "memory", "Needs more memory"),
    ):
        v = advisor.judge(estimate, m)
        badge.set_verdict(v)
        badge.show()
        assert v.level == level and badge.text().startswith(text)
        assert badge.toolTip() == v.sentence() and not badge.isHidden()
    badge.set_verdict(None)
    assert badge.isHidden()


def test_export_notebook_button_writes_the_form_values(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "vec"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "ipynb"))
    button = ExportNotebookButton(catalog().get("efficiency.vectorize"), params=lambda: {"max_size": 5000})
    qtbot.addWidget(button)
    with qtbot.waitSignal(button.exported) as blocker:
        button.click()
    assert blocker.args[0] == str(target) + ".ipynb"
    nb = nbformat.read(blocker.args[0], as_version=4)
    assert "'max_size': 5000," in nb.cells[-1].source
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert button.export() is None
