"""What `studio plan check` prints (and the GUI shows) about a plan file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from studio.core.plan.checker import PlanError
from studio.core.plan.loader import load_plan
from studio.core.plan.model import Plan, suggest_lesson
from studio.core.text import short_repr as _short


@dataclass(frozen=True)
class CheckResult:
    """What `studio plan check` prints (and the GUI shows): `plan` is None when it failed."""

    plan: Plan | None
    lines: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.plan is not None


def check_plan_file(
    path: Path | str, known_lessons: Iterable[str] | None = None, *, strict: bool = False
) -> CheckResult:
    """Load a plan and describe the outcome: a summary line and the missing lessons, or every error."""
    try:
        plan = load_plan(path, known_lessons, strict=strict)
    except PlanError as exc:
        return CheckResult(None, (*exc.errors, f"{path}: {exc.count_text()}"))
    lines = [f"{path}: ok: {plan.summary_numbers().line()}"]
    known = plan.known_lessons or frozenset()
    for lesson, item in plan.missing_lessons():
        hint = suggest_lesson(lesson, known)
        lines.append(
            f"{path}: {item.where}.lesson: lesson {_short(lesson)} is not written yet (item {item.id!r})"
            + (f"; did you mean {hint!r}?" if hint else "")
        )
    return CheckResult(plan, tuple(lines))
