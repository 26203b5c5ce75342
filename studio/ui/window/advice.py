"""The verdict dots ("can my PC run this?") of every plan item and open lesson, from the newest
measurement of this PC and the lesson's own recorded runs."""

from __future__ import annotations

from studio.core import advisor
from studio.core.lesson import LessonError
from studio.ui.store_events import on_gui_thread


class Advice:
    def __init__(self, window):
        self.window = window
        self.measurement = None
        self._lesson_runs: dict[str, list] = {}  # lesson id -> its recorded runs (for estimates)
        for event in (window.runs.events.finished, window.runs.events.deleted):
            on_gui_thread(event, lambda *_: self._lesson_runs.clear(), window)

    def advise(self) -> None:
        """Verdicts for every plan item and open lesson (a new measurement, a new plan)."""
        w = self.window
        self.measurement = advisor.measurement_or_snapshot(w.db)
        verdicts, per_lesson = {}, {}
        runs = w.runs.list(details=False)  # measured times replace the estimates, as on Home
        for item in w.plan.items():
            try:
                verdict = advisor.advise_item(item, self.measurement, w.catalog, per_lesson, runs=runs)
            except LessonError:
                verdict = None
            if verdict is not None:
                verdicts[item.id] = verdict
        w.roadmap.set_verdicts(verdicts)
        w.item_view.set_verdicts(verdicts)
        for view in w.views.values():
            self.advise_lesson(view)

    def advise_lesson(self, view) -> None:
        """A lesson view's verdict for the parameters set now (a finished run replaces the
        estimate by a measured time)."""
        lesson_id = view.lesson.id
        try:
            if lesson_id not in self._lesson_runs:  # read once, not at every spin-box step
                self._lesson_runs[lesson_id] = self.window.runs.list(lesson_id, details=False)
            verdict = advisor.advise_lesson(view.lesson, self.measurement, view.form.values(),
                                            runs=self._lesson_runs[lesson_id])
        except LessonError:  # a value being typed that is out of bounds: no verdict yet
            verdict = None
        view.set_verdict(verdict)
