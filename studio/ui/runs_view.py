"""The Runs view: every recorded run in a sortable, filterable table; several selected runs
overlaid on one chart; a run's output shown again; delete and export.

`RunsView(store, lesson_id=None)` shows the runs of one lesson, or of all lessons.
It follows the store's events (a run added, finished or deleted). Curves are read only for the selected runs,
so the table opens fast however long the recorded curves are.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.core.history import (
    RunStore,
    UnknownRun,
    format_params,
    local_time,
)
from studio.core.labels import device_label
from studio.core.text import pick
from studio.core.units import clock
from studio.ui import palette
from studio.ui.runs_chart import CompareChart
from studio.ui.runs_table import DEVICE, DURATION, ID, LESSON, PARAMS, STARTED, STATUS, RunFilter, RunsTableModel
from studio.ui.store_events import on_gui_thread

MAX_OVERLAY = 20  # more curves than this on one chart stop being readable
class RunsView(QWidget):
    """Runs of `lesson_id` (or of every lesson) from `store`."""

    run_opened = Signal(int)
    runs_deleted = Signal(list)

    def __init__(self, store: RunStore, lesson_id: str | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.lesson_id = lesson_id

        self.model = RunsTableModel(self)
        self.proxy = RunFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter runs: lesson, status, lr=0.1…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Show the run's output again (or double-click a row)"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_csv_button.setToolTip(self.tr("The curves of the selected runs (all shown runs if none)"))
        self.export_json_button = QPushButton(self.tr("Export JSON…"))
        self.export_json_button.setToolTip(
            self.tr("Everything about the selected runs (all shown runs if none)"))

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ID, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        width = self.fontMetrics().horizontalAdvance
        samples = ((ID, "00000"), (LESSON, "torch.binary_classifier"), (STARTED, "2000-00-00 00:00:00"),
                   (DURATION, "00 min 00 s"), (STATUS, "interrupted"), (DEVICE, "cuda:0"),
                   (PARAMS, "epochs=1000, lr=0.1, samples=100"))
        for col, sample in samples:
            header.resizeSection(col, width(sample) + 24)

        # Curves: one chart, one colour per selected run.
        self.curve_combo = QComboBox()
        self.curve_combo.setToolTip(self.tr("Which recorded curve to compare"))
        self.x_axis = QComboBox()
        self.x_axis.addItem(self.tr("Step"), 0)
        self.x_axis.addItem(self.tr("Relative time (s)"), 1)
        self.x_axis.setToolTip(self.tr("Relative time: seconds since each run's first point, "
                                       "so runs that waited for imports still line up"))
        self.overlay_note = QLabel()
        self.overlay_note.setStyleSheet("color: gray")
        self._chart: CompareChart | None = None  # made when runs are first compared (see `chart`)

        curves_page = QWidget()
        curve_controls = QHBoxLayout()
        curve_controls.addWidget(QLabel(self.tr("Curve")))
        curve_controls.addWidget(self.curve_combo)
        curve_controls.addWidget(self.x_axis)
        curve_controls.addWidget(self.overlay_note, 1)
        curves_layout = QVBoxLayout(curves_page)
        curves_layout.setContentsMargins(4, 4, 4, 4)
        curves_layout.addLayout(curve_controls)
        # Until runs are selected a line of text stands in for the chart (and its costly first paint).
        self.placeholder = QLabel(self.tr("Select runs to compare their curves."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: gray")
        self.chart_stack = QStackedWidget()
        self.chart_stack.addWidget(self.placeholder)
        curves_layout.addWidget(self.chart_stack, 1)

        # Output: a run's header, results and printed output.
        self.output_header = QLabel(self.tr("Open a run to see its output again."))
        self.output_header.setWordWrap(True)
        self.output_header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.output_text = QPlainTextEdit()
        self.output_text.setReadOnly(True)
        self.output_text.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.output_text.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        output_page = QWidget()
        output_layout = QVBoxLayout(output_page)
        output_layout.setContentsMargins(4, 4, 4, 4)
        output_layout.addWidget(self.output_header)
        output_layout.addWidget(self.output_text, 1)

        self.tabs = QTabWidget()
        self.curves_tab = self.tabs.addTab(curves_page, self.tr("Curves"))
        self.output_tab = self.tabs.addTab(output_page, self.tr("Output"))

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.filter_edit, 1)
        controls.addWidget(self.count_label)
        for button in (self.open_button, self.delete_button, self.export_csv_button, self.export_json_button):
            controls.addWidget(button)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

        # Selection changes arrive in bursts (shift-click, drag): redraw once per burst.
        self._overlay_timer = QTimer(self)
        self._overlay_timer.setSingleShot(True)
        self._overlay_timer.setInterval(30)
        self._overlay_timer.timeout.connect(self.update_overlay)
        self._overlay_pending = False  # a selection changed while hidden: draw when shown

        self.filter_edit.textChanged.connect(self._on_filter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda index: self.open_run(self._id_at(index.row())))
        self.open_button.clicked.connect(self._open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_json_button.clicked.connect(lambda: self.export("json"))
        self.curve_combo.currentIndexChanged.connect(lambda _: self.update_overlay())
        self.x_axis.currentIndexChanged.connect(lambda _: self.update_overlay())

        self.table.setColumnHidden(LESSON, lesson_id is not None)
        self.refresh()
        # the store says when runs start, end or go (from any view, the CLI's store is another)
        on_gui_thread(store.events.added, self._on_run_recorded, self)
        on_gui_thread(store.events.finished, self._on_run_recorded, self)
        on_gui_thread(store.events.deleted, lambda _ids: self.refresh(), self)

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the runs from the store, keeping the selection where the runs still exist."""
        keep = set(self.selected_ids())
        self.model.set_runs(self.store.list(self.lesson_id, details=False))
        if keep:
            selection = self.table.selectionModel()
            for row in range(self.proxy.rowCount()):
                if self._id_at(row) in keep:
                    selection.select(self.proxy.index(row, 0),
                                     selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        self._update_count()
        self._on_selection()

    def _on_run_recorded(self, _run_id: int, lesson: str) -> None:
        if self.lesson_id in (None, lesson):
            self.refresh()

    def set_lesson(self, lesson_id: str | None) -> None:
        """Show the runs of another lesson (None: all lessons)."""
        self.lesson_id = lesson_id
        self.table.setColumnHidden(LESSON, lesson_id is not None)
        self.table.clearSelection()
        self.refresh()

    def selected_ids(self) -> list[int]:
        """Selected run ids, in the table's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self._id_at(row) for row in rows]

    def shown_ids(self) -> list[int]:
        return [self._id_at(row) for row in range(self.proxy.rowCount())]

    def _id_at(self, proxy_row: int) -> int:
        return self.model.run(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()).id

    # -- overlay ------------------------------------------------------------------------------
    @property
    def chart(self) -> CompareChart:
        """The comparison chart, made on first use: a pyqtgraph chart costs tens of ms to make,
        and most history tabs are never used to compare."""
        if self._chart is None:
            self._chart = CompareChart()
            self.chart_stack.addWidget(self._chart)
        return self._chart

    @property
    def plot_item(self) -> pg.PlotItem:
        return self.chart.getPlotItem()

    @property
    def legend(self) -> pg.LegendItem:
        return self.chart.legend

    def overlay_items(self) -> list[pg.PlotDataItem]:
        """The curves drawn now, one per selected run that has the chosen curve."""
        return self.chart.shown_items() if self._chart is not None else []

    def update_overlay(self) -> None:
        """Draw the chosen curve of each selected run (up to MAX_OVERLAY), one colour each."""
        selected = self.selected_ids()
        ids = selected[:MAX_OVERLAY]
        names = self.store.curve_names(ids) if ids else []
        current = self.curve_combo.currentText()
        self.curve_combo.blockSignals(True)
        self.curve_combo.clear()
        self.curve_combo.addItems(names)
        if current in names:
            self.curve_combo.setCurrentText(current)
        self.curve_combo.blockSignals(False)
        name = self.curve_combo.currentText()
        too_many = len(selected) > MAX_OVERLAY
        note = self.tr("Showing the first %n selected runs.", "", MAX_OVERLAY) if too_many else ""
        self.overlay_note.setText(note)
        if not name:
            if self._chart is not None:
                self._chart.draw([])
            self.placeholder.setText(self.tr("The selected runs recorded no curves.") if ids
                                     else self.tr("Select runs to compare their curves."))
            self.chart_stack.setCurrentWidget(self.placeholder)
            return

        try:
            labels = self.store.legend(ids)
        except UnknownRun:  # deleted elsewhere (`studio runs delete`) while shown here
            self.refresh()
            return
        curves = self.store.curves(ids, name)
        relative = self.x_axis.currentData() == 1
        lines = []
        for i, run_id in enumerate(ids):
            curve = curves[run_id].get(name)
            if curve is not None and len(curve):
                x = curve.walls - curve.walls[0] if relative else curve.steps
                lines.append((x, curve.values, palette.series(i), labels[run_id]))
        self.plot_item.setLabel("bottom", self.x_axis.currentText())
        self.plot_item.setLabel("left", name)
        self.chart.draw(lines)
        self.chart_stack.setCurrentWidget(self.chart)
        self.plot_item.enableAutoRange()

    # -- actions ------------------------------------------------------------------------------
    def open_run(self, run_id: int) -> None:
        """Show a run's output, results and error on the Output tab."""
        try:
            run = self.store.get(run_id)
        except UnknownRun:  # deleted elsewhere while shown here
            self.refresh()
            return
        lines = [self.tr("Run {id}: {lesson}, {status} on {device}, started {started}, {duration}").format(
            id=run.id, lesson=run.lesson, status=self.model.status_text(run.status),
            device=pick(device_label(run.device)) if run.device else "?", started=local_time(run.started),
            duration=clock(run.duration) or self.tr("duration unknown"))]
        lines.append(self.tr("Parameters: {params}").format(params=format_params(run.params)))
        if run.results:
            lines.append(self.tr("Results: {results}").format(results=format_params(run.results)))
        if run.hardware:
            lines.append(self.tr("Hardware: {hardware}").format(hardware=format_params(run.hardware)))
        if run.error and run.status != "failed":
            lines.append(self.tr("Ended: {error}").format(error=run.error))
        self.output_header.setText("\n".join(lines))
        self.output_text.setPlainText(run.output or self.tr("(this run printed nothing)"))
        self.tabs.setCurrentIndex(self.output_tab)
        self.run_opened.emit(run_id)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete runs"),
            self.tr("Delete this run with its curves and output? This cannot be undone.") if len(ids) == 1
            else self.tr("Delete these %n runs with their curves and output? This cannot be undone.", "",
                         len(ids)),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel,
        )
        if answer != QMessageBox.Yes:
            return
        self.table.clearSelection()
        self.store.delete(ids)  # every view of the store refreshes on its `deleted` event
        self.runs_deleted.emit(ids)

    def export(self, kind: str) -> Path | None:
        """Ask for a file and write the selected runs (or all shown ones) as `kind` (csv or json)."""
        ids = self.selected_ids() or self.shown_ids()
        if not ids:
            return None
        title = self.tr("Export runs as CSV") if kind == "csv" else self.tr("Export runs as JSON")
        pattern = self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("JSON files (*.json)")
        default = f"runs-{'-'.join(map(str, ids[:3]))}{'-etc' if len(ids) > 3 else ''}.{kind}"
        chosen, _ = QFileDialog.getSaveFileName(self, title, default, pattern)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        try:
            (self.store.export_csv if kind == "csv" else self.store.export_json)(ids, path)
        except OSError as exc:
            QMessageBox.warning(self, title, self.tr("Could not write {path}: {error}").format(
                path=path, error=exc.strerror or exc))
            return None
        if len(ids) == 1:
            text = self.tr("Wrote 1 run to {path}")
        else:
            text = self.tr("Wrote %n runs to {path}", "", len(ids))
        self.count_label.setText(text.format(path=path.name))
        return path

    # -- reactions ----------------------------------------------------------------------------
    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()
        self._on_selection()  # rows filtered out leave the selection without a signal

    def _on_selection(self, *_) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        shown = self.proxy.rowCount() > 0
        self.export_csv_button.setEnabled(shown)
        self.export_json_button.setEnabled(shown)
        if self.isVisible():
            self._overlay_timer.start()
        else:
            self._overlay_pending = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._overlay_pending:
            self._overlay_pending = False
            self._overlay_timer.start()

    def hideEvent(self, event) -> None:
        if self._overlay_timer.isActive():
            self._overlay_timer.stop()
            self._overlay_pending = True
        super().hideEvent(event)

    def _open_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_run(ids[0])

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if total == 0:
            self.count_label.setText(self.tr("No runs yet: run a lesson and it appears here."))
        elif shown == total:
            self.count_label.setText(self.tr("1 run") if total == 1 else self.tr("%n runs", "", total))
        else:
            self.count_label.setText(self.tr("{shown} of {total} runs").format(shown=shown, total=total))
