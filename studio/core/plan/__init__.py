"""Learning plans: a TOML file of phases > topics > items, loaded and checked.

- `model`: the plan (`Plan`, `Phase`, `Topic`, `Item`, ...) and the format's fields and limits.
- `loader`: `load_plan` / `parse_plan`, raising `PlanError` with every problem found.
- `checker`: the checks behind them, problem by problem.
- `report`: `check_plan_file`, what `studio plan check` prints.
"""

from studio.core.plan.checker import PlanError, Problem
from studio.core.plan.loader import load_plan, parse_plan
from studio.core.plan.model import (
    DONE_STATUSES,
    ID_RE,
    KINDS,
    PLAN_ID_RE,
    Item,
    Needs,
    Phase,
    Pitfall,
    Plan,
    PlanSummary,
    Resource,
    Topic,
    default_plan_path,
    hours_text,
    iter_tree,
    plans_dir,
    suggest_lesson,
)
from studio.core.plan.report import CheckResult, check_plan_file

__all__ = [
    "DONE_STATUSES", "ID_RE", "KINDS", "PLAN_ID_RE", "CheckResult", "Item", "Needs", "Phase", "Pitfall", "Plan",
    "PlanError", "PlanSummary", "Problem", "Resource", "Topic", "check_plan_file", "default_plan_path", "hours_text",
    "iter_tree", "load_plan", "parse_plan", "plans_dir", "suggest_lesson",
]
