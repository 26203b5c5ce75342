"""The window as a study companion: the Home page, study time logged without effort, and
"continue where you left off". One object, given the main window, so MainWindow only wires it.

- Home is refreshed whenever it is shown (View > Home, and the window opens on it).
- A StudyClock ticks every 10 s: the item in front counts while the window is active and the
  learner touched it within 5 minutes (an application event filter sees keys, clicks and
  wheel turns), and every item whose lesson runs counts too.
- What the learner opens (an item page, a lesson, an exercise) is remembered for "Continue".
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer

from studio.core.study import home as home_facts
from studio.core.study.clock import StudyClock
from studio.core.study.log import StudyLog
from studio.core.text import pick
from studio.practice import exercise as exercises
from studio.practice.reviews import due, reviews
from studio.ui.home_view import HomeView

TICK_MS = 10_000
REMEMBER_AFTER_MS = 1_500  # "Continue" is written once the learner stops clicking for this long
INPUT_EVENTS = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel)


class StudyCompanion(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.view = HomeView()
        self.log = StudyLog(window.db, window.plan.id)
        self.clock = StudyClock(self.log)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.clock.tick)
        self._timer.start()
        self.view.item_requested.connect(window.show_item)
        self.view.lesson_requested.connect(lambda lesson_id: window.show_lesson(lesson_id))
        self.view.exercise_requested.connect(self.open_exercise)
        self.view.goal_changed.connect(self.set_goal)
        self._watched = None  # the window's QWindow, once it is shown
        self._opened: tuple[str, str] | None = None  # what was opened last, not written yet
        self._remember_timer = QTimer(self)
        self._remember_timer.setSingleShot(True)
        self._remember_timer.setInterval(REMEMBER_AFTER_MS)
        self._remember_timer.timeout.connect(self._remember_opened)

    def watch_input(self, handle) -> None:
        """Keys, clicks and wheel turns reach the window's QWindow before any widget: filter
        there. (An application-wide filter ran Python for every event of every widget, paints
        included: about 8,000 of them each time a lesson was opened.)"""
        if handle is not None and handle is not self._watched:
            handle.installEventFilter(self)
            self._watched = handle

    def eventFilter(self, obj, event) -> bool:  # every key press, click and wheel turn of the window
        if event.type() in INPUT_EVENTS:
            self.clock.touched()
        return False

    # -- the plan and what is open ---------------------------------------------------------------
    def set_plan(self, plan) -> None:
        self.clock.flush()
        self.log = StudyLog(self.window.db, plan.id)
        self.clock.log = self.log
        self.clock.focus(None)

    def opened(self, kind: str, ident: str, item_id: str | None) -> None:
        """The learner opened an item page, a lesson or an exercise (its roadmap item, if any)."""
        self._opened = (kind, ident)  # written once the clicking stops: not a commit per click
        self._remember_timer.start()
        self.clock.focus(item_id)

    def _remember_opened(self) -> None:
        if self._opened is not None:
            home_facts.remember_opened(self.window.db, *self._opened)
            self._opened = None

    def set_active(self, active: bool) -> None:
        self.clock.set_active(active)

    def run_started(self, item_id: str | None) -> None:
        self.clock.run_started(item_id)

    def run_ended(self, item_id: str | None) -> None:
        self.clock.run_ended(item_id)

    def close(self) -> None:
        self._timer.stop()
        self._remember_timer.stop()
        self._remember_opened()
        self.clock.flush()
        if self._watched is not None:
            self._watched.removeEventFilter(self)

    def studied(self, item_id: str) -> float:
        """Seconds logged on an item, including what the clock has not written yet."""
        return self.log.total(item_id) + self.clock.pending(item_id)

    def set_studied(self, item_id: str, hours: float) -> None:
        self.clock.flush()
        self.log.set_total(item_id, hours * 3600)

    # -- Home ---------------------------------------------------------------------------------------
    def facts(self, now: float | None = None) -> home_facts.Home:
        w = self.window
        self.clock.flush()
        self._remember_opened()
        return home_facts.summarize(
            w.plan, w.store.statuses(), self.log, db=w.db, verdicts=w.roadmap.verdicts,
            reviews_due=due(w.attempts, time.time() if now is None else now), runs=w.runs.list(details=False)[:5],
            now=now)

    def refresh(self) -> None:
        self.view.show_home(self.facts(), self.window.plan, self.title)

    def set_goal(self, hours: float) -> None:
        home_facts.set_weekly_goal(self.window.db, hours)
        self.refresh()  # the projection re-plans at once

    def reviews_by_item(self, now: float | None = None) -> dict[str, int]:
        """Due reviews per roadmap item (the roadmap's badge)."""
        now = time.time() if now is None else now
        counts: dict[str, int] = {}
        for r in reviews(self.window.attempts):
            if r.review.is_due(now):
                item = self.window.roadmap.item_for_lesson(r.exercise.split("/")[0])
                if item is not None:
                    counts[item.id] = counts.get(item.id, 0) + 1
        return counts

    def title(self, kind: str, ident: str) -> str:
        """An item's, lesson's or exercise's name in the UI's language, or a run status."""
        w = self.window
        try:
            if kind == "item":
                return pick(w.plan.item(ident).title)
            if kind == "lesson":
                return pick(w.catalog.get(ident).title)
            if kind == "exercise":
                return pick(exercises.get(ident).title)
            if kind == "status":
                return w.status_text(ident)
        except (KeyError, LookupError):
            pass
        return ident

    def open_exercise(self, exercise_id: str) -> None:
        lesson_id = exercise_id.split("/")[0]
        view = self.window.show_lesson(lesson_id)
        if view.practice is not None:
            view.show_practice()
            try:
                view.practice.select(exercise_id)
            except KeyError:
                pass
