"""The main window: roadmap on the left, the item and its lesson in the middle, hardware on the right.

It lays the parts out and moves between them (Home, an item, a lesson); the parts it wires
live beside it in studio/ui/window/. Views follow the stores' events themselves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
)

from studio.core import measure
from studio.core.db import Database
from studio.core.hardware import Sampler
from studio.core.history import RunStore
from studio.core.lesson import Catalog
from studio.core.open_plan import OpenPlan
from studio.core.plan import Plan
from studio.core.progress import ProgressStore
from studio.core.text import pick
from studio.kernel.jobs import warm_modules
from studio.kernel.pool import KernelPool
from studio.practice.store import AttemptStore
from studio.ui import plan_dialogs
from studio.ui.hardware import HardwarePanel
from studio.ui.item_view import ItemView
from studio.ui.lesson_view import LessonView
from studio.ui.measure_dialog import MeasureDialog
from studio.ui.practice_progress import PracticeProgress
from studio.ui.roadmap_view import RoadmapView
from studio.ui.run_controller import RunServices
from studio.ui.runs_view import RunsView
from studio.ui.study_companion import StudyCompanion
from studio.ui.window.advice import Advice
from studio.ui.window.closing import CloseGuard
from studio.ui.window.kernel_status import KernelStatus
from studio.ui.window.language import LanguageSwitch
from studio.ui.window.lesson_list import LessonList
from studio.ui.window.lesson_pages import LessonPages
from studio.ui.window.menus import WindowMenus
from studio.ui.window.plan_start import PlanStart
from studio.ui.window.run_tracking import RunTracking


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
        self._warm = warm
        self.kernels: KernelPool | None = None  # spare kernels, started once the window shows
        self.setObjectName("MainWindow")
        self.resize(1500, 940)
        self.kernel_status = KernelStatus(self, warm)

        # the open plan and its progress, the runs and the practice attempts
        self.db = db if db is not None else Database()
        self.plan_start = PlanStart(catalog.ids(), self)
        self.startup_notes = self.plan_start.notes  # what the window says when it opens
        self.study = OpenPlan(self.db, self.plan_start.choose(plan))
        self.runs = RunStore(self.db)
        self.interrupted_runs = self.runs.recover_interrupted()
        self.attempts = AttemptStore(self.db)  # practice: every lesson's exercises
        self.attempts.recover_interrupted()
        self.advice = Advice(self)
        self.run_tracking = RunTracking(self)

        # the roadmap on the left; the selected item above its lesson in the middle
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
        self.stack = LessonPages(self)
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

        self.roadmap_dock = self._dock("RoadmapDock", Qt.LeftDockWidgetArea)
        self.lesson_list = LessonList(catalog)
        self.lesson_list.lesson_requested.connect(self._on_list_lesson)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.roadmap, "")
        self.left_tabs.addTab(self.lesson_list, "")
        self.roadmap_dock.setWidget(self.left_tabs)

        self.hardware_dock = self._dock("HardwareDock", Qt.RightDockWidgetArea)
        self.sampler = Sampler()
        self.hardware = HardwarePanel(self.sampler)
        self.hardware_dock.setWidget(self.hardware)
        self.hardware_dock.setMinimumWidth(300)
        self.resizeDocks([self.roadmap_dock, self.hardware_dock], [420, 320], Qt.Horizontal)
        # what every lesson run needs: the history, spare kernels, the memory cap, the panel
        self.services = RunServices(store=self.runs, memory_limit=self.kernel_status.memory_limit,
                                    hardware=self.hardware, attempts=self.attempts)
        self.practice_progress = PracticeProgress(self)  # exercises passed, under the roadmap
        self.roadmap.layout().addWidget(self.practice_progress)
        self.kernel_warmed.connect(self.kernel_status.on_warm)
        self.kernel_status.cuda_found.connect(self._on_cuda_found)
        self.study.events.opened.connect(self._on_plan_opened)

        # every run of every lesson: a dock for the overall history (each lesson has its own tab)
        self.runs_dock = self._dock("RunsDock", Qt.BottomDockWidgetArea)
        self.runs_view = RunsView(self.runs)
        self.runs_dock.setWidget(self.runs_view)
        self.runs_dock.hide()

        self.language = LanguageSwitch(self)
        self.menus = WindowMenus(self)
        self.close_guard = CloseGuard(self)
        self.retranslate()
        self.advice.advise()
        self._say_startup_notes()

    def _dock(self, name: str, area) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        self.addDockWidget(area, dock)
        return dock

    def _say_startup_notes(self) -> None:
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

    # -- what the parts share ----------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        return self.study.plan

    @property
    def store(self) -> ProgressStore:
        return self.study.store

    @property
    def views(self) -> dict[str, LessonView]:
        return self.stack.views

    @property
    def placeholder(self):
        return self.stack.placeholder

    @property
    def cuda_available(self) -> bool:
        return self.kernel_status.cuda_available

    @property
    def torch_info(self) -> dict:
        return self.kernel_status.torch_info

    @property
    def memory_cap_bytes(self) -> int | None:
        return self.kernel_status.memory_cap_bytes

    @memory_cap_bytes.setter
    def memory_cap_bytes(self, value: int | None) -> None:
        self.kernel_status.memory_cap_bytes = value

    @property
    def device_label(self):
        return self.kernel_status.device_label

    @property
    def threads_label(self):
        return self.kernel_status.threads_label

    def kernel_threads(self) -> int:
        return self.kernel_status.kernel_threads()

    def status_text(self, status: str) -> str:
        return self.runs_view.model.status_text(status)

    def item_of(self, lesson_id: str) -> str | None:
        item = self.plan.item_for_lesson(lesson_id)
        return item.id if item is not None else None

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every UI string of the window itself (lesson views are rebuilt instead)."""
        self.setWindowTitle(self.tr("Zero-Compute ML Studio"))
        self.menus.retranslate()
        self.left_tabs.setTabText(0, self.tr("Roadmap"))
        self.left_tabs.setTabText(1, self.tr("Lessons"))
        self.roadmap_dock.setWindowTitle(self.tr("Roadmap"))
        self.hardware_dock.setWindowTitle(self.tr("Hardware"))
        self.runs_dock.setWindowTitle(self.tr("Run history"))
        self.stack.retranslate()
        self.kernel_status.update()

    def set_language(self, lang: str) -> None:
        self.language.switch(lang)

    # -- the plan and its progress --------------------------------------------------------------
    def open_plan(self, path: str | Path | None = None) -> Plan | None:
        """File > Open plan…: errors shown as `studio plan check` prints them; the current plan stays."""
        plan = plan_dialogs.open_plan(self, self.catalog.ids(), path)
        if plan is None:
            return None
        self.item_view.save_note()
        self.study.open(plan)  # the views follow its `opened` event
        return plan

    def _on_plan_opened(self, plan: Plan) -> None:
        self.roadmap.set_plan(plan, self.store)
        self.item_view.set_plan(plan, self.store)
        self.companion.set_plan(plan)
        self.practice_progress.refresh()
        self.advice.advise()  # the verdict dots of the new plan's items
        self._show_central(item=True, lesson=False)
        self.plan_start.remember(plan)

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

    def measure_pc(self) -> MeasureDialog:
        """Hardware > Measure this PC: throughput and memory, kept; the verdicts follow."""
        dialog = MeasureDialog(measure.measure, save=lambda m: measure.save(self.db, m),
                               previous=measure.latest(self.db), parent=self)
        dialog.measured.connect(lambda _m: self.advice.advise())
        dialog.show()
        return dialog

    # -- moving between Home, an item and a lesson ----------------------------------------------
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

    def current_lesson_id(self) -> str | None:
        return self.stack.current_lesson_id()

    def lesson_view(self, lesson_id: str) -> LessonView:
        return self.stack.view(lesson_id)

    def show_lesson(self, lesson_id: str, with_item: bool | None = None) -> LessonView:
        view = self.stack.view(lesson_id)
        self.stack.show_view(view)
        if with_item is None:  # keep the item page when it shows this lesson's item
            current = self.item_view.item
            with_item = current is not None and current.lesson == lesson_id
        self._show_central(item=with_item, lesson=True)
        self.lesson_list.select(lesson_id)
        self.companion.opened("lesson", lesson_id, self.item_of(lesson_id))
        return view

    def exercise_chosen(self, view: LessonView) -> None:
        if view.practice is not None and view.practice.exercise is not None:
            self.companion.opened("exercise", view.practice.exercise.id, self.item_of(view.lesson.id))

    # -- kernels ----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.companion.watch_input(self.windowHandle())
        if not self.plan_start.shown:  # the start finished: its plan may be reopened next time
            self.plan_start.finished()
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

    def _on_cuda_found(self, cuda: bool) -> None:
        for view in self.views.values():
            view.form.set_cuda_available(cuda)
        if cuda:
            self.advice.advise()  # torch found a GPU that NVML did not report

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.ActivationChange:
            self.companion.set_active(self.isActiveWindow())
        if event.type() == QEvent.LanguageChange and hasattr(self, "menus"):
            self.retranslate()
        super().changeEvent(event)

    # -- closing ------------------------------------------------------------------------------------
    def running_views(self) -> list[LessonView]:
        return self.stack.running()

    def quit_now(self) -> None:
        """Close without asking (Ctrl-C in the terminal that started the app)."""
        self.close_guard.asked = True
        self.close()

    def closeEvent(self, event) -> None:
        """End every run's kernel (recorded `interrupted`) and the spare kernel, and wait for
        their threads, so no process outlives the window. Asks first when a run has been going
        for a while."""
        if not self.close_guard.may_close():
            event.ignore()
            return
        self.item_view.save_note()
        self.stack.shutdown("the window was closed during the run")
        if self.kernels is not None:
            self.kernels.shutdown()
        self.companion.close()
        self.hardware.stop()
        self.sampler.close()
        super().closeEvent(event)
