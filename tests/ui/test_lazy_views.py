"""Every lesson view opens light and makes its heavy parts once the event loop runs: the code
viewer, the curve chart and the results (no timing here: what exists before and after)."""

from __future__ import annotations

from studio.core.lesson import catalog
from studio.ui.code_view import CodeView
from studio.ui.curve_chart import CurveChart
from studio.ui.results_view import ResultsView
from studio.ui.runs_view import RunsView
from studio.ui.window.main_window import MainWindow


def test_every_lesson_view_makes_its_heavy_parts_after_the_event_loop_runs(qtbot):
    window = MainWindow(catalog(), warm=False)
    qtbot.addWidget(window)
    window.show()
    for lesson in catalog():
        view = window.show_lesson(lesson.id)
        # opened: title, parameters and Run are there; the heavy parts are not made yet
        assert view.run_button.isVisibleTo(window) and view.form.isVisibleTo(window)
        assert not view.findChildren(CodeView) and not view.findChildren(CurveChart)
        assert not view.findChildren(ResultsView) and not view.findChildren(RunsView)
        assert view.practice_page is not None and not view.practice_page.is_built
        qtbot.waitUntil(lambda v=view: bool(v.findChildren(CodeView)) and bool(v.findChildren(ResultsView)),
                        timeout=10_000)
        chart = view.findChildren(CurveChart)
        assert len(chart) == 1 and chart[0].isVisible() == lesson.uses_torch
        assert view.code.toPlainText() == lesson.source()
        assert not view.findChildren(RunsView)  # the History tab waits to be looked at
        assert not view.practice_page.is_built  # and so does Practice
    view.code_tabs.setCurrentWidget(view.history_page)
    qtbot.waitUntil(lambda: bool(view.findChildren(RunsView)), timeout=10_000)
    view.show_practice()
    qtbot.waitUntil(lambda: view.practice_page.is_built, timeout=10_000)
    assert view.practice.lesson is view.lesson


def test_asking_for_a_heavy_part_makes_it_at_once(qtbot):
    window = MainWindow(catalog(), warm=False)
    qtbot.addWidget(window)
    view = window.lesson_view("sklearn.iris_svc")
    assert not view.findChildren(CurveChart)
    assert isinstance(view.chart, CurveChart) and view.findChildren(CurveChart) == [view.chart]
    assert isinstance(view.history, RunsView) and view.history.lesson_id == "sklearn.iris_svc"
    assert view.practice is view.practice_page.content()
