"""Reviews: an exercise that was failed, or passed only after looking at its solution, comes
back after 1, 3, 7 and 21 days. At each review a clean pass moves it to the next interval (after
the 21-day one it is learnt); a failed attempt, or a pass after the solution, starts it again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

INTERVALS_DAYS = (1, 3, 7, 21)
DAY = 86400.0


@dataclass(frozen=True)
class Attempt:
    at: float  # epoch seconds
    passed: bool
    solution_seen: bool = False  # the solution had been shown before this attempt


@dataclass(frozen=True)
class Review:
    step: int  # index into INTERVALS_DAYS of the coming review
    due: float  # epoch seconds

    def is_due(self, now: float) -> bool:
        return now >= self.due


def review(attempts: Iterable[Attempt]) -> Review | None:
    """The exercise's coming review, or None (never needed one, or learnt)."""
    state: Review | None = None
    for a in sorted(attempts, key=lambda a: a.at):
        clean = a.passed and not a.solution_seen
        if not clean:  # a fail, or a pass that leaned on the solution: back to the first interval
            state = Review(0, a.at + INTERVALS_DAYS[0] * DAY)
        elif state is not None and a.at >= state.due:  # a clean pass at (or after) its review
            step = state.step + 1
            state = Review(step, a.at + INTERVALS_DAYS[step] * DAY) if step < len(INTERVALS_DAYS) else None
        # a clean pass before the review is due changes nothing: the review still comes
    return state
