"""Projected finish dates: the plan's remaining hours at the learner's own pace.

The pace is the hours logged in the last `WEEKS` weeks divided by their number (the learner's
real rhythm), or the weekly goal when there is no history or when planning ahead with it.
Phases are studied in order: each one's finish date is where the hours of it and of every
phase before it run out. The article's months per phase stand beside it for comparison.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from studio.core.plan import DONE_STATUSES, Plan

WEEKS = 4  # the recent past that sets "your pace"
MIN_PACE_H = 0.1  # hours a week below which the last weeks say nothing about a pace
MAX_WEEKS = 52 * 100  # a finish further away than this is no date ("not at this pace")


@dataclass(frozen=True)
class PhaseForecast:
    phase_id: str
    hours_left: float
    finish: date | None  # None: nothing planned per week, so no date
    months: tuple[int, int]  # the article's estimate


@dataclass(frozen=True)
class Forecast:
    hours_per_week: float
    source: str  # "pace" (the last weeks) or "goal"
    phases: tuple[PhaseForecast, ...]

    @property
    def hours_left(self) -> float:
        return sum(p.hours_left for p in self.phases)

    @property
    def finish(self) -> date | None:
        """When the whole plan is done (the last phase's date)."""
        return self.phases[-1].finish if self.phases else None


def recent_pace(sessions: Iterable[tuple[float, float]], now: float, weeks: int = WEEKS) -> float:
    """Hours a week over the last `weeks` weeks, from (epoch start, seconds) sessions."""
    since = now - weeks * 7 * 86400
    seconds = sum(s for start, s in sessions if since <= start <= now)
    return seconds / 3600 / weeks


def hours_left(plan: Plan, statuses: Mapping[str, str], logged: Mapping[str, float]) -> dict[str, float]:
    """Per phase: the hours of its open items, less what was already logged on them."""
    out = {}
    for phase in plan.phases:
        left = 0.0
        for topic in phase.topics:
            for item in topic.items:
                if statuses.get(item.id, "todo") not in DONE_STATUSES:
                    left += max(0.0, item.hours - logged.get(item.id, 0.0) / 3600)
        out[phase.id] = left
    return out


def forecast(plan: Plan, statuses: Mapping[str, str], logged: Mapping[str, float], *,
             pace: float, goal: float, today: date | None = None) -> Forecast:
    """Finish dates at `pace` hours a week when the learner has a recent pace, else at `goal`."""
    per_week, source = (pace, "pace") if pace >= MIN_PACE_H else (goal, "goal")
    today = today or datetime.now().date()
    left = hours_left(plan, statuses, logged)
    phases, total = [], 0.0
    for phase in plan.phases:
        total += left[phase.id]
        weeks = total / per_week if per_week > 0 else math.inf
        finish = today + timedelta(weeks=weeks) if weeks <= MAX_WEEKS else None
        phases.append(PhaseForecast(phase.id, left[phase.id], finish, phase.months))
    return Forecast(per_week, source, tuple(phases))
