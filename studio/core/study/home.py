"""What the Home page and `studio home` say: where the learner is and what to do next.

`summarize(...)` gathers it from the plan, progress, logged time, the advisor's verdicts, the
reviews due and the last runs; the window renders it, `studio home --json` prints `to_json()`.
The weekly goal and the last thing opened live in the database's settings table, so the
window and the CLI share them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.core.db import Database
from studio.core.plan import Item, Plan
from studio.core.progress_tally import Tally, compute_progress
from studio.core.study.pace import MIN_PACE_H, Forecast, forecast, recent_pace

DEFAULT_GOAL_H = 6.0
GOAL_KEY, LAST_KEY = "study/weekly_goal_h", "home/last_opened"
KINDS = ("item", "lesson", "exercise")


# -- shared settings (window and CLI) -------------------------------------------------------
def weekly_goal(db: Database) -> float:
    rows = db.query("SELECT value FROM settings WHERE key = ?", (GOAL_KEY,))
    try:
        goal = float(rows[0]["value"]) if rows else DEFAULT_GOAL_H
    except ValueError:
        return DEFAULT_GOAL_H
    return goal if 0 < goal <= 168 else DEFAULT_GOAL_H


def set_weekly_goal(db: Database, hours: float) -> float:
    if not 0 < hours <= 168:
        raise ValueError(f"a weekly goal is between 0 and 168 hours, got {hours:g}")
    _put(db, GOAL_KEY, str(float(hours)))
    return float(hours)


def remember_opened(db: Database, kind: str, ident: str) -> None:
    """The item page, lesson or exercise the learner opened last ("Continue" opens it again)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    _put(db, LAST_KEY, json.dumps({"kind": kind, "id": ident}))


def last_opened(db: Database) -> tuple[str, str] | None:
    rows = db.query("SELECT value FROM settings WHERE key = ?", (LAST_KEY,))
    try:
        value = json.loads(rows[0]["value"]) if rows else None
        return (value["kind"], value["id"]) if value and value["kind"] in KINDS else None
    except (ValueError, KeyError, TypeError):
        return None


def _put(db: Database, key: str, value: str) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))


# -- the summary -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PcSummary:
    """This PC's verdicts over the plan's items with hardware needs or lessons."""

    runs_here: int
    judged: int
    need_gpu: int


@dataclass
class Home:
    last: tuple[str, str] | None
    phases: list[tuple[str, Tally]]  # (phase id, its tally), in plan order
    total: Tally
    week_hours: float
    goal_hours: float
    pace_hours: float  # a week over the last 4 weeks
    at_pace: Forecast | None  # None when nothing was logged in the last 4 weeks
    at_goal: Forecast
    next_items: list[Item]
    reviews_due: list[Any]  # studio.practice.reviews.ExerciseReview
    pc: PcSummary
    runs: list[Any] = field(default_factory=list)  # the last run records, newest first
    studied: dict = field(default_factory=dict)  # seconds per phase id, per (phase id, topic id), "plan"

    def to_json(self) -> dict:
        def plan_json(f: Forecast | None):
            if f is None:
                return None
            return {"hours_per_week": round(f.hours_per_week, 2), "source": f.source,
                    "hours_left": round(f.hours_left, 1), "finish": _iso(f.finish),
                    "phases": [{"phase": p.phase_id, "hours_left": round(p.hours_left, 1), "finish": _iso(p.finish),
                                "article_months": list(p.months)} for p in f.phases]}

        return {
            "continue": {"kind": self.last[0], "id": self.last[1]} if self.last else None,
            "phases": [{"phase": pid, "items": t.items, "done": t.done, "learning": t.learning, "skipped": t.skipped,
                        "hours": t.hours, "hours_done": t.done_hours} for pid, t in self.phases],
            "week": {"hours": round(self.week_hours, 2), "goal": self.goal_hours},
            "projection": {"pace_hours_per_week": round(self.pace_hours, 2), "at_pace": plan_json(self.at_pace),
                           "at_goal": plan_json(self.at_goal)},
            "next": [item.id for item in self.next_items],
            "reviews_due": [{"exercise": r.exercise, "due": _iso_time(r.review.due), "step": r.review.step}
                            for r in self.reviews_due],
            "studied_hours": {"plan": round(self.studied.get("plan", 0.0) / 3600, 2),
                              **{pid: round(self.studied.get(pid, 0.0) / 3600, 2) for pid, _ in self.phases}},
            "pc": {"runs_here": self.pc.runs_here, "items": self.pc.judged, "need_gpu": self.pc.need_gpu},
            "last_runs": [{"id": r.id, "lesson": r.lesson, "status": r.status, "started": _iso_time(r.started)}
                          for r in self.runs],
        }


def studied(plan: Plan, seconds: Mapping[str, float]) -> dict:
    """Logged seconds per topic ((phase id, topic id)), per phase (phase id) and for the "plan"."""
    out: dict = {"plan": 0.0}
    for phase in plan.phases:
        out[phase.id] = 0.0
        for topic in phase.topics:
            spent = sum(seconds.get(item.id, 0.0) for item in topic.items)
            out[(phase.id, topic.id)] = spent
            out[phase.id] += spent
        out["plan"] += out[phase.id]
    return out


def pc_summary(verdicts: Mapping[str, Any]) -> PcSummary:
    levels = [v.level for v in verdicts.values() if v is not None]
    return PcSummary(sum(1 for lv in levels if lv in ("runs", "slow")), len(levels),
                     sum(1 for lv in levels if lv == "gpu"))


def summarize(plan: Plan, statuses: Mapping[str, str], log, *, db: Database, verdicts: Mapping[str, Any],
              reviews_due: Iterable[Any] = (), runs: Iterable[Any] = (), now: float | None = None) -> Home:
    """The Home page's facts. `log` is the plan's StudyLog."""
    from datetime import datetime

    now = time.time() if now is None else now
    progress = compute_progress(plan, statuses)
    logged = log.totals()
    pace = recent_pace(log.sessions(), now)
    goal = weekly_goal(db)
    today = datetime.fromtimestamp(now).date()
    return Home(
        last=last_opened(db),
        phases=[(phase.id, progress.phases[phase.id]) for phase in plan.phases],
        total=progress.total,
        week_hours=log.week_seconds(now) / 3600,
        goal_hours=goal,
        pace_hours=pace,
        at_pace=forecast(plan, statuses, logged, pace=pace, goal=goal, today=today) if pace >= MIN_PACE_H else None,
        at_goal=forecast(plan, statuses, logged, pace=0.0, goal=goal, today=today),
        next_items=plan.next_items(statuses, 3),
        reviews_due=list(reviews_due),
        pc=pc_summary(verdicts),
        runs=list(runs),
        studied=studied(plan, logged),
    )


def _iso(d) -> str | None:
    return d.isoformat() if d is not None else None


def _iso_time(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(epoch))
