"""A lesson's output: its console, result numbers, tables, plots and matplotlib figures."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QHeaderView, QPlainTextEdit, QTableView, QTabWidget

from studio.core.context import Plot
from studio.core.labels import find, label
from studio.core.text import pick
from studio.ui import palette


class TableModel(QAbstractTableModel):
    """A read-only model over a DataFrame, Series, 2-D array or dict of numbers.

    Headers that are names with a label (`test_accuracy`, a lesson's own) show the label in
    the current language, the name in their tooltip."""

    def __init__(self, data, parent=None, columns: list[str] | None = None, numbers_right: bool = True,
                 labels: dict | None = None):
        super().__init__(parent)
        self._numbers_right = numbers_right
        self._rows, self._columns, self._index = _tabulate(data)
        if columns:
            self._columns = columns
        self._labels = labels

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            value = self._rows[index.row()][index.column()]
            if not self._numbers_right and isinstance(value, (float, np.floating)):
                return repr(float(value))  # result numbers in full, to compare with the article
            return _fmt(value)
        if role == Qt.TextAlignmentRole and self._numbers_right:
            value = self._rows[index.row()][index.column()]
            if isinstance(value, (int, float, np.number)):
                return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        name = self._columns[section] if orientation == Qt.Horizontal else self._index[section]
        found = find(name, self._labels) if isinstance(name, str) else None
        if role == Qt.ToolTipRole:
            return str(name) if found else None
        return pick(found) if found else str(name)


def _tabulate(data):
    """(rows, column names, row names) from the kinds of table a lesson emits."""
    if hasattr(data, "to_frame") and not hasattr(data, "columns"):  # pandas Series
        data = data.to_frame()
    if hasattr(data, "columns"):  # DataFrame
        index = [" / ".join(map(str, i)) if isinstance(i, tuple) else i for i in data.index]
        return data.to_numpy(dtype=object).tolist(), list(data.columns), index
    if isinstance(data, dict):
        return [[v] for v in data.values()], ["value"], list(data.keys())
    arr = np.asarray(data)
    if arr.ndim == 1:
        arr = arr[:, None]
    return arr.tolist(), list(range(arr.shape[1])), list(range(arr.shape[0]))


def _fmt(value) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple, np.ndarray)):
        arr = np.asarray(value, dtype=object)
        if arr.ndim > 1:
            return str(arr.tolist())
        items = [_fmt(v) for v in arr[:12]]
        return "[" + ", ".join(items) + (", …" if len(arr) > 12 else "") + "]"
    return str(value)


def table_view(data, labels: dict | None = None) -> QTableView:
    view = QTableView()
    view.setModel(TableModel(data, view, labels=labels))
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    return view


def plot_widget(plot: Plot) -> pg.PlotWidget:
    """The plot with its texts (plain or `bi(en, zh)`) in the current language."""
    widget = pg.PlotWidget(background="w")
    item = widget.getPlotItem()
    item.setTitle(pick(plot.title))
    item.setLabel("bottom", pick(plot.xlabel))
    item.setLabel("left", pick(plot.ylabel))
    item.showGrid(x=True, y=True, alpha=0.25)
    item.addLegend(offset=(-10, 10))
    for i, s in enumerate(plot.series):
        color = palette.NAMED.get(s.color or "", s.color) or palette.series(i)
        x, y = np.asarray(s.x, dtype=float), np.asarray(s.y, dtype=float)
        name = pick(s.label) or None
        if s.style == "scatter":
            item.plot(x, y, pen=None, symbol="o", symbolSize=6, symbolBrush=color, symbolPen=None, name=name)
        elif s.style == "bar":
            width = 0.8 * (np.min(np.diff(np.unique(x))) if len(np.unique(x)) > 1 else 1)
            item.addItem(pg.BarGraphItem(x=x, height=y, width=width, brush=color, name=name))
        else:
            item.plot(x, y, pen=pg.mkPen(color, width=s.width), name=name)
    for x, y, text in plot.texts:
        note = pg.TextItem(pick(text), color="k")
        note.setPos(x, y)
        item.addItem(note)
    return widget


def figure_widget(fig):
    """A finished matplotlib Figure on a Qt canvas (made on the GUI thread)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = FigureCanvasQTAgg(fig)
    canvas.setMinimumSize(200, 160)
    return canvas


class Console(QPlainTextEdit):
    """The lesson's printed output, monospaced, capped so it never grows without end."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(20_000)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.NoWrap)

    def append_lines(self, lines: list[str]) -> None:
        self.appendPlainText("\n".join(lines))


class ResultsView(QTabWidget):
    """Tabs: Results (numbers), Console, then one per table, plot and figure, in order.

    Names (result keys, tab names, table headers) show as their labels in the current
    language: the lesson's own `labels`, then `studio.core.labels`; the name is the tooltip."""

    def __init__(self, parent=None, labels: dict | None = None):
        super().__init__(parent)
        self.labels = labels or {}
        self.console = Console()
        self.results = table_view({})
        self.addTab(self.results, self.tr("Results"))
        self.addTab(self.console, self.tr("Console"))
        self._named: dict[str, int] = {}
        self._numbers: dict = {}
        self.add_results({})

    def clear(self) -> None:
        while self.count() > 2:
            widget = self.widget(2)
            self.removeTab(2)
            widget.deleteLater()
        self._named.clear()
        self._numbers = {}
        self.add_results({})
        self.console.clear()

    def add_results(self, numbers: dict) -> None:
        self._numbers.update(numbers)
        self.results.setModel(TableModel(self._numbers, self.results, [self.tr("Value")], numbers_right=False,
                                         labels=self.labels))
        self.results.horizontalHeader().setStretchLastSection(True)

    def show_table(self, name: str, data) -> None:
        self._put(name, table_view(data, self.labels))

    def show_plot(self, name: str, plot: Plot) -> None:
        self._put(name, plot_widget(plot))

    def show_figure(self, name: str, fig) -> None:
        self._put(name, figure_widget(fig))

    def tab_names(self) -> list[str]:
        """The tabs by name: a table's, plot's or figure's name as the lesson emitted it."""
        return [self.tabToolTip(i) or self.tabText(i) for i in range(self.count())]

    def _put(self, name: str, widget) -> None:
        text = pick(label(name, self.labels))
        if name in self._named:
            index = self._named[name]
            old = self.widget(index)
            self.removeTab(index)
            old.deleteLater()
            self.insertTab(index, widget, text)
        else:
            index = self._named[name] = self.addTab(widget, text)
        self.setTabToolTip(index, name)


def bold(font: QFont, size_delta: int = 0) -> QFont:
    font = QFont(font)
    font.setBold(True)
    font.setPointSize(font.pointSize() + size_delta)
    return font
