"""The roadmap: the plan as a tree (phase > topic > item) with a status per item.

Done is a checkbox; the context menu and the keys Space (done on/off), L (learning),
S (skipped) and T (todo) set any status. Phase rows and the panel under the tree show
progress, done and skipped apart, as items and as hours. A search box filters the tree;
"What next" selects the first item neither done nor skipped.

The view renders a `Plan` and a `ProgressStore` (studio.core) through a `PlanModel`, which
makes no row until it is on screen; it decides nothing itself.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.plan import Item, Plan
from studio.core.progress import STATUSES, ProgressStore
from studio.core.progress_tally import Tally, compute_progress
from studio.core.text import pick
from studio.ui.lazy_retranslate import LazyRetranslate
from studio.ui.plan_model import (
    PlanModel,
    phase_meta,
    status_names,
    tally_text,
)
from studio.ui.roadmap_tree import BadgeDelegate, ProgressStrip, RoadmapTree
from studio.ui.store_events import on_gui_thread


class RoadmapView(LazyRetranslate, QWidget):
    item_selected = Signal(str)  # item id
    lesson_requested = Signal(str)  # lesson id

    def __init__(self, plan: Plan, store: ProgressStore, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.store = store
        self._reselecting = False

        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)

        self.banner = QLabel()  # a corrupt database that was moved aside, kept records, a plan not reopened
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 4px; border-radius: 3px")
        self.banner.hide()
        self.notices: list[str] = []  # extra lines for the banner (set by the window)

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

        self.model = PlanModel(plan, self.store.statuses(), self)
        self.model.done_toggled.connect(self._on_done_toggled)
        self.tree = RoadmapTree()
        self.tree.setModel(self.model)
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
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.doubleClicked.connect(self._on_double_click)
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

        self._unsubscribe = on_gui_thread(self.store.events.changed, self._on_store_change, self)
        self._build()
        self.retranslate()

    # -- building ---------------------------------------------------------------------------
    def set_plan(self, plan: Plan, store: ProgressStore | None = None) -> None:
        """Show another plan (File > Open plan…); `store` when its progress lives elsewhere."""
        if store is not None and store is not self.store:
            self._unsubscribe()
            self.store = store
            self._unsubscribe = on_gui_thread(self.store.events.changed, self._on_store_change, self)
        self.plan = plan
        self.model.set_plan(plan, self.store.statuses())
        self._build()
        self.retranslate()

    def _build(self) -> None:
        """The per-phase progress panel under the tree; the tree itself comes from the model."""
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
        self.apply_filter(self.search.text())

    def retranslate(self) -> None:
        """Set every text again: UI strings (tr) and plan texts (in the current language)."""
        self.title.setText(pick(self.plan.title))
        self.title.setToolTip(pick(self.plan.summary) if self.plan.summary else "")
        self.search.setPlaceholderText(self.tr("Search the roadmap…"))
        self.next_button.setText(self.tr("What next?"))
        self.tree.setToolTip(self.tr(
            "Space: done on/off · L: learning · S: skipped · T: todo · Enter: open the lesson"))
        self.model.statuses = self.store.statuses()
        self._refresh_progress()
        self.model.refresh()
        self.refresh_banner()
        self._show_matches()

    def status_text(self, status: str) -> str:
        return status_names()[status]

    def lesson_exists(self, lesson_id: str) -> bool:
        known = self.plan.known_lessons
        return known is None or lesson_id in known

    # -- progress ---------------------------------------------------------------------------
    def _refresh_progress(self) -> None:
        progress = self.model.progress = compute_progress(self.plan, self.model.statuses)
        for phase in self.plan.phases:
            tally = progress.phases[phase.id]
            name, strip, text = self._phase_widgets[phase.id]
            name.setText(f"<b>{_html(pick(phase.title))}</b> · {_html(phase_meta(phase))}")
            strip.set_fractions(tally.fraction("done"), tally.fraction("skipped"))
            text.setText(tally_text(tally))
        total = progress.total
        self.plan_strip.set_fractions(total.fraction("done"), total.fraction("skipped"))
        self.plan_label.setText(self.tr("<b>Plan</b>: {detail}").format(detail=tally_text(total)))
        nxt = self.plan.next_item(self.model.statuses)
        self.next_button.setEnabled(nxt is not None)
        self.next_button.setToolTip(
            self.tr("Next: {title}").format(title=pick(nxt.title)) if nxt
            else self.tr("Every item is done or skipped."))

    def tally_text(self, t: Tally) -> str:
        return tally_text(t)

    def refresh_banner(self) -> None:
        parts = list(self.notices)
        recovery = self.store.db.recovery
        if recovery is not None:
            parts.append(self.tr("The progress database was damaged. It was moved to {path} and a new one "
                                 "was started.").format(path=recovery.aside))
            parts.append(self.tr("Recovered {recovered} record(s) from it; {lost} could not be read.").format(
                recovered=recovery.recovered, lost=recovery.lost))
        orphans = self.store.orphans(self.plan)
        if orphans:
            parts.append(self.tr("Kept: the progress of items no longer in this plan ({n}).").format(n=len(orphans)))
        self.banner.setText("\n".join(parts))
        self.banner.setVisible(bool(parts))

    # -- reacting ---------------------------------------------------------------------------
    def _on_store_change(self, item_id: str | None) -> None:
        if item_id is None or item_id not in self.plan:
            self.retranslate()  # anything may have changed (an import)
            return
        self.model.statuses[item_id] = self.store.status(item_id)
        self._refresh_progress()
        self.model.item_changed(item_id)

    def _on_done_toggled(self, item_id: str, checked: bool) -> None:
        current = self.store.status(item_id)
        if checked and current != "done":
            self.store.set_status(item_id, "done")
        elif not checked and current == "done":
            self.store.set_status(item_id, "todo")

    def set_done(self, item_id: str, done: bool) -> None:
        """Tick or untick an item's checkbox, as a click does."""
        self.model.setData(self.model.index_of(item_id), Qt.Checked if done else Qt.Unchecked, Qt.CheckStateRole)

    def is_checked(self, item_id: str) -> bool:
        return self.model.index_of(item_id).data(Qt.CheckStateRole) == Qt.Checked

    def _on_status_key(self, item_id: str, action: str) -> None:
        if action == "toggle":
            action = "todo" if self.store.status(item_id) == "done" else "done"
        self.set_status(item_id, action)

    def set_status(self, item_id: str, status: str) -> None:
        self.store.set_status(item_id, status)

    def set_verdicts(self, verdicts: dict) -> None:
        """The advisor's verdict per item: a coloured dot, its sentence as the tooltip."""
        self.model.verdicts = verdicts
        self.model.refresh()

    @property
    def verdicts(self) -> dict:
        return self.model.verdicts

    def set_reviews(self, counts: dict[str, int]) -> None:
        """Exercise reviews due per item: a badge on its row."""
        self.model.reviews = counts
        self.model.refresh()

    def _on_current_changed(self, current: QModelIndex, _previous) -> None:
        kind, item = self.model.node(current)
        if kind == "item" and not self._reselecting:
            self.item_selected.emit(item.id)

    def _on_double_click(self, index: QModelIndex) -> None:
        kind, item = self.model.node(index)
        if kind == "item":
            self._open_item_lesson(item.id)

    def _open_item_lesson(self, item_id: str) -> None:
        item = self.plan.item(item_id)
        if item.lesson and self.lesson_exists(item.lesson):
            self.lesson_requested.emit(item.lesson)

    def _context_menu(self, pos) -> None:
        kind, item = self.model.node(self.tree.indexAt(pos))
        if kind != "item":
            return
        menu = self.status_menu(item.id)
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
        current = self.current_item_id()
        self._shown = self.model.set_filter(query)
        for row in range(self.model.rowCount()):  # phases open, and with a search every topic too
            phase = self.model.index(row, 0)
            self.tree.expand(phase)
            if query:
                for topic in range(self.model.rowCount(phase)):
                    self.tree.expand(self.model.index(topic, 0, phase))
        index = self.model.index_of(current) if current else QModelIndex()
        if index.isValid():  # the item shown stays selected when the search keeps it
            self._reselecting = True
            self.tree.setCurrentIndex(index)
            self._reselecting = False
        self._show_matches()

    def _show_matches(self) -> None:
        query = self.search.text().strip()
        self.match_label.setVisible(bool(query))
        self.match_label.setText(self.tr("Matches: {n}").format(n=self._shown) if self._shown
                                 else self.tr("No item matches."))

    def visible_item_ids(self) -> list[str]:
        return self.model.visible_item_ids()

    def go_next(self) -> Item | None:
        """Select the first item neither done nor skipped (clearing a search that hides it)."""
        item = self.plan.next_item(self.model.statuses)
        if item is not None:
            self.select_item(item.id)
        return item

    def select_item(self, item_id: str) -> None:
        if not self.model.index_of(item_id).isValid():
            self.search.clear()
        index = self.model.index_of(item_id)
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.PositionAtCenter)
        self.tree.setFocus()

    def current_item_id(self) -> str | None:
        kind, item = self.model.node(self.tree.currentIndex())
        return item.id if kind == "item" else None

    def item_for_lesson(self, lesson_id: str) -> Item | None:
        return self.plan.item_for_lesson(lesson_id)

    def closeEvent(self, event) -> None:
        super().closeEvent(event)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
