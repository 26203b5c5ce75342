"""The Runs view: table, filter, overlay with legend, open, delete, export."""

import csv
import json

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from studio.core.context import Context
from studio.core.history import RunStore
from studio.core.runner import Outcome
from studio.ui.runs_view import DURATION, ID, LESSON, STATUS, RunsView


def record(store, lesson, lr, status="done", points=30):
    params = {"epochs": points, "lr": lr}
    run_id = store.start(lesson, params, "cpu")
    ctx = Context("cpu", params)
    for step in range(1, points + 1):
        ctx.scalar("loss", step, 1 / (1 + lr * step))
    ctx.log(f"trained with lr={lr}")
    ctx.result(final_loss=1 / (1 + lr * points))
    store.finish(run_id, Outcome(lesson, status, "cpu", params, dict(ctx.results), seconds=lr * 10), ctx)
    return run_id


@pytest.fixture
def store(database):
    return RunStore(database)


@pytest.fixture
def runs(store):
    return [record(store, "torch.binary_classifier", 0.5), record(store, "torch.binary_classifier", 0.1),
            record(store, "torch.linear_regression", 0.01, status="failed")]


def make_view(qtbot, store, lesson=None):
    view = RunsView(store, lesson)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view


def select(view, ids):
    view.table.clearSelection()
    selection = view.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row, run_id in enumerate(view.shown_ids()):
        if run_id in ids:
            selection.select(view.proxy.index(row, 0), flags)
    view.update_overlay()


def cell(view, row, col):
    return view.proxy.index(row, col).data()


def test_table_lists_every_run_newest_first(qtbot, store, runs):
    view = make_view(qtbot, store)
    assert view.proxy.rowCount() == 3 and view.count_label.text() == "3 runs"
    assert [int(cell(view, r, ID)) for r in range(3)] == runs[::-1]
    assert cell(view, 0, STATUS) == "failed" and cell(view, 0, LESSON) == "torch.linear_regression"
    assert "lr=0.5" in cell(view, 2, 6) and "final_loss=" in cell(view, 2, 7)
    select(view, [runs[1]])
    view.table.sortByColumn(DURATION, Qt.AscendingOrder)  # numbers sort as numbers
    assert [cell(view, r, DURATION) for r in range(3)] == ["0.1 s", "1.0 s", "5.0 s"]
    assert view.selected_ids() == [runs[1]]  # the selection follows its run
    view.table.sortByColumn(ID, Qt.AscendingOrder)
    assert view.shown_ids() == runs
    view.refresh()  # a refresh keeps the chosen order
    assert view.shown_ids() == runs and view.selected_ids() == [runs[1]]


def test_per_lesson_view_and_filter(qtbot, store, runs):
    view = make_view(qtbot, store, "torch.binary_classifier")
    assert view.shown_ids() == runs[1::-1] and view.table.isColumnHidden(LESSON)
    everything = make_view(qtbot, store)
    everything.filter_edit.setText("LINEAR")
    assert everything.shown_ids() == [runs[2]] and everything.count_label.text() == "1 of 3 runs"
    everything.filter_edit.setText("lr=0.1")
    assert everything.shown_ids() == [runs[1]]
    everything.filter_edit.clear()
    assert everything.proxy.rowCount() == 3


def test_overlay_draws_one_curve_per_selected_run_with_a_legend(qtbot, store, runs):
    view = make_view(qtbot, store)
    select(view, runs[:2])
    items = view.overlay_items()
    assert sorted(item.name() for item in items) == [f"run {runs[0]}: lr=0.5", f"run {runs[1]}: lr=0.1"]
    assert len({item.opts["pen"].color().name() for item in items}) == 2
    by_name = {item.name(): item for item in items}
    x, y = by_name[f"run {runs[0]}: lr=0.5"].getData()
    assert list(x[:3]) == [1, 2, 3] and y[-1] == pytest.approx(1 / (1 + 0.5 * 30))
    assert len(view.legend.items) == 2 and view.curve_combo.currentText() == "loss"

    select(view, [runs[1]])  # fewer runs: the legend shrinks with them
    assert [item.name() for item in view.overlay_items()] == [f"run {runs[1]}"]
    assert [label.text for _, label in view.legend.items] == [f"run {runs[1]}"]
    select(view, runs[:2])
    assert sorted(label.text for _, label in view.legend.items) == sorted(item.name() for item in items)

    view.x_axis.setCurrentIndex(1)  # wall time
    x = view.overlay_items()[0].xData
    assert x[0] == 0 and x[-1] < 5  # seconds since the first point, not steps

    select(view, [])
    assert view.overlay_items() == [] and "Select runs" in view.placeholder.text()
    assert view.chart_stack.currentWidget() is view.placeholder


def test_selection_survives_refresh_and_a_new_run_appears(qtbot, store, runs):
    view = make_view(qtbot, store)
    select(view, [runs[0]])
    new = record(store, "torch.binary_classifier", 0.2)
    view.refresh()
    assert view.shown_ids()[0] == new and view.selected_ids() == [runs[0]]


def test_open_shows_the_run_output_again(qtbot, store, runs):
    view = make_view(qtbot, store)
    with qtbot.waitSignal(view.run_opened):
        view.open_run(runs[1])
    assert view.output_text.toPlainText() == "trained with lr=0.1"
    assert f"Run {runs[1]}: torch.binary_classifier, done" in view.output_header.text()
    assert view.tabs.currentIndex() == view.output_tab


def test_delete_asks_first(qtbot, store, runs, monkeypatch):
    view = make_view(qtbot, store)
    select(view, runs[:2])
    answers = iter([QMessageBox.Cancel, QMessageBox.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    view.delete_button.click()
    assert view.proxy.rowCount() == 3
    with qtbot.waitSignal(view.runs_deleted) as deleted:
        view.delete_button.click()
    assert sorted(deleted.args[0]) == sorted(runs[:2])
    assert view.shown_ids() == [runs[2]] and [r.id for r in store.list()] == [runs[2]]
    assert not view.delete_button.isEnabled()


def test_export_csv_and_json(qtbot, store, runs, monkeypatch, tmp_path):
    view = make_view(qtbot, store)
    select(view, [runs[0]])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "one"), ""))
    path = view.export("csv")
    assert path == tmp_path / "one.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 30 and {r["run_id"] for r in rows} == {str(runs[0])}

    view.table.clearSelection()  # nothing selected: every shown run
    view.filter_edit.setText("binary")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "shown.json"), ""))
    path = view.export("json")
    assert sorted(r["id"] for r in json.loads(path.read_text(encoding="utf-8"))["runs"]) == runs[:2]
    assert "Wrote 2 runs to shown.json" == view.count_label.text()

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert view.export("csv") is None  # cancelled


def test_runs_deleted_elsewhere_are_dropped_not_a_crash(qtbot, store, runs):
    view = make_view(qtbot, store)
    select(view, runs[:2])
    store.delete([runs[0]])  # as `studio runs delete` would, behind the view's back
    view.update_overlay()
    assert runs[0] not in view.shown_ids() and view.selected_ids() == [runs[1]]
    view.open_run(runs[0])
    assert view.tabs.currentIndex() == view.curves_tab


def test_empty_history(qtbot, store):
    view = make_view(qtbot, store)
    assert view.proxy.rowCount() == 0 and "No runs yet" in view.count_label.text()
    assert not view.export_csv_button.isEnabled() and not view.open_button.isEnabled()


def test_a_hidden_view_draws_its_selection_when_shown(qtbot, store, runs):
    view = RunsView(store)
    qtbot.addWidget(view)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.table.selectionModel().select(view.proxy.index(0, 0), flags)
    assert not view._overlay_timer.isActive() and view.overlay_items() == []
    view.show()
    qtbot.waitUntil(lambda: len(view.overlay_items()) == 1)
