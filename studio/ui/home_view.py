"""Home: the first page of the window. Where the learner is and what to do next.

It renders a `studio.core.study.home.Home` (the same facts `studio home` prints): continue where
you left off, progress per phase, this week's hours against the weekly goal, finish dates at
your pace and at the goal beside the article's months, the next three items, reviews due, this
PC's verdicts and the last runs. Clicks are signals; the window opens what they name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.core.study.home import Home
from studio.core.text import pick
from studio.core.units import clock
from studio.ui.results_view import bold


def _section(title: str) -> QLabel:
    label = QLabel(title)
    label.setFont(bold(label.font(), 2))
    label.setContentsMargins(0, 10, 0, 2)
    return label


def _link(text: str, target: str) -> QLabel:
    label = QLabel(f'<a href="{target}">{text}</a>')
    label.setTextInteractionFlags(Qt.TextBrowserInteraction)
    return label


class HomeView(QWidget):
    item_requested = Signal(str)
    lesson_requested = Signal(str)
    exercise_requested = Signal(str)
    goal_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.home: Home | None = None
        self._titles = None  # callables naming things: set by `show_home`
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self._continue)
        self.goal = QDoubleSpinBox()
        self.goal.setRange(0.5, 168)
        self.goal.setSingleStep(0.5)
        self.goal.setDecimals(1)
        self.goal.editingFinished.connect(lambda: self.goal_changed.emit(self.goal.value()))

    # -- rendering ----------------------------------------------------------------------------
    def show_home(self, home: Home, plan, titles) -> None:
        """Render `home`. `titles(kind, id)` names an item, lesson or exercise in the UI's language."""
        self.home, self._titles = home, titles
        self.goal.blockSignals(True)
        self.goal.setValue(home.goal_hours)
        self.goal.blockSignals(False)
        layout = self.layout_
        _clear(layout, keep=(self.continue_button, self.goal))
        title = QLabel(pick(plan.title))
        title.setFont(bold(title.font(), 6))
        layout.addWidget(title)
        self._continue_row(home)
        self._phases(home, plan)
        self._week(home)
        self._studied(home, plan)
        self._forecast(home, plan)
        self._next(home)
        self._reviews(home)
        self._pc(home)
        self._runs(home)
        layout.addStretch(1)

    def _continue_row(self, home: Home) -> None:
        if home.last:
            kind, ident = home.last
            self.continue_button.setText(self.tr("Continue: {what}").format(what=self._titles(kind, ident)))
            self.continue_button.setEnabled(True)
        else:
            self.continue_button.setText(self.tr("Start with the first item"))
            self.continue_button.setEnabled(bool(home.next_items))
        self.continue_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.continue_button)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def _phases(self, home: Home, plan) -> None:
        self.layout_.addWidget(_section(self.tr("Progress")))
        grid = QGridLayout()
        phases = {p.id: p for p in plan.phases}
        for row, (phase_id, tally) in enumerate(home.phases):
            grid.addWidget(QLabel(pick(phases[phase_id].title)), row, 0)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(int(1000 * tally.fraction()))
            bar.setFormat(self.tr("{done:g} of {hours:g} h").format(done=tally.done_hours, hours=tally.hours))
            grid.addWidget(bar, row, 1)
            grid.addWidget(QLabel(self.tr("done {done} · learning {learning} · skipped {skipped} of {items}").format(
                done=tally.done, learning=tally.learning, skipped=tally.skipped, items=tally.items)), row, 2)
        grid.setColumnStretch(1, 1)
        self.layout_.addLayout(grid)

    def _week(self, home: Home) -> None:
        self.layout_.addWidget(_section(self.tr("This week")))
        row = QHBoxLayout()
        bar = QProgressBar()
        bar.setRange(0, 1000)
        bar.setValue(min(1000, int(1000 * home.week_hours / home.goal_hours)) if home.goal_hours else 0)
        bar.setFormat(self.tr("{h:.1f} h of {goal:g} h").format(h=home.week_hours, goal=home.goal_hours))
        row.addWidget(bar, 1)
        row.addWidget(QLabel(self.tr("Weekly goal (h):")))
        row.addWidget(self.goal)
        self.layout_.addLayout(row)

    def _studied(self, home: Home, plan) -> None:
        self.layout_.addWidget(_section(self.tr("Time studied")))
        tree = QTreeWidget()
        tree.setHeaderLabels([self.tr("Phase and topic"), self.tr("Studied"), self.tr("Planned")])
        tree.setRootIsDecorated(True)
        for phase in plan.phases:
            hours = sum(i.hours for t in phase.topics for i in t.items)
            node = QTreeWidgetItem([pick(phase.title), _h(home.studied.get(phase.id, 0.0) / 3600), _h(hours)])
            tree.addTopLevelItem(node)
            for topic in phase.topics:
                node.addChild(QTreeWidgetItem([pick(topic.title),
                                               _h(home.studied.get((phase.id, topic.id), 0.0) / 3600),
                                               _h(sum(i.hours for i in topic.items))]))
        tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        tree.header().setStretchLastSection(False)
        tree.setFixedHeight(24 + 22 * len(plan.phases))
        self.layout_.addWidget(tree)

    def _forecast(self, home: Home, plan) -> None:
        self.layout_.addWidget(_section(self.tr("At your pace")))
        main = home.at_pace or home.at_goal
        if home.at_pace:
            head = self.tr("{h:.1f} h a week over the last 4 weeks: the plan is done on {date}.")
        else:
            head = self.tr("Nothing logged in the last 4 weeks; at your goal of {h:g} h a week the plan is done "
                           "on {date}.")
        finish = main.finish.isoformat() if main.finish else self.tr("never")
        note = QLabel(head.format(h=main.hours_per_week, date=finish))
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        grid = QGridLayout()
        headers = [self.tr("Phase"), self.tr("Hours left"), self.tr("At your pace"), self.tr("At your goal"),
                   self.tr("The article")]
        for col, text in enumerate(headers):
            label = QLabel(text)
            label.setFont(bold(label.font()))
            grid.addWidget(label, 0, col)
        phases = {p.id: p for p in plan.phases}
        for row, goal_phase in enumerate(home.at_goal.phases, start=1):
            pace_phase = home.at_pace.phases[row - 1] if home.at_pace else None
            lo, hi = goal_phase.months
            cells = [pick(phases[goal_phase.phase_id].title), _h(goal_phase.hours_left),
                     pace_phase.finish.isoformat() if pace_phase and pace_phase.finish else "—",
                     goal_phase.finish.isoformat() if goal_phase.finish else "—",
                     self.tr("{lo}-{hi} months").format(lo=lo, hi=hi)]
            for col, text in enumerate(cells):
                grid.addWidget(QLabel(text), row, col)
        self.layout_.addLayout(grid)

    def _next(self, home: Home) -> None:
        self.layout_.addWidget(_section(self.tr("What next")))
        if not home.next_items:
            self.layout_.addWidget(QLabel(self.tr("Every item is done or skipped.")))
        for item in home.next_items:
            link = _link(pick(item.title), f"item:{item.id}")
            link.linkActivated.connect(self._open)
            self.layout_.addWidget(link)

    def _reviews(self, home: Home) -> None:
        self.layout_.addWidget(_section(self.tr("Reviews due")))
        if not home.reviews_due:
            self.layout_.addWidget(QLabel(self.tr("None today.")))
        for r in home.reviews_due:
            link = _link(self.tr("{exercise} (review {n} of 4)").format(
                exercise=self._titles("exercise", r.exercise), n=r.review.step + 1), f"exercise:{r.exercise}")
            link.linkActivated.connect(self._open)
            self.layout_.addWidget(link)

    def _pc(self, home: Home) -> None:
        self.layout_.addWidget(_section(self.tr("This PC")))
        pc = home.pc
        text = self.tr("This PC runs {n} of the plan's {m} items it can judge; {k} need a GPU: use Colab or "
                       "Kaggle for those.").format(n=pc.runs_here, m=pc.judged, k=pc.need_gpu)
        label = QLabel(text)
        label.setWordWrap(True)
        self.layout_.addWidget(label)

    def _runs(self, home: Home) -> None:
        self.layout_.addWidget(_section(self.tr("Last runs")))
        if not home.runs:
            self.layout_.addWidget(QLabel(self.tr("No runs yet.")))
        for run in home.runs:
            text = self.tr("{lesson}: {status}, {duration}").format(
                lesson=self._titles("lesson", run.lesson), status=self._titles("status", run.status),
                duration=clock(run.duration))
            link = _link(text, f"lesson:{run.lesson}")
            link.linkActivated.connect(self._open)
            self.layout_.addWidget(link)

    # -- clicks ---------------------------------------------------------------------------------
    def _continue(self) -> None:
        home = self.home
        if home is None:
            return
        if home.last:
            self._open(":".join(home.last))
        elif home.next_items:
            self.item_requested.emit(home.next_items[0].id)

    def _open(self, target: str) -> None:
        kind, _, ident = target.partition(":")
        {"item": self.item_requested, "lesson": self.lesson_requested,
         "exercise": self.exercise_requested}[kind].emit(ident)


def _h(hours: float) -> str:
    return f"{hours:.1f} h"


def _clear(layout, keep) -> None:
    while layout.count():
        child = layout.takeAt(0)
        widget = child.widget()
        if widget is not None:
            if widget in keep:
                widget.setParent(None)
            else:
                widget.deleteLater()
        elif child.layout() is not None:
            _clear(child.layout(), keep)
