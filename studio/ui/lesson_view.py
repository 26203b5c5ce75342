"""One lesson: its text and code, parameters, Run/Stop, live curves, output and results.

Opening a lesson shows its title, parameters and Run at once; the heavy parts (the highlighted
code, the curve chart and the results, the Practice and other tabs) are made after the first
paint, or the moment code asks for them (`view.chart`, `view.output`, `view.code`,
`view.practice`)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio.core import units
from studio.core.labels import device_label
from studio.core.lesson import Lesson, LessonError
from studio.core.runner import Outcome
from studio.core.text import pick
from studio.core.units import size
from studio.ui.code_view import CodeView
from studio.ui.curve_chart import CurveChart
from studio.ui.export_notebook import ExportNotebookButton
from studio.ui.lazy_page import LazyPage
from studio.ui.param_form import ParamForm
from studio.ui.results_view import ResultsView, bold
from studio.ui.run_controller import LessonRun, RunServices
from studio.ui.verdict_badge import VerdictBadge


def _size(mb) -> str:
    return size(mb * 2**20) if mb is not None else "?"


def cheaper_settings(lesson: Lesson, params: dict, detail: dict) -> list[str]:
    """The memory rule's cheaper settings of this lesson that fit in half of what the run
    had (half its limit, at most half the RAM available when it started), as texts."""
    from studio.core import advisor

    limit_mb = min(detail.get("memory_limit_mb") or 0, detail.get("available_mb") or 0) / 2
    try:
        return [pick(option.text) for option in advisor.cheaper_settings(lesson, params, limit_mb * 2**20)]
    except (TypeError, ValueError, LessonError):
        return []



class LessonView(QWidget):
    run_started = Signal(object)  # LessonRun
    run_finished = Signal(object, object)  # Outcome, LessonRun
    lesson_link = Signal(str)  # a related lesson was clicked
    practice_built = Signal(object)  # the Practice tab's PracticeView, once made

    def __init__(self, lesson: Lesson, cuda_available: bool = False, parent=None,
                 services: RunServices | None = None):
        super().__init__(parent)
        self.lesson = lesson
        self.services = services or RunServices()
        self.run: LessonRun | None = None
        self.last_outcome: Outcome | None = None
        self.confirm_run = None  # optional callable(lesson, params, device) -> bool, asked before Run
        self.history_page: LazyPage | None = None  # the window's History tab, if it adds one

        title = QLabel(pick(lesson.title))
        title.setFont(bold(title.font(), 4))
        title.setWordWrap(True)
        summary = QLabel(pick(lesson.summary))
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        header = QVBoxLayout()
        header.addWidget(title)
        header.addWidget(summary)
        if lesson.related:
            links = " · ".join(f'<a href="{rid}">{rid}</a>' for rid in lesson.related)
            related = QLabel(self.tr("Side by side: {links}").format(links=links))
            related.linkActivated.connect(self.lesson_link)
            header.addWidget(related)

        # code: what runs, what the article printed, and what changed between them
        self.code_tabs = QTabWidget()
        self._code_page = LazyPage(lambda: CodeView(lesson.source()))
        self.code_tabs.addTab(self._code_page, self.tr("Code"))
        if lesson.article_code:
            self.code_tabs.addTab(LazyPage(lambda: CodeView(lesson.article_code)), self.tr("Article code"))
        if lesson.changes:
            self.code_tabs.addTab(LazyPage(self._make_changes), self.tr("Changes"))

        # parameters and run controls
        self.form = ParamForm(lesson, cuda_available)
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.reset_button = QPushButton(self.tr("Defaults"))
        self.reset_button.setToolTip(self.tr("Restore the article's settings"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.state = QLabel(self.tr("Ready."))
        self.state.setWordWrap(True)
        self.export_button = ExportNotebookButton(lesson, params=self.form.values)
        self.verdict_badge = VerdictBadge()  # "can my PC run this?" for the current settings
        self.verdict_text = QLabel()
        self.verdict_text.setWordWrap(True)
        self.verdict_text.setStyleSheet("color: gray")
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.reset_button)
        params_box = QGroupBox(self.tr("Parameters"))
        box = QVBoxLayout(params_box)
        box.addWidget(self.form)
        box.addStretch(1)
        box.addWidget(self.verdict_badge, 0, Qt.AlignLeft)
        box.addWidget(self.verdict_text)
        box.addLayout(buttons)
        box.addWidget(self.export_button, 0, Qt.AlignRight)
        box.addWidget(self.progress)
        box.addWidget(self.state)
        if lesson.long_steps:
            note = QLabel(self.tr("Some steps are single long calls: Stop ends them within 3 s "
                                  "by ending the lesson's process."))
            note.setWordWrap(True)
            note.setStyleSheet("color: gray")
            box.addWidget(note)

        self._chart: CurveChart | None = None  # made after the first paint (see `chart`)
        self._output: ResultsView | None = None

        top = QSplitter(Qt.Horizontal)
        top.addWidget(self.code_tabs)
        top.addWidget(params_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        self._bottom = QSplitter(Qt.Horizontal)  # the chart and the results, made after the first paint
        body = QSplitter(Qt.Vertical)
        body.addWidget(top)
        body.addWidget(self._bottom)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([400, 600])  # initial proportions: curves and output get the larger part
        # the lesson, and its Practice tab (when the window gives an attempts store)
        self.pages = QTabWidget()
        self.pages.addTab(body, self.tr("Lesson"))
        self.practice_page: LazyPage | None = None
        if self.services.attempts is not None:
            self.practice_page = LazyPage(self._make_practice)
            self.practice_page.built.connect(self.practice_built)
            self.pages.addTab(self.practice_page, self.tr("Practice"))
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)

        self.run_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(lambda: self.form.set_values(lesson.defaults()))
        QTimer.singleShot(0, self, self._make_results)  # after the first paint

    # -- the heavy parts, made late ---------------------------------------------------
    def _make_results(self) -> None:
        if self._chart is not None:
            return
        self._chart = CurveChart(labels=self.lesson.labels)
        self._output = ResultsView(labels=self.lesson.labels)
        # The chart takes room only when there are curves (before a first run: for torch lessons).
        self._chart.setVisible(self.lesson.uses_torch)
        self._chart.has_curves.connect(self._on_has_curves)
        self._bottom.addWidget(self._chart)
        self._bottom.addWidget(self._output)
        self._bottom.setStretchFactor(0, 1)
        self._bottom.setStretchFactor(1, 1)

    @property
    def chart(self) -> CurveChart:
        self._make_results()
        return self._chart

    @property
    def output(self) -> ResultsView:
        self._make_results()
        return self._output

    @property
    def code(self) -> CodeView:
        return self._code_page.content()

    @property
    def practice(self):
        """The Practice tab's view (made now if it was not yet), None without an attempts store."""
        return self.practice_page.content() if self.practice_page is not None else None

    @property
    def practice_if_made(self):
        """The Practice tab's view if it was made (saving a draft needs no new one)."""
        page = self.practice_page
        return page.content() if page is not None and page.is_built else None

    @property
    def history(self):
        """The window's History tab of this lesson (`history_page`, set by the window), made now."""
        return self.history_page.content() if self.history_page is not None else None

    def show_practice(self) -> None:
        if self.practice_page is not None:
            self.pages.setCurrentWidget(self.practice_page)

    def _make_practice(self):
        from studio.ui.practice_view import PracticeView

        return PracticeView(self.lesson, self.services, host=self)

    def _make_changes(self) -> QTextBrowser:
        changes = QTextBrowser()
        changes.setMarkdown("\n".join(f"- {pick(c.text)}" for c in self.lesson.changes))
        return changes

    # -- running --------------------------------------------------------------------
    def start(self) -> bool:
        """Validate the form and start a run; False (with the reason shown) when it cannot."""
        if self.run is not None and self.run.running:
            return False
        try:
            params = self.lesson.resolve_params(self.form.values())
        except LessonError as exc:
            self._set_state(pick(getattr(exc, "text", str(exc))), error=True)
            return False
        device = self.form.device.currentData()
        if self.confirm_run is not None and not self.confirm_run(self.lesson, params, device):
            return False
        run = LessonRun(self.lesson, params, device, self, services=self.services)
        run.events.connect(self._on_events)
        run.tick.connect(self.chart.refresh)
        run.tick.connect(self._update_eta)
        run.finished.connect(self._on_finished)
        self.run = run
        self.chart.set_source(run.ctx.scalars)
        self.output.clear()
        self.output.setCurrentWidget(self.output.console)
        self.progress.setValue(0)
        self.progress.setRange(0, 0)  # busy until the lesson reports progress
        self._set_running(True)
        self._set_state(self.tr("Running…"))
        run.start()
        self.run_started.emit(run)
        return True

    def stop(self) -> None:
        if self.run is not None and self.run.running:
            self.run.stop()
            self._set_state(self.tr("Stopping…"))

    @property
    def busy(self) -> bool:
        """A kernel job of this lesson (a run, or a practice attempt) is going."""
        return self.run is not None and self.run.running

    def hold(self, run, text: str) -> None:
        """A job started elsewhere (a practice attempt) takes this lesson's one job slot."""
        self.run = run
        self._set_running(True)
        self._set_state(text)
        self.run_started.emit(run)

    def release(self, run) -> None:
        """That job ended."""
        if run is self.run:
            self._set_running(False)
            self._set_state(self.tr("Ready."))

    def shutdown(self, reason: str, msecs: int = 5000) -> bool:
        """End a run now, recorded `interrupted` with `reason` (the window closes), and wait
        for its thread; True when it ended. The practice code is saved."""
        if self.practice_if_made is not None:
            self.practice_if_made.save_draft()
        if self.run is None or not self.run.running:
            return True
        self.run.interrupt(reason)
        return self.run.wait(msecs)

    def set_verdict(self, verdict) -> None:
        """The advisor's verdict for the current settings (None hides it)."""
        self.verdict_badge.set_verdict(verdict)
        self.verdict_text.setText(verdict.sentence() if verdict else "")
        self.verdict_text.setVisible(verdict is not None)

    def _on_has_curves(self, on: bool) -> None:
        self.chart.setVisible(on or (self.run is None and self.lesson.uses_torch))

    def _set_running(self, on: bool) -> None:
        self.run_button.setEnabled(not on)
        self.reset_button.setEnabled(not on)
        self.stop_button.setEnabled(on)
        self.form.set_enabled(not on)

    def _set_state(self, text: str, error: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet("color: #d62728" if error else "")

    def _on_events(self, events) -> None:
        lines = []
        progress = None
        for e in events:
            if e.kind == "log":
                lines.append(e.payload)
                continue
            if lines:
                self.output.console.append_lines(lines)
                lines = []
            if e.kind == "progress":
                progress = e.payload  # only the newest is shown: one repaint per drain
            elif e.kind == "table":
                self.output.show_table(e.name, e.payload)
            elif e.kind == "plot":
                self.output.show_plot(e.name, e.payload)
            elif e.kind == "figure":
                self.output.show_figure(e.name, e.payload)
            elif e.kind == "result":
                self.output.add_results(e.payload)
            elif e.kind == "status":
                self._set_state(pick(e.payload))
        if lines:
            self.output.console.append_lines(lines)
        if progress is not None and progress[1]:
            done, total = progress
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))

    def _update_eta(self) -> None:
        run = self.run
        if run is None or not run.running:
            return
        if run.stopping:
            self._show_stop_step(run.stop_steps)
            return
        done, total = run.ctx.progress_value
        elapsed = time.perf_counter() - run.started_at
        if total and done and (elapsed > 2 or done / total > 0.05):
            left = elapsed * (total - done) / done
            self._set_state(self.tr("Running… {eta} left").format(eta=units.about(left, short=True)))

    def _show_stop_step(self, steps: list[str]) -> None:
        if "interrupt" in steps:
            self._set_state(self.tr("Stopping: interrupting the current step… (the lesson's process "
                                    "ends in 2 s if it does not stop)"))
        else:
            self._set_state(self.tr("Stopping after the current step…"))

    def _on_finished(self, outcome: Outcome) -> None:
        run = self.sender() if isinstance(self.sender(), LessonRun) else self.run
        self.last_outcome = outcome
        self._set_running(False)
        self.progress.setRange(0, 1000)
        self.chart.refresh()
        self.chart.fit()
        if outcome.status == "done":
            self.progress.setValue(1000)
            self._set_state(self.tr("Done in {s:.2f} s on {device}.").format(
                s=outcome.seconds, device=pick(device_label(outcome.device))))
            self.output.setCurrentWidget(self.output.results)
        elif outcome.status == "cancelled":
            self.chart.mark_stopped(self.tr("stopped"))
            self._set_state(self.tr("Stopped after {s:.2f} s.").format(s=outcome.seconds))
        elif outcome.status == "out_of_memory":
            self.chart.mark_stopped(self.tr("out of memory"))
            text = self.memory_text(outcome)
            self._set_state(text, error=True)
            self.output.console.append_lines([text])
            self.output.setCurrentWidget(self.output.console)
        elif outcome.status == "crashed":
            self.chart.mark_stopped(self.tr("crashed"))
            detail = outcome.detail
            self._set_state(self.tr("The lesson's process crashed ({exit}); the app is fine. Its last "
                                    "output is in the console.").format(exit=detail.get("exit", "?")), error=True)
            if detail.get("stderr"):
                self.output.console.append_lines(detail["stderr"].splitlines())
            self.output.setCurrentWidget(self.output.console)
        else:
            self.chart.mark_stopped(self.tr("failed"))
            last = outcome.error.strip().splitlines()[-1] if outcome.error else ""
            self._set_state(self.tr("Failed: {error}").format(error=last), error=True)
            self.output.setCurrentWidget(self.output.console)
        self.run_finished.emit(outcome, run)

    def memory_text(self, outcome: Outcome) -> str:
        """Out of memory, in the UI's language: the peak against the limit and what was
        available, and the memory rule's cheaper settings for this lesson."""
        d = outcome.detail
        text = self.tr("Out of memory: the run reached {peak}, over its limit of {limit} ({available} "
                       "were available when it started). The app is fine.").format(
            peak=_size(d.get("peak_rss_mb")), limit=_size(d.get("memory_limit_mb")),
            available=_size(d.get("available_mb")))
        options = cheaper_settings(self.lesson, outcome.params, d)
        if options:
            text += " " + self.tr("Cheaper settings: {options}.").format(options="; ".join(options))
        return text
