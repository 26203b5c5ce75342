"""`studio home`: where you are and what next, as the window's Home page says it."""

from __future__ import annotations

import json
import time
from pathlib import Path

from studio.cli.common import fail, open_database
from studio.core import advisor
from studio.core.history import RunStore
from studio.core.lesson import LessonError, catalog
from studio.core.plan import PlanError, default_plan_path, load_plan
from studio.core.progress import ProgressStore
from studio.core.study import home
from studio.core.study.log import StudyLog
from studio.core.text import pick
from studio.core.units import clock
from studio.practice import exercise as exercises
from studio.practice.reviews import due
from studio.practice.store import AttemptStore


def add_parser(sub) -> None:
    p = sub.add_parser("home", help="where you are and what next (the window's Home page)")
    p.add_argument("--plan", type=Path, metavar="FILE", help="plan file (default: the article's plan)")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--goal", type=float, metavar="HOURS", help="set the weekly goal first (0-168 hours)")
    p.set_defaults(func=run)


def run(args) -> int:
    path = args.plan or default_plan_path()
    try:
        plan = load_plan(path, catalog().ids())
    except PlanError as exc:
        return fail(exc.summary(path))
    db = open_database()
    if args.goal is not None:
        try:
            home.set_weekly_goal(db, args.goal)
        except ValueError as exc:
            return fail(str(exc))
    verdicts = {}
    measurement = advisor.measurement_or_snapshot(db)
    runs = RunStore(db).list(details=False)
    for item in plan.items():
        try:
            verdict = advisor.advise_item(item, measurement, catalog(), runs=runs)
        except LessonError:
            verdict = None
        if verdict is not None:
            verdicts[item.id] = verdict
    facts = home.summarize(plan, ProgressStore(db, plan.id).statuses(), StudyLog(db, plan.id), db=db,
                           verdicts=verdicts, reviews_due=due(AttemptStore(db), time.time()),
                           runs=runs[:5])
    if args.json:
        print(json.dumps(facts.to_json(), ensure_ascii=False))
        return 0
    for line in lines(facts, plan, args.lang):
        print(line)
    return 0


def lines(facts: home.Home, plan, lang: str) -> list[str]:
    out = [pick(plan.title, lang)]
    if facts.last:
        out.append(f"Continue: {facts.last[0]} {facts.last[1]}")
    phases = {p.id: p for p in plan.phases}
    for phase_id, tally in facts.phases:
        out.append(f"  {pick(phases[phase_id].title, lang)}: {tally.line()}")
    out.append(f"This week: {facts.week_hours:.1f} h of a {facts.goal_hours:g} h goal")
    for label, f in (("At your pace", facts.at_pace), ("At your goal", facts.at_goal)):
        if f is not None:
            finish = f.finish.isoformat() if f.finish else "never"
            out.append(f"{label} ({f.hours_per_week:.1f} h a week): {f.hours_left:.1f} h left, done on {finish}")
    out.append("Next: " + "; ".join(f"{pick(i.title, lang)} ({i.id})" for i in facts.next_items) if facts.next_items
               else "Next: nothing left, the plan is complete")
    for r in facts.reviews_due:
        out.append(f"Review due: {pick(exercises.get(r.exercise).title, lang)} ({r.exercise})")
    pc = facts.pc
    out.append(f"This PC runs {pc.runs_here} of the plan's {pc.judged} items it can judge; "
               f"{pc.need_gpu} need a GPU (use Colab or Kaggle)")
    for run in facts.runs:
        out.append(f"Run {run.id}: {run.lesson} {run.status} ({clock(run.duration)})")
    return out
