"""Under the roadmap: exercises passed per phase and topic; and the offer, once every exercise of a
lesson passes, to tick its roadmap item done."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from studio.core.text import pick
from studio.practice.progress import exercise_progress


class PracticeProgress(QTreeWidget):
    """Phases and their topics with "passed/total" exercises; follows the window's plan and attempts."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setMaximumHeight(150)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.counts: dict = {}
        window.language_changed.connect(lambda _lang: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        if not shiboken6.isValid(self):
            return
        plan = self.window_.plan
        passed = [i for i, s in self.window_.attempts.statuses().items() if s.passed]
        self.counts = counts = exercise_progress(plan, passed)
        self.setHeaderLabels([self.tr("Exercises passed"), counts["plan"].text()])
        self.clear()
        for phase in plan.phases:
            if not counts[phase.id].total:
                continue
            row = QTreeWidgetItem(self, [pick(phase.title), counts[phase.id].text()])
            row.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
            for topic in phase.topics:
                count = counts[(phase.id, topic.id)]
                if count.total:
                    child = QTreeWidgetItem(row, [pick(topic.title), count.text()])
                    child.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
            row.setExpanded(counts[phase.id].passed > 0)

    def watch(self, practice) -> None:
        """A lesson's Practice tab: refresh after its attempts; offer to tick its item."""
        practice.attempt_finished.connect(lambda _report: self.refresh())
        practice.lesson_passed.connect(lambda lesson_id, p=practice: self._offer(p, lesson_id))
        practice.mark_done.connect(self._mark_done)

    def _offer(self, practice, lesson_id: str) -> None:
        window = self.window_
        item = next((i for i in window.plan.items() if i.lesson == lesson_id), None)
        if item is not None and window.store.status(item.id) != "done":
            practice.offer_done(item.id, pick(item.title))

    def _mark_done(self, item_id: str) -> None:
        self.window_.store.set_status(item_id, "done")
        self.window_.statusBar().showMessage(self.tr("Marked done on the roadmap."), 8000)
