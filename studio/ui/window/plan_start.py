"""Which plan the window opens: the one given (`studio --plan`), else the one opened last time,
else the article's; and remembering the plan opened for the next start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from studio.core.plan import Plan, PlanError, default_plan_path, load_plan
from studio.ui.settings import settings


class PlanStart(QObject):
    def __init__(self, known_lessons, parent=None):
        super().__init__(parent)
        self.known = known_lessons
        self.notes: list[str] = []  # what the window says when it opens (a plan not reopened...)
        self.shown = False  # the window has shown: the start finished

    def choose(self, given: Plan | str | Path | None) -> Plan:
        """The plan opened last is not opened again when it no longer checks, or when the start
        that opened it never finished (`plan/opening` is set before a plan is loaded and
        cleared once the window shows: a learner who gave up on a start that hung is not
        sent into the same hang). The window then opens on the article's plan and says so."""
        s = settings()
        if given is not None:
            plan = given if isinstance(given, Plan) else load_plan(given, self.known)
            self.remember(plan)
            return plan
        saved = s.value("plan/path", "")
        if saved and s.value("plan/opening", "") == saved:
            self.notes.append(self.tr(
                "The plan {path} was not opened again: the last start with it did not finish. "
                "File > Open plan… opens it.").format(path=saved))
            s.remove("plan/path")
        elif saved:
            s.setValue("plan/opening", saved)
            s.sync()
            try:
                return load_plan(saved, self.known)
            except PlanError as exc:
                self.notes.append(self.tr(
                    "The plan {path} was not opened again: it has {n} error(s) now "
                    "(`studio plan check` lists them).").format(path=saved, n=len(exc.problems)))
                s.remove("plan/path")
        s.remove("plan/opening")
        return load_plan(default_plan_path(), self.known)

    def remember(self, plan: Plan) -> None:
        """The plan to open at the next start; `plan/opening` stays set until the window shows."""
        if plan.path is None:
            return
        s = settings()
        path = str(plan.path.resolve())
        s.setValue("plan/path", path)
        if not self.shown:
            s.setValue("plan/opening", path)
        s.sync()

    def finished(self) -> None:
        """The window shows: its plan may be reopened next time."""
        self.shown = True
        s = settings()
        s.remove("plan/opening")
        s.sync()
