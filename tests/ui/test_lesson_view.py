import pytest
from PySide6.QtCore import Qt

from studio.core import units
from studio.core.lesson import Lesson, Param, catalog
from studio.core.text import bi
from studio.ui.lesson_view import LessonView

import fake_lessons


def _lesson(run, params=(), **kw):
    return Lesson(id="test.ui", title=bi("Test", "测试"), summary=bi("A test lesson", "测试课"),
                  run=run, params=params, **kw)


def _make(qtbot, lesson):
    view = LessonView(lesson)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    return view


@pytest.mark.slow
def test_run_streams_the_curve_and_shows_results(qtbot):
    view = _make(qtbot, catalog().get("torch.binary_classifier"))
    view.form.set_values({"epochs": 300})
    with qtbot.waitSignal(view.run_finished, timeout=60_000) as blocker:
        assert view.run_button.isEnabled()
        view.run_button.click()
        assert not view.run_button.isEnabled() and view.stop_button.isEnabled()
    outcome = blocker.args[0]
    assert outcome.status == "done", outcome.error
    assert view.chart.point_count("loss") == 300
    assert view.chart.point_count("accuracy") == 30
    assert "predictions" in view.output.tab_names()
    model = view.output.results.model()
    rows = range(model.rowCount())
    assert {"Accuracy", "Final loss"} <= {model.headerData(r, Qt.Vertical) for r in rows}  # labels
    assert {"accuracy", "final_loss"} <= {model.headerData(r, Qt.Vertical, Qt.ToolTipRole) for r in rows}  # keys
    assert "Accuracy:" in view.output.console.toPlainText()
    assert view.progress.value() == 1000 and view.run_button.isEnabled()


def test_stop_ends_a_checking_lesson_at_the_first_step(qtbot):
    view = _make(qtbot, fake_lessons.ENDLESS)
    view.run_button.click()
    qtbot.waitUntil(lambda: view.chart.point_count("loss") > 5, timeout=20_000)
    with qtbot.waitSignal(view.run_finished, timeout=10_000) as blocker:
        view.stop_button.click()
        assert view.state.text() == "Stopping…"
    outcome = blocker.args[0]
    assert outcome.status == "cancelled"
    # the cooperative flag ended it: no interrupt (sent after 1 s) and no kill were needed
    assert outcome.detail["stop_steps"] == ["stop"]
    assert view.chart.point_count("loss") > 5  # the partial curve stays
    assert "Stopped after" in view.state.text() and view.run_button.isEnabled()


def test_a_failing_lesson_shows_its_traceback_and_the_view_stays_usable(qtbot):
    view = _make(qtbot, fake_lessons.BROKEN)
    with qtbot.waitSignal(view.run_finished, timeout=5000) as blocker:
        view.run_button.click()
    assert blocker.args[0].status == "failed"
    text = view.output.console.toPlainText()
    assert "about to fail" in text and "RuntimeError: the lesson broke" in text and "Traceback" in text
    assert "Failed" in view.state.text()
    with qtbot.waitSignal(view.run_finished, timeout=5000):  # runs again
        view.run_button.click()


def test_plots_and_tables_appear_as_tabs(qtbot):
    view = _make(qtbot, fake_lessons.TABLES_AND_PLOTS)
    with qtbot.waitSignal(view.run_finished, timeout=5000):
        view.run_button.click()
    assert {"scores", "line"} <= set(view.output.tab_names())
    table = view.output.widget(view.output.tab_names().index("scores")).model()
    assert table.rowCount() == 2 and table.data(table.index(1, 1)) == "4.5"


def test_out_of_range_parameter_is_refused_with_a_message(qtbot):
    lesson = _lesson(lambda ctx, n: None, (Param("n", "int", 5, bi("n", "n"), min=1, max=10),))
    view = _make(qtbot, lesson)
    view.form.editors["n"].setRange(0, 100)  # bypass the spin box's own bounds
    view.form.editors["n"].setValue(50)
    assert view.start() is False
    assert "must be <= 10" in view.state.text()


def test_a_refused_parameter_is_named_in_chinese(qtbot, qapp):
    from studio.ui import i18n

    lesson = _lesson(lambda ctx, n: None, (Param("n", "int", 5, bi("Samples", "样本数"), min=1, max=10),))
    i18n.install(qapp, "zh")
    try:
        view = _make(qtbot, lesson)
        view.form.editors["n"].setRange(0, 100)
        view.form.editors["n"].setValue(50)
        assert view.start() is False
    finally:
        i18n.install(qapp, "en")
    assert view.state.text() == "参数“样本数”（n）必须 <= 10；收到的是 50"


def test_cuda_choice_is_disabled_without_a_gpu(qtbot):
    view = _make(qtbot, catalog().get("torch.linear_regression"))
    item = view.form.device.model().item(2)
    assert not item.isEnabled() and "No CUDA GPU" in item.toolTip()
    view.form.set_cuda_available(True)
    assert item.isEnabled()


def test_eta_text():
    assert units.about(12.2, "en", short=True) == "~12 s" and units.about(240, "en", short=True) == "~4 min"
    assert units.about(7200, "en", short=True) == "~2.0 h" and units.about(3, "zh", short=True) == "~3 秒"
