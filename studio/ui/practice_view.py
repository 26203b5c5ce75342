"""A lesson's Practice tab: its exercises, the task, an editor with the learner's code, and what
the checks found. The code runs in a kernel as an attempt (AttemptRun, driven like a lesson run);
the lesson view holds one job at a time, so a lesson run and an attempt never overlap, and the
window's close and language switch treat both alike."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.context import QueueContext
from studio.core.text import pick
from studio.practice.coordinator import AttemptCoordinator
from studio.practice.exercise import Exercise, for_lesson
from studio.practice.report import Report
from studio.practice.store import AttemptStore
from studio.ui.code_editor import EditorPane
from studio.ui.code_view import CodeView
from studio.ui.curve_chart import CurveChart
from studio.ui.practice_report import COLOURS, CheckList, status_names, verdict
from studio.ui.results_view import Console, figure_widget
from studio.ui.run_controller import JobRun, RunServices

SAVE_AFTER_MS = 1000  # the draft is saved this long after the last edit (and at every run, on close)


class AttemptRun(JobRun):
    """One practice attempt in the window: its AttemptCoordinator, recorded in the attempts."""

    def __init__(self, exercise: Exercise, code: str, parent=None, services: RunServices | None = None):
        self.exercise, self.code = exercise, code
        super().__init__(exercise.title, QueueContext("cpu", {}), parent, services)

    def _coordinator(self) -> AttemptCoordinator:
        return AttemptCoordinator(self.exercise, self.code, self.ctx, store=self.services.attempts,
                                  kernels=self.services.kernels(), memory_limit=self.services.memory_limit(),
                                  on_kernel=self.kernel_started.emit)


class PracticeView(QWidget):
    attempt_finished = Signal(object)  # Report, recorded
    lesson_passed = Signal(str)  # lesson id: every exercise of the lesson has passed
    mark_done = Signal(str)  # item id: the learner took the offer to tick the roadmap item

    def __init__(self, lesson, services: RunServices, host=None, parent=None):
        """`host` holds the lesson's one kernel job (the LessonView: hold/release/busy)."""
        super().__init__(parent)
        self.lesson, self.services, self.host = lesson, services, host
        self.store: AttemptStore = services.attempts
        self.exercises = for_lesson(lesson.id)
        self.exercise: Exercise | None = None
        self.run: AttemptRun | None = None
        self.last_report: Report | None = None
        self._offered_item: str | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_draft)

        self.none_label = QLabel(self.tr("No exercises for this lesson yet."))
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.task = QTextBrowser()
        self.task.setOpenExternalLinks(False)
        self.hint_button = QPushButton()
        self.solution_button = QPushButton()
        self.offer = QLabel()
        self.offer.setWordWrap(True)
        self.offer.setStyleSheet("background: #e8f5e9; padding: 4px; border-radius: 3px")
        self.offer_button = QPushButton(self.tr("Mark it done"))
        self.offer_box = QWidget()
        offer_row = QHBoxLayout(self.offer_box)
        offer_row.setContentsMargins(0, 0, 0, 0)
        offer_row.addWidget(self.offer, 1)
        offer_row.addWidget(self.offer_button)
        self.offer_box.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list)
        left_layout.addWidget(self.task, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint_button)
        buttons.addWidget(self.solution_button)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.offer_box)

        self.pane = EditorPane()
        self.editor = self.pane.editor
        self.code_tabs = QTabWidget()
        self.code_tabs.addTab(self.pane, self.tr("Your code"))
        self.solution_view: CodeView | None = None
        self.run_button = QPushButton(self.tr("Run and check"))
        self.run_button.setToolTip(self.tr("Ctrl+Enter"))
        self.run_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.reset_button = QPushButton(self.tr("Starter code"))
        self.reset_button.setToolTip(self.tr("Put the starter code back (Ctrl+Z brings yours back)"))
        self.attempts_button = QToolButton()
        self.attempts_button.setText(self.tr("Earlier attempts"))
        self.attempts_button.setPopupMode(QToolButton.InstantPopup)
        self.attempts_menu = QMenu(self.attempts_button)
        self.attempts_menu.aboutToShow.connect(self._fill_attempts)
        self.attempts_button.setMenu(self.attempts_menu)
        run_row = QHBoxLayout()
        for widget in (self.run_button, self.stop_button, self.reset_button):
            run_row.addWidget(widget)
        run_row.addStretch(1)
        run_row.addWidget(self.attempts_button)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.checks = CheckList()
        self.console = Console()
        self.chart = CurveChart()
        self.results = QTabWidget()
        self.results.addTab(self.checks, self.tr("Checks"))
        self.results.addTab(self.console, self.tr("Console"))
        self.results.addTab(self.chart, self.tr("Live chart"))
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.code_tabs, 1)
        editor_layout.addLayout(run_row)
        editor_layout.addWidget(self.state)
        right = QSplitter(Qt.Vertical)
        right.addWidget(editor_box)
        right.addWidget(self.results)
        right.setSizes([520, 380])
        self.body = QSplitter(Qt.Horizontal)
        self.body.addWidget(left)
        self.body.addWidget(right)
        self.body.setStretchFactor(0, 2)
        self.body.setStretchFactor(1, 3)
        self.body.setSizes([280, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.none_label)
        layout.addWidget(self.body, 1)
        self.none_label.setVisible(not self.exercises)
        self.body.setVisible(bool(self.exercises))

        self.list.currentRowChanged.connect(self._on_row)
        self.editor.textChanged.connect(self._edited)
        self.editor.run_requested.connect(self.start)
        self.run_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset)
        self.hint_button.clicked.connect(self.next_hint)
        self.solution_button.clicked.connect(lambda: self.reveal_solution())
        self.offer_button.clicked.connect(self._take_offer)
        for exercise in self.exercises:
            self.list.addItem(QListWidgetItem(pick(exercise.title)))
        self._refresh_list()
        if self.exercises:
            self.list.setCurrentRow(0)

    # -- choosing an exercise ------------------------------------------------------------------------
    def select(self, exercise_id: str) -> None:
        for row, exercise in enumerate(self.exercises):
            if exercise.id == exercise_id:
                self.list.setCurrentRow(row)
                return
        raise KeyError(exercise_id)

    def _on_row(self, row: int) -> None:
        if not 0 <= row < len(self.exercises) or self.exercises[row] is self.exercise:
            return
        self.save_draft()
        self.exercise = exercise = self.exercises[row]
        self.editor.blockSignals(True)
        self.editor.set_code(self.store.draft(exercise.id) or exercise.starter, undoable=False)
        self.editor.blockSignals(False)
        self._show_solution_tab(self.store.solution_seen(exercise.id))
        latest = self.store.latest(exercise.id)
        self._show_report(latest.report if latest is not None else None, mark=False)
        self._render_task()

    def _render_task(self) -> None:
        exercise = self.exercise
        shown = self.store.hints_shown(exercise.id)
        parts = [f"### {pick(exercise.title)}", pick(exercise.task)]
        for n, hint in enumerate(exercise.hints[:shown], 1):
            parts.append(self.tr("**Hint {n}.** {text}").format(n=n, text=pick(hint)))
        self.task.setMarkdown("\n\n".join(parts))
        more = shown < len(exercise.hints)
        self.hint_button.setEnabled(more)
        self.hint_button.setText(self.tr("Hint ({n}/{total})").format(n=shown + 1, total=len(exercise.hints))
                                 if more else self.tr("No more hints"))
        seen = self.store.solution_seen(exercise.id)
        self.solution_button.setText(self.tr("Solution shown") if seen else self.tr("Show the solution…"))
        self.solution_button.setEnabled(not seen)

    def _refresh_list(self) -> None:
        statuses, names = self.store.statuses(), status_names()
        for row, exercise in enumerate(self.exercises):
            status = statuses.get(exercise.id)
            name = status.status if status else "not_attempted"
            text = names[name] + (" " + self.tr("(solution seen)") if status and status.passed_with_solution else "")
            item = self.list.item(row)
            item.setText(f"{'●' if name == 'pass' else '○'}  {pick(exercise.title)}\n     {text}")
            item.setForeground(QColor(COLOURS.get(name, "#757575")))
            item.setToolTip(exercise.id)

    # -- hints and the solution -------------------------------------------------------------------------
    def next_hint(self) -> int:
        """Show one more hint; the number shown now."""
        shown = self.store.show_hints(self.exercise.id, self.store.hints_shown(self.exercise.id) + 1)
        self._render_task()
        return shown

    def reveal_solution(self, confirmed: bool | None = None) -> bool:
        """The solution, after the learner confirms: a pass after it is shown as such."""
        if confirmed is None:
            confirmed = QMessageBox.question(
                self, self.tr("Show the solution?"),
                self.tr("Try the hints first? A pass after you have seen the solution is shown as such."),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) == QMessageBox.Yes
        if not confirmed:
            return False
        self.store.reveal_solution(self.exercise.id)
        self._show_solution_tab(True)
        self.code_tabs.setCurrentWidget(self.solution_view)
        self._render_task()
        self._refresh_list()
        return True

    def _show_solution_tab(self, on: bool) -> None:
        if self.solution_view is not None:
            self.code_tabs.removeTab(self.code_tabs.indexOf(self.solution_view))
            self.solution_view.deleteLater()
            self.solution_view = None
        if on:
            self.solution_view = CodeView(self.exercise.solution)
            self.code_tabs.addTab(self.solution_view, self.tr("Solution"))

    # -- the code ---------------------------------------------------------------------------------------
    def save_draft(self) -> None:
        """Keep the editor's code (called after edits, at every run, on close, on switching)."""
        self._save_timer.stop()
        if self.exercise is not None:
            code = self.editor.code()
            if code != (self.store.draft(self.exercise.id) or self.exercise.starter):
                self.store.save_draft(self.exercise.id, code)

    def _edited(self) -> None:
        self._save_timer.start()

    def hideEvent(self, event) -> None:  # the tab, the lesson or the window goes away: keep the code
        self.save_draft()
        super().hideEvent(event)

    def reset(self) -> None:
        self.editor.set_code(self.exercise.starter, undoable=True)
        self._set_state(self.tr("Back to the starter code (Ctrl+Z brings yours back)."))

    def _fill_attempts(self) -> None:
        self.attempts_menu.clear()
        names = status_names()
        attempts = self.store.attempts(self.exercise.id) if self.exercise else []
        for a in attempts[:30]:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(a.started))
            action = self.attempts_menu.addAction(f"#{a.id}  {when}  {names.get(a.status, a.status)}"
                                                  + ("  (CLI)" if a.source == "cli" else ""))
            action.triggered.connect(lambda _=False, i=a.id: self.load_attempt(i))
        if not attempts:
            self.attempts_menu.addAction(self.tr("No attempts yet")).setEnabled(False)

    def load_attempt(self, attempt_id: int) -> None:
        """An earlier attempt's code in the editor (undoable) and its report."""
        attempt = self.store.attempt(attempt_id)
        if attempt is not None:
            self.editor.set_code(attempt.code, undoable=True)
            self._show_report(attempt.report, mark=False)

    # -- running ----------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.run is not None and self.run.running

    def start(self) -> bool:
        """Run the editor's code in a kernel and check it; False when the lesson is busy."""
        if self.exercise is None or self.running:
            return False
        if self.host is not None and self.host.busy:
            self._set_state(self.tr("The lesson is running: wait for it, or stop it, first."), error=True)
            return False
        self.save_draft()
        run = AttemptRun(self.exercise, self.editor.code(), self, services=self.services)
        run.events.connect(self._on_events)
        run.tick.connect(self.chart.refresh)
        run.finished.connect(self._on_finished)
        self.run = run
        self.console.clear()
        self.chart.clear()
        self.chart.set_source(run.ctx.scalars)
        self._clear_figures()
        self.checks.clear()
        self.editor.mark_line(None)
        self.results.setCurrentWidget(self.console)
        self._set_running(True)
        self._set_state(self.tr("Running your code…"))
        if self.host is not None:
            self.host.hold(run, self.tr("Running a practice exercise…"))
        run.start()
        return True

    def stop(self) -> None:
        if self.running:
            self.run.stop()
            self._set_state(self.tr("Stopping…"))

    def _set_running(self, on: bool) -> None:
        self.run_button.setEnabled(not on)
        self.stop_button.setEnabled(on)
        self.reset_button.setEnabled(not on)
        self.list.setEnabled(not on)

    def _on_events(self, events) -> None:
        lines = [e.payload for e in events if e.kind == "log"]
        if lines:
            self.console.append_lines(lines)
        for e in events:
            if e.kind == "figure":
                self.results.addTab(figure_widget(e.payload), e.name)

    def _clear_figures(self) -> None:
        while self.results.count() > 3:
            widget = self.results.widget(3)
            self.results.removeTab(3)
            widget.deleteLater()

    def _on_finished(self, report: Report) -> None:
        if self.host is not None:
            self.host.release(self.run)
        self._set_running(False)
        self.chart.refresh()
        self.chart.fit()
        self._show_report(report, mark=True)
        self._refresh_list()
        self.attempt_finished.emit(report)
        statuses = self.store.statuses()
        if report.status == "pass" and all(statuses.get(e.id) and statuses[e.id].passed for e in self.exercises):
            self.lesson_passed.emit(self.lesson.id)

    def _show_report(self, report: Report | None, mark: bool) -> None:
        self.last_report = report
        self.checks.show_report(report)
        if report is None:
            self._set_state(self.tr("Write your code, then Run and check (Ctrl+Enter)."))
            return
        seen = report.status == "pass" and self.store.status(report.exercise).passed_with_solution
        self._set_state(verdict(report, seen), colour=COLOURS.get(report.status))
        if report.status in ("error", "check_error", "timeout") and report.error:
            self.console.append_lines(report.error.rstrip().splitlines())
        if mark:
            self.editor.mark_line(report.error_line if report.status == "error" else None)
        self.results.setCurrentWidget(self.checks if report.checks else self.console)

    def _set_state(self, text: str, error: bool = False, colour: str | None = None) -> None:
        self.state.setText(text)
        colour = colour or ("#d62728" if error else None)
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold" if colour else "")

    # -- the roadmap ------------------------------------------------------------------------------------
    def offer_done(self, item_id: str, title: str) -> None:
        """Every exercise passed: offer to tick the lesson's roadmap item."""
        self._offered_item = item_id
        self.offer.setText(self.tr("Every exercise of this lesson passes. Mark \u201c{item}\u201d done on the "
                                   "roadmap?").format(item=title))
        self.offer_box.show()

    def _take_offer(self) -> None:
        self.offer_box.hide()
        if self._offered_item is not None:
            self.mark_done.emit(self._offered_item)
