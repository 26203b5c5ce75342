"""The hardware panel renders snapshots, keeps a history, marks runs, pauses."""

import pytest

from studio.core.hardware import Cgroup, Sampler
from studio.ui.hardware import HardwarePanel
from studio.ui.hardware.widgets import Meter, level_color
from studio.ui.palette import AMBER, RED
from studio.ui.palette import RAM as RAM_COLOR
from tests.core.test_hardware import GiB, fake_nvml, two_gpus, write


def no_cgroup(tmp_path):
    return Cgroup(tmp_path / "none", tmp_path / "none" / "cgroup")


@pytest.fixture
def make_panel(qtbot, tmp_path):
    panels = []

    def make(nvml=None, cgroup=None):
        sampler = Sampler(nvml=nvml, cgroup=cgroup or no_cgroup(tmp_path))
        panel = HardwarePanel(sampler)
        qtbot.addWidget(panel)
        panel.resize(330, 900)
        panel.show()
        panels.append(panel)
        return panel

    yield make
    for panel in panels:  # no timer may outlive its test
        panel.stop()
        panel.sampler.close()


def test_renders_a_snapshot_with_two_gpus(make_panel):
    panel = make_panel(nvml=fake_nvml(two_gpus(), broken={(1, "power"): 3}))
    panel.refresh()
    snap = panel.last
    assert panel.cpu_value.text() == f"{snap.cpu.percent:.0f}%"
    assert len(panel.core_bars.values) == snap.cpu.logical
    assert " / " in panel.ram.bar.text and "available" in panel.ram_info.text()
    assert "peak" in panel.app_info.text()
    assert panel.gpu_na.isHidden()
    first, second = panel.gpu_boxes
    assert first.title.text() == "0 · NVIDIA GeForce RTX 3060"
    assert first.load.bar.text == "87%" and first.load.bar.percent == 87
    assert first.memory.bar.text == "5.0 GiB / 12.0 GiB"
    assert "151 / 170 W" in first.detail.text() and "this app 3.0 GiB" in first.detail.text()
    assert "power n/a" in second.detail.text()
    assert "not supported by this GPU or driver" in second.detail.toolTip()
    assert panel.gpu_value.text() == "87%"


def test_no_gpu_says_why(make_panel):
    panel = make_panel(nvml=None)
    panel.refresh()
    assert panel.gpu_na.isVisible()
    assert panel.gpu_na.text() == "Not available: nvidia-ml-py (pynvml) is not installed"
    assert panel.gpu_boxes == []


def test_container_limits_show_only_under_a_limit(make_panel, tmp_path):
    panel = make_panel()
    panel.refresh()
    assert panel.limits_box.isHidden()
    root = tmp_path / "fs"
    write(root, {"cgroup.controllers": "", "memory.max": str(4 * GiB), "memory.current": str(GiB),
                 "cpu.max": "150000 100000"})
    write(tmp_path, {"cgroup": "0::/\n"})
    limited = make_panel(cgroup=Cgroup(root, tmp_path / "cgroup"))
    limited.refresh()
    assert limited.limits_box.isVisible()
    assert limited.limit_memory.bar.text == "1.0 GiB / 4.0 GiB"
    assert "CPU quota 1.5 cores" in limited.limits_info.text()


def test_history_gets_a_point_per_refresh(make_panel):
    panel = make_panel(nvml=fake_nvml(two_gpus()))
    panel.refresh()
    assert len(panel.chart.cpu_curve.getData()[0]) == 1
    panel.refresh()
    panel.refresh()  # within a pixel's worth of time: the chart waits
    assert len(panel.chart.cpu_curve.getData()[0]) == 1
    panel.chart.drawn_at -= 10  # ... until its curves would move
    panel.refresh()
    assert len(panel.chart.cpu_curve.getData()[0]) == 4
    panel.draw_history()
    x, y = panel.chart.cpu_curve.getData()
    assert len(x) == len(y) == 4 == len(panel.history)
    assert len(panel.chart.ram_curve.getData()[0]) == 4 and len(panel.chart.app_curve.getData()[0]) == 4
    assert len(panel.chart.gpu_curves) == 2
    assert list(panel.chart.gpu_curves[0][0].getData()[1]) == [87] * 4


def test_a_run_band_appears_between_begin_and_end(make_panel):
    panel = make_panel(nvml=fake_nvml(two_gpus()))
    panel.refresh()
    assert panel.chart.bands == {}
    panel.begin_run("torch_linear_regression")
    panel.refresh()
    panel.draw_history()  # refresh redraws the chart only once it would move a pixel
    (token, band), = panel.chart.bands.items()
    assert band.label.toPlainText() == "torch_linear_regression"
    run = panel.history.run(token)
    assert band.start == pytest.approx(run.start - panel.last.time) and band.start < 0  # seconds ago
    assert band.end == 0  # a running lesson's band reaches "now"
    for item, plot in zip(panel.chart.band_items, (panel.chart.percent_plot, panel.chart.memory_plot), strict=True):
        assert item in plot.items and item.spans == [(band.start, band.end)]
    summary = panel.end_run()
    assert summary["hw_samples"] == 2  # the refresh above and the sample at the end
    assert summary["hw_peak_process_gpu_memory_mb"] == 3 * 1024
    assert panel.run_info.isVisible() and "peak GPU memory 5.5 GiB" in panel.run_info.text()
    panel.refresh()
    panel.draw_history()
    assert band.end == pytest.approx(run.end - panel.last.time)
    assert panel.chart.band_items[0].spans == [(band.start, band.end)]
    assert run.end < panel.last.time
    assert panel.end_run() == {}  # no run now


def test_a_new_run_ends_the_previous_one(make_panel):
    panel = make_panel()
    panel.begin_run("a")
    panel.begin_run("b")
    first, second = panel.history.runs
    assert first.end is not None and second.end is None
    assert len(panel.chart.bands) == 2
    panel.draw_history()
    a, b = [band.label.pos().y() for band in panel.chart.bands.values()]
    assert a != b  # labels that would overlap go on separate rows


def test_the_timer_polls_and_pause_stops_it(make_panel, qtbot):
    panel = make_panel()
    assert panel.interval == 1.0 and panel.interval_combo.currentData() == 1.0
    panel.interval_combo.setCurrentIndex(0)
    assert panel.interval == 0.25
    qtbot.waitUntil(lambda: len(panel.history) >= 2, timeout=5000)
    panel.set_paused(True)
    frozen, text = len(panel.history), panel.cpu_value.text()
    qtbot.wait(700)
    assert len(panel.history) == frozen and panel.cpu_value.text() == text
    panel.set_paused(False)
    assert len(panel.history) == frozen + 1  # resuming shows a fresh sample at once
    qtbot.waitUntil(lambda: len(panel.history) >= frozen + 2, timeout=5000)


def test_a_hidden_panel_keeps_sampling_without_drawing(make_panel):
    panel = make_panel()
    panel.refresh()
    panel.hide()
    panel.refresh()
    assert len(panel.history) == 2
    assert len(panel.chart.cpu_curve.getData()[0]) == 1


def test_memory_colours_follow_thresholds(qtbot):
    assert level_color(50, RAM_COLOR) == RAM_COLOR
    assert level_color(85, RAM_COLOR) == AMBER
    assert level_color(95, RAM_COLOR) == RED
    meter = Meter("RAM", RAM_COLOR)
    qtbot.addWidget(meter)
    meter.set(85, "x")
    assert meter.bar.color.name() == AMBER
    meter.set(95, "x")
    assert meter.bar.color.name() == RED
    meter.set(None, "not available", "why")
    assert meter.bar.percent is None and meter.bar.toolTip() == "why"
    meter.bar.grab()  # paints without error


def test_a_first_look_comes_soon_after_opening(make_panel, qtbot):
    panel = make_panel()
    qtbot.waitUntil(lambda: len(panel.history) >= 1, timeout=900)  # before the 1 s timer
    assert panel.cpu_value.text().endswith("%")
