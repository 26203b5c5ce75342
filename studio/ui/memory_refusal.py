"""The memory rule in the window: a run whose estimated memory exceeds 80% of the available
RAM is not started; the learner sees why and picks cheaper settings, runs anyway, or cancels.

Wiring: `lesson_view.confirm_run = MemoryGuard(lesson_view)`.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from studio.core import advisor
from studio.core.text import pick
from studio.core.units import size

CHEAPER, FORCE = "cheaper", "force"


class MemoryRefusalDialog(QDialog):
    """Shows a `Refusal`; after exec, `choice` is CHEAPER (with `chosen` settings), FORCE or None."""

    def __init__(self, refusal: advisor.Refusal, parent=None, cap: int | None = None):
        """`cap`: the memory cap a run anyway gets (bytes), shown in the warning."""
        super().__init__(parent)
        self.refusal = refusal
        self.choice: str | None = None
        self.chosen: dict = {}
        self.setWindowTitle(self.tr("Not enough memory for this run"))

        why = QLabel(refusal.message() + ".")
        why.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        self.options = QButtonGroup(self)
        if refusal.options:
            heading = QLabel(self.tr("Cheaper settings that use at most half of the {available} available "
                                     "({limit}), so the rest of the computer keeps room:").format(
                available=size(refusal.available), limit=size(refusal.suggest_limit)))
            heading.setWordWrap(True)
            layout.addWidget(heading)
            for i, option in enumerate(refusal.options):
                radio = QRadioButton(pick(option.text))
                radio.setChecked(i == 0)
                self.options.addButton(radio, i)
                layout.addWidget(radio)
        else:
            none = QLabel(self.tr("No cheaper settings of this lesson fit. A free GPU notebook has more "
                                  "memory: export the lesson as a notebook for Colab or Kaggle."))
            none.setWordWrap(True)
            layout.addWidget(none)
        if cap:
            warn = QLabel(self.tr("Running anyway runs it with a memory cap of {cap}: past it, the run ends as "
                                  "out of memory and the app stays up.").format(cap=size(cap)))
        else:
            warn = QLabel(self.tr("Running anyway may make the computer swap to disk and freeze for a while."))
        warn.setWordWrap(True)
        warn.setStyleSheet("color: gray")
        layout.addWidget(warn)

        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.cheaper_button = QPushButton(self.tr("Use these settings"))
        self.cheaper_button.setEnabled(bool(refusal.options))
        self.cheaper_button.setDefault(bool(refusal.options))
        self.force_button = QPushButton(self.tr("Run anyway"))
        buttons.addButton(self.cheaper_button, QDialogButtonBox.AcceptRole)
        buttons.addButton(self.force_button, QDialogButtonBox.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.cheaper_button.clicked.connect(self.use_cheaper)
        self.force_button.clicked.connect(self.run_anyway)
        layout.addWidget(buttons)

    def use_cheaper(self) -> None:
        index = self.options.checkedId()
        if index < 0:
            return
        self.choice, self.chosen = CHEAPER, dict(self.refusal.options[index].params)
        self.accept()

    def run_anyway(self) -> None:
        self.choice, self.chosen = FORCE, {}
        self.accept()


class MemoryGuard:
    """A `LessonView.confirm_run` hook: lets a run start when it fits; otherwise asks.

    Cheaper settings are written into the parameter form and the run starts with them."""

    def __init__(self, view, check=advisor.memory_check):
        self.view = view
        self.check = check
        self.dialog: MemoryRefusalDialog | None = None  # the last one shown (tests read it)

    def __call__(self, lesson, params, device) -> bool:
        refusal = self.check(lesson, params)
        if refusal is None:
            return True
        services = getattr(self.view, "services", None)
        cap = services.memory_limit() if services is not None else None
        self.dialog = MemoryRefusalDialog(refusal, self.view, cap=cap)
        self.dialog.exec()
        if self.dialog.choice == FORCE:
            return True
        if self.dialog.choice == CHEAPER:
            self.view.form.set_values({**params, **self.dialog.chosen})
            QTimer.singleShot(0, self.view.start)  # start again: the new settings pass the check
        return False
