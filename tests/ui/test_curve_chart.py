import csv

import numpy as np

from studio.core.buffers import ScalarBuffer, ema
from studio.ui.curve_chart import CurveChart, family


def test_family_groups_train_and_validation():
    assert family("val_loss") == family("loss") == "loss"
    assert family("accuracy") != family("loss")


def test_streams_incrementally_smooths_and_exports(qtbot, tmp_path):
    chart = CurveChart()
    qtbot.addWidget(chart)
    loss, val = ScalarBuffer("loss"), ScalarBuffer("val_loss")
    chart.set_source({"loss": loss, "val_loss": val})
    values = np.linspace(1, 0.1, 50) + np.random.default_rng(1).normal(0, 0.05, 50)
    for i, v in enumerate(values[:20]):
        loss.append(i, v)
    chart.refresh()
    assert chart.point_count("loss") == 20 and chart.point_count("val_loss") == 0
    for i, v in enumerate(values[20:], start=20):
        loss.append(i, v)
        val.append(i, v + 0.1)
    chart.refresh()
    assert chart.point_count("loss") == 50 and chart.point_count("val_loss") == 30
    assert len(chart._plots) == 1  # train and validation on one chart
    curve = chart._curves["loss"]
    np.testing.assert_allclose(curve.smoothed, ema(values, 0.6))
    chart.smoothing.setValue(900)
    np.testing.assert_allclose(chart._curves["loss"].smoothed, ema(values, 0.9))
    chart.log_y.setChecked(True)
    chart.x_axis.setCurrentIndex(1)  # wall time
    np.testing.assert_allclose(curve.line.xData, curve.data[:, 1])  # (getData() is clipped to the view)

    path = tmp_path / "curves.csv"
    chart.write_csv(path)
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["name", "step", "wall_time_s", "value", "smoothed"] and len(rows) == 81
    png = tmp_path / "curves.png"
    chart.write_png(png)
    assert png.stat().st_size > 1000


def test_smoothing_zero_shows_raw_values(qtbot):
    chart = CurveChart()
    qtbot.addWidget(chart)
    buf = ScalarBuffer("loss")
    chart.set_source({"loss": buf})
    for i in range(5):
        buf.append(i, i * i)
    chart.smoothing.setValue(0)
    chart.refresh()
    np.testing.assert_allclose(chart._curves["loss"].line.yData, [0, 1, 4, 9, 16])


def test_follow_moves_ranges_in_steps_and_keeps_new_points_in_view(qtbot):
    chart = CurveChart()
    qtbot.addWidget(chart)
    buf = ScalarBuffer("loss")
    chart.set_source({"loss": buf})
    plot_ranges = []
    for i in range(1, 301):
        buf.append(i, 1.0 / i)
        if i % 10 == 0:
            chart.refresh()
            (x0, x1), (y0, y1) = chart._plots["loss"].getViewBox().viewRange()
            assert x0 <= 1 and x1 >= i and y0 <= 1.0 / i and y1 >= 1.0  # everything in view
            plot_ranges.append((x1, y0, y1))
    assert len(set(plot_ranges)) < len(plot_ranges) / 2  # the range did not move on most ticks


def test_a_new_run_reuses_its_charts_and_drops_unused_ones(qtbot):
    chart = CurveChart()
    qtbot.addWidget(chart)
    first = {"loss": ScalarBuffer("loss"), "accuracy": ScalarBuffer("accuracy")}
    chart.set_source(first)
    for i in range(5):
        first["loss"].append(i, 1.0)
        first["accuracy"].append(i, 0.5)
    chart.refresh()
    chart.fit()
    loss_plot = chart._plots["loss"]
    second = {"loss": ScalarBuffer("loss")}
    chart.set_source(second)
    assert chart.point_count("loss") == 0 and chart.view.isVisibleTo(chart)  # kept on screen, empty
    second["loss"].append(0, 2.0)
    chart.refresh()
    chart.fit()
    assert chart._plots["loss"] is loss_plot  # reused, not rebuilt
    assert "accuracy" not in chart._plots and chart.point_count("loss") == 1
    assert len(loss_plot.listDataItems()) == 2  # the new run's raw and smoothed lines only
