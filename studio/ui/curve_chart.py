"""Live training curves (pyqtgraph): raw and smoothed lines, train and validation together."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from studio.core import safe_write
from studio.core.buffers import EmaSmoother, ScalarBuffer
from studio.core.labels import label
from studio.core.text import pick
from studio.ui import palette
from studio.ui.save_image import save_png

DEFAULT_SMOOTHING = 0.6


def family(name: str) -> str:
    """Curves that share a chart: `loss` with `val_loss`, `accuracy` with `val_accuracy`."""
    for prefix in ("val_", "train_", "test_"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def nice_span(span: float) -> float:
    """The next 1, 2 or 5 times a power of ten at or above `span`."""
    import math

    exp = math.floor(math.log10(span))
    for m in (1, 2, 5, 10):
        if m * 10**exp >= span:
            return m * 10**exp
    return 10 ** (exp + 1)


class _Curve:
    """One scalar's data on screen: a faint raw line and the smoothed line."""

    def __init__(self, plot: pg.PlotItem, name: str, color: str, text: str):
        self.name = name
        self.family = family(name)
        self.data = np.empty((0, 3))
        self.smoothed = np.empty(0)
        self.smoother: EmaSmoother | None = None
        raw_color = pg.mkColor(color)
        raw_color.setAlpha(70)
        self.raw = plot.plot(pen=pg.mkPen(raw_color, width=1))
        self.line = plot.plot(pen=pg.mkPen(color, width=2), name=text)

    def extend(self, rows: np.ndarray, weight: float) -> None:
        if self.smoother is None or self.smoother.weight != weight:
            self.smoother = EmaSmoother(weight)
            self.data = np.concatenate([self.data, rows]) if len(rows) else self.data
            self.smoothed = self.smoother.extend(self.data[:, 2])
        elif len(rows):
            self.data = np.concatenate([self.data, rows])
            self.smoothed = np.concatenate([self.smoothed, self.smoother.extend(rows[:, 2])])

    def bounds(self, x_col: int, log_y: bool) -> tuple[float, float, float, float] | None:
        """(x0, x1, y0, y1) of the drawn points, y in log10 when the axis is logarithmic."""
        if not len(self.data):
            return None
        x = self.data[:, x_col]
        y = self.data[:, 2]
        if log_y:
            y = y[y > 0]
            if not len(y):
                return None
            y = np.log10(y)
        y = y[np.isfinite(y)]
        if not len(y):
            return None
        return float(x[0]), float(x[-1]), float(y.min()), float(y.max())

    def draw(self, x_col: int, smoothing: float) -> None:
        if not len(self.data):
            return
        x = self.data[:, x_col]
        if smoothing > 0:
            self.raw.setData(x, self.data[:, 2])
            self.raw.show()
            self.line.setData(x, self.smoothed)
        else:
            self.raw.hide()
            self.line.setData(x, self.data[:, 2])


class CurveChart(QWidget):
    """Streams `ScalarBuffer`s onto charts. Call `set_source(ctx.scalars)` then `refresh()`
    from a GUI-thread timer; it only reads the rows that arrived since the last refresh.
    Charts and legends show the curves' labels (the lesson's `labels`, then the common ones)."""

    exported = Signal(str)
    has_curves = Signal(bool)  # the first curve of a run appeared (True) / the chart was cleared

    def __init__(self, parent=None, labels: dict | None = None):
        super().__init__(parent)
        self.labels = labels or {}
        self._source: dict[str, ScalarBuffer] = {}
        self._curves: dict[str, _Curve] = {}
        self._read: dict[str, int] = {}
        self._plots: dict[str, pg.PlotItem] = {}
        self._marker: pg.TextItem | None = None
        self._ranged: dict[str, bool] = {}  # family -> its range was set by _follow
        self._used: set[str] = set()  # families the current run draws
        self._rows = -1  # the layout row of the last chart added

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.setMinimumHeight(160)

        self.smoothing = QSlider(Qt.Horizontal)
        self.smoothing.setRange(0, 999)
        self.smoothing.setValue(int(DEFAULT_SMOOTHING * 1000))
        self.smoothing.setMinimumWidth(80)
        self.smoothing.setToolTip(self.tr("Exponential moving average, debiased as in TensorBoard"))
        self.smoothing_label = QLabel()
        self.x_axis = QComboBox()
        self.x_axis.addItem(self.tr("Step"), 0)
        self.x_axis.addItem(self.tr("Wall time (s)"), 1)
        self.log_y = QCheckBox(self.tr("Log y"))
        self.follow = QCheckBox(self.tr("Follow"))
        self.follow.setChecked(True)
        self.follow.setToolTip(self.tr("Keep the newest points in view"))
        self.export_csv = QPushButton(self.tr("CSV…"))
        self.export_csv.setToolTip(self.tr("Export the curves as CSV"))
        self.export_png = QPushButton(self.tr("PNG…"))
        self.export_png.setToolTip(self.tr("Export the chart as a PNG image"))
        self.empty_label = QLabel(self.tr("Curves appear here while a lesson trains."))
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.empty_label.setStyleSheet("color: gray")

        smoothing = QHBoxLayout()
        smoothing.setContentsMargins(0, 0, 0, 0)
        smoothing.addWidget(QLabel(self.tr("Smoothing")))
        smoothing.addWidget(self.smoothing, 1)
        smoothing.addWidget(self.smoothing_label)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.x_axis)
        controls.addWidget(self.log_y)
        controls.addWidget(self.follow)
        controls.addStretch(1)
        controls.addWidget(self.export_csv)
        controls.addWidget(self.export_png)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(smoothing)
        layout.addLayout(controls)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        self.view.hide()

        self.smoothing.valueChanged.connect(self._on_smoothing)
        self.x_axis.currentIndexChanged.connect(lambda _: self.redraw())
        self.log_y.toggled.connect(self._on_log)
        self.follow.toggled.connect(lambda on: on and self._autorange())
        self.export_csv.clicked.connect(self._ask_csv)
        self.export_png.clicked.connect(self._ask_png)
        self._on_smoothing(self.smoothing.value())

    # -- data -----------------------------------------------------------------------
    @property
    def weight(self) -> float:
        return self.smoothing.value() / 1000

    def set_source(self, scalars: dict[str, ScalarBuffer]) -> None:
        """Show a new run's buffers (clears the charts)."""
        self.clear()
        self._source = scalars

    def clear(self) -> None:
        """Empty the charts for a new run. Their plots are kept for reuse (building one costs
        about 70 ms on the GUI thread, a stall at every run's start); `fit` drops unused ones."""
        for plot in self._plots.values():
            plot.clear()
            if plot.legend is not None:
                plot.legend.clear()
        self._used: set[str] = set()
        self._curves.clear()
        self._read.clear()
        self._ranged.clear()
        self._marker = None
        if not self._plots:  # kept charts stay on screen: showing them again re-lays out the view
            self.view.hide()
            self.empty_label.show()
            self.has_curves.emit(False)

    def refresh(self) -> None:
        """Pull the rows that arrived since last time and redraw what changed."""
        changed: set[str] = set()
        for name, buf in list(self._source.items()):
            start = self._read.get(name, 0)
            if len(buf) <= start:
                continue
            rows = buf.snapshot(start)
            self._read[name] = start + len(rows)
            curve = self._curves.get(name) or self._add_curve(name)
            curve.extend(rows, self.weight)
            curve.draw(self.x_axis.currentData(), self.weight)
            changed.add(curve.family)
        if changed and self.follow.isChecked():
            self._follow(changed)

    def point_count(self, name: str) -> int:
        curve = self._curves.get(name)
        return len(curve.data) if curve else 0

    def shown_names(self) -> list[str]:
        """What the charts say: their titles and legend entries, as shown."""
        out = [plot.titleLabel.text for plot in self._plots.values()]
        for plot in self._plots.values():
            if plot.legend is not None:
                out += [text.text for _, text in plot.legend.items]
        return out

    def curve_names(self) -> list[str]:
        return list(self._curves)

    def mark_stopped(self, text: str) -> None:
        """Label the partial curves of a run that was stopped or failed."""
        for plot in self._plots.values():
            item = pg.TextItem(text, color=palette.RED, anchor=(1, 0))
            plot.addItem(item, ignoreBounds=True)
            vb = plot.getViewBox()
            (x0, x1), (y0, y1) = vb.viewRange()
            item.setPos(x1, y1)
            self._marker = item

    def _add_curve(self, name: str) -> _Curve:
        fam = family(name)
        if not self._curves and not self.view.isVisibleTo(self):  # the run's first curve
            self.empty_label.hide()
            self.view.show()
            self.has_curves.emit(True)
        self._used.add(fam)
        plot = self._plots.get(fam)
        if plot is None:
            self._rows += 1
            plot = self.view.addPlot(row=self._rows, col=0)
            plot.setTitle(pick(label(fam, self.labels)))
            plot.addLegend(offset=(-10, 10))
            # pyqtgraph resets these when items are added through plot(...) kwargs: set on the item.
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            plot.setLogMode(y=self.log_y.isChecked())
            self._plots[fam] = plot
        color = palette.series(len(self._curves))
        curve = _Curve(plot, name, color, pick(label(name, self.labels)))
        self._curves[name] = curve
        return curve

    # -- controls -----------------------------------------------------------------
    def _on_smoothing(self, value: int) -> None:
        self.smoothing_label.setText(f"{value / 1000:.3f}")
        self.redraw(resmooth=True)

    def _on_log(self, on: bool) -> None:
        for plot in self._plots.values():
            plot.setLogMode(y=on)
        self._autorange()

    def redraw(self, resmooth: bool = False) -> None:
        for curve in self._curves.values():
            if resmooth:
                curve.smoother = None
                data, curve.data = curve.data, np.empty((0, 3))
                curve.extend(data, self.weight)
            curve.draw(self.x_axis.currentData(), self.weight)
        for plot in self._plots.values():
            plot.setLabel("bottom", self.x_axis.currentText())
        self._autorange()

    def _autorange(self) -> None:
        """Fit every chart to its data exactly (controls changed, or the run ended)."""
        for plot in self._plots.values():
            plot.enableAutoRange()

    def fit(self) -> None:
        """A run ended: drop charts it did not use, fit the others to their data."""
        for fam in [f for f in self._plots if f not in self._used]:
            self.view.removeItem(self._plots.pop(fam))
        if self.follow.isChecked():
            self._autorange()

    def _follow(self, plots: set[str]) -> None:
        """Keep the newest points in view with ranges that move in steps, not every tick:
        a changed range repaints the axes, the costliest part of a redraw (about 10 ms an
        axis here), and all of it holds the GIL the training thread needs."""
        log_y = self.log_y.isChecked()
        x_col = self.x_axis.currentData()
        for fam in plots:
            plot = self._plots[fam]
            boxes = [c.bounds(x_col, log_y) for c in self._curves.values() if c.family == fam]
            boxes = [b for b in boxes if b is not None]
            if not boxes:
                continue
            x0, x1 = min(b[0] for b in boxes), max(b[1] for b in boxes)
            y0, y1 = min(b[2] for b in boxes), max(b[3] for b in boxes)
            plot.disableAutoRange()
            (vx0, vx1), (vy0, vy1) = plot.getViewBox().viewRange()
            if x1 > vx1 or x0 < vx0 or not self._ranged.get(fam):
                plot.setXRange(x0, x0 + nice_span(1.25 * (x1 - x0) or 1.0), padding=0)
            span = (y1 - y0) or abs(y1) or 1.0
            if not self._ranged.get(fam) or span < 0.25 * (vy1 - vy0):
                plot.setYRange(y0 - 0.08 * span, y1 + 0.08 * span, padding=0)
            elif y0 < vy0 or y1 > vy1:  # leave room in the direction the curve is moving
                low = y0 - 0.3 * span if y0 < vy0 else vy0
                high = y1 + 0.3 * span if y1 > vy1 else vy1
                plot.setYRange(low, high, padding=0)
            self._ranged[fam] = True

    # -- export -------------------------------------------------------------------
    def write_csv(self, path: str | Path) -> None:
        with safe_write.atomic_open(path, "w", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["name", "step", "wall_time_s", "value", "smoothed"])
            for name, curve in self._curves.items():
                for (step, wall, value), smooth in zip(curve.data, curve.smoothed):
                    out.writerow([name, f"{step:g}", f"{wall:.4f}", repr(float(value)), repr(float(smooth))])
        self.exported.emit(str(path))

    def write_png(self, path: str | Path) -> None:
        save_png(self.view, path)
        self.exported.emit(str(path))

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export curves"), "curves.csv", "CSV (*.csv)")
        if path:
            self._export(self.write_csv, path)

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), "curves.png", "PNG (*.png)")
        if path:
            self._export(self.write_png, path)

    def _export(self, write, path: str) -> None:
        try:
            write(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export"), self.tr("Could not write {path}: {error}").format(
                path=path, error=exc.strerror or exc))
