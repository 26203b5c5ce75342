"""The main window: roadmap on the left, the item and its lesson in the middle, hardware on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
)

from studio import __version__
from studio.core import advisor, measure
from studio.core.db import Database
from studio.core.devices import kernel_threads
from studio.core.hardware import Sampler
from studio.core.history import RunStore
from studio.core.lesson import Catalog, LessonError
from studio.core.plan import Plan, PlanError, default_plan_path, load_plan
from studio.core.progress import ProgressStore
from studio.core.text import pick
from studio.core.units import clock
from studio.kernel.jobs import warm_modules
from studio.kernel.pool import KernelPool
from studio.practice.store import AttemptStore
from studio.ui import i18n, plan_dialogs
from studio.ui.hardware import HardwarePanel
from studio.ui.item_view import ItemView
from studio.ui.lesson_view import LessonView
from studio.ui.measure_dialog import MeasureDialog
from studio.ui.memory_refusal import MemoryGuard
from studio.ui.practice_progress import PracticeProgress
from studio.ui.roadmap_view import RoadmapView
from studio.ui.run_controller import RunServices
from studio.ui.runs_view import RunsView
from studio.ui.settings import settings
from studio.ui.study_companion import StudyCompanion

ASK_BEFORE_CLOSING_AFTER_S = 5.0  # a younger run is stopped without a question


class LessonList(QListWidget):
    """The lessons by id and title (the roadmap replaces it as the main way in)."""

    lesson_requested = Signal(str)

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
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


class MainWindow(QMainWindow):
    run_started = Signal(object)  # LessonRun
    run_finished = Signal(object, object)  # Outcome, LessonRun
    language_changed = Signal(str)
    kernel_warmed = Signal(dict)  # from the kernel pool's thread: torch version, threads, CUDA

    def __init__(self, catalog: Catalog, lang: str = "en", warm: bool = True, parent=None,
                 db: Database | None = None, plan: Plan | str | Path | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.lang = lang
        self.cuda_available = False
        self.torch_info: dict = {}
        self.views: dict[str, LessonView] = {}
        self._warm = warm
        self.kernels: KernelPool | None = None  # spare kernels, started once the window shows
        self.memory_cap_bytes: int | None = None  # this session's cap (studio --memory-limit)
        self._pending_lang: str | None = None
        self.setObjectName("MainWindow")
        self.resize(1500, 940)

        self.stack = QStackedWidget()
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.stack.addWidget(self.placeholder)

        # the roadmap (plan + progress store) and the selected item above its lesson
        self.db = db if db is not None else Database()
        self.startup_notes: list[str] = []  # what the window says when it opens (a plan not reopened...)
        self._shown_once = False
        self.plan = self._start_plan(plan)
        self.store = ProgressStore(self.db, self.plan.id)
        self.store.add_listener(self._link_completing_run)
        self.runs = RunStore(self.db)
        self._lesson_runs: dict[str, list] = {}  # lesson id -> its recorded runs (for estimates)
        self.interrupted_runs = self.runs.recover_interrupted()
        self.attempts = AttemptStore(self.db)  # practice: every lesson's exercises
        self.attempts.recover_interrupted()
        self.roadmap = RoadmapView(self.plan, self.store)
        self.roadmap.notices = self.startup_notes
        self.roadmap.refresh_banner()
        self.roadmap.item_selected.connect(self.show_item)
        self.roadmap.lesson_requested.connect(self.show_lesson)
        self.item_view = ItemView(self.plan, self.store)
        self.item_view.lesson_requested.connect(self.show_lesson)
        self.item_view.link_refused.connect(
            lambda url: self.statusBar().showMessage(self.tr("Not opened (only http and https links): {url}")
                                                     .format(url=url), 8000))
        self.central = QSplitter(Qt.Vertical)
        self.central.addWidget(self.item_view)
        self.central.addWidget(self.stack)
        self.central.setChildrenCollapsible(False)
        self.stack.hide()
        # Home first (where you are, what next), then the item and its lesson
        self.companion = StudyCompanion(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.companion.view)
        self.pages.addWidget(self.central)
        self.setCentralWidget(self.pages)
        self.item_view.studied = lambda item_id: self.companion.studied(item_id)
        self.item_view.time_edit_requested.connect(lambda item_id: self.edit_study_time(item_id))

        self.roadmap_dock = QDockWidget(self)
        self.roadmap_dock.setObjectName("RoadmapDock")
        self.lesson_list = LessonList(catalog)
        self.lesson_list.lesson_requested.connect(self._on_list_lesson)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.roadmap, "")
        self.left_tabs.addTab(self.lesson_list, "")
        self.roadmap_dock.setWidget(self.left_tabs)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.roadmap_dock)

        self.hardware_dock = QDockWidget(self)
        self.hardware_dock.setObjectName("HardwareDock")
        self.sampler = Sampler()
        self.hardware = HardwarePanel(self.sampler)
        self.hardware_dock.setWidget(self.hardware)
        self.hardware_dock.setMinimumWidth(300)
        self.addDockWidget(Qt.RightDockWidgetArea, self.hardware_dock)
        self.resizeDocks([self.roadmap_dock, self.hardware_dock], [420, 320], Qt.Horizontal)
        # what every lesson run needs: the history, spare kernels, the memory cap, the panel
        self.services = RunServices(store=self.runs, memory_limit=self.memory_limit, hardware=self.hardware,
                                    attempts=self.attempts)
        self.practice_progress = PracticeProgress(self)  # exercises passed, under the roadmap
        self.roadmap.layout().addWidget(self.practice_progress)
        self.kernel_warmed.connect(self._on_warm)

        # every run of every lesson: a dock for the overall history (each lesson has its own tab)
        self.runs_dock = QDockWidget(self)
        self.runs_dock.setObjectName("RunsDock")
        self.runs_view = RunsView(self.runs)
        self.runs_view.runs_deleted.connect(self._forget_lesson_runs)
        self.runs_dock.setWidget(self.runs_view)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.runs_dock)
        self.runs_dock.hide()

        self.device_label = QLabel()
        self.threads_label = QLabel()
        self.statusBar().addPermanentWidget(self.device_label)
        self.statusBar().addPermanentWidget(self.threads_label)

        self._build_menus()
        self.retranslate()
        self.advise()
        if self.interrupted_runs:
            self.statusBar().showMessage(
                self.tr("{n} run(s) were interrupted when the app last closed; they are in the run history.")
                .format(n=self.interrupted_runs), 15_000)
        notes = list(self.startup_notes)  # the roadmap's banner shows them too, and the damage
        recovery = self.db.recovery
        if recovery is not None:
            notes.append(self.tr("The database was damaged; it was moved to {path}. Recovered {recovered} "
                                 "record(s) into the new one; {lost} could not be read.").format(
                path=recovery.aside, recovered=recovery.recovered, lost=recovery.lost))
        if notes:
            self.statusBar().showMessage(" ".join(notes), 60_000)

    # -- menus and language --------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_plan_action = QAction(self)
        self.open_plan_action.setShortcut(QKeySequence.Open)
        self.open_plan_action.triggered.connect(lambda: self.open_plan())
        self.export_action = QAction(self)
        self.export_action.triggered.connect(lambda: self.export_progress())
        self.import_action = QAction(self)
        self.import_action.triggered.connect(lambda: self.import_progress())
        self.file_menu.addAction(self.open_plan_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.home_action = QAction(self)
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        self.home_action.triggered.connect(lambda: self.show_home())
        self.view_menu.addAction(self.home_action)
        self.next_action = QAction(self)
        self.next_action.triggered.connect(self.roadmap.go_next)
        self.view_menu.addAction(self.next_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.roadmap_dock.toggleViewAction())
        self.view_menu.addAction(self.hardware_dock.toggleViewAction())
        self.view_menu.addAction(self.runs_dock.toggleViewAction())

        self.hardware_menu = bar.addMenu("")
        self.measure_action = QAction(self)
        self.measure_action.triggered.connect(self.measure_pc)
        self.hardware_menu.addAction(self.measure_action)
        self.hardware_menu.addSeparator()
        self.all_cores_action = QAction(self, checkable=True)
        self.all_cores_action.setChecked(settings().value("kernel/all_cores", False, type=bool))
        self.all_cores_action.toggled.connect(self.set_all_cores)
        self.hardware_menu.addAction(self.all_cores_action)
        self.memory_cap_action = QAction(self)
        self.memory_cap_action.triggered.connect(lambda: self.ask_memory_cap())
        self.hardware_menu.addAction(self.memory_cap_action)

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        """Set every UI string of the window itself (lesson views are rebuilt instead)."""
        self.setWindowTitle(self.tr("Zero-Compute ML Studio"))
        self.file_menu.setTitle(self.tr("&File"))
        self.open_plan_action.setText(self.tr("&Open plan…"))
        self.export_action.setText(self.tr("&Export progress…"))
        self.import_action.setText(self.tr("&Import progress…"))
        self.next_action.setText(self.tr("What &next?"))
        self.home_action.setText(self.tr("&Home"))
        self.left_tabs.setTabText(0, self.tr("Roadmap"))
        self.left_tabs.setTabText(1, self.tr("Lessons"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.hardware_menu.setTitle(self.tr("&Hardware"))
        self.measure_action.setText(self.tr("&Measure this PC…"))
        self.all_cores_action.setText(self.tr("Lessons use &all cores"))
        self.all_cores_action.setToolTip(self.tr("By default a lesson computes with all cores but one, "
                                                 "left to the window and the rest of the PC"))
        self.memory_cap_action.setText(self.tr("Lesson memory &cap…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About"))
        self.roadmap_dock.setWindowTitle(self.tr("Roadmap"))
        self.hardware_dock.setWindowTitle(self.tr("Hardware"))
        self.runs_dock.setWindowTitle(self.tr("Run history"))
        self.placeholder.setText(self.tr("Choose a lesson on the left."))
        self._update_status()

    def set_language(self, lang: str) -> None:
        """Switch language now (views are rebuilt) and remember the choice."""
        i18n.save_language(lang)
        if lang == self.lang:
            return
        if any(v.run is not None and v.run.running for v in self.views.values()):
            self._pending_lang = lang
            self.statusBar().showMessage(self.tr("The language changes when the current run ends."), 5000)
            return
        self.lang = lang
        i18n.install(QApplication.instance(), lang)
        self.language_actions[lang].setChecked(True)
        self.retranslate()
        current = self.current_lesson_id()
        for view in list(self.views.values()):
            if view.practice is not None:
                view.practice.save_draft()
            self.stack.removeWidget(view)
            view.deleteLater()
        self.views.clear()
        self._relabel_lessons()
        self.roadmap.retranslate()
        self.item_view.retranslate()
        old, self.runs_view = self.runs_view, RunsView(self.runs)
        self.runs_view.runs_deleted.connect(self._forget_lesson_runs)
        self.runs_dock.setWidget(self.runs_view)
        old.deleteLater()
        self.advise()  # verdict texts in the new language
        old, self.hardware = self.hardware, HardwarePanel(self.sampler, history=self.hardware.history)
        old.stop()
        self.services.hardware = self.hardware
        self.hardware_dock.setWidget(self.hardware)
        old.deleteLater()
        if current:
            self.show_lesson(current)
        self.language_changed.emit(lang)

    def _relabel_lessons(self) -> None:
        for i in range(self.lesson_list.count()):
            item = self.lesson_list.item(i)
            item.setText(pick(self.catalog.get(item.data(Qt.UserRole)).title))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Zero-Compute ML Studio"),
            self.tr("Zero-Compute ML Studio {version}\n\nLearn machine learning on an ordinary PC: "
                    "the roadmap, runnable lessons and measured advice of the article "
                    "\u201c机器学习快速入门--0算力起步实践篇\u201d.").format(version=__version__),
        )

    # -- the roadmap -------------------------------------------------------------------------
    def _start_plan(self, given: Plan | str | Path | None) -> Plan:
        """The plan given (`studio --plan`), else the one opened last time, else the article's.

        The plan opened last is not opened again when it no longer checks, or when the start
        that opened it never finished (`plan/opening` is set before a plan is loaded and
        cleared once the window shows: a learner who gave up on a start that hung is not
        sent into the same hang). The window then opens on the article's plan and says so.
        """
        known = self.catalog.ids()
        s = settings()
        if given is not None:
            plan = given if isinstance(given, Plan) else load_plan(given, known)
            self._remember_plan(plan)
            return plan
        saved = s.value("plan/path", "")
        if saved and s.value("plan/opening", "") == saved:
            self.startup_notes.append(self.tr(
                "The plan {path} was not opened again: the last start with it did not finish. "
                "File > Open plan… opens it.").format(path=saved))
            s.remove("plan/path")
        elif saved:
            s.setValue("plan/opening", saved)
            s.sync()
            try:
                return load_plan(saved, known)
            except PlanError as exc:
                self.startup_notes.append(self.tr(
                    "The plan {path} was not opened again: it has {n} error(s) now "
                    "(`studio plan check` lists them).").format(path=saved, n=len(exc.problems)))
                s.remove("plan/path")
        s.remove("plan/opening")
        return load_plan(default_plan_path(), known)

    def _remember_plan(self, plan: Plan) -> None:
        """The plan to open at the next start; `plan/opening` stays set until this window shows."""
        if plan.path is None:
            return
        s = settings()
        path = str(plan.path.resolve())
        s.setValue("plan/path", path)
        if not self._shown_once:
            s.setValue("plan/opening", path)
        s.sync()

    def open_plan(self, path: str | Path | None = None) -> Plan | None:
        """File > Open plan…: errors shown as `studio plan check` prints them; the current plan stays."""
        plan = plan_dialogs.open_plan(self, self.catalog.ids(), path)
        if plan is None:
            return None
        self.item_view.save_note()
        self.plan = plan
        self.store = ProgressStore(self.db, plan.id)
        self.roadmap.set_plan(plan, self.store)
        self.item_view.set_plan(plan, self.store)
        self.companion.set_plan(plan)
        self.practice_progress.refresh()
        self._show_central(item=True, lesson=False)
        self._remember_plan(plan)
        return plan

    def export_progress(self, path: str | Path | None = None) -> int | None:
        self.item_view.save_note()
        count = plan_dialogs.export_progress(self, self.store, path)
        if count is not None:
            self.statusBar().showMessage(self.tr("Exported records: {n}").format(n=count), 8000)
        return count

    def import_progress(self, path: str | Path | None = None):
        self.item_view.save_note()
        return plan_dialogs.import_progress(self, self.store, path)

    def edit_study_time(self, item_id: str, hours: float | None = None) -> float:
        """Set the hours studied on an item (asked for when not given)."""
        if hours is None:
            from PySide6.QtWidgets import QInputDialog

            hours, ok = QInputDialog.getDouble(
                self, self.tr("Time studied"), self.tr("Hours studied on “{item}”:").format(
                    item=pick(self.plan.item(item_id).title)),
                self.companion.studied(item_id) / 3600, 0, 10_000, 1)
            if not ok:
                return self.companion.studied(item_id) / 3600
        self.companion.set_studied(item_id, hours)
        if self.item_view.item is not None and self.item_view.item.id == item_id:
            self.item_view.show_item(item_id)
        return hours

    def show_home(self) -> None:
        """Home: where the learner is, what next (refreshed each time it is shown)."""
        self.companion.refresh()
        self.roadmap.set_reviews(self.companion.reviews_by_item())
        self.pages.setCurrentWidget(self.companion.view)

    def show_item(self, item_id: str) -> None:
        """An item chosen on the roadmap: its page, with its lesson below when it has one."""
        self.item_view.show_item(item_id)
        lesson = self.plan.item(item_id).lesson
        if lesson and lesson in self.catalog.lessons:
            self.show_lesson(lesson)
        else:
            self._show_central(item=True, lesson=False)
        self.companion.opened("item", item_id, item_id)

    def _on_list_lesson(self, lesson_id: str) -> None:
        item = self.roadmap.item_for_lesson(lesson_id)
        if item is not None:
            self.item_view.show_item(item.id)
        self.show_lesson(lesson_id, with_item=item is not None)

    def _show_central(self, item: bool, lesson: bool) -> None:
        self.pages.setCurrentWidget(self.central)
        self.item_view.setVisible(item)
        self.stack.setVisible(lesson)
        if item and lesson:
            height = max(self.central.height(), 600)
            self.central.setSizes([int(height * 0.32), int(height * 0.68)])

    # -- lessons ---------------------------------------------------------------------------
    def current_lesson_id(self) -> str | None:
        widget = self.stack.currentWidget()
        return widget.lesson.id if isinstance(widget, LessonView) else None

    def lesson_view(self, lesson_id: str) -> LessonView:
        """The view of a lesson, made on first use and kept (a run goes on when you look away)."""
        view = self.views.get(lesson_id)
        if view is None:
            lesson = self.catalog.get(lesson_id)
            view = LessonView(lesson, self.cuda_available, services=self.services)
            if self.kernels is not None:
                self.kernels.want(warm_modules(lesson))  # the spare kernel imports what it needs
            view.history = RunsView(self.runs, lesson_id)
            view.history.runs_deleted.connect(self._forget_lesson_runs)
            view.history.setMinimumWidth(240)  # its toolbar may clip; the lesson view must stay narrow
            view.code_tabs.addTab(view.history, self.tr("History"))
            view.confirm_run = MemoryGuard(view)  # the 80%-of-RAM rule, with cheaper settings
            view.form.changed.connect(lambda v=view: self._advise_lesson(v))
            self._advise_lesson(view)
            view.run_started.connect(self._on_run_started)
            view.run_finished.connect(self._on_run_finished)
            view.lesson_link.connect(self.show_lesson)
            self.practice_progress.watch(view)
            if view.practice is not None:
                view.practice.list.currentRowChanged.connect(lambda _row, v=view: self._on_exercise_chosen(v))
                view.practice.attempt_finished.connect(
                    lambda _report, lid=lesson_id: self.companion.run_ended(self._item_of(lid)))
            self.views[lesson_id] = view
            self.stack.addWidget(view)
        return view

    def show_lesson(self, lesson_id: str, with_item: bool | None = None) -> LessonView:
        view = self.lesson_view(lesson_id)
        self.stack.setCurrentWidget(view)
        if with_item is None:  # keep the item page when it shows this lesson's item
            current = self.item_view.item
            with_item = current is not None and current.lesson == lesson_id
        self._show_central(item=with_item, lesson=True)
        self.lesson_list.select(lesson_id)
        self.companion.opened("lesson", lesson_id, self._item_of(lesson_id))
        return view

    def _item_of(self, lesson_id: str) -> str | None:
        item = self.roadmap.item_for_lesson(lesson_id)
        return item.id if item is not None else None

    def _on_exercise_chosen(self, view) -> None:
        if view.practice is not None and view.practice.exercise is not None:
            self.companion.opened("exercise", view.practice.exercise.id, self._item_of(view.lesson.id))

    def _on_run_started(self, run) -> None:
        lesson = getattr(run, "lesson", None) or self.catalog.get(run.exercise.lesson)  # a run, or an attempt
        self.companion.run_started(self._item_of(lesson.id))
        self._update_status()
        self.run_started.emit(run)

    def _on_run_finished(self, outcome, run) -> None:
        """The run is recorded (LessonRun did it): show its hardware summary, refresh the rest."""
        self.companion.run_ended(self._item_of(outcome.lesson))
        self._update_status()
        view = self.views.get(outcome.lesson)
        if view is not None and run.hardware_summary:
            view.output.add_results(run.hardware_summary)
        self._lesson_runs.pop(outcome.lesson, None)
        if view is not None:
            self._advise_lesson(view)  # a finished run replaces the estimate by a measured time
        for view in (self.runs_view, getattr(self.views.get(outcome.lesson), "history", None)):
            if view is not None:
                view.refresh()
        self.statusBar().showMessage(
            self.tr("{lesson}: {status} on {device}").format(
                lesson=outcome.lesson, status=self.status_text(outcome.status), device=outcome.device), 10_000)
        self.run_finished.emit(outcome, run)
        if self._pending_lang and not any(v.run and v.run.running for v in self.views.values()):
            lang, self._pending_lang = self._pending_lang, None
            self.set_language(lang)

    # -- can my PC run this? ------------------------------------------------------------------
    def advise(self) -> None:
        """Verdicts for every plan item and open lesson, from the newest measurement of this PC."""
        self.measurement = advisor.measurement_or_snapshot(self.db)
        verdicts, per_lesson = {}, {}
        for item in self.plan.items():
            try:
                verdict = advisor.advise_item(item, self.measurement, self.catalog, per_lesson)
            except LessonError:
                verdict = None
            if verdict is not None:
                verdicts[item.id] = verdict
        self.roadmap.set_verdicts(verdicts)
        self.item_view.set_verdicts(verdicts)
        for view in self.views.values():
            self._advise_lesson(view)

    def _advise_lesson(self, view: LessonView) -> None:
        try:
            if view.lesson.id not in self._lesson_runs:  # read once, not at every spin-box step
                self._lesson_runs[view.lesson.id] = self.runs.list(view.lesson.id, details=False)
            verdict = advisor.advise_lesson(view.lesson, self.measurement, view.form.values(),
                                            runs=self._lesson_runs[view.lesson.id])
        except LessonError:  # a value being typed that is out of bounds: no verdict yet
            verdict = None
        view.set_verdict(verdict)

    def _forget_lesson_runs(self, *_deleted) -> None:
        self._lesson_runs.clear()

    def measure_pc(self) -> MeasureDialog:
        """Hardware > Measure this PC: throughput and memory, kept; the verdicts follow."""
        dialog = MeasureDialog(measure.measure, save=lambda m: measure.save(self.db, m),
                               previous=measure.latest(self.db), parent=self)
        dialog.measured.connect(lambda _m: self.advise())
        dialog.show()
        return dialog

    def _link_completing_run(self, item_id: str | None) -> None:
        """Ticking a lesson item done links the lesson's latest finished run to it."""
        if item_id is None or item_id not in self.plan:
            return
        record = self.store.get(item_id)
        lesson = self.plan.item(item_id).lesson
        if record.status == "done" and record.run_id is None and lesson:
            run_id = self.runs.latest(lesson)
            if run_id is not None:
                self.store.link_run(item_id, run_id)
                self.statusBar().showMessage(
                    self.tr("Done, completed by run {id}.").format(id=run_id), 8000)

    def status_text(self, status: str) -> str:
        return self.runs_view.model.status_text(status)

    # -- warm-up and status bar -----------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the start finished: its plan may be reopened next time
            self._shown_once = True
            s = settings()
            s.remove("plan/opening")
            s.sync()
            if self.pages.currentWidget() is self.companion.view:
                self.show_home()  # with the verdicts and reviews of this start
        if self._warm and self.kernels is None:
            self.start_kernels()

    def start_kernels(self) -> KernelPool:
        """A spare kernel in the background, warmed with numpy and torch, then with what each
        opened lesson imports; every run takes the spare and a new one starts."""
        import importlib.util

        warm = ["numpy"] + (["torch"] if importlib.util.find_spec("torch") else [])
        for lesson_id in self.views:
            warm += warm_modules(self.catalog.get(lesson_id))
        self.kernels = KernelPool(threads=self.kernel_threads(), warm=warm, on_warm=self.kernel_warmed.emit)
        self.services.pool = self.kernels
        return self.kernels

    # -- lesson kernels: threads and memory cap -----------------------------------------------
    def kernel_threads(self) -> int:
        return kernel_threads(all_cores=settings().value("kernel/all_cores", False, type=bool))

    def set_all_cores(self, on: bool) -> None:
        s = settings()
        s.setValue("kernel/all_cores", bool(on))
        s.sync()
        if self.kernels is not None:
            self.kernels.set_threads(self.kernel_threads())
        self._update_status()

    def memory_limit(self) -> int | None:
        """The memory cap of the next run in bytes: a share of the RAM available now."""
        if self.memory_cap_bytes is not None:
            return self.memory_cap_bytes
        from studio.core.measure import available_memory

        return int(available_memory() * self.memory_cap_percent() / 100)

    def memory_cap_percent(self) -> int:
        return min(100, max(10, settings().value("kernel/memory_cap_percent", 90, type=int)))

    def ask_memory_cap(self, percent: int | None = None) -> int:
        """Hardware > Lesson memory cap…: the share of the available RAM a run may take."""
        if percent is None:
            from PySide6.QtWidgets import QInputDialog

            percent, ok = QInputDialog.getInt(
                self, self.tr("Lesson memory cap"),
                self.tr("A run that needs more than this share of the RAM available when it starts "
                        "ends as out of memory, and the app stays up (percent):"),
                self.memory_cap_percent(), 10, 100, 5)
            if not ok:
                return self.memory_cap_percent()
        s = settings()
        s.setValue("kernel/memory_cap_percent", int(percent))
        s.sync()
        self._update_status()
        return self.memory_cap_percent()

    def _on_warm(self, info: dict) -> None:
        self.torch_info = info
        self.cuda_available = bool(info.get("cuda"))
        for view in self.views.values():
            view.form.set_cuda_available(self.cuda_available)
        self._update_status()
        if self.cuda_available:
            self.advise()  # torch found a GPU that NVML did not report

    def _update_status(self) -> None:
        """Where lessons compute: the device, torch, and the kernel's threads, priority and cap."""
        info = self.torch_info
        cap = self.tr("memory cap {p}% of free RAM").format(p=self.memory_cap_percent())
        threads = self.tr("lesson threads: {n} · lower priority · {cap}").format(n=self.kernel_threads(), cap=cap)
        if not info:
            self.device_label.setText(self.tr("Starting the lesson kernel…") if self._warm else "")
            self.threads_label.setText(threads)
            return
        if info.get("torch") is None:
            self.device_label.setText(self.tr("PyTorch is not installed"))
        else:
            device = info.get("gpu") or self.tr("CPU only")
            self.device_label.setText(self.tr("Device: {device} · torch {version}").format(
                device=device, version=info["torch"]))
        self.threads_label.setText(threads)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.ActivationChange:
            self.companion.set_active(self.isActiveWindow())
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- closing ----------------------------------------------------------------------------
    def running_views(self) -> list[LessonView]:
        return [v for v in self.views.values() if v.run is not None and v.run.running]

    def quit_now(self) -> None:
        """Close without asking (Ctrl-C in the terminal that started the app)."""
        self._asked = True
        self.close()

    def _may_close(self) -> bool:
        """A run going for more than a few seconds is not cancelled without asking."""
        long_runs = [v for v in self.running_views() if v.run.age() >= ASK_BEFORE_CLOSING_AFTER_S]
        if not long_runs or getattr(self, "_asked", False):
            return True
        names = "\n".join(self.tr("{lesson}, running for {duration}").format(
            lesson=pick(v.lesson.title), duration=clock(v.run.age())) for v in long_runs)
        answer = QMessageBox.question(
            self, self.tr("Stop the running lesson?"),
            self.tr("A lesson is still running:\n{runs}\n\nQuit and stop it? What it has computed so far "
                    "stays in the run history.").format(runs=names),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def closeEvent(self, event) -> None:
        """End every run's kernel (recorded `interrupted`) and the spare kernel, and wait for
        their threads, so no process outlives the window. Asks first when a run has been going
        for a while."""
        if not self._may_close():
            event.ignore()
            return
        self.item_view.save_note()
        for view in self.views.values():
            view.shutdown("the window was closed during the run")
        if self.kernels is not None:
            self.kernels.shutdown()
        self.companion.close()
        self.hardware.stop()
        self.sampler.close()
        super().closeEvent(event)
