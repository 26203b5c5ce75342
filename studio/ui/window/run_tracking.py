"""What a lesson run's start and end change in the window: the study clock, the status bar,
the hardware summary under the results, the lesson's verdict; and ticking a lesson item done
links the lesson's latest finished run to it. (The run histories follow the run store's
events themselves.)"""

from __future__ import annotations

from PySide6.QtCore import QObject

from studio.core.labels import device_label
from studio.core.text import pick
from studio.ui.store_events import on_gui_thread


class RunTracking(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        # the open plan's events outlive File > Open plan: the link holds for every plan opened
        on_gui_thread(window.study.events.item_changed, self.link_completing_run, self)

    def watch(self, view) -> None:
        view.run_started.connect(self.started)
        view.run_finished.connect(self.finished)

    def started(self, run) -> None:
        w = self.window
        lesson = getattr(run, "lesson", None) or w.catalog.get(run.exercise.lesson)  # a run, or an attempt
        w.companion.run_started(w.item_of(lesson.id))
        w.kernel_status.update()
        w.run_started.emit(run)

    def finished(self, outcome, run) -> None:
        """The run is recorded (LessonRun did it): show its hardware summary, update the rest."""
        w = self.window
        w.companion.run_ended(w.item_of(outcome.lesson))
        w.kernel_status.update()
        view = w.views.get(outcome.lesson)
        if view is not None:
            if run.hardware_summary:
                view.output.add_results(run.hardware_summary)
            w.advice.advise_lesson(view)
        w.statusBar().showMessage(
            self.tr("{lesson}: {status} on {device}").format(
                lesson=outcome.lesson, status=w.status_text(outcome.status),
                device=pick(device_label(outcome.device))), 10_000)
        w.run_finished.emit(outcome, run)

    def link_completing_run(self, item_id: str | None) -> None:
        """Ticking a lesson item done links the lesson's latest finished run to it."""
        w = self.window
        if item_id is None or item_id not in w.plan:
            return
        record = w.store.get(item_id)
        lesson = w.plan.item(item_id).lesson
        if record.status == "done" and record.run_id is None and lesson:
            run_id = w.runs.latest(lesson)
            if run_id is not None:
                w.store.link_run(item_id, run_id)
                w.statusBar().showMessage(self.tr("Done, completed by run {id}.").format(id=run_id), 8000)
