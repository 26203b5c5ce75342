"""The table of the Runs view: one row per recorded run, display text built once per refresh,
sorted by value (not by text) and filtered on every column."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from studio.core.history import RunRecord, format_params, local_time
from studio.core.labels import device_label
from studio.core.text import pick
from studio.core.units import clock
from studio.ui import palette

DISPLAY, TOOLTIP, FOREGROUND, ALIGNMENT = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                          Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ID, LESSON, STARTED, DURATION, STATUS, DEVICE, PARAMS, RESULTS = range(8)


class RunsTableModel(QAbstractTableModel):
    """The runs as rows; display text is built once per refresh, not per paint."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._runs: list[RunRecord] = []
        self._sorted: tuple | None = None  # (column, order) of the last sort
        self._text: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self._headers = [self.tr("Id"), self.tr("Lesson"), self.tr("Started"), self.tr("Duration"),
                         self.tr("Status"), self.tr("Device"), self.tr("Parameters"), self.tr("Results")]
        self._status = {"running": self.tr("running"), "done": self.tr("done"),
                        "cancelled": self.tr("stopped"), "failed": self.tr("failed"),
                        "out_of_memory": self.tr("out of memory"), "crashed": self.tr("crashed"),
                        "timeout": self.tr("timed out"), "interrupted": self.tr("interrupted")}
        self._colors = {status: QColor(color) for status, color in palette.STATUS.items()}

    def set_runs(self, runs: list[RunRecord]) -> None:
        self.beginResetModel()
        self._runs = runs
        self._text = [
            (str(r.id), r.lesson, local_time(r.started), clock(r.duration),
             self.status_text(r.status), pick(device_label(r.device)), format_params(r.params),
             format_params(r.results))
            for r in runs
        ]
        self._keys = [
            (r.id, r.lesson, r.started, -1.0 if r.duration is None else r.duration, text[STATUS],
             r.device, text[PARAMS], text[RESULTS])
            for r, text in zip(runs, self._text, strict=True)
        ]
        if self._sorted is not None:
            self._reorder(*self._sorted)
        self.endResetModel()

    def run(self, row: int) -> RunRecord:
        return self._runs[row]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here in Python, once, rather than by a proxy calling `data` per comparison
        (a third of the view's opening time at 1,000 runs). Keeps the selection on its runs."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        new_row = {old: new for new, old in enumerate(self._reorder(column, order))}
        self.changePersistentIndexList(before, [self.index(new_row[i.row()], i.column()) for i in before])
        self.layoutChanged.emit()

    def _reorder(self, column: int, order) -> list[int]:
        """Reorder the rows by `column`; returns the old row of each new row."""
        self._sorted = (column, order)
        rows = sorted(range(len(self._runs)), key=lambda r: self._keys[r][column],
                      reverse=order == Qt.SortOrder.DescendingOrder)
        self._runs = [self._runs[r] for r in rows]
        self._text = [self._text[r] for r in rows]
        self._keys = [self._keys[r] for r in rows]
        return rows

    def status_text(self, status: str) -> str:
        return self._status.get(status, status)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self._headers[section]
        return None

    def data(self, index, role=DISPLAY):
        # Called thousands of times a paint: roles are compared with module constants
        # (looking up `Qt.DisplayRole` costs about 5 µs in PySide6).
        if role == DISPLAY:
            return self._text[index.row()][index.column()]
        row, col = index.row(), index.column()
        if role == TOOLTIP and col in (PARAMS, RESULTS):
            return self._text[row][col]
        if role == TOOLTIP and col == STATUS and self._runs[row].error:
            return self._runs[row].error.strip().splitlines()[-1]
        if role == FOREGROUND and col == STATUS:
            return self._colors.get(self._runs[row].status)
        if role == ALIGNMENT and col in (ID, DURATION):
            return RIGHT
        return None


class RunFilter(QSortFilterProxyModel):
    """Filters rows; leaves sorting to the source model (see RunsTableModel.sort)."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column >= 0:
            self.sourceModel().sort(column, order)


