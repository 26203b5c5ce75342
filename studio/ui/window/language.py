"""View > Language: switch the UI language now (the views are made again in it), or once the
running lesson ends; the choice is remembered."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from studio.ui import i18n
from studio.ui.hardware import HardwarePanel
from studio.ui.runs_view import RunsView


class LanguageSwitch(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pending: str | None = None  # asked for during a run
        window.run_finished.connect(lambda *_: self.apply_pending())

    def switch(self, lang: str) -> None:
        """Switch language now (views are rebuilt) and remember the choice."""
        w = self.window
        i18n.save_language(lang)
        if lang == w.lang:
            return
        if w.stack.running():
            self.pending = lang
            w.statusBar().showMessage(self.tr("The language changes when the current run ends."), 5000)
            return
        w.lang = lang
        i18n.install(QApplication.instance(), lang)
        w.menus.language_actions[lang].setChecked(True)
        w.retranslate()
        current = w.current_lesson_id()
        w.stack.drop_all()
        w.lesson_list.relabel()
        w.roadmap.retranslate()
        w.item_view.retranslate()
        old, w.runs_view = w.runs_view, RunsView(w.runs)
        w.runs_dock.setWidget(w.runs_view)
        old.deleteLater()
        w.advice.advise()  # verdict texts in the new language
        old, w.hardware = w.hardware, HardwarePanel(w.sampler, history=w.hardware.history)
        old.stop()
        w.services.hardware = w.hardware
        w.hardware_dock.setWidget(w.hardware)
        old.deleteLater()
        if current:
            w.show_lesson(current)
        w.language_changed.emit(lang)

    def apply_pending(self) -> None:
        if self.pending and not self.window.stack.running():
            lang, self.pending = self.pending, None
            self.switch(lang)
