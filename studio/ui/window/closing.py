"""What closing the window does to a running lesson: a run going for more than a few seconds
is not cancelled without asking."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from studio.core.text import pick
from studio.core.units import clock

ASK_BEFORE_CLOSING_AFTER_S = 5.0  # a younger run is stopped without a question


class CloseGuard(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.asked = False  # Ctrl-C in the terminal: close without asking

    def may_close(self) -> bool:
        long_runs = [v for v in self.window.stack.running() if v.run.age() >= ASK_BEFORE_CLOSING_AFTER_S]
        if not long_runs or self.asked:
            return True
        names = "\n".join(self.tr("{lesson}, running for {duration}").format(
            lesson=pick(v.lesson.title), duration=clock(v.run.age())) for v in long_runs)
        answer = QMessageBox.question(
            self.window, self.tr("Stop the running lesson?"),
            self.tr("A lesson is still running:\n{runs}\n\nQuit and stop it? What it has computed so far "
                    "stays in the run history.").format(runs=names),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes
