"""The plan as a Qt item model (phase > topic > item) for the roadmap's tree view.

Nothing is made per row in advance: Qt asks `data()` for the few rows on screen, so a plan of
100,000 items opens as fast as one of 60 (a QTreeWidget made and styled 100,000 rows first:
about 30 s). Each index carries its parent in its internal id: 0 for a phase, 1 + phase for
a topic, 1 + phases + topic for an item (topics numbered across the plan), so `index()` and
`parent()` are a few list and dict look-ups. A search shows only the matching rows (and their
topics and phases); `statuses` and `progress` are given by the view, which owns the store.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from studio.core.plan import Item, Phase, Plan, Topic
from studio.core.progress_tally import PlanProgress, Tally
from studio.core.text import pick
from studio.ui import palette

translate = QCoreApplication.translate

BADGE_ROLE = Qt.UserRole + 2  # text of a hardware badge, painted in column 1
VERDICT_ROLE = Qt.UserRole + 3  # the advisor's verdict level, a coloured dot in column 1

DONE_COLOR = QColor(palette.GREEN)
SKIPPED_COLOR = QColor("#9e9e9e")
LEARNING_COLOR = QColor(palette.BLUE)
BADGE_COLOR = QColor("#d35400")


class PlanModel(QAbstractItemModel):
    done_toggled = Signal(str, bool)  # item id, checked: the learner clicked an item's checkbox

    def __init__(self, plan: Plan, statuses: dict[str, str], parent=None):
        super().__init__(parent)
        self.verdicts: dict = {}
        self.reviews: dict[str, int] = {}  # item id -> exercise reviews due
        self.progress: PlanProgress | None = None
        self._fonts: dict[tuple[bool, bool, bool], QFont] = {}
        self._hay: dict[str, str] = {}
        self._set(plan, statuses)
        self._show_all()

    # -- the structure ----------------------------------------------------------------------
    def _set(self, plan: Plan, statuses: dict[str, str]) -> None:
        self.plan = plan
        self.statuses = statuses
        self._topics = [(i, t) for i, p in enumerate(plan.phases) for t in p.topics]  # (phase number, topic)
        numbers = iter(range(len(self._topics)))
        self._topic_numbers = [[next(numbers) for _ in p.topics] for p in plan.phases]
        self._where: dict[str, tuple[int, int]] = {  # item id -> (topic number, position)
            item.id: (g, pos) for g, (_p, t) in enumerate(self._topics) for pos, item in enumerate(t.items)}
        self._hay.clear()

    def _show_all(self) -> None:
        self._phase_rows = list(range(len(self.plan.phases)))
        self._topic_rows = [list(numbers) for numbers in self._topic_numbers]
        self._item_rows: list[list[int] | None] = [None] * len(self._topics)  # None: every item
        self._index_maps()

    def _index_maps(self) -> None:
        self._row_of_phase = {p: row for row, p in enumerate(self._phase_rows)}
        self._row_of_topic = {g: row for rows in self._topic_rows for row, g in enumerate(rows)}
        self._row_of_item = [None if rows is None else {pos: row for row, pos in enumerate(rows)}
                             for rows in self._item_rows]

    def set_plan(self, plan: Plan, statuses: dict[str, str]) -> None:
        self.beginResetModel()
        self._set(plan, statuses)
        self._show_all()
        self.endResetModel()

    def set_filter(self, query: str) -> int:
        """Show only the items matching every word of `query` (all when empty); the number shown."""
        words = query.casefold().split()
        self.beginResetModel()
        if not words:
            self._show_all()
            shown = len(self._where)
        else:
            self._phase_rows, self._topic_rows, self._item_rows, shown = [], [], [], 0
            for p, numbers in enumerate(self._topic_numbers):
                rows = []
                for g in numbers:
                    items = self._topics[g][1].items
                    hits = [pos for pos, item in enumerate(items) if all(w in self._haystack(item) for w in words)]
                    self._item_rows.append(hits)
                    if hits:
                        rows.append(g)
                        shown += len(hits)
                self._topic_rows.append(rows)
                if rows:
                    self._phase_rows.append(p)
            self._index_maps()
        self.endResetModel()
        return shown

    def _haystack(self, item: Item) -> str:
        hay = self._hay.get(item.id)
        if hay is None:
            hay = self._hay[item.id] = item.search_text()
        return hay

    def refresh(self) -> None:
        """Every cell may read differently (a language, verdicts, an import): repaint them."""
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    def item_changed(self, item_id: str) -> None:
        """One item's status changed: its row, its topic's and its phase's counts."""
        index = self.index_of(item_id)
        while index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(1))
            index = index.parent()

    # -- looking up ---------------------------------------------------------------------------
    def node(self, index: QModelIndex) -> tuple[str, Phase | Topic | Item | None]:
        """("phase", Phase), ("topic", Topic), ("item", Item), or ("", None) for the root."""
        if not index.isValid():
            return "", None
        key, phases = index.internalId(), len(self.plan.phases)
        if key == 0:
            return "phase", self.plan.phases[self._phase_rows[index.row()]]
        if key <= phases:
            return "topic", self._topics[self._topic_rows[key - 1][index.row()]][1]
        g = key - 1 - phases
        rows = self._item_rows[g]
        return "item", self._topics[g][1].items[index.row() if rows is None else rows[index.row()]]

    def index_of(self, item_id: str) -> QModelIndex:
        """The index of an item (invalid when unknown or filtered out)."""
        where = self._where.get(item_id)
        if where is None:
            return QModelIndex()
        g, pos = where
        rows = self._row_of_item[g]
        row = pos if rows is None else rows.get(pos)
        if row is None:
            return QModelIndex()
        return self.createIndex(row, 0, 1 + len(self.plan.phases) + g)

    def phase_index(self, phase_id: str) -> QModelIndex:
        for row, p in enumerate(self._phase_rows):
            if self.plan.phases[p].id == phase_id:
                return self.createIndex(row, 0, 0)
        return QModelIndex()

    def visible_item_ids(self) -> list[str]:
        out = []
        for rows in self._topic_rows:
            for g in rows:
                items, shown = self._topics[g][1].items, self._item_rows[g]
                out += [items[pos].id for pos in (range(len(items)) if shown is None else shown)]
        return out

    # -- QAbstractItemModel -----------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        key, phases = parent.internalId(), len(self.plan.phases)
        if key == 0:
            return self.createIndex(row, column, 1 + self._phase_rows[parent.row()])
        return self.createIndex(row, column, 1 + phases + self._topic_rows[key - 1][parent.row()])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        key, phases = index.internalId(), len(self.plan.phases)
        if key == 0:
            return QModelIndex()
        if key <= phases:
            return self.createIndex(self._row_of_phase[key - 1], 0, 0)
        g = key - 1 - phases
        return self.createIndex(self._row_of_topic[g], 0, 1 + self._topics[g][0])

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._phase_rows)
        key, phases = parent.internalId(), len(self.plan.phases)
        if key == 0:
            return len(self._topic_rows[self._phase_rows[parent.row()]])
        if key <= phases:
            g = self._topic_rows[key - 1][parent.row()]
            rows = self._item_rows[g]
            return len(self._topics[g][1].items) if rows is None else len(rows)
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == 0 and index.internalId() > len(self.plan.phases):
            flags |= Qt.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:
        kind, item = self.node(index)
        if kind != "item" or role != Qt.CheckStateRole:
            return False
        self.done_toggled.emit(item.id, Qt.CheckState(value) == Qt.Checked)
        return True

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        kind, node = self.node(index)
        if kind == "item":
            return self._item_data(node, index.column(), role)
        if kind:
            return self._group_data(kind, node, index, role)
        return None

    def _item_data(self, item: Item, column: int, role: int):
        status = self.statuses.get(item.id, "todo")
        if column == 0:
            if role == Qt.DisplayRole:
                return pick(item.title)
            if role == Qt.CheckStateRole:
                return Qt.Checked if status == "done" else Qt.Unchecked
            if role == Qt.DecorationRole:
                return status_icon(status)
            if role == Qt.FontRole and status in ("skipped", "learning"):
                return self._font(bold=status == "learning", strike=status == "skipped")
            if role == Qt.ForegroundRole:
                return {"skipped": SKIPPED_COLOR, "learning": LEARNING_COLOR,
                        "done": QGuiApplication.palette().color(QPalette.PlaceholderText)}.get(status)
            if role == Qt.ToolTipRole:
                return item_tooltip(item, status, self.plan)
            return None
        if role == Qt.DisplayRole:
            return translate("RoadmapView", "{hours} h").format(hours=hours_text(item.hours))
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == BADGE_ROLE:
            badges = ["GPU" + (f" {item.needs.vram_gb:g}G" if item.needs.vram_gb else "")] if item.needs.gpu else []
            if self.reviews.get(item.id):  # exercises of its lesson due for review
                badges.append(f"↻{self.reviews[item.id]}")
            return " · ".join(badges) or None
        verdict = self.verdicts.get(item.id)
        if role == VERDICT_ROLE:
            return verdict.level if verdict else None
        if role == Qt.ToolTipRole:
            lines = [verdict.badge(), verdict.sentence()] if verdict else []
            if self.reviews.get(item.id):
                lines.append(translate("RoadmapView", "Exercise reviews due: {n}").format(n=self.reviews[item.id]))
            return "\n".join([*lines, needs_text(item)]).strip() or None
        return None

    def _group_data(self, kind: str, node, index: QModelIndex, role: int):
        tally = self._tally(kind, node, index)
        if index.column() == 0:
            if role == Qt.DisplayRole:
                return pick(node.title)
            if role == Qt.FontRole:
                return self._font(bold=kind == "phase", italic=kind == "topic")
            if role == Qt.ToolTipRole and kind == "phase":
                return "\n".join(filter(None, [pick(node.title), phase_meta(node), tally_text(tally),
                                               pick(node.summary) if node.summary else ""]))
            return None
        if role == Qt.DisplayRole:
            return f"{tally.closed}/{tally.items}"
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole and kind == "phase":
            return self._font(bold=True)
        if role == BADGE_ROLE:
            due = 0
            if self.reviews:  # (a walk over the group's items only when some review is due)
                items = node.items if kind == "topic" else [i for t in node.topics for i in t.items]
                due = sum(self.reviews.get(i.id, 0) for i in items)
            badges = ["GPU"] if kind == "phase" and node.hardware == "gpu" else []
            return " · ".join(badges + ([f"↻{due}"] if due else [])) or None
        if role == Qt.ToolTipRole:
            return tally_text(tally)
        return None

    def _tally(self, kind: str, node, index: QModelIndex) -> Tally:
        if self.progress is None:
            return Tally()
        if kind == "phase":
            return self.progress.phases[node.id]
        return self.progress.topics[(self.plan.phases[index.internalId() - 1].id, node.id)]

    def _font(self, bold: bool = False, italic: bool = False, strike: bool = False) -> QFont:
        key = (bold, italic, strike)
        if key not in self._fonts:
            font = QFont(QGuiApplication.font())
            font.setBold(bold)
            font.setItalic(italic)
            font.setStrikeOut(strike)
            self._fonts[key] = font
        return self._fonts[key]


# -- texts shared with the item page -----------------------------------------------------------


def hours_text(hours: float) -> str:
    return f"{hours:g}"


@cache
def status_icon(status: str, size: int = 12) -> QIcon:
    """A small dot: hollow for todo, blue for learning, green for done, grey for skipped."""
    pix = QPixmap(size, size)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    color = {"learning": LEARNING_COLOR, "done": DONE_COLOR, "skipped": SKIPPED_COLOR}.get(status)
    if color is None:
        p.setPen(QColor("#b0b0b0"))
        p.drawEllipse(1, 1, size - 3, size - 3)
    else:
        p.setPen(Qt.NoPen)
        p.setBrush(color)
        p.drawEllipse(1, 1, size - 2, size - 2)
        if status == "skipped":
            p.setPen(QColor("white"))
            p.drawLine(3, size // 2, size - 4, size // 2)
    p.end()
    return QIcon(pix)


def item_tooltip(item: Item, status: str, plan: Plan) -> str:
    lines = [pick(item.title), f"{kind_names().get(item.kind, item.kind)} · {status_names()[status]}"]
    if item.lesson:
        if plan.known_lessons is None or item.lesson in plan.known_lessons:
            lines.append(translate("RoadmapView", "Lesson: {id} (Enter or double-click opens it)").format(
                id=item.lesson))
        else:
            lines.append(translate("RoadmapView", "Lesson {id} is not written yet").format(id=item.lesson))
    needs = needs_text(item)
    if needs:
        lines.append(needs)
    return "\n".join(lines)


def phase_meta(phase: Phase) -> str:
    low, high = phase.months
    months = (translate("RoadmapView", "{n} months").format(n=low) if low == high
              else translate("RoadmapView", "{low}-{high} months").format(low=low, high=high))
    return f"{months} · {pick(phase.hardware_label)}"


def tally_text(t: Tally) -> str:
    return translate("RoadmapView", "done {done}/{items} ({done_h} of {hours} h) · skipped {skipped} ({skipped_h} h)"
                     ).format(done=t.done, items=t.items, done_h=hours_text(t.done_hours),
                              hours=hours_text(t.hours), skipped=t.skipped, skipped_h=hours_text(t.skipped_hours))


def status_names() -> dict[str, str]:
    return {"todo": translate("Roadmap", "To do"), "learning": translate("Roadmap", "Learning"),
            "done": translate("Roadmap", "Done"), "skipped": translate("Roadmap", "Skipped")}


def kind_names() -> dict[str, str]:
    return {"lesson": translate("Roadmap", "Lesson"), "reading": translate("Roadmap", "Reading"),
            "practice": translate("Roadmap", "Practice"), "milestone": translate("Roadmap", "Milestone")}


def needs_text(item: Item) -> str:
    """'Needs: a GPU with 8 GB of memory, 16 GB of RAM' (empty when it needs nothing)."""
    parts = []
    if item.needs.gpu and item.needs.vram_gb:
        parts.append(translate("Roadmap", "a GPU with {gb} GB of memory").format(gb=f"{item.needs.vram_gb:g}"))
    elif item.needs.gpu:
        parts.append(translate("Roadmap", "a GPU"))
    if item.needs.ram_gb:
        parts.append(translate("Roadmap", "{gb} GB of RAM").format(gb=f"{item.needs.ram_gb:g}"))
    return translate("Roadmap", "Needs: {what}").format(what=", ".join(parts)) if parts else ""
