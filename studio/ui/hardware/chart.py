"""The hardware panel's chart: the last 10 minutes of CPU, RAM, this app, the lesson and GPUs,
with each lesson run drawn as a labelled band.

x is "seconds before the newest sample", so the axes stay put while the curves move. A
redraw is most of the panel's cost, so the panel asks `due(now)` first: the curves move three
pixels at a time, at most every 2 s (every 6 s on the ten-minute span). The bands of all runs
are one item per plot, and items whose figures did not change are not touched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from studio.core.hardware import RunUsage, UsageHistory
from studio.core.units import GiB, MiB
from studio.ui import palette

SPANS_S = (60.0, 120.0, 300.0, 600.0)  # the chart's time spans, growing with the data
# A redraw is most of the panel's cost: the curves move 3 px at a time, at most every 2 s
# (on the ten-minute span a pixel is 2 s; on the one-minute span 0.2 s)
REDRAW_PIXELS = 3
MIN_REDRAW_S = 2.0
HEIGHT = 230
LABEL_ROWS = 3


@dataclass
class Band:
    """A run on the chart: where it starts and ends (seconds before the newest sample)."""

    run: RunUsage
    label: pg.TextItem
    width_px: int  # the label's
    start: float = 0.0
    end: float = 0.0


class ViewBounds:
    """Bounds that are the whole view, kept until the view's range changes. The chart's
    ranges are fixed, so nothing needs an item's own bounds, which pyqtgraph's curves
    recompute (nanmin/nanmax, pixel padding) after every setData, on each of the scene's
    many boundingRect calls."""

    _view: QRectF | None = None

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        self._view = None

    def boundingRect(self) -> QRectF:
        if self._view is None:
            self._view = self.viewRect() or QRectF()
        return self._view


class ViewCurve(ViewBounds, pg.PlotCurveItem):
    """A curve bounded by the view."""


class BandsItem(ViewBounds, pg.GraphicsObject):
    """Every run's band on one plot, painted in one pass (a LinearRegionItem per run
    cost ~1 ms a repaint each, and its setRegion as much again)."""

    def __init__(self, color: QColor):
        super().__init__()
        self.spans: list[tuple[float, float]] = []
        self.color = color
        self.setZValue(-10)

    def set_spans(self, spans: list[tuple[float, float]]) -> None:
        if spans != self.spans:
            self.spans = spans
            self.update()

    def paint(self, painter, *args) -> None:
        view = self.viewRect()
        if view is None:
            return
        # in device pixels: a translucent fill through the view's transform costs ~0.7 ms
        to_device = painter.transform()
        painter.resetTransform()
        for start, end in self.spans:
            rect = to_device.mapRect(QRectF(start, view.top(), end - start, view.height()))
            painter.fillRect(rect.toAlignedRect(), self.color)
        painter.setTransform(to_device)


class UsageChart(QWidget):
    """The legend and two plots: percentages above (CPU, RAM, GPUs), memory below."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.plots.setFixedHeight(HEIGHT)
        layout.addWidget(self.plots)
        self.bands: dict[int, Band] = {}  # token -> band, oldest first
        self.gpu_curves: list[tuple[pg.PlotCurveItem, pg.PlotCurveItem]] = []
        self.app_gpu_curve: pg.PlotCurveItem | None = None
        self.drawn_at = -math.inf  # the newest sample of the last redraw
        self._span = 0.0
        self._memory_top = 0.0
        self._memory_unit = ""
        self._label_font = QFont(self.font())
        self._label_font.setPixelSize(9)
        self._label_metrics = QFontMetrics(self._label_font)
        self._build_plots()
        self._update_legend()

    def _build_plots(self) -> None:
        background = self.palette().color(QPalette.ColorRole.Base)
        foreground = self.palette().color(QPalette.ColorRole.Text)
        self.plots.setBackground(background)
        self.plots.ci.setContentsMargins(0, 0, 0, 0)
        self.plots.ci.setSpacing(2)
        self.percent_plot = self.plots.addPlot(row=0, col=0)
        self.memory_plot = self.plots.addPlot(row=1, col=0)
        small = QFont(self.font())
        small.setPixelSize(9)
        band_color = QColor(*palette.RUN_BAND, 60)
        self.band_items = []
        for plot in (self.percent_plot, self.memory_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.disableAutoRange()  # the ranges are set here, in steps: no bounds computed per redraw
            # No grid: grid lines make every curve update replay the axes' pictures (x3 cost).
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(foreground)
                axis.setTextPen(foreground)
                axis.setStyle(tickFont=small, tickLength=-4)
            plot.getAxis("left").setWidth(34)
            bands = BandsItem(band_color)
            plot.addItem(bands, ignoreBounds=True)
            self.band_items.append(bands)
        self.percent_plot.getAxis("bottom").setStyle(showValues=False)
        self.percent_plot.getAxis("bottom").setHeight(4)
        self.memory_plot.setXLink(self.percent_plot)
        self.percent_plot.setYRange(-3, 104, padding=0)  # room for the 0 and 100 % lines
        self.memory_plot.setYRange(0, 1, padding=0)
        self.percent_plot.getAxis("left").setTicks([[(0, "0"), (50, "50"), (100, "100%")]])
        guide = QColor(foreground)
        guide.setAlpha(40)
        # guides at 50 and 100 % as one plain curve: an InfiniteLine costs ~3 ms a repaint
        span = SPANS_S[-1]
        self.percent_plot.addItem(pg.PlotCurveItem(
            np.array([-span, 0, np.nan, -span, 0]), np.array([50, 50, np.nan, 100, 100]),
            pen=pg.mkPen(guide), connect="finite"))
        self.memory_plot.getAxis("left").enableAutoSIPrefix(False)
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 2)
        self.cpu_curve = self._curve(self.percent_plot, palette.CPU)
        self.ram_curve = self._curve(self.percent_plot, palette.RAM)
        self.app_curve = self._curve(self.memory_plot, palette.APP)
        self.lesson_curve = self._curve(self.memory_plot, palette.LESSON)

    @staticmethod
    def _curve(plot, color: str, style=Qt.PenStyle.SolidLine) -> pg.PlotCurveItem:
        """A bare curve item: PlotDataItem's bounds and dataset bookkeeping cost more than
        the drawing here."""
        curve = ViewCurve(pen=pg.mkPen(color, width=1, style=style), antialias=True, skipFiniteCheck=True)
        plot.addItem(curve)
        return curve

    def _ensure_gpu_curves(self, n: int) -> None:
        while len(self.gpu_curves) < n:
            style = Qt.PenStyle.SolidLine if not self.gpu_curves else Qt.PenStyle.DashLine
            self.gpu_curves.append((self._curve(self.percent_plot, palette.GPU, style),
                                    self._curve(self.percent_plot, palette.GPU_MEMORY, style)))
        if n and self.app_gpu_curve is None:
            self.app_gpu_curve = self._curve(self.memory_plot, palette.GPU_MEMORY, Qt.PenStyle.DashLine)
            self._update_legend()

    def _update_legend(self) -> None:
        def key(color, text, mark="■"):
            # one key never wraps: no-break spaces, and word joiners between Chinese characters
            text = "\u2060".join(text).replace("\u2060 \u2060", "&nbsp;")
            return f"<span style='color:{color}'>{mark}</span>&nbsp;{text}"

        items = [key(palette.CPU, self.tr("CPU %")), key(palette.RAM, self.tr("RAM %")),
                 key(palette.APP, self.tr("this app (below)")), key(palette.LESSON, self.tr("lesson (below)"))]
        if self.gpu_curves or self.app_gpu_curve is not None:
            items += [key(palette.GPU, self.tr("GPU load %")), key(palette.GPU_MEMORY, self.tr("GPU memory %"))]
        items.append(key(f"rgb{palette.RUN_BAND}", self.tr("lesson run"), "▮"))
        self.legend.setText(" &nbsp; ".join(items))
        font = self.legend.font()
        font.setPointSizeF(self.font().pointSizeF() * 0.85)
        self.legend.setFont(font)

    # -- drawing ------------------------------------------------------------------------
    def due(self, now: float) -> bool:
        """Whether a redraw would move the curves by `REDRAW_PIXELS`, at most every
        `MIN_REDRAW_S`, and the chart is on screen (not scrolled out of the dock)."""
        if self.visibleRegion().isEmpty():
            return False
        seconds_per_pixel = (self._span or SPANS_S[0]) / max(1.0, self.percent_plot.vb.width())
        return now - self.drawn_at >= max(REDRAW_PIXELS * seconds_per_pixel, MIN_REDRAW_S)

    def draw(self, history: UsageHistory) -> None:
        w = history.window()
        if not len(w["time"]):
            return
        now = self.drawn_at = w["time"][-1]
        x = w["time"] - now
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
        _set_gaps(self.lesson_curve, x, w["lesson_rss"] / scale, w["lesson_rss"] > 0)
        self._ensure_gpu_curves(gpus)
        for i, (util, mem) in enumerate(self.gpu_curves[:gpus]):
            for curve, y in ((util, w["gpu_util"][:, i]), (mem, w["gpu_memory_percent"][:, i])):
                _set_gaps(curve, x, y, np.isfinite(y))
        if self.app_gpu_curve is not None and mine is not None:
            self.app_gpu_curve.setData(x, mine / scale)
        # the chart grows with the data in steps, from one minute up to the history's ten
        age = -x[0]
        span = next((s for s in SPANS_S if s >= age), SPANS_S[-1])
        if span != self._span:
            self._span = span
            self.percent_plot.setXRange(-span, 0, padding=0)
            self.memory_plot.getAxis("bottom").setTicks([self._time_ticks(span)])
        self._place_bands(history, now)

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

    # -- runs ---------------------------------------------------------------------------
    def add_band(self, run: RunUsage) -> None:
        label = pg.TextItem(_elide(run.label, 32), color=self.palette().color(QPalette.ColorRole.Text),
                            anchor=(0, 0))
        label.setFont(self._label_font)
        self.percent_plot.addItem(label, ignoreBounds=True)
        self.bands[run.token] = Band(run, label, self._label_metrics.horizontalAdvance(label.toPlainText()) + 6)

    def _place_bands(self, history: UsageHistory, now: float) -> None:
        """Place the bands in 'seconds ago', their labels in rows that do not overlap;
        drop the bands that left the chart."""
        (left, right), (bottom, top) = self.percent_plot.viewRange()
        vb = self.percent_plot.vb
        x_per_px = (right - left) / max(1.0, vb.width())
        row_h = (top - bottom) / max(1.0, vb.height()) * (self._label_metrics.height() + 1)
        row_ends: list[float] = []  # where each row of labels is taken up to
        for token, band in list(self.bands.items()):
            run = band.run
            band.end = (run.end if run.end is not None else now) - now
            if band.end < -history.seconds or history.run(token) is None:
                self.percent_plot.removeItem(band.label)
                del self.bands[token]
                continue
            band.start = run.start - now
            width = band.width_px * x_per_px
            x = max(left, min(band.start, right - width))  # from the band's start, kept on the chart
            row = min(next((i for i, taken in enumerate(row_ends) if taken <= x), len(row_ends)),
                      LABEL_ROWS - 1)
            if row == len(row_ends):
                row_ends.append(x + width)
            else:
                row_ends[row] = x + width
            pos = (x, top - row * row_h)
            if (band.label.pos().x(), band.label.pos().y()) != pos:
                band.label.setPos(*pos)
        spans = [(b.start, b.end) for b in self.bands.values()]
        for item in self.band_items:
            item.set_spans(spans)


def _set_gaps(curve: pg.PlotCurveItem, x: np.ndarray, y: np.ndarray, keep: np.ndarray) -> None:
    """The points where `keep` holds, joined where they were neighbours. (connect="finite"
    splits the arrays at every NaN: 600 pieces and ~10 ms for a curve that is all gaps.)"""
    index = np.flatnonzero(keep)
    connect = np.ones(len(index), dtype=bool)
    connect[:-1] = np.diff(index) == 1
    curve.setData(x[index], y[index], connect=connect)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50 ... not below `value` (at least 1)."""
    value = max(value, 1.0)
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def _elide(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
