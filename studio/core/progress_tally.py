"""How much of a plan is done: counts and hours by status per topic, phase and plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from studio.core.plan import Plan, hours_text


@dataclass(frozen=True)
class Tally:
    """Counts and hours of a set of items, by status."""

    items: int = 0
    hours: float = 0.0
    done: int = 0
    done_hours: float = 0.0
    skipped: int = 0
    skipped_hours: float = 0.0
    learning: int = 0
    learning_hours: float = 0.0

    @property
    def todo(self) -> int:
        return self.items - self.done - self.skipped - self.learning

    @property
    def closed(self) -> int:
        """Items done or skipped: nothing left to do on them."""
        return self.done + self.skipped

    def fraction(self, which: str = "done") -> float:
        """Share of the hours that are `done` or `skipped` (0..1)."""
        hours = self.done_hours if which == "done" else self.skipped_hours
        return hours / self.hours if self.hours else 0.0

    def add(self, hours: float, status: str) -> Tally:
        kw = dict(self.__dict__)
        kw["items"] += 1
        kw["hours"] += hours
        if status in ("done", "skipped", "learning"):
            kw[status] += 1
            kw[f"{status}_hours"] += hours
        return Tally(**kw)

    def line(self) -> str:
        """One line of plain English, for the CLI."""
        return (
            f"{self.done}/{self.items} done ({hours_text(self.done_hours)}/{hours_text(self.hours)} h), "
            f"{self.skipped} skipped ({hours_text(self.skipped_hours)} h), {self.learning} learning"
        )


@dataclass(frozen=True)
class PlanProgress:
    total: Tally
    phases: Mapping[str, Tally]
    topics: Mapping[tuple[str, str], Tally]  # (phase id, topic id)


def compute_progress(plan: Plan, statuses: Mapping[str, str]) -> PlanProgress:
    """Tallies per topic, phase and plan, in one pass over the items (a click on a
    100,000-item roadmap recounts them all: plain counters, not a Tally per step)."""
    phases: dict[str, Tally] = {}
    topics: dict[tuple[str, str], Tally] = {}
    plan_sums = [0.0] * 8
    for phase in plan.phases:
        phase_sums = [0.0] * 8
        for topic in phase.topics:
            sums = [0.0] * 8  # items, hours, then count and hours of done, skipped, learning
            for item in topic.items:
                sums[0] += 1
                sums[1] += item.hours
                slot = _SLOTS.get(statuses.get(item.id, "todo"))
                if slot is not None:
                    sums[slot] += 1
                    sums[slot + 1] += item.hours
            topics[(phase.id, topic.id)] = _tally(sums)
            phase_sums = [a + b for a, b in zip(phase_sums, sums)]
        phases[phase.id] = _tally(phase_sums)
        plan_sums = [a + b for a, b in zip(plan_sums, phase_sums)]
    return PlanProgress(_tally(plan_sums), phases, topics)


_SLOTS = {"done": 2, "skipped": 4, "learning": 6}


def _tally(sums: list[float]) -> Tally:
    items, hours, done, done_h, skipped, skipped_h, learning, learning_h = sums
    return Tally(int(items), hours, int(done), done_h, int(skipped), skipped_h, int(learning), learning_h)
