"""Which exercises come back for review, from their attempts (studio.core.study.reviews)."""

from __future__ import annotations

from dataclasses import dataclass

from studio.core.study.reviews import Attempt, Review, review
from studio.practice.store import AttemptStore

COUNTED = ("pass", "fail", "error", "timeout")  # attempts that say whether the learner can do it


@dataclass(frozen=True)
class ExerciseReview:
    exercise: str
    review: Review


def reviews(store: AttemptStore) -> list[ExerciseReview]:
    """Every exercise with a coming review, soonest first."""
    rows = store.db.query("SELECT exercise, started, status, solution_seen FROM practice_attempts"
                          f" WHERE status IN ({','.join('?' * len(COUNTED))}) ORDER BY id", COUNTED)
    by_exercise: dict[str, list[Attempt]] = {}
    for r in rows:
        by_exercise.setdefault(r["exercise"], []).append(
            Attempt(r["started"], r["status"] == "pass", bool(r["solution_seen"])))
    found = [ExerciseReview(ex, rv) for ex, attempts in by_exercise.items() if (rv := review(attempts))]
    return sorted(found, key=lambda r: r.review.due)


def due(store: AttemptStore, now: float) -> list[ExerciseReview]:
    return [r for r in reviews(store) if r.review.is_due(now)]
