"""The right-hand dock: CPU, memory, container limits and GPUs while lessons run.

`HardwarePanel(sampler)` polls `studio.core.hardware.Sampler` with a QTimer on the GUI
thread (a sample costs well under a millisecond: tests/benchmarks/bench_hardware.py), keeps
a `History` of the last 10 minutes and draws each run on it as a labelled band. The main
window calls `begin_run(label)` when a lesson starts and `end_run()` (a dict of numbers for
the run's results) when it finishes.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.core.hardware import NA, History, Sampler, Snapshot, available
from studio.core.units import GiB, MiB, size

INTERVALS_S = (0.25, 0.5, 1.0, 2.0, 5.0)
DEFAULT_INTERVAL_S = 1.0
FIRST_LOOK_MS = 300
AMBER_AT, RED_AT = 80.0, 90.0  # percent of RAM (or of a limit)

CPU_COLOR = "#3b82f6"
RAM_COLOR = "#22c55e"
APP_COLOR = "#f97316"
LESSON_COLOR = "#0ea5e9"
GPU_COLOR = "#a855f7"
GPU_MEM_COLOR = "#ec4899"
AMBER = "#f59e0b"
RED = "#ef4444"
BAND_COLOR = (250, 204, 21)  # the runs' bands, translucent

SPANS_S = (60.0, 120.0, 300.0, 600.0)  # the history chart's time spans, growing with the data

NAME_WIDTH = 54
BAR_HEIGHT = 16


def level_color(percent: float, ok: str) -> str:
    """The bar colour for a fill level: `ok`, amber over 80 %, red over 90 %."""
    if percent > RED_AT:
        return RED
    if percent > AMBER_AT:
        return AMBER
    return ok


def _dim(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


class InfoLine(QWidget):
    """One line of text that changes every tick, elided to the width.

    A QLabel asks its layout to recompute on every setText (the whole dock relayouts
    each second); this keeps one fixed height and only repaints itself.
    """

    def __init__(self, dim: bool = True, bold: bool = False,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, parent=None):
        super().__init__(parent)
        self._text = ""
        self.align = align | Qt.AlignmentFlag.AlignVCenter
        self.dim = dim
        font = QFont(self.font())
        if dim:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        font.setBold(bold)
        self.setFont(font)
        self.setFixedHeight(self.fontMetrics().height() + 2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._text) + 2, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(10, self.height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        role = QPalette.ColorRole.PlaceholderText if self.dim else QPalette.ColorRole.WindowText
        p.setPen(self.palette().color(role))
        text = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        p.drawText(self.rect(), self.align, text)
        p.end()


class Bar(QWidget):
    """A slim painted bar with its figures written on it (cheaper than a styled QProgressBar)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.percent: float | None = None
        self.text = ""
        self.color = QColor(RAM_COLOR)
        self.setFixedHeight(BAR_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPixelSize(11)
        self.setFont(font)

    def set(self, percent: float | None, text: str, color: str) -> None:
        if percent is not None:
            percent = round(percent * 4) / 4  # finer than a pixel is not worth a repaint
        if (percent, text, color) != (self.percent, self.text, self.color.name()):
            self.percent, self.text, self.color = percent, text, QColor(color)
            self.update()  # repaint only when something changed

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(frame, 3, 3)
        if self.percent is not None and self.percent > 0:
            fill = frame.adjusted(1.5, 1.5, -1.5, -1.5)
            fill.setWidth(fill.width() * min(self.percent, 100.0) / 100.0)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.color)
            p.drawRoundedRect(fill, 2, 2)
        p.setPen(pal.color(QPalette.ColorRole.Text) if self.isEnabled()
                 else pal.color(QPalette.ColorRole.PlaceholderText))
        p.drawText(frame, Qt.AlignmentFlag.AlignCenter, self.text)
        p.end()


class Meter(QWidget):
    """A name and a bar with its figures; colours by fill level (amber > 80 %, red > 90 %)."""

    def __init__(self, name: str, color: str, thresholds: bool = True, parent=None):
        super().__init__(parent)
        self.color = color
        self.thresholds = thresholds
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.name = QLabel(name)
        self.name.setFixedWidth(NAME_WIDTH)
        self.bar = Bar()
        layout.addWidget(self.name)
        layout.addWidget(self.bar, 1)

    def set(self, percent: float | None, text: str, tooltip: str = "") -> None:
        """Fill to `percent` (None: not available) and write `text` on the bar."""
        color = self.color
        if percent is not None and self.thresholds:
            color = level_color(percent, self.color)
        self.bar.set(None if percent is None else max(percent, 0.0), text, color)
        if tooltip != self.bar.toolTip():
            self.bar.setToolTip(tooltip)
            self.name.setToolTip(tooltip)


class CoreBars(QWidget):
    """One vertical bar per logical core, wrapping into rows when there are many."""

    MIN_W, MAX_W, GAP, ROW_H = 5, 40, 2, 30

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values: tuple[float, ...] = ()
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_values(self, values) -> None:
        values = tuple(round(v) for v in values)
        if values == self.values:
            return
        grew = len(values) != len(self.values)
        self.values = values
        if grew:
            self.updateGeometry()
        self.setToolTip("\n".join(self.tr("core %1: %2%").replace("%1", str(i)).replace("%2", f"{v:.0f}")
                                  for i, v in enumerate(values)))
        self.update()

    def _per_row(self, width: int) -> int:
        return max(1, (width + self.GAP) // (self.MIN_W + self.GAP))

    def _rows(self, width: int) -> int:
        return max(1, math.ceil(len(self.values) / self._per_row(width)))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = self._rows(width)
        row_h = self.ROW_H if rows == 1 else max(12, 2 * self.ROW_H // rows)
        return rows * row_h + (rows - 1) * self.GAP

    def sizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(300))

    def paintEvent(self, event) -> None:
        n = len(self.values)
        if not n:
            return
        width, height = self.width(), self.height()
        rows = self._rows(width)
        per_row = math.ceil(n / rows)
        bar_w = min(self.MAX_W, (width - (per_row - 1) * self.GAP) / per_row)
        row_h = (height - (rows - 1) * self.GAP) / rows
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        track = self.palette().color(QPalette.ColorRole.Mid)
        track.setAlpha(70)
        fill = QColor(CPU_COLOR)
        text_pen = self.palette().color(QPalette.ColorRole.WindowText)
        font = QFont(self.font())
        font.setPixelSize(9)
        p.setFont(font)
        for i, value in enumerate(self.values):
            row, col = divmod(i, per_row)
            x = col * (bar_w + self.GAP)
            y = row * (row_h + self.GAP)
            p.setBrush(track)
            p.drawRoundedRect(QRectF(x, y, bar_w, row_h), 2, 2)
            h = row_h * min(max(value, 0.0), 100.0) / 100.0
            if h > 0.5:
                p.setBrush(fill)
                p.drawRoundedRect(QRectF(x, y + row_h - h, bar_w, h), 2, 2)
            if bar_w >= 22 and row_h >= 20:  # room to write the number in the bar
                p.setPen(text_pen)
                p.drawText(QRectF(x, y + 1, bar_w, 12), Qt.AlignmentFlag.AlignHCenter, f"{value:.0f}")
                p.setPen(Qt.PenStyle.NoPen)
        p.end()


class GpuBox(QWidget):
    """One GPU: name, load and memory bars, temperature / power / this app's memory."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(3)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.load = Meter(self.tr("Load"), GPU_COLOR, thresholds=False)
        self.memory = Meter(self.tr("Memory"), GPU_MEM_COLOR)
        self.detail = InfoLine()
        for w in (self.title, self.load, self.memory, self.detail):
            layout.addWidget(w)


class HardwarePanel(QWidget):
    """CPU, memory, container limits, GPUs and their last 10 minutes, for the right dock."""

    def __init__(self, sampler: Sampler, parent=None, history: History | None = None):
        """`history`: an earlier panel's, when the panel is rebuilt (a language change)."""
        super().__init__(parent)
        self.sampler = sampler
        self.history = history if history is not None else History(gpus=sampler.gpu_count)
        self.last: Snapshot | None = None
        self._run: int | None = None
        self._bands: dict[int, tuple] = {}  # token -> (regions, label)
        self._gpu_boxes: list[GpuBox] = []
        self._gpu_curves: list[tuple] = []
        self._build()
        for run in self.history.runs:
            self._add_band(run.token)
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
        # Redraw the chart once its curves would move by a pixel: every tick on the
        # one-minute span, about every 2 s on the ten-minute one (it is most of a tick's cost).
        seconds_per_pixel = self._span / max(1.0, self.percent_plot.vb.width())
        if snap.time - self._drawn_at >= seconds_per_pixel:
            self.draw_history()

    def begin_run(self, label: str) -> None:
        """A lesson started: a fresh sample marks the start of its band."""
        if self._run is not None:
            self.end_run()
        self._sample()
        self._run = self.history.begin_run(label)
        self._add_band(self._run)
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
        self.ram = Meter(self.tr("RAM"), RAM_COLOR)
        self.ram_info = InfoLine()
        self.swap = Meter(self.tr("Swap"), RAM_COLOR)
        self.app = Meter(self.tr("This app"), APP_COLOR)
        self.app_info = InfoLine()
        self.lesson = Meter(self.tr("Lesson"), LESSON_COLOR)
        self.lesson_info = InfoLine()
        for w in (self.ram, self.ram_info, self.swap, self.app, self.app_info, self.lesson, self.lesson_info):
            self.body.addWidget(w)

        # Container limits (only under a cgroup limit)
        self.limits_box = QWidget()
        box = QVBoxLayout(self.limits_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        self.limits_title = self._header(self.tr("Container limits"))
        self.limit_memory = Meter(self.tr("Memory"), RAM_COLOR)
        self.limits_info = InfoLine()
        for w in (self.limits_title, self.limit_memory, self.limits_info):
            box.addWidget(w)
        self.body.addWidget(self.limits_box)
        self.limits_box.hide()

        # GPU
        self.gpu_value = self._section(self.tr("GPU"))
        self.gpu_na = _dim(QLabel())
        self.gpu_na.setWordWrap(True)
        self.body.addWidget(self.gpu_na)
        self.gpu_area = QVBoxLayout()
        self.gpu_area.setSpacing(6)
        self.body.addLayout(self.gpu_area)

        # History
        self._section(self.tr("Last 10 minutes"))
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.body.addWidget(self.legend)
        self._build_plots()
        self.run_info = _dim(QLabel())
        self.run_info.setWordWrap(True)
        self.run_info.hide()
        self.body.addWidget(self.run_info)
        self.body.addStretch(1)
        self._update_legend()

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

    def _build_plots(self) -> None:
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setMinimumHeight(230)
        self.plots.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.plots.setFixedHeight(230)
        background = self.palette().color(QPalette.ColorRole.Base)
        foreground = self.palette().color(QPalette.ColorRole.Text)
        self.plots.setBackground(background)
        self.plots.ci.setContentsMargins(0, 0, 0, 0)
        self.plots.ci.setSpacing(2)
        self.percent_plot = self.plots.addPlot(row=0, col=0)
        self.memory_plot = self.plots.addPlot(row=1, col=0)
        small = QFont(self.font())
        small.setPixelSize(9)
        for plot in (self.percent_plot, self.memory_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            # No grid: grid lines make every curve update replay the axes' pictures (x3 cost).
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(foreground)
                axis.setTextPen(foreground)
                axis.setStyle(tickFont=small, tickLength=-4)
            plot.getAxis("left").setWidth(34)
        self.percent_plot.getAxis("bottom").setStyle(showValues=False)
        self.percent_plot.getAxis("bottom").setHeight(4)
        self.memory_plot.setXLink(self.percent_plot)
        self.percent_plot.setYRange(-3, 104, padding=0)  # room for the 0 and 100 % lines
        self.percent_plot.getAxis("left").setTicks([[(0, "0"), (50, "50"), (100, "100%")]])
        guide = QColor(foreground)
        guide.setAlpha(40)
        # guides at 50 and 100 % as one plain curve: an InfiniteLine costs ~3 ms a repaint
        span = SPANS_S[-1]
        self.percent_plot.plot([-span, 0, np.nan, -span, 0], [50, 50, np.nan, 100, 100],
                               pen=pg.mkPen(guide), connect="finite")
        self._span = 0.0
        self._label_font = QFont(self.font())
        self._label_font.setPixelSize(9)
        self._label_metrics = QFontMetrics(self._label_font)
        self._drawn_at = -math.inf
        self._memory_top = 0.0
        self.memory_plot.getAxis("left").enableAutoSIPrefix(False)
        self._memory_unit = ""
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 2)

        def curve(plot, color, style=Qt.PenStyle.SolidLine):
            return plot.plot(pen=pg.mkPen(color, width=1, style=style), antialias=True)

        self.cpu_curve = curve(self.percent_plot, CPU_COLOR)
        self.ram_curve = curve(self.percent_plot, RAM_COLOR)
        self.app_curve = curve(self.memory_plot, APP_COLOR)
        self.lesson_curve = curve(self.memory_plot, LESSON_COLOR)
        self.app_gpu_curve = None
        self.body.addWidget(self.plots)

    def _ensure_gpu_curves(self, n: int) -> None:
        while len(self._gpu_curves) < n:
            style = Qt.PenStyle.SolidLine if not self._gpu_curves else Qt.PenStyle.DashLine
            util = self.percent_plot.plot(pen=pg.mkPen(GPU_COLOR, width=1, style=style), antialias=True)
            mem = self.percent_plot.plot(pen=pg.mkPen(GPU_MEM_COLOR, width=1, style=style), antialias=True)
            self._gpu_curves.append((util, mem))
        if n and self.app_gpu_curve is None:
            self.app_gpu_curve = self.memory_plot.plot(
                pen=pg.mkPen(GPU_MEM_COLOR, width=1, style=Qt.PenStyle.DashLine), antialias=True)
            self._update_legend()

    def _update_legend(self) -> None:
        def key(color, text, mark="■"):
            return f"<span style='color:{color}'>{mark}</span>&nbsp;{text.replace(' ', '&nbsp;')}"

        items = [key(CPU_COLOR, self.tr("CPU %")), key(RAM_COLOR, self.tr("RAM %")),
                 key(APP_COLOR, self.tr("this app (below)")), key(LESSON_COLOR, self.tr("lesson (below)"))]
        if self._gpu_curves or self.app_gpu_curve is not None:
            items += [key(GPU_COLOR, self.tr("GPU load %")), key(GPU_MEM_COLOR, self.tr("GPU memory %"))]
        items.append(key(f"rgb{BAND_COLOR}", self.tr("lesson run"), "▮"))
        self.legend.setText(" &nbsp; ".join(items))
        font = self.legend.font()
        font.setPointSizeF(self.font().pointSizeF() * 0.85)
        self.legend.setFont(font)

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
            self.gpu_na.setText(self.tr("Not available: %1").replace("%1", snap.gpus.reason))
            self.gpu_na.show()
            for box in self._gpu_boxes:
                box.hide()
            return
        self.gpu_na.hide()
        while len(self._gpu_boxes) < len(snap.gpus):
            box = GpuBox()
            self.gpu_area.addWidget(box)
            self._gpu_boxes.append(box)
        for box, gpu in zip(self._gpu_boxes, snap.gpus, strict=False):
            box.show()
            self._show_gpu(box, gpu)
        for box in self._gpu_boxes[len(snap.gpus):]:
            box.hide()
        loads = [g.utilization for g in snap.gpus if available(g.utilization)]
        self.gpu_value.setText(f"{max(loads):.0f}%" if loads else "")

    def _show_gpu(self, box: GpuBox, gpu) -> None:
        name = gpu.name if available(gpu.name) else self.tr("unknown")
        box.title.setText(f"{gpu.index} · {name}")
        if available(gpu.utilization):
            box.load.set(gpu.utilization, f"{gpu.utilization:.0f}%")
        else:
            box.load.set(None, self.tr("not available"), gpu.utilization.reason)
        if available(gpu.memory_percent):
            text = f"{size(gpu.memory_used)} / {size(gpu.memory_total)}"
            box.memory.set(gpu.memory_percent, text)
        else:
            box.memory.set(None, self.tr("not available"), gpu.memory_percent.reason)
        parts, missing = [], []

        def add(value, what, text):
            """The figure, or 'what n/a' with the reason in the tooltip."""
            if available(value):
                parts.append(text())
            else:
                parts.append(self.tr("%1 n/a").replace("%1", what))
                missing.append(f"{what}: {value.reason}")

        add(gpu.temperature_c, self.tr("temperature"), lambda: f"{gpu.temperature_c:.0f} °C")
        add(gpu.power_w, self.tr("power"), lambda: f"{gpu.power_w:.0f}" + (
            f" / {gpu.power_limit_w:.0f} W" if available(gpu.power_limit_w) else " W"))
        add(gpu.process_memory, self.tr("this app"),
            lambda: self.tr("this app %1").replace("%1", size(gpu.process_memory)))
        if gpu.source != "nvml":
            parts.append(self.tr("via %1").replace("%1", gpu.source))
        box.detail.setText(" · ".join(parts))
        box.detail.setToolTip("\n".join(missing))

    def _na(self, value: NA) -> str:
        return self.tr("not available (%1)").replace("%1", value.reason)

    # -- history ------------------------------------------------------------------------
    def draw_history(self) -> None:
        w = self.history.window()
        if not len(w["time"]):
            return
        now = self._drawn_at = w["time"][-1]
        x = w["time"] - now  # seconds ago: the axes stay put while the curves move
        self.cpu_curve.setData(x, w["cpu"])
        self.ram_curve.setData(x, w["ram_percent"])
        top = max(float(np.nanmax(w["app_rss"])), float(np.nanmax(w["lesson_rss"])))
        gpus = w["gpu_util"].shape[1]
        mine = np.nansum(w["gpu_process_memory"], axis=1) if gpus else None
        if mine is not None:
            top = max(top, float(np.nanmax(mine)))
        unit, scale = ("GiB", GiB) if top >= GiB else ("MiB", MiB)
        if unit != self._memory_unit:
            self._memory_unit = unit
            self.memory_plot.getAxis("left").setLabel(unit, **{"font-size": "9px"})
        memory_top = _nice_ceiling(top / scale * 1.15)
        if memory_top != self._memory_top:  # rescale in steps, not on every tick
            self._memory_top = memory_top
            self.memory_plot.setYRange(0, memory_top, padding=0)
        self.app_curve.setData(x, w["app_rss"] / scale)
        lesson = w["lesson_rss"] / scale
        self.lesson_curve.setData(x, np.where(lesson > 0, lesson, np.nan), connect="finite")
        self._ensure_gpu_curves(gpus)
        for i, (util, mem) in enumerate(self._gpu_curves[:gpus]):
            util.setData(x, w["gpu_util"][:, i], connect="finite")
            mem.setData(x, w["gpu_memory_percent"][:, i], connect="finite")
        if self.app_gpu_curve is not None and mine is not None:
            self.app_gpu_curve.setData(x, mine / scale)
        # the chart grows with the data in steps, from one minute up to the history's ten
        age = -x[0]
        span = next((s for s in SPANS_S if s >= age), SPANS_S[-1])
        if span != self._span:
            self._span = span
            self.percent_plot.setXRange(-span, 0, padding=0)
            self.memory_plot.getAxis("bottom").setTicks([self._time_ticks(span)])
        self._update_bands(now)

    def _time_ticks(self, span: float) -> list[tuple[float, str]]:
        step = {60: 15, 120: 30, 300: 60}.get(int(span), 120)
        ticks = []
        for ago in range(0, int(span) + 1, step):
            if ago == 0:
                text = self.tr("now")
            elif ago < 60 or ago % 60:
                text = self.tr("-%1 s").replace("%1", str(ago))
            else:
                text = self.tr("-%1 min").replace("%1", str(ago // 60))
            ticks.append((-ago, text))
        return ticks

    def _add_band(self, token: int) -> None:
        run = self.history.run(token)
        brush = QColor(*BAND_COLOR, 60)
        regions = []
        for plot in (self.percent_plot, self.memory_plot):
            region = pg.LinearRegionItem((0, 0), movable=False, brush=brush)
            region.setZValue(-10)
            for line in region.lines:  # its edges are InfiniteLines: ~1 ms a repaint each
                line.hide()
            plot.addItem(region, ignoreBounds=True)
            regions.append(region)
        label = pg.TextItem(_elide(run.label, 32), color=self.palette().color(QPalette.ColorRole.Text),
                            anchor=(0, 0))
        label.setFont(self._label_font)
        self.percent_plot.addItem(label, ignoreBounds=True)
        self._bands[token] = (regions, label)

    def _update_bands(self, now: float) -> None:
        """Place the bands in 'seconds ago', their labels in rows that do not overlap;
        drop the bands that left the chart."""
        left, right = self.percent_plot.viewRange()[0]
        bottom, top = self.percent_plot.viewRange()[1]
        vb = self.percent_plot.vb
        x_per_px = (right - left) / max(1.0, vb.width())
        row_h = (top - bottom) / max(1.0, vb.height()) * (self._label_metrics.height() + 1)
        row_ends: list[float] = []  # where each row of labels is taken up to
        for token, (regions, label) in list(self._bands.items()):  # oldest first
            run = self.history.run(token)
            end = (run.end if run is not None and run.end is not None else now) - now
            if run is None or end < -self.history.seconds:
                for plot, region in zip((self.percent_plot, self.memory_plot), regions, strict=True):
                    plot.removeItem(region)
                self.percent_plot.removeItem(label)
                del self._bands[token]
                continue
            start = run.start - now
            for region in regions:
                region.setRegion((start, end))
            width = (self._label_metrics.horizontalAdvance(label.toPlainText()) + 6) * x_per_px
            x = max(left, min(start, right - width))  # from the band's start, kept on the chart
            row = next((i for i, taken in enumerate(row_ends) if taken <= x), len(row_ends))
            row = min(row, 2)
            if row == len(row_ends):
                row_ends.append(x + width)
            else:
                row_ends[row] = x + width
            label.setPos(x, top - row * row_h)

    def _show_summary(self, summary: dict) -> None:
        parts = [self.tr("mean CPU %1%").replace("%1", f"{summary.get('hw_mean_cpu_percent', 0):.0f}"),
                 self.tr("peak RAM %1%").replace("%1", f"{summary.get('hw_peak_ram_percent', 0):.0f}"),
                 self.tr("this app peak %1").replace(
                     "%1", size(summary.get("hw_peak_app_rss_mb", 0) * 1024**2))]
        if "hw_peak_lesson_rss_mb" in summary:
            parts.append(self.tr("lesson peak %1").replace(
                "%1", size(summary["hw_peak_lesson_rss_mb"] * 1024**2)))
        if "hw_peak_gpu_memory_mb" in summary:
            parts.append(self.tr("peak GPU memory %1").replace(
                "%1", size(summary["hw_peak_gpu_memory_mb"] * 1024**2)))
        self.run_info.setText(self.tr("Last run: %1").replace("%1", " · ".join(parts)))
        self.run_info.show()


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50 ... not below `value` (at least 1)."""
    value = max(value, 1.0)
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def _elide(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def main() -> None:  # pragma: no cover - a quick look: python -m studio.ui.hardware_panel
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    panel = HardwarePanel(Sampler())
    panel.resize(340, 900)
    panel.show()
    sys.exit(app.exec())


if __name__ == "__main__":  # pragma: no cover
    main()
