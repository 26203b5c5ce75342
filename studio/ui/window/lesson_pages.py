"""The lesson views in the middle of the window: each made the first time its lesson is opened,
then kept (a run goes on when you look away), with its history tab, memory guard and verdict.

Only the view on screen is in the stack's layout; the others stay its hidden children. A
QStackedLayout sizes itself over every widget it holds: with 37 lesson views in it, going from
Home to a lesson took 125-285 ms and switching lessons 60-200 ms here, against 1-11 ms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget

from studio.kernel.jobs import warm_modules
from studio.ui.lazy_page import LazyPage
from studio.ui.lesson_view import LessonView
from studio.ui.memory_refusal import MemoryGuard
from studio.ui.runs_view import RunsView


class LessonPages(QStackedWidget):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window = window
        self.views: dict[str, LessonView] = {}
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.addWidget(self.placeholder)

    def view(self, lesson_id: str) -> LessonView:
        """The view of a lesson, made on first use and kept."""
        view = self.views.get(lesson_id)
        if view is not None:
            return view
        w = self.window
        view = LessonView(w.catalog.get(lesson_id), w.cuda_available, services=w.services)
        if w.kernels is not None:
            w.kernels.want(warm_modules(view.lesson))  # the spare kernel imports what it needs
        view.history_page = LazyPage(lambda: RunsView(w.runs, lesson_id))
        view.history_page.setMinimumWidth(240)  # its toolbar may clip; the lesson view must stay narrow
        view.code_tabs.addTab(view.history_page, self.tr("History"))
        view.confirm_run = MemoryGuard(view)  # the 80%-of-RAM rule, with cheaper settings
        view.form.changed.connect(lambda v=view: w.advice.advise_lesson(v))
        w.advice.advise_lesson(view)
        w.run_tracking.watch(view)
        view.lesson_link.connect(w.show_lesson)
        view.practice_built.connect(lambda practice, v=view: self._wire_practice(v, practice))
        self.views[lesson_id] = view
        return view

    def show_view(self, view: LessonView) -> None:
        """Put `view` on screen, alone in the layout with the placeholder."""
        previous = self.currentWidget()
        if self.indexOf(view) < 0:
            self.addWidget(view)
        self.setCurrentWidget(view)
        if previous is not view and previous is not self.placeholder and previous is not None:
            self.removeWidget(previous)  # hidden, still our child: its run goes on

    def _wire_practice(self, view: LessonView, practice) -> None:
        """The Practice tab, once made: progress under the roadmap, Home's study clock."""
        w = self.window
        w.practice_progress.watch(practice)
        practice.list.currentRowChanged.connect(lambda _row: w.exercise_chosen(view))
        practice.attempt_finished.connect(lambda _report: w.companion.run_ended(w.item_of(view.lesson.id)))

    def current_lesson_id(self) -> str | None:
        widget = self.currentWidget()
        return widget.lesson.id if isinstance(widget, LessonView) else None

    def running(self) -> list[LessonView]:
        return [v for v in self.views.values() if v.run is not None and v.run.running]

    def drop_all(self) -> None:
        """Forget every view (the language changed: they are made again in the new one)."""
        for view in list(self.views.values()):
            if view.practice_if_made is not None:
                view.practice_if_made.save_draft()
            if self.indexOf(view) >= 0:
                self.removeWidget(view)
            view.deleteLater()
        self.views.clear()

    def shutdown(self, reason: str) -> None:
        for view in self.views.values():
            view.shutdown(reason)

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Choose a lesson on the left."))
