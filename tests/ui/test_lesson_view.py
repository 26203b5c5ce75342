import time

import pytest

from studio.core.context import Plot, Series
from studio.core.lesson import Lesson, Param, catalog
from studio.core.text import bi
from studio.ui.lesson_view import LessonView, format_eta


def _lesson(run, params=(), **kw):
    return Lesson(id="test.ui", title=bi("Test", "测试"), summary=bi("A test lesson", "测试课"),
                  run=run, params=params, **kw)


def _endless(ctx, delay: float):
    step = 0
    while True:
        step += 1
        ctx.scalar("loss", step, 1.0 / step)
        ctx.progress(step, 1_000_000)
        time.sleep(delay)


def _broken(ctx):
    print("about to fail")
    raise RuntimeError("the lesson broke")


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
    names = {model.headerData(r, 2) for r in range(model.rowCount())}  # 2 == Qt.Vertical
    assert {"accuracy", "final_loss"} <= names
    assert "Accuracy:" in view.output.console.toPlainText()
    assert view.progress.value() == 1000 and view.run_button.isEnabled()


def test_stop_ends_a_run_within_a_second(qtbot):
    view = _make(qtbot, _lesson(_endless, (Param("delay", "float", 0.01, bi("d", "d")),)))
    view.run_button.click()
    qtbot.waitUntil(lambda: view.chart.point_count("loss") > 5, timeout=5000)
    assert "left" in view.state.text() or view.state.text()  # ETA or running text
    pressed = time.perf_counter()
    with qtbot.waitSignal(view.run_finished, timeout=1000) as blocker:
        view.stop_button.click()
    assert time.perf_counter() - pressed < 1.0
    assert blocker.args[0].status == "cancelled"
    assert view.chart.point_count("loss") > 5  # the partial curve stays
    assert view.run_button.isEnabled()


def test_a_failing_lesson_shows_its_traceback_and_the_view_stays_usable(qtbot):
    view = _make(qtbot, _lesson(_broken))
    with qtbot.waitSignal(view.run_finished, timeout=5000) as blocker:
        view.run_button.click()
    assert blocker.args[0].status == "failed"
    text = view.output.console.toPlainText()
    assert "about to fail" in text and "RuntimeError: the lesson broke" in text and "Traceback" in text
    assert "Failed" in view.state.text()
    with qtbot.waitSignal(view.run_finished, timeout=5000):  # runs again
        view.run_button.click()


def test_plots_and_tables_appear_as_tabs(qtbot):
    import pandas as pd

    def lesson(ctx):
        ctx.table("scores", pd.DataFrame({"a": [1, 2], "b": [3.5, 4.5]}))
        ctx.plot("line", Plot("t", [Series([0, 1], [1, 2], "s")]))
        ctx.result(score=0.5)

    view = _make(qtbot, _lesson(lesson))
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


def test_cuda_choice_is_disabled_without_a_gpu(qtbot):
    view = _make(qtbot, catalog().get("torch.linear_regression"))
    item = view.form.device.model().item(2)
    assert not item.isEnabled() and "No CUDA GPU" in item.toolTip()
    view.form.set_cuda_available(True)
    assert item.isEnabled()


def test_eta_text():
    assert format_eta(12.2) == "~12 s" and format_eta(240) == "~4 min" and format_eta(7200) == "~2.0 h"
