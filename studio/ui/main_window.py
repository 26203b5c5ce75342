"""The main window: roadmap on the left, the lesson in the middle, hardware on the right."""

from __future__ import annotations

import sys

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
    QStackedWidget,
)
from superqt.utils import create_worker

from studio import __version__
from studio.core.lesson import Catalog
from studio.core.text import pick
from studio.ui import i18n
from studio.ui.lesson_view import LessonView
from studio.ui.warmup import warm_up


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

    def __init__(self, catalog: Catalog, lang: str = "en", warm: bool = True, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.lang = lang
        self.cuda_available = False
        self.torch_info: dict = {}
        self.views: dict[str, LessonView] = {}
        self._warm = warm
        self._warm_worker = None
        self._pending_lang: str | None = None
        self.setObjectName("MainWindow")
        self.resize(1500, 940)

        self.stack = QStackedWidget()
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.setCentralWidget(self.stack)

        self.roadmap_dock = QDockWidget(self)
        self.roadmap_dock.setObjectName("RoadmapDock")
        self.lesson_list = LessonList(catalog)
        self.lesson_list.lesson_requested.connect(self.show_lesson)
        self.roadmap_dock.setWidget(self.lesson_list)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.roadmap_dock)

        self.hardware_dock = QDockWidget(self)
        self.hardware_dock.setObjectName("HardwareDock")
        self.hardware_placeholder = QLabel()
        self.hardware_placeholder.setAlignment(Qt.AlignCenter)
        self.hardware_dock.setWidget(self.hardware_placeholder)
        self.addDockWidget(Qt.RightDockWidgetArea, self.hardware_dock)
        self.resizeDocks([self.roadmap_dock, self.hardware_dock], [300, 320], Qt.Horizontal)

        self.device_label = QLabel()
        self.threads_label = QLabel()
        self.statusBar().addPermanentWidget(self.device_label)
        self.statusBar().addPermanentWidget(self.threads_label)

        self._build_menus()
        self.retranslate()

    # -- menus and language --------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
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

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        """Set every UI string of the window itself (lesson views are rebuilt instead)."""
        self.setWindowTitle(self.tr("Zero-Compute ML Studio"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About"))
        self.roadmap_dock.setWindowTitle(self.tr("Roadmap"))
        self.hardware_dock.setWindowTitle(self.tr("Hardware"))
        self.hardware_placeholder.setText(self.tr("The hardware panel appears here."))
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
            self.stack.removeWidget(view)
            view.deleteLater()
        self.views.clear()
        self._relabel_lessons()
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

    # -- lessons ---------------------------------------------------------------------------
    def current_lesson_id(self) -> str | None:
        widget = self.stack.currentWidget()
        return widget.lesson.id if isinstance(widget, LessonView) else None

    def lesson_view(self, lesson_id: str) -> LessonView:
        """The view of a lesson, made on first use and kept (a run goes on when you look away)."""
        view = self.views.get(lesson_id)
        if view is None:
            view = LessonView(self.catalog.get(lesson_id), self.cuda_available)
            view.run_started.connect(self._on_run_started)
            view.run_finished.connect(self._on_run_finished)
            view.lesson_link.connect(self.show_lesson)
            self.views[lesson_id] = view
            self.stack.addWidget(view)
        return view

    def show_lesson(self, lesson_id: str) -> LessonView:
        view = self.lesson_view(lesson_id)
        self.stack.setCurrentWidget(view)
        self.lesson_list.select(lesson_id)
        return view

    def _on_run_started(self, run) -> None:
        self._update_status()
        self.run_started.emit(run)

    def _on_run_finished(self, outcome, run) -> None:
        if not self.torch_info and "torch" in sys.modules:  # a lesson loaded torch before warm-up
            torch = sys.modules["torch"]
            self.torch_info = {"torch": torch.__version__, "threads": torch.get_num_threads()}
        self._update_status()
        self.statusBar().showMessage(
            self.tr("{lesson}: {status} on {device}").format(
                lesson=outcome.lesson, status=self.status_text(outcome.status), device=outcome.device), 10_000)
        self.run_finished.emit(outcome, run)
        if self._pending_lang and not any(v.run and v.run.running for v in self.views.values()):
            lang, self._pending_lang = self._pending_lang, None
            self.set_language(lang)

    def status_text(self, status: str) -> str:
        return {"done": self.tr("done"), "cancelled": self.tr("stopped"), "failed": self.tr("failed"),
                "interrupted": self.tr("interrupted")}.get(status, status)

    # -- warm-up and status bar -----------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._warm and self._warm_worker is None:
            self._warm_worker = create_worker(warm_up, _start_thread=False)
            self._warm_worker.returned.connect(self._on_warm)
            self._warm_worker.start()

    def _on_warm(self, info: dict) -> None:
        self.torch_info = info
        self.cuda_available = bool(info.get("cuda"))
        for view in self.views.values():
            view.form.set_cuda_available(self.cuda_available)
        self._update_status()

    def _update_status(self) -> None:
        info = self.torch_info
        if not info:
            self.device_label.setText(self.tr("Loading libraries…") if self._warm else "")
            self.threads_label.setText("")
            return
        if info.get("torch") is None:
            self.device_label.setText(self.tr("PyTorch is not installed"))
            return
        device = info.get("gpu") or self.tr("CPU only")
        self.device_label.setText(self.tr("Device: {device}").format(device=device))
        self.threads_label.setText(
            self.tr("torch {version} · {n} threads").format(version=info["torch"], n=info["threads"])
        )

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        """Stop every run and wait for its thread, so nothing outlives the window."""
        for view in self.views.values():
            view.shutdown()
        if self._warm_worker is not None and self._warm_worker.is_running:
            self._warm_worker.await_workers(msecs=30_000)
        super().closeEvent(event)
