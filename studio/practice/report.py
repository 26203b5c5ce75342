"""What an attempt found: its status, each check's outcome, the learner's traceback and output.

Statuses (Exercism's, plus two of the app's own):
    pass           every check passed
    fail           the code ran, and a check did not pass
    error          the code raised (its traceback, the line marked), or ran out of memory or crashed
    not_attempted  the code is still the starter code (comments and blank lines aside)
    timeout        it ran past the exercise's time (or --timeout) and was stopped
    check_error    the check itself could not run: a bug of the exercise, not the learner's
    stopped        the learner pressed Stop
    interrupted    the app closed while it ran
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from studio.core.text import pick
from studio.practice.exercise import Text

STATUSES = ("pass", "fail", "error", "not_attempted", "timeout", "check_error", "stopped", "interrupted")
EXIT_CODES = {"pass": 0, "stopped": 130}  # every other status exits 1
MAX_OUTPUT = 100_000  # characters of printed output kept with an attempt


@dataclass
class CheckOutcome:
    name: str
    text: Text  # what it checks
    passed: bool | None  # None: the check itself could not run
    expected: Text = ""
    found: Text = ""
    error: str = ""  # the check's own traceback, when it broke

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        out = {"name": self.name, "passed": self.passed, "expected": pick(self.expected, lang),
               "found": pick(self.found, lang)}
        if self.error:
            out["error"] = self.error
        return out


@dataclass
class Report:
    exercise: str
    status: str  # one of STATUSES
    checks: list[CheckOutcome] = field(default_factory=list)
    error: str = ""  # the learner's traceback, or the one-line reason (timeout, out of memory...)
    error_line: int | None = None  # the line of the learner's code the traceback points at
    output: str = ""  # what the code printed
    seconds: float = 0.0  # how long the code ran (the whole attempt, when it did not finish)
    figures: int = 0
    detail: dict[str, Any] = field(default_factory=dict)  # the kernel's: peak memory, limit, ending

    @property
    def passed_count(self) -> int:
        return sum(1 for c in self.checks if c.passed)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """`studio practice check --json`: exercise, status, checks, output, seconds (+ error)."""
        out: dict[str, Any] = {"exercise": self.exercise, "status": self.status,
                               "checks": [c.to_json(lang) for c in self.checks],
                               "output": self.output, "seconds": round(self.seconds, 4)}
        if self.error:
            out["error"] = self.error
        if self.error_line is not None:
            out["error_line"] = self.error_line
        return out

    def to_record(self) -> dict[str, Any]:
        """Everything, both languages kept, for the attempt's row in the store."""
        record = asdict(self)
        record["output"] = record["output"][-MAX_OUTPUT:]
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Report:
        checks = [CheckOutcome(**c) for c in record.get("checks", [])]
        known = {k: v for k, v in record.items() if k in cls.__dataclass_fields__ and k != "checks"}
        return cls(**known, checks=checks)
