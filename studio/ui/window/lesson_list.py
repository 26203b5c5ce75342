"""The Lessons tab: every lesson by its title (the roadmap is the main way in)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from studio.core.lesson import Catalog
from studio.core.text import pick


class LessonList(QListWidget):
    """The lessons by id and title (the roadmap replaces it as the main way in)."""

    lesson_requested = Signal(str)

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        for lesson in catalog:
            item = QListWidgetItem(pick(lesson.title))
            item.setToolTip(lesson.id)
            item.setData(Qt.UserRole, lesson.id)
            self.addItem(item)
        self.currentItemChanged.connect(
            lambda cur, _prev: cur is not None and self.lesson_requested.emit(cur.data(Qt.UserRole))
        )

    def select(self, lesson_id: str) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.UserRole) == lesson_id:
                self.blockSignals(True)
                self.setCurrentRow(i)
                self.blockSignals(False)

    def relabel(self) -> None:
        """The titles again, in the language now set."""
        for i in range(self.count()):
            item = self.item(i)
            item.setText(pick(self.catalog.get(item.data(Qt.UserRole)).title))
