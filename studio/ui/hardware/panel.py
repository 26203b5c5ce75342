"""The right-hand dock: CPU, memory, container limits and GPUs while lessons run.

`HardwarePanel(sampler)` polls `studio.core.hardware.Sampler` with a QTimer on the GUI
thread, keeps a `UsageHistory` of the last 10 minutes and draws each run on its chart as a
labelled band. The main window calls `begin_run(label)` when a lesson starts and
`end_run()` (a dict of numbers for the run's results) when it finishes. At 1 Hz it costs
about 1-2 ms of CPU a second (tests/benchmarks/bench_hardware.py): widgets repaint only
what changed, and the chart redraws once its curves would move three pixels (at most every 2 s).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from studio.core.hardware import NA, Sampler, Snapshot, UsageHistory, available
from studio.core.units import MiB, size
from studio.ui import palette
from studio.ui.hardware.chart import UsageChart
from studio.ui.hardware.gpu_box import GpuBox
from studio.ui.hardware.widgets import CoreBars, InfoLine, Meter, dim

INTERVALS_S = (0.25, 0.5, 1.0, 2.0, 5.0)
DEFAULT_INTERVAL_S = 1.0
FIRST_LOOK_MS = 300


class HardwarePanel(QWidget):
    """CPU, memory, container limits, GPUs and their last 10 minutes, for the right dock."""

    def __init__(self, sampler: Sampler, parent=None, history: UsageHistory | None = None):
        """`history`: an earlier panel's, when the panel is rebuilt (a language change)."""
        super().__init__(parent)
        self.sampler = sampler
        self.history = history if history is not None else UsageHistory(gpus=sampler.gpu_count)
        self.last: Snapshot | None = None
        self._run: int | None = None
        self.gpu_boxes: list[GpuBox] = []
        self._build()
        for run in self.history.runs:
            self.chart.add_band(run)
            if run.end is None:
                self._run = run.token
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self.set_interval(DEFAULT_INTERVAL_S)
        self._timer.start()
        # a first look soon after opening: CPU percentages need a short window
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.refresh)
        self._first.start(FIRST_LOOK_MS)

    # -- public -------------------------------------------------------------------------
    @property
    def interval(self) -> float:
        return self._timer.interval() / 1000.0

    def set_interval(self, seconds: float) -> None:
        self._timer.setInterval(int(round(seconds * 1000)))
        index = self.interval_combo.findData(seconds)
        if index >= 0 and index != self.interval_combo.currentIndex():
            self.interval_combo.setCurrentIndex(index)

    @property
    def paused(self) -> bool:
        return self.pause_box.isChecked()

    def set_paused(self, paused: bool) -> None:
        self.pause_box.setChecked(paused)

    def stop(self) -> None:
        """Stop polling (on close, and in tests' teardown)."""
        self._timer.stop()
        self._first.stop()

    def refresh(self) -> None:
        """Take a sample, keep it, and show it (the timer calls this)."""
        snap = self._sample()
        if not self.isVisible():  # a closed dock keeps the history but skips the drawing
            return
        self.show_snapshot(snap)
        if self.chart.due(snap.time):
            self.draw_history()

    def draw_history(self) -> None:
        self.chart.draw(self.history)

    def begin_run(self, label: str) -> None:
        """A lesson started: a fresh sample marks the start of its band."""
        if self._run is not None:
            self.end_run()
        self._sample()
        self._run = self.history.begin_run(label)
        self.chart.add_band(self.history.run(self._run))
        self.draw_history()

    def track_kernel(self, pid: int) -> None:
        """The running lesson's kernel process: shown apart from the app, live and in the chart."""
        self.sampler.track_pid(pid)

    def untrack_kernel(self, pid: int) -> None:
        """Its run ended: the readout shows no lesson at once, not at the next tick."""
        self.sampler.untrack_pid(pid)
        if self.last is not None:
            self.refresh()

    def end_run(self, lesson: dict | None = None) -> dict:
        """The lesson ended: its summary (numbers, keys 'hw_...') for the run's results.
        `lesson`: what the kernel measured of itself (exact peak and CPU time), kept over the
        sampled figures."""
        if self._run is None:
            return dict(lesson or {})
        self._sample()
        summary = {**self.history.end_run(self._run), **(lesson or {})}
        self._run = None
        self._show_summary(summary)
        self.draw_history()
        return summary

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        controls = QHBoxLayout()
        controls.setContentsMargins(8, 6, 8, 6)
        controls.addWidget(QLabel(self.tr("Refresh")))
        self.interval_combo = QComboBox()
        for seconds in INTERVALS_S:
            self.interval_combo.addItem(self.tr("%1 s").replace("%1", f"{seconds:g}"), seconds)
        self.interval_combo.currentIndexChanged.connect(
            lambda i: self.set_interval(self.interval_combo.itemData(i)))
        controls.addWidget(self.interval_combo)
        controls.addStretch(1)
        self.pause_box = QCheckBox(self.tr("Pause"))
        self.pause_box.toggled.connect(self._on_pause)
        controls.addWidget(self.pause_box)
        outer.addLayout(controls)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(8, 0, 8, 8)
        self.body.setSpacing(4)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)

        # CPU
        self.cpu_value = self._section(self.tr("CPU"))
        self.cpu_info = InfoLine()
        self.core_bars = CoreBars()
        self.body.addWidget(self.cpu_info)
        self.body.addWidget(self.core_bars)

        # Memory
        self.memory_value = self._section(self.tr("Memory"))
        self.ram = Meter(self.tr("RAM"), palette.RAM)
        self.ram_info = InfoLine()
        self.swap = Meter(self.tr("Swap"), palette.RAM)
        self.app = Meter(self.tr("This app"), palette.APP)
        self.app_info = InfoLine()
        self.lesson = Meter(self.tr("Lesson"), palette.LESSON)
        self.lesson_info = InfoLine()
        for w in (self.ram, self.ram_info, self.swap, self.app, self.app_info, self.lesson, self.lesson_info):
            self.body.addWidget(w)

        # Container limits (only under a cgroup limit)
        self.limits_box = QWidget()
        box = QVBoxLayout(self.limits_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        self.limit_memory = Meter(self.tr("Memory"), palette.RAM)
        self.limits_info = InfoLine()
        for w in (self._header(self.tr("Container limits")), self.limit_memory, self.limits_info):
            box.addWidget(w)
        self.body.addWidget(self.limits_box)
        self.limits_box.hide()

        # GPU
        self.gpu_value = self._section(self.tr("GPU"))
        self.gpu_na = dim(QLabel())
        self.gpu_na.setWordWrap(True)
        self.body.addWidget(self.gpu_na)
        self.gpu_area = QVBoxLayout()
        self.gpu_area.setSpacing(6)
        self.body.addLayout(self.gpu_area)

        # History
        self._section(self.tr("Last 10 minutes"))
        self.chart = UsageChart()
        self.body.addWidget(self.chart)
        self.run_info = dim(QLabel())
        self.run_info.setWordWrap(True)
        self.run_info.hide()
        self.body.addWidget(self.run_info)
        self.body.addStretch(1)

    def _header(self, title: str) -> QLabel:
        label = QLabel(title)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _section(self, title: str) -> InfoLine:
        """A bold title with a figure on its right; returns the figure's line."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 8, 0, 0)
        row.addWidget(self._header(title))
        value = InfoLine(dim=False, bold=True, align=Qt.AlignmentFlag.AlignRight)
        row.addWidget(value, 1)
        self.body.addLayout(row)
        return value

    # -- updating -----------------------------------------------------------------------
    def _sample(self) -> Snapshot:
        snap = self.sampler.sample()
        self.history.append(snap)
        self.last = snap
        return snap

    def _on_pause(self, paused: bool) -> None:
        if paused:
            self.stop()
        else:
            self._timer.start()
            self.refresh()

    def show_snapshot(self, snap: Snapshot) -> None:
        self._show_cpu(snap)
        self._show_memory(snap)
        self._show_limits(snap)
        self._show_gpus(snap)

    def _show_cpu(self, snap: Snapshot) -> None:
        cpu = snap.cpu
        self.cpu_value.setText(f"{cpu.percent:.0f}%")
        cores = self.tr("1 core") if cpu.logical == 1 else self.tr("%1 cores").replace("%1", str(cpu.logical))
        parts = [cores]
        missing = []
        if available(cpu.freq_mhz):
            parts.append(self.tr("%1 GHz").replace("%1", f"{cpu.freq_mhz / 1000:.2f}"))
        else:
            missing.append(self.tr("frequency: %1").replace("%1", self._na(cpu.freq_mhz)))
        if available(cpu.load_avg):
            parts.append(self.tr("load %1").replace("%1", " ".join(f"{x:.2f}" for x in cpu.load_avg)))
        else:
            missing.append(self.tr("load average: %1").replace("%1", self._na(cpu.load_avg)))
        self.cpu_info.setText(" · ".join(parts))
        self.cpu_info.setToolTip("\n".join(missing))
        self.core_bars.set_values(cpu.per_core)

    def _show_memory(self, snap: Snapshot) -> None:
        mem, proc, lim = snap.memory, snap.process, snap.limits
        self.memory_value.setText(f"{mem.percent:.0f}%")
        self.ram.set(mem.percent, f"{size(mem.used)} / {size(mem.total)}",
                     self.tr("Used = total - available (memory new programs can get without swapping)"))
        self.ram_info.setText(self.tr("%1 available").replace("%1", size(mem.available)))
        if mem.swap_total:
            self.swap.set(mem.swap_percent, f"{size(mem.swap_used)} / {size(mem.swap_total)}",
                          self.tr("Swap in use means RAM ran short: training slows down a lot"))
        else:
            self.swap.set(None, self.tr("no swap"))
        # the app and the running lesson's kernel, each against what they may use: the
        # container's limit if any, else the RAM
        room = lim.memory_limit if available(lim.memory_limit) else mem.total
        self.app.set(100.0 * proc.own_rss / room if room else 0.0, size(proc.own_rss),
                     self.tr("The window's own process (RSS)"))
        self.app_info.setText(" · ".join([
            self.tr("peak %1").replace("%1", size(proc.peak_rss)),
            self.tr("CPU %1% of a core").replace("%1", f"{proc.own_cpu_percent:.0f}")]))
        if proc.children:
            self.lesson.set(100.0 * proc.children_rss / room if room else 0.0, size(proc.children_rss),
                            self.tr("The running lesson's kernel process (RSS)"))
            self.lesson_info.setText(self.tr("CPU %1% of a core").replace("%1", f"{proc.children_cpu_percent:.0f}"))
        else:
            self.lesson.set(None, self.tr("no lesson running"))
            self.lesson_info.setText("")

    def _show_limits(self, snap: Snapshot) -> None:
        lim = snap.limits
        if self.limits_box.isHidden() == lim.limited:
            self.limits_box.setVisible(lim.limited)
        if not lim.limited:
            return
        if available(lim.memory_limit):
            self.limit_memory.show()
            used = lim.memory_usage if available(lim.memory_usage) else None
            self.limit_memory.set(
                100.0 * used / lim.memory_limit if used is not None else None,
                f"{size(used)} / {size(lim.memory_limit)}" if used is not None
                else size(lim.memory_limit),
                self.tr("The container's memory limit: the app is stopped if it goes over"))
        else:
            self.limit_memory.hide()
        info = [self.tr("cgroup %1").replace("%1", str(lim.cgroup))]
        if available(lim.cpu_limit):
            info.append(self.tr("CPU quota %1 cores").replace("%1", f"{lim.cpu_limit:g}"))
        if available(lim.cpus_allowed):
            info.append(self.tr("CPUs allowed: %1").replace("%1", str(lim.cpus_allowed)))
        self.limits_info.setText(" · ".join(info))

    def _show_gpus(self, snap: Snapshot) -> None:
        if not available(snap.gpus):
            self.gpu_value.setText("")
            self.gpu_na.setText(self.tr("Not available: %1").replace("%1", snap.gpus.text()))
            self.gpu_na.show()
            for box in self.gpu_boxes:
                box.hide()
            return
        self.gpu_na.hide()
        while len(self.gpu_boxes) < len(snap.gpus):
            box = GpuBox()
            self.gpu_area.addWidget(box)
            self.gpu_boxes.append(box)
        for box, gpu in zip(self.gpu_boxes, snap.gpus, strict=False):
            box.show()
            box.show_gpu(gpu)
        for box in self.gpu_boxes[len(snap.gpus):]:
            box.hide()
        loads = [g.utilization for g in snap.gpus if available(g.utilization)]
        self.gpu_value.setText(f"{max(loads):.0f}%" if loads else "")

    def _na(self, value: NA) -> str:
        return self.tr("not available (%1)").replace("%1", value.text())

    def _show_summary(self, summary: dict) -> None:
        parts = [self.tr("mean CPU %1%").replace("%1", f"{summary.get('hw_mean_cpu_percent', 0):.0f}"),
                 self.tr("peak RAM %1%").replace("%1", f"{summary.get('hw_peak_ram_percent', 0):.0f}"),
                 self.tr("this app peak %1").replace("%1", size(summary.get("hw_peak_app_rss_mb", 0) * MiB))]
        if "hw_peak_lesson_rss_mb" in summary:
            parts.append(self.tr("lesson peak %1").replace("%1", size(summary["hw_peak_lesson_rss_mb"] * MiB)))
        if "hw_peak_gpu_memory_mb" in summary:
            parts.append(self.tr("peak GPU memory %1").replace("%1", size(summary["hw_peak_gpu_memory_mb"] * MiB)))
        self.run_info.setText(self.tr("Last run: %1").replace("%1", " · ".join(parts)))
        self.run_info.show()
