"""The lesson contract: what a lesson declares and how its parameters are checked.

A lesson is a module in `studio.lessons` that defines `LESSON = Lesson(...)`. Its `run(ctx,
**params)` receives a context (see `studio.core.context`) and the validated parameters.
Heavy imports (torch, sklearn) belong inside `run`, so listing lessons stays cheap.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.core.text import bi, pick

Text = Mapping[str, str]


class LessonError(Exception):
    """A problem the learner can fix (bad parameter, unknown lesson, missing device...)."""


class ParamError(LessonError):
    """`str()` is the English message (the CLI's); `text` is bilingual, for the window."""

    def __init__(self, en: str, zh: str | None = None):
        super().__init__(en)
        self.text = bi(en, zh or en)


class UnknownLesson(LessonError):
    pass


@dataclass(frozen=True)
class Param:
    """One knob of a lesson. `kind` is int, float, choice, bool or path."""

    name: str
    kind: str
    default: Any
    label: Text
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    help: Text | None = None
    step: float | None = None  # spin-box step for floats
    log: bool = False  # values span decades (learning rates)

    def parse(self, raw: Any) -> Any:
        """Convert `raw` (a string from the CLI, or a value) to this parameter's type and check it."""
        try:
            if self.kind == "int":
                if isinstance(raw, float) and not raw.is_integer():
                    raise ValueError
                value: Any = int(raw) if not isinstance(raw, str) else int(raw.strip())
            elif self.kind == "float":
                value = float(raw)
                if value != value:  # NaN
                    raise ValueError
            elif self.kind == "bool":
                if isinstance(raw, str):
                    low = raw.strip().lower()
                    if low not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                        raise ValueError
                    value = low in ("1", "true", "yes", "on")
                else:
                    value = bool(raw)
            elif self.kind in ("choice", "path", "str"):
                value = str(raw)
            else:  # pragma: no cover - a lesson author's mistake
                raise ParamError(f"parameter {self.name!r} has unknown kind {self.kind!r}")
        except (TypeError, ValueError):
            raise ParamError(
                f"parameter {self.name!r} expects {self._expected()}, got {raw!r}",
                f"{self._zh_name()}应为{self._expected_zh()}，收到的是 {raw!r}",
            ) from None
        self.check(value)
        return value

    def check(self, value: Any) -> None:
        if self.kind == "choice" and value not in self.choices:
            raise ParamError(
                f"parameter {self.name!r} must be one of {', '.join(self.choices)}; got {value!r}",
                f"{self._zh_name()}必须是 {', '.join(self.choices)} 之一；收到的是 {value!r}",
            )
        if self.kind in ("int", "float"):
            if self.min is not None and value < self.min:
                raise ParamError(f"parameter {self.name!r} must be >= {_num(self.min)}; got {value}",
                                 f"{self._zh_name()}必须 >= {_num(self.min)}；收到的是 {value}")
            if self.max is not None and value > self.max:
                raise ParamError(f"parameter {self.name!r} must be <= {_num(self.max)}; got {value}",
                                 f"{self._zh_name()}必须 <= {_num(self.max)}；收到的是 {value}")

    def _zh_name(self) -> str:
        """参数“学习率”（lr）: the label the form shows, and the name the CLI takes."""
        return f"参数“{pick(self.label, 'zh')}”（{self.name}）"

    def _expected_zh(self) -> str:
        return {"int": "整数", "float": "数字", "bool": "true 或 false",
                "choice": " " + ", ".join(self.choices) + " 之一"}.get(self.kind, "文本")

    def _expected(self) -> str:
        return {
            "int": "a whole number",
            "float": "a number",
            "bool": "true or false",
            "choice": "one of " + ", ".join(self.choices),
        }.get(self.kind, "text")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@dataclass(frozen=True)
class Change:
    """A difference between the article's code and the lesson's, and why."""

    text: Text


@dataclass(frozen=True)
class Lesson:
    id: str
    title: Text
    summary: Text
    run: Callable[..., Any]
    params: tuple[Param, ...] = ()
    devices: tuple[str, ...] = ("cpu",)  # add "cuda" when the lesson can use a GPU
    article_code: str = ""  # the article's snippet, as printed there
    changes: tuple[Change, ...] = ()  # what the runnable code changes and why
    uses_torch: bool = False
    long_steps: bool = False  # single calls (an sklearn fit) that Stop cannot interrupt
    related: tuple[str, ...] = ()  # ids of lessons shown side by side (Keras vs PyTorch)
    estimate: Callable[[Mapping[str, Any]], Any] | None = None  # resources a run needs
    # bilingual labels of the names this lesson emits (result keys, curves, tables, plots,
    # figures) that `studio.core.labels.COMMON` does not have: {"peak_speedup": bi(...)}
    labels: Mapping[str, Text] = field(default_factory=dict)
    module: str = ""

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise ParamError(f"lesson {self.id!r} has no parameter {name!r} (parameters: {known})")

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def resolve_params(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with `given`, each parsed and checked."""
        values = self.defaults()
        for name, raw in (given or {}).items():
            values[name] = self.param(name).parse(raw)
        return values

    def source(self) -> str:
        """The runnable code of this lesson, as shown in the lesson view: its module without
        the `ARTICLE_CODE` string (shown in a tab of its own)."""
        if not self.module:
            return inspect.getsource(self.run)
        text = inspect.getsource(importlib.import_module(self.module))
        lines = text.splitlines(keepends=True)
        for node in ast.parse(text).body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "ARTICLE_CODE" for t in node.targets
            ):
                start, end = node.lineno - 1, node.end_lineno
                lines[start:end] = ["# ARTICLE_CODE = the article's code, shown in the \"Article code\" tab\n"]
                break
        return "".join(lines)

    def title_text(self, lang: str | None = None) -> str:
        return pick(self.title, lang)

    def label(self, name: str) -> Text:
        """The bilingual label of a name this lesson emits (a result key, a curve, a table)."""
        from studio.core.labels import label

        return label(name, self.labels)


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """['epochs=3', 'lr=0.1'] -> {'epochs': '3', 'lr': '0.1'}."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParamError(f"expected NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


@dataclass
class Catalog:
    """All lessons, in a stable order, found by scanning `studio.lessons`."""

    lessons: dict[str, Lesson] = field(default_factory=dict)

    @classmethod
    def discover(cls, package: str = "studio.lessons") -> Catalog:
        pkg = importlib.import_module(package)
        found: dict[str, Lesson] = {}
        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            mod = importlib.import_module(f"{package}.{info.name}")
            lesson = getattr(mod, "LESSON", None)
            if isinstance(lesson, Lesson):
                if lesson.id in found:
                    raise RuntimeError(f"duplicate lesson id {lesson.id!r} in {mod.__name__}")
                if not lesson.module:
                    object.__setattr__(lesson, "module", mod.__name__)
                found[lesson.id] = lesson
        return cls(found)

    def get(self, lesson_id: str) -> Lesson:
        try:
            return self.lessons[lesson_id]
        except KeyError:
            raise UnknownLesson(
                f"unknown lesson {lesson_id!r}; `studio lessons` lists them"
            ) from None

    def __iter__(self):
        return iter(self.lessons.values())

    def __len__(self) -> int:
        return len(self.lessons)

    def ids(self) -> list[str]:
        return list(self.lessons)


_catalog: Catalog | None = None


def catalog() -> Catalog:
    """The lessons shipped with the app (discovered once)."""
    global _catalog
    if _catalog is None:
        _catalog = Catalog.discover()
    return _catalog
