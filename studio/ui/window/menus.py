"""The menu bar: File, View, Hardware, Help. Each action calls the window; this only builds
and names them."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox

from studio import __version__
from studio.ui import i18n
from studio.ui.settings import settings


class WindowMenus(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_plan_action = self._action(window.open_plan, QKeySequence.Open)
        self.export_action = self._action(window.export_progress)
        self.import_action = self._action(window.import_progress)
        self.quit_action = self._action(window.close, QKeySequence.Quit)
        for action in (self.open_plan_action, None, self.export_action, self.import_action, None,
                       self.quit_action):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)

        self.view_menu = bar.addMenu("")
        self.home_action = self._action(window.show_home, QKeySequence("Alt+Home"))
        self.next_action = self._action(window.roadmap.go_next)
        self.view_menu.addAction(self.home_action)
        self.view_menu.addAction(self.next_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == window.lang)
            action.triggered.connect(lambda _=False, c=code: window.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.view_menu.addSeparator()
        for dock in (window.roadmap_dock, window.hardware_dock, window.runs_dock):
            self.view_menu.addAction(dock.toggleViewAction())

        self.hardware_menu = bar.addMenu("")
        self.measure_action = self._action(window.measure_pc)
        self.hardware_menu.addAction(self.measure_action)
        self.hardware_menu.addSeparator()
        self.all_cores_action = QAction(self, checkable=True)
        self.all_cores_action.setChecked(settings().value("kernel/all_cores", False, type=bool))
        self.all_cores_action.toggled.connect(window.kernel_status.set_all_cores)
        self.hardware_menu.addAction(self.all_cores_action)
        self.memory_cap_action = self._action(window.kernel_status.ask_memory_cap)
        self.hardware_menu.addAction(self.memory_cap_action)

        self.help_menu = bar.addMenu("")
        self.about_action = self._action(self.about)
        self.help_menu.addAction(self.about_action)

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About Zero-Compute ML Studio"),
            self.tr("Zero-Compute ML Studio {version}\n\nLearn machine learning on an ordinary PC: "
                    "the roadmap, runnable lessons and measured advice of the article "
                    "\u201c机器学习快速入门--0算力起步实践篇\u201d.").format(version=__version__),
        )

    def _action(self, call, shortcut=None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: call())
        return action

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.open_plan_action.setText(self.tr("&Open plan…"))
        self.export_action.setText(self.tr("&Export progress…"))
        self.import_action.setText(self.tr("&Import progress…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.home_action.setText(self.tr("&Home"))
        self.next_action.setText(self.tr("What &next?"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.hardware_menu.setTitle(self.tr("&Hardware"))
        self.measure_action.setText(self.tr("&Measure this PC…"))
        self.all_cores_action.setText(self.tr("Lessons use &all cores"))
        self.all_cores_action.setToolTip(self.tr("By default a lesson computes with all cores but one, "
                                                 "left to the window and the rest of the PC"))
        self.memory_cap_action.setText(self.tr("Lesson memory &cap…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About"))
