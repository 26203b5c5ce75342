"""Exercises passed per item, topic and phase of a plan (what the roadmap shows)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from studio.core.plan import Plan
from studio.practice.exercise import for_lesson


@dataclass(frozen=True)
class Count:
    passed: int = 0
    total: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.passed + other.passed, self.total + other.total)

    def text(self) -> str:
        return f"{self.passed}/{self.total}"


def exercise_progress(plan: Plan, passed: Iterable[str]) -> dict:
    """Count per item id, per (phase id, topic id) and per phase id, plus "plan"; an item counts
    the exercises of its lesson (a lesson linked twice counts twice, as its items do)."""
    passed = set(passed)
    out: dict = {}
    total = Count()
    for phase in plan.phases:
        in_phase = Count()
        for topic in phase.topics:
            in_topic = Count()
            for item in topic.items:
                ids = [e.id for e in for_lesson(item.lesson)] if item.lesson else []
                count = out[item.id] = Count(sum(1 for i in ids if i in passed), len(ids))
                in_topic += count
            out[(phase.id, topic.id)] = in_topic
            in_phase += in_topic
        out[phase.id] = in_phase
        total += in_phase
    out["plan"] = total
    return out
