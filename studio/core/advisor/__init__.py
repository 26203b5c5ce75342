"""Can this PC run it? Estimates, verdicts, the article's pitfalls as rules, and the memory rule.

- `estimate`: what one run needs (`Estimate`) and its time on this PC (`seconds_for`).
- `rules`: the article's pitfalls with their numbers, and its workloads.
- `advice`: the cheaper paths and free compute a verdict offers.
- `verdict`: `judge` an estimate on this PC: runs, slow, gpu or memory.
- `advise`: verdicts for a lesson (with the learner's runs) and for a plan item.
- `calibration`: the estimates against the recorded runs.
- `memory`: the memory rule before a run (`memory_check`, `Refusal`).
"""

from studio.core.advisor.advice import CLOUD, Advice, Text, cheaper_paths
from studio.core.advisor.advise import advise_item, advise_lesson, advise_needs, measurement_or_snapshot
from studio.core.advisor.calibration import HistoryCheck, check_against_history
from studio.core.advisor.estimate import GB, Estimate, coarse_estimate, estimate_for, seconds_for
from studio.core.advisor.memory import SUGGEST_SHARE, Refusal, cheaper_settings, memory_check
from studio.core.advisor.rules import RULES, WARNING_WORKLOADS, WORKLOADS, Rule
from studio.core.advisor.verdict import GPU_HOURS, LEVELS, MEMORY_SHARE, SLOW_MINUTES, Verdict, judge, merge

__all__ = [
    "CLOUD", "GB", "GPU_HOURS", "LEVELS", "MEMORY_SHARE", "RULES", "SLOW_MINUTES", "SUGGEST_SHARE",
    "WARNING_WORKLOADS", "WORKLOADS", "Advice", "Estimate", "HistoryCheck", "Refusal", "Rule", "Text",
    "Verdict", "advise_item", "advise_lesson", "advise_needs", "cheaper_paths", "cheaper_settings",
    "check_against_history", "coarse_estimate", "estimate_for", "judge", "measurement_or_snapshot",
    "memory_check", "merge", "seconds_for",
]
