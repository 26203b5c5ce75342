"""In Chinese, the window names what a lesson emits in Chinese: result keys, curves, table,
plot and figure tabs, table headers, plot titles, axes and legends (issue 14).

Each lesson's output comes from the lesson tests' own runs in this session (`finished_runs`);
a lesson not run yet (this file alone, or a shuffled order) is run here with small settings.
It is then shown in the real widgets of a LessonView under the Chinese translator.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from test_deep_learning import SMALL as DEEP_LEARNING_SMALL

from studio.core.labels import COMMON, find
from studio.core.lesson import catalog
from studio.core.text import pick
from studio.ui import i18n
from studio.ui.lesson_view import LessonView

# English names the core and lessons emit; none may show in the Chinese window
ENGLISH = ["loss", "accuracy", "epoch", "not available", "completed", "cancelled", "failed", "crashed",
           "validation", "training", "test", "train", "predicted", "prediction", "seconds", "time",
           "memory", "rows", "step", "fold", "coefficients?", "parameters", "importance", "latency",
           "speed-up", "sequence", "variance", "peak", "sample", "size", "model",
           "precision", "recall", "support", "avg"]
ENGLISH_WORD = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)

# Settings of the lesson tests (seconds, not minutes), for a lesson run here
SMALL = {
    **DEEP_LEARNING_SMALL,
    "efficiency.float32": {"rows": 1_000_000, "cols": 10, "matrix": 128, "repeats": 1},
    "efficiency.gc": {"megabytes": 80},
    "efficiency.vectorize": {"max_size": 20_000, "steps": 3, "repeats": 1},
    "late.cnn": {"epochs": 2},
    "late.explain": {"n_estimators": 50},
    "late.onnx": {"epochs": 1, "sequences": 200, "repeats": 50},
    "late.out_of_core": {"megabytes": 40},
    "late.serving": {"requests": 200, "concurrency": 8},
    "late.spark": {"rows": 20_000, "max_iter": 20},
    "late.streamlit": {"keep_open_s": 0},
    "late.transformer_scale": {"largest": "2x128", "seq": 32, "steps": 1, "tiny_steps": 20},
    "optimize.light_model": {"width": 16, "depth": 3, "image_size": 8, "epochs": 1, "batch_size": 256},
    "optimize.pca": {"model": "knn", "repeats": 1},
    "optimize.sampling": {"rows": 10_000, "features": 10, "trees": 5},
    "torch.binary_classifier": {"epochs": 300},
}
# what the kernel and the hardware monitor add to a run's results
HARDWARE_KEYS = [key for key in COMMON if key.startswith("hw_")]


@pytest.fixture
def chinese(qapp):
    i18n.install(qapp, "zh")
    yield
    i18n.install(qapp, "en")


def output_of(lesson_id, finished_runs, run):
    ctx = finished_runs.get(lesson_id)
    if ctx is None:
        outcome, ctx = run(lesson_id, **SMALL.get(lesson_id, {}))
        if outcome.status != "done":
            pytest.skip(f"{lesson_id} cannot run here: {(outcome.error or '').strip().splitlines()[-1:]}")
    return ctx


def emitted_names(ctx) -> set[str]:
    return {*ctx.results, *ctx.scalars, *ctx.tables, *ctx.plots, *ctx.figures}


def shown_texts(view: LessonView) -> list[str]:
    """Every name the lesson's output shows: tab names, table headers, plot and chart texts."""
    tabs = view.output
    texts = [tabs.tabText(i) for i in range(tabs.count())]
    for i in range(tabs.count()):
        widget = tabs.widget(i)
        if isinstance(widget, QTableView):
            model = widget.model()
            for orientation, count in ((Qt.Horizontal, model.columnCount()), (Qt.Vertical, model.rowCount())):
                texts += [str(model.headerData(s, orientation, Qt.DisplayRole)) for s in range(count)]
        elif isinstance(widget, pg.PlotWidget):
            item = widget.getPlotItem()
            texts += [item.titleLabel.text, item.getAxis("bottom").labelText, item.getAxis("left").labelText]
            texts += [label.text for _, label in item.legend.items]
    return texts + view.chart.shown_names()


@pytest.mark.slow
def test_every_name_a_lesson_emits_has_a_chinese_label(lesson_id, finished_runs, run):
    lesson = catalog().get(lesson_id)
    ctx = output_of(lesson_id, finished_runs, run)
    unlabelled = sorted(n for n in emitted_names(ctx) if not (find(n, lesson.labels) or {}).get("zh"))
    assert unlabelled == [], f"{lesson_id}: names without a Chinese label (Lesson.labels)"
    for name, plot in ctx.plots.items():
        texts = [plot.title, plot.xlabel, plot.ylabel, *(s.label for s in plot.series)]
        english = [pick(t, "zh") for t in texts if ENGLISH_WORD.search(pick(t, "zh"))]
        assert english == [], f"{lesson_id}: plot {name!r} says in Chinese"


@pytest.mark.slow
def test_a_lesson_output_shows_in_chinese(lesson_id, finished_runs, run, qtbot, chinese):
    lesson = catalog().get(lesson_id)
    ctx = output_of(lesson_id, finished_runs, run)
    view = LessonView(lesson)
    qtbot.addWidget(view)
    for name, data in ctx.tables.items():
        view.output.show_table(name, data)
    for name, plot in ctx.plots.items():
        view.output.show_plot(name, plot)
    for name, fig in ctx.figures.items():
        view.output.show_figure(name, fig)
    view.output.add_results(ctx.results)
    view.output.add_results(dict.fromkeys(HARDWARE_KEYS, 1.0))
    view.chart.set_source(ctx.scalars)
    view.chart.refresh()
    QApplication.processEvents()

    texts = shown_texts(view)
    raw = emitted_names(ctx) | set(HARDWARE_KEYS)
    same_in_chinese = {n for n in raw if (find(n, lesson.labels) or {}).get("zh") == n}  # "A @ B", "CPU"
    shown_raw = sorted({t for t in texts if t in raw - same_in_chinese})
    assert shown_raw == [], f"{lesson_id}: names shown as they are, not as labels"
    english = sorted({t for t in texts if ENGLISH_WORD.search(t)})
    assert english == [], f"{lesson_id}: English in the Chinese window"
    # the name itself stays reachable: in the tooltip of its tab and of its result row
    tips = {view.output.tabToolTip(i) for i in range(view.output.count())}
    assert set(ctx.tables) | set(ctx.plots) | set(ctx.figures) <= tips
    model = view.output.results.model()
    keys = {model.headerData(r, Qt.Vertical, Qt.ToolTipRole) for r in range(model.rowCount())}
    assert set(ctx.results) | set(HARDWARE_KEYS) <= keys


def pytest_generate_tests(metafunc):
    if "lesson_id" in metafunc.fixturenames:
        metafunc.parametrize("lesson_id", catalog().ids())
