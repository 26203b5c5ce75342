"""The roadmap: the plan as a tree (phase > topic > item) with a status per item.

Done is a checkbox; the context menu and the keys Space (done on/off), L (learning),
S (skipped) and T (todo) set any status. Phase rows and the panel under the tree show
progress, done and skipped apart, as items and as hours. A search box filters the tree;
"What next" selects the first item neither done nor skipped.

The view renders a `Plan` and a `ProgressStore` (studio.core); it decides nothing itself.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.plan import Item, Phase, Plan
from studio.core.progress import STATUSES, ProgressStore, Tally
from studio.core.text import pick
from studio.ui.lazy_retranslate import LazyRetranslate
from studio.ui.verdict_badge import COLOURS as VERDICT_COLOURS

translate = QCoreApplication.translate

KIND_ROLE = Qt.UserRole  # "phase" / "topic" / "item"
ID_ROLE = Qt.UserRole + 1  # phase id, (phase id, topic id) or item id
BADGE_ROLE = Qt.UserRole + 2  # text of a hardware badge, painted in column 1
VERDICT_ROLE = Qt.UserRole + 3  # the advisor's verdict level, a coloured dot in column 1

DONE_COLOR = QColor("#2ca02c")
SKIPPED_COLOR = QColor("#9e9e9e")
LEARNING_COLOR = QColor("#1f77b4")
BADGE_COLOR = QColor("#d35400")


def hours_text(hours: float) -> str:
    return f"{hours:g}"


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


class ProgressStrip(QWidget):
    """A thin bar: the done share in green, then the skipped share in grey (by hours)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.done = 0.0
        self.skipped = 0.0
        self.setMinimumWidth(60)

    def set_fractions(self, done: float, skipped: float) -> None:
        self.done, self.skipped = max(0.0, min(1.0, done)), max(0.0, min(1.0 - done, skipped))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 10)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        r = self.rect().adjusted(0, 1, -1, -1)
        p.setPen(Qt.NoPen)
        p.setBrush(self.palette().color(QPalette.Midlight))
        p.drawRoundedRect(r, 3, 3)
        done_w = round(r.width() * self.done)
        skip_w = round(r.width() * self.skipped)
        p.setClipRect(r)
        if done_w:
            p.setBrush(DONE_COLOR)
            p.drawRoundedRect(QRect(r.left(), r.top(), done_w, r.height()), 3, 3)
        if skip_w:
            p.setBrush(SKIPPED_COLOR)
            p.drawRect(QRect(r.left() + done_w, r.top(), skip_w, r.height()))
        p.end()


class BadgeDelegate(QStyledItemDelegate):
    """Column 1: the row's text, with a hardware badge (GPU) drawn before it."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        level = index.data(VERDICT_ROLE)
        if level in VERDICT_COLOURS:
            painter.save()
            painter.setRenderHint(QPainter.Antialiasing)
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(VERDICT_COLOURS[level][1]))
            d = 8
            painter.drawEllipse(QRect(option.rect.left() + 4, option.rect.center().y() - d // 2, d, d))
            painter.restore()
        badge = index.data(BADGE_ROLE)
        if not badge:
            return
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        w = metrics.horizontalAdvance(badge) + 8
        h = metrics.height() + 2
        rect = QRect(option.rect.left() + 2, option.rect.center().y() - h // 2, w, h)
        painter.setPen(Qt.NoPen)
        painter.setBrush(BADGE_COLOR)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignCenter, badge)
        painter.restore()


class RoadmapTree(QTreeWidget):
    """The tree, with the status keys: Space toggles done, L learning, S skipped, T todo."""

    status_key = Signal(str, str)  # item id, status ("toggle" for Space)
    open_key = Signal(str)  # item id (Enter)

    KEYS = {Qt.Key_Space: "toggle", Qt.Key_L: "learning", Qt.Key_S: "skipped", Qt.Key_T: "todo",
            Qt.Key_D: "done"}

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        is_item = item is not None and item.data(0, KIND_ROLE) == "item"
        action = self.KEYS.get(event.key())
        if is_item and action and not (event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
            self.status_key.emit(item.data(0, ID_ROLE), action)
            event.accept()
            return
        if is_item and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.open_key.emit(item.data(0, ID_ROLE))
            event.accept()
            return
        super().keyPressEvent(event)


class RoadmapView(LazyRetranslate, QWidget):
    item_selected = Signal(str)  # item id
    lesson_requested = Signal(str)  # lesson id

    def __init__(self, plan: Plan, store: ProgressStore, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.store = store
        self._updating = False
        self._rows: dict[str, QTreeWidgetItem] = {}
        self.verdicts: dict = {}  # item id -> advisor Verdict
        self._phase_rows: dict[str, QTreeWidgetItem] = {}
        self._topic_rows: dict[tuple[str, str], QTreeWidgetItem] = {}

        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)

        self.banner = QLabel()  # a corrupt database that was moved aside, kept records
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 4px; border-radius: 3px")
        self.banner.hide()

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.go_next)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.next_button)
        self.match_label = QLabel()
        self.match_label.setStyleSheet("color: gray")
        self.match_label.hide()

        self.tree = RoadmapTree()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.setItemDelegateForColumn(1, BadgeDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Fixed)
        header.resizeSection(1, 92)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.status_key.connect(self._on_status_key)
        self.tree.open_key.connect(self._open_item_lesson)

        self.progress_box = QWidget()
        self.progress_grid = QGridLayout(self.progress_box)
        self.progress_grid.setContentsMargins(0, 4, 0, 0)
        self.progress_grid.setVerticalSpacing(2)
        self.progress_grid.setColumnStretch(1, 1)
        self._phase_widgets: dict[str, tuple[QLabel, ProgressStrip, QLabel]] = {}
        self.plan_strip = ProgressStrip()
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.match_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.progress_box)

        self.store.add_listener(self._on_store_change)
        self._build()
        self.retranslate()

    # -- building ---------------------------------------------------------------------------
    def set_plan(self, plan: Plan, store: ProgressStore | None = None) -> None:
        """Show another plan (File > Open plan…); `store` when its progress lives elsewhere."""
        if store is not None and store is not self.store:
            self.store.remove_listener(self._on_store_change)
            self.store = store
            self.store.add_listener(self._on_store_change)
        self.plan = plan
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self._updating = True
        self.tree.clear()
        self._rows.clear()
        self._phase_rows.clear()
        self._topic_rows.clear()
        statuses = self.store.statuses()
        for phase in self.plan.phases:
            prow = QTreeWidgetItem(self.tree)
            prow.setData(0, KIND_ROLE, "phase")
            prow.setData(0, ID_ROLE, phase.id)
            font = prow.font(0)
            font.setBold(True)
            prow.setFont(0, font)
            prow.setFont(1, font)
            prow.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
            self._phase_rows[phase.id] = prow
            for topic in phase.topics:
                trow = QTreeWidgetItem(prow)
                trow.setData(0, KIND_ROLE, "topic")
                trow.setData(0, ID_ROLE, (phase.id, topic.id))
                trow.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
                tfont = trow.font(0)
                tfont.setItalic(True)
                trow.setFont(0, tfont)
                self._topic_rows[(phase.id, topic.id)] = trow
                for item in topic.items:
                    row = QTreeWidgetItem(trow)
                    row.setData(0, KIND_ROLE, "item")
                    row.setData(0, ID_ROLE, item.id)
                    row.setFlags(row.flags() | Qt.ItemIsUserCheckable)
                    row.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
                    if item.needs.gpu:
                        row.setData(1, BADGE_ROLE, "GPU" + (f" {item.needs.vram_gb:g}G" if item.needs.vram_gb else ""))
                    self._rows[item.id] = row
                    self._style_item(row, item, statuses.get(item.id, "todo"))
            prow.setExpanded(True)
        # grid of per-phase progress under the tree
        while self.progress_grid.count():
            w = self.progress_grid.takeAt(0).widget()
            if w is not None and w not in (self.plan_strip, self.plan_label):
                w.deleteLater()
        self._phase_widgets.clear()
        for row, phase in enumerate(self.plan.phases):
            name, strip, text = QLabel(), ProgressStrip(), QLabel()
            name.setWordWrap(True)
            text.setWordWrap(True)
            text.setStyleSheet("color: palette(mid)")
            self.progress_grid.addWidget(name, 2 * row, 0, 1, 2)
            self.progress_grid.addWidget(strip, 2 * row + 1, 0)
            self.progress_grid.addWidget(text, 2 * row + 1, 1)
            self._phase_widgets[phase.id] = (name, strip, text)
        last = 2 * len(self.plan.phases)
        self.progress_grid.addWidget(self.plan_strip, last, 0, 1, 2)
        self.progress_grid.addWidget(self.plan_label, last + 1, 0, 1, 2)
        self._updating = False
        self.apply_filter(self.search.text())

    def retranslate(self) -> None:
        """Set every text again: UI strings (tr) and plan texts (in the current language)."""
        self.title.setText(pick(self.plan.title))
        self.title.setToolTip(pick(self.plan.summary) if self.plan.summary else "")
        self.search.setPlaceholderText(self.tr("Search the roadmap…"))
        self.next_button.setText(self.tr("What next?"))
        self.tree.setToolTip(self.tr(
            "Space: done on/off · L: learning · S: skipped · T: todo · Enter: open the lesson"))
        self._updating = True
        statuses = self.store.statuses()
        for phase in self.plan.phases:
            self._phase_rows[phase.id].setText(0, pick(phase.title))
            if phase.hardware == "gpu":
                self._phase_rows[phase.id].setData(1, BADGE_ROLE, "GPU")
            for topic in phase.topics:
                self._topic_rows[(phase.id, topic.id)].setText(0, pick(topic.title))
                for item in topic.items:
                    self._style_item(self._rows[item.id], item, statuses.get(item.id, "todo"))
        self._updating = False
        self._refresh_progress()
        self._refresh_banner()
        self.apply_filter(self.search.text())

    # -- one row ----------------------------------------------------------------------------
    def _style_item(self, row: QTreeWidgetItem, item: Item, status: str) -> None:
        row.setText(0, pick(item.title))
        row.setText(1, self.tr("{hours} h").format(hours=hours_text(item.hours)))
        row.setCheckState(0, Qt.Checked if status == "done" else Qt.Unchecked)
        row.setIcon(0, status_icon(status))
        font = row.font(0)
        font.setStrikeOut(status == "skipped")
        font.setBold(status == "learning")
        row.setFont(0, font)
        palette = self.tree.palette()
        color = {"skipped": SKIPPED_COLOR, "done": palette.color(QPalette.PlaceholderText),
                 "learning": LEARNING_COLOR}.get(status, palette.color(QPalette.Text))
        row.setForeground(0, color)
        row.setToolTip(0, self._item_tooltip(item, status))
        self._show_verdict(row, item)

    def _item_tooltip(self, item: Item, status: str) -> str:
        lines = [pick(item.title), f"{self.kind_text(item.kind)} · {self.status_text(status)}"]
        if item.lesson:
            if self.lesson_exists(item.lesson):
                lines.append(self.tr("Lesson: {id} (Enter or double-click opens it)").format(id=item.lesson))
            else:
                lines.append(self.tr("Lesson {id} is not written yet").format(id=item.lesson))
        needs = self._needs_text(item)
        if needs:
            lines.append(needs)
        return "\n".join(lines)

    def _needs_text(self, item: Item) -> str:
        return needs_text(item)

    def kind_text(self, kind: str) -> str:
        return kind_names().get(kind, kind)

    def status_text(self, status: str) -> str:
        return status_names()[status]

    def lesson_exists(self, lesson_id: str) -> bool:
        known = self.plan.known_lessons
        return known is None or lesson_id in known

    # -- progress ---------------------------------------------------------------------------
    def _refresh_progress(self) -> None:
        progress = self.store.progress(self.plan)
        for phase in self.plan.phases:
            tally = progress.phases[phase.id]
            prow = self._phase_rows[phase.id]
            prow.setText(1, f"{tally.closed}/{tally.items}")
            detail = self.tally_text(tally)
            prow.setToolTip(0, "\n".join(filter(None, [
                pick(phase.title), self.phase_meta(phase), detail,
                pick(phase.summary) if phase.summary else ""])))
            prow.setToolTip(1, detail)
            for topic in phase.topics:
                ttally = progress.topics[(phase.id, topic.id)]
                self._topic_rows[(phase.id, topic.id)].setText(1, f"{ttally.closed}/{ttally.items}")
                self._topic_rows[(phase.id, topic.id)].setToolTip(1, self.tally_text(ttally))
            name, strip, text = self._phase_widgets[phase.id]
            name.setText(f"<b>{_html(pick(phase.title))}</b> · {_html(self.phase_meta(phase))}")
            strip.set_fractions(tally.fraction("done"), tally.fraction("skipped"))
            text.setText(self.tally_text(tally))
        total = progress.total
        self.plan_strip.set_fractions(total.fraction("done"), total.fraction("skipped"))
        self.plan_label.setText(self.tr("<b>Plan</b>: {detail}").format(detail=self.tally_text(total)))
        nxt = self.plan.next_item(self.store.statuses())
        self.next_button.setEnabled(nxt is not None)
        self.next_button.setToolTip(
            self.tr("Next: {title}").format(title=pick(nxt.title)) if nxt
            else self.tr("Every item is done or skipped."))

    def phase_meta(self, phase: Phase) -> str:
        low, high = phase.months
        months = (self.tr("{n} months").format(n=low) if low == high
                  else self.tr("{low}-{high} months").format(low=low, high=high))
        return f"{months} · {pick(phase.hardware_label)}"

    def tally_text(self, t: Tally) -> str:
        return self.tr("done {done}/{items} ({done_h} of {hours} h) · skipped {skipped} ({skipped_h} h)").format(
            done=t.done, items=t.items, done_h=hours_text(t.done_hours), hours=hours_text(t.hours),
            skipped=t.skipped, skipped_h=hours_text(t.skipped_hours))

    def _refresh_banner(self) -> None:
        parts = []
        if self.store.recovered_from:
            parts.append(self.tr("The progress database was damaged. It was moved to {path} and a new one "
                                 "was started.").format(path=self.store.recovered_from))
        orphans = self.store.orphans(self.plan)
        if orphans:
            parts.append(self.tr("Kept: the progress of items no longer in this plan ({n}).").format(n=len(orphans)))
        self.banner.setText("\n".join(parts))
        self.banner.setVisible(bool(parts))

    # -- reacting ---------------------------------------------------------------------------
    def _on_store_change(self, item_id: str | None) -> None:
        if not shiboken6.isValid(self):
            self.store.remove_listener(self._on_store_change)
            return
        if item_id is None or item_id not in self._rows:
            self.retranslate()  # anything may have changed (an import)
            return
        self._updating = True
        self._style_item(self._rows[item_id], self.plan.item(item_id), self.store.status(item_id))
        self._updating = False
        self._refresh_progress()

    def _on_item_changed(self, row: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0 or row.data(0, KIND_ROLE) != "item":
            return
        item_id = row.data(0, ID_ROLE)
        checked = row.checkState(0) == Qt.Checked
        current = self.store.status(item_id)
        if checked and current != "done":
            self.store.set_status(item_id, "done")
        elif not checked and current == "done":
            self.store.set_status(item_id, "todo")

    def _on_status_key(self, item_id: str, action: str) -> None:
        if action == "toggle":
            action = "todo" if self.store.status(item_id) == "done" else "done"
        self.set_status(item_id, action)

    def set_status(self, item_id: str, status: str) -> None:
        self.store.set_status(item_id, status)

    def set_verdicts(self, verdicts: dict) -> None:
        """The advisor's verdict per item: a coloured dot, its sentence as the tooltip."""
        self.verdicts = verdicts
        for item_id, row in self._rows.items():
            self._show_verdict(row, self.plan.item(item_id))

    def _show_verdict(self, row: QTreeWidgetItem, item: Item) -> None:
        verdict = self.verdicts.get(item.id)
        row.setData(1, VERDICT_ROLE, verdict.level if verdict else None)
        lines = [verdict.badge(), verdict.sentence()] if verdict else []
        row.setToolTip(1, "\n".join([*lines, self._needs_text(item) or ""]).strip())

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None and current.data(0, KIND_ROLE) == "item":
            self.item_selected.emit(current.data(0, ID_ROLE))

    def _on_double_click(self, row: QTreeWidgetItem, column: int) -> None:
        if row.data(0, KIND_ROLE) == "item":
            self._open_item_lesson(row.data(0, ID_ROLE))

    def _open_item_lesson(self, item_id: str) -> None:
        item = self.plan.item(item_id)
        if item.lesson and self.lesson_exists(item.lesson):
            self.lesson_requested.emit(item.lesson)

    def _context_menu(self, pos) -> None:
        row = self.tree.itemAt(pos)
        if row is None or row.data(0, KIND_ROLE) != "item":
            return
        menu = self.status_menu(row.data(0, ID_ROLE))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def status_menu(self, item_id: str) -> QMenu:
        """The context menu of an item: its four statuses (and its lesson)."""
        menu = QMenu(self)
        group = QActionGroup(menu)
        current = self.store.status(item_id)
        keys = {"todo": "T", "learning": "L", "done": "Space", "skipped": "S"}
        for status in STATUSES:
            action = QAction(f"{self.status_text(status)}\t{keys[status]}", menu, checkable=True)
            action.setChecked(status == current)
            action.setData(status)
            action.triggered.connect(lambda _=False, s=status: self.set_status(item_id, s))
            group.addAction(action)
            menu.addAction(action)
        item = self.plan.item(item_id)
        if item.lesson:
            menu.addSeparator()
            exists = self.lesson_exists(item.lesson)
            open_action = menu.addAction(self.tr("Open the lesson") if exists
                                         else self.tr("The lesson is not written yet"))
            open_action.setEnabled(exists)
            open_action.triggered.connect(lambda: self._open_item_lesson(item_id))
        return menu

    # -- search and what next -------------------------------------------------------------
    def apply_filter(self, text: str) -> None:
        query = text.strip()
        shown = 0
        for phase in self.plan.phases:
            phase_visible = False
            for topic in phase.topics:
                topic_visible = False
                for item in topic.items:
                    visible = item.matches(query)
                    self._rows[item.id].setHidden(not visible)
                    topic_visible |= visible
                    shown += visible
                trow = self._topic_rows[(phase.id, topic.id)]
                trow.setHidden(not topic_visible)
                if query:
                    trow.setExpanded(True)
                phase_visible |= topic_visible
            self._phase_rows[phase.id].setHidden(not phase_visible)
            if query:
                self._phase_rows[phase.id].setExpanded(True)
        self.match_label.setVisible(bool(query))
        self.match_label.setText(self.tr("Matches: {n}").format(n=shown) if shown else self.tr("No item matches."))

    def visible_item_ids(self) -> list[str]:
        return [item_id for item_id, row in self._rows.items() if not _hidden(row)]

    def go_next(self) -> Item | None:
        """Select the first item neither done nor skipped (clearing a search that hides it)."""
        item = self.store.next_item(self.plan)
        if item is not None:
            self.select_item(item.id)
        return item

    def select_item(self, item_id: str) -> None:
        row = self._rows[item_id]
        if _hidden(row):
            self.search.clear()
        parent = row.parent()
        while parent is not None:
            parent.setExpanded(True)
            parent = parent.parent()
        self.tree.setCurrentItem(row)
        self.tree.scrollToItem(row, QAbstractItemView.PositionAtCenter)
        self.tree.setFocus()

    def current_item_id(self) -> str | None:
        row = self.tree.currentItem()
        return row.data(0, ID_ROLE) if row is not None and row.data(0, KIND_ROLE) == "item" else None

    def item_for_lesson(self, lesson_id: str) -> Item | None:
        for item in self.plan.items():
            if item.lesson == lesson_id:
                return item
        return None

    def closeEvent(self, event) -> None:
        self.store.remove_listener(self._on_store_change)
        super().closeEvent(event)


def _hidden(row: QTreeWidgetItem) -> bool:
    while row is not None:
        if row.isHidden():
            return True
        row = row.parent()
    return False


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
