"""An exercise, the checks' view of a learner's run, and the catalog of every exercise.

An exercise belongs to a lesson (id `LESSON/NAME`) and carries a bilingual task (Markdown),
starter code, a solution, 1-3 hints, checks and wrong answers (for the tests: together they make
every check fail once). A check is a function of the run's `Env` that returns a `Result`
(passed, expected, found) or raises `Fail`; anything else it raises means the check itself is
broken, which is reported apart from the learner's failure.

The data modules in `studio.practice.exercises` import nothing heavy at module level: listing
exercises stays cheap, and numpy, pandas or torch are imported by the checks, in the kernel.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.core.lesson import LessonError
from studio.core.text import bi

Text = Mapping[str, str] | str
ID_RE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+/[a-z0-9_]+$")
DEFAULT_TIMEOUT_S = 60.0


class UnknownExercise(LessonError):
    """No exercise has that id."""


@dataclass(frozen=True)
class Result:
    passed: bool
    expected: Text
    found: Text


class Fail(Exception):
    """Raised by a check (or Env's helpers) when the learner's results do not pass."""

    def __init__(self, expected: Text, found: Text):
        super().__init__(expected, found)
        self.expected, self.found = expected, found


@dataclass(frozen=True)
class Check:
    name: str  # stable within its exercise: what --json calls it
    text: Text  # what it checks, in a few words
    fn: Callable[[Env], Result]


def check(name: str, text: Text) -> Callable[[Callable[[Env], Result]], Check]:
    """Decorator: `@check("values", bi(...))` over `def f(env) -> Result` makes a Check."""
    return lambda fn: Check(name, text, fn)


@dataclass(frozen=True)
class Exercise:
    id: str  # LESSON/NAME
    title: Text
    task: Text  # Markdown
    starter: str
    solution: str
    hints: tuple[Text, ...]
    checks: tuple[Check, ...]
    wrong: tuple[str, ...]  # wrong answers: each fails, and together they fail every check
    timeout: float = DEFAULT_TIMEOUT_S  # seconds, in the kernel (`--timeout` overrides)
    trace_memory: bool = False  # measure the code's allocations (tracemalloc): memory checks

    @property
    def lesson(self) -> str:
        return self.id.partition("/")[0]

    @property
    def name(self) -> str:
        return self.id.partition("/")[2]


@dataclass
class Env:
    """What a learner's run left behind, for the checks to read."""

    ns: dict[str, Any]  # the code's variables
    output: str = ""  # what it printed
    figures: list = field(default_factory=list)  # matplotlib Figures it showed (or left open)
    curves: dict[str, Any] = field(default_factory=dict)  # name -> ScalarBuffer (studio.live.log)
    seconds: float = 0.0  # how long the code ran, in the kernel
    peak_bytes: int | None = None  # its allocations at their peak (trace_memory exercises)
    current_bytes: int | None = None  # ... and still held when it ended
    rerun: Callable[[str], Env] | None = None  # run other code the same way (the starter, timed)

    def var(self, name: str, *types: type, what: Text | None = None) -> Any:
        """The learner's variable `name` (of one of `types` when given), else Fail."""
        if name not in self.ns:
            raise Fail(bi(f"a variable `{name}`", f"变量 `{name}`"), bi("not defined", "未定义"))
        value = self.ns[name]
        if types and not isinstance(value, types):
            kinds = " or ".join(t.__name__ for t in types)
            raise Fail(what or bi(f"`{name}` of type {kinds}", f"`{name}` 的类型为 {kinds}"),
                       bi(f"`{name}` is a {type(value).__name__}", f"`{name}` 的类型是 {type(value).__name__}"))
        return value

    def number(self, name: str) -> float:
        """The learner's variable `name` as a float (a Python or NumPy number, or a 0-d tensor)."""
        value = self.var(name)
        if hasattr(value, "detach"):  # a tensor that may still track gradients
            value = value.detach()
        try:
            if isinstance(value, (str, bytes, bool)) or getattr(value, "ndim", 0) not in (0, None):
                raise TypeError
            return float(value)
        except (TypeError, ValueError):
            kind = type(value).__name__
            raise Fail(bi(f"`{name}` a number", f"`{name}` 是一个数"),
                       bi(f"`{name}` is a {kind}", f"`{name}` 的类型是 {kind}")) from None

    def curve(self, name: str):
        """(steps, values) of the curve the code logged as `name`, else Fail."""
        buf = self.curves.get(name)
        if buf is None or len(buf) == 0:
            raise Fail(bi(f"points of the curve \"{name}\" (studio.live.log)",
                          f"曲线 \"{name}\" 的数据点（studio.live.log）"), bi("no such curve", "没有这条曲线"))
        rows = buf.snapshot()
        return rows[:, 0], rows[:, 2]


# -- the catalog ---------------------------------------------------------------------------------
_catalog: dict[str, Exercise] | None = None


def catalog() -> dict[str, Exercise]:
    """Every exercise by id, in lesson order of the data modules (discovered once)."""
    global _catalog
    if _catalog is None:
        _catalog = discover()
    return _catalog


def discover(package: str = "studio.practice.exercises") -> dict[str, Exercise]:
    pkg = importlib.import_module(package)
    found: dict[str, Exercise] = {}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        for exercise in getattr(importlib.import_module(f"{package}.{info.name}"), "EXERCISES", ()):
            problems = validate(exercise)
            if exercise.id in found:
                problems.append("its id is used twice")
            if problems:
                raise RuntimeError(f"exercise {exercise.id!r} in {info.name}: " + "; ".join(problems))
            found[exercise.id] = exercise
    return found


def validate(exercise: Exercise) -> list[str]:
    """What is wrong with an exercise's declaration (an author's mistake)."""
    problems = []
    if not ID_RE.match(exercise.id):
        problems.append("the id must look like lesson.id/name")
    if not 1 <= len(exercise.hints) <= 3:
        problems.append("it needs 1-3 hints")
    if not exercise.checks or not exercise.wrong:
        problems.append("it needs checks and wrong answers")
    if len({c.name for c in exercise.checks}) != len(exercise.checks):
        problems.append("two checks share a name")
    for text in (exercise.title, exercise.task, *exercise.hints, *(c.text for c in exercise.checks)):
        if isinstance(text, str) or not (text.get("en") and text.get("zh")):
            problems.append(f"a text lacks English or Chinese: {text!r:.60}")
    return problems


def get(exercise_id: str) -> Exercise:
    try:
        return catalog()[exercise_id]
    except KeyError:
        raise UnknownExercise(f"unknown exercise {exercise_id!r}; `studio practice list` lists them") from None


def for_lesson(lesson_id: str) -> list[Exercise]:
    return [e for e in catalog().values() if e.lesson == lesson_id]
