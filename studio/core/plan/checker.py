"""Checking a plan's parsed TOML: every problem found, each naming the file, the place inside it
(`phases[1].topics[0].items[3].lesson`) and what is wrong; the checked plan when there are none."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.core.plan.model import (
    FORMAT,
    HARDWARE,
    ID_RE,
    ITEM_FIELDS,
    KINDS,
    LESSON_ID_RE,
    MAX_GB,
    MAX_HOURS,
    MAX_MONTHS,
    NEEDS_FIELDS,
    PHASE_FIELDS,
    PLAN_FIELDS,
    PLAN_ID_RE,
    RESOURCE_FIELDS,
    RESOURCE_TYPES,
    TOPIC_FIELDS,
    URL_RE,
    Item,
    Needs,
    Phase,
    Pitfall,
    Plan,
    Resource,
    Text,
    Topic,
    suggest_lesson,
)
from studio.core.text import LANGS
from studio.core.text import short_repr as _short


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan file."""

    file: str
    where: str  # path inside the file, or "line L, column C" for TOML syntax
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else f"{self.file}: {self.message}"


class PlanError(Exception):
    """A plan file that cannot be used; `problems` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def errors(self) -> list[str]:
        return [str(p) for p in self.problems]

    def count_text(self) -> str:
        """'1 error', '3 errors'."""
        n = len(self.problems)
        return f"{n} error{'s' * (n != 1)}"

    def summary(self, path: Path | str) -> str:
        """The one line a command prints when it cannot use the plan."""
        return f"{path} is not a valid plan ({self.count_text()}); `studio plan check {path}` lists them"



_MISSING = object()


class _Checker:
    """Walks the parsed TOML, builds the model and collects every problem on the way."""

    def __init__(self, file: str, known: frozenset[str] | None, strict: bool):
        self.file = file
        self.known = known
        self.strict = strict
        self.problems: list[Problem] = []
        self.item_ids: dict[str, str] = {}
        self.warning_ids: set[str] = set()

    # helpers
    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def _fields(self, table: Mapping[str, Any], where: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                extra = f" (did you mean {hint[0]!r}?)" if hint else f" (expected: {', '.join(allowed)})"
                self.error(_join(where, key), f"unknown field {_short(key)}{extra}")

    def _get(self, table, where, key, kind, *, required=True):
        """table[key] checked against `kind` ('str', 'int', 'number', 'bool', 'table', 'array');
        numbers must be finite (TOML's inf and nan, and 1e400, which reads as inf, are refused)."""
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.error(_join(where, key), f"missing field {_short(key)}")
            return None
        if not _IS[kind](value):
            self.error(_join(where, key), f"wrong type: expected {_KIND_NAMES[kind]}, got {_type_name(value)}")
            return None
        if kind == "number" and not math.isfinite(value):
            self.error(_join(where, key), f"expected a finite number, got {value}")
            return None
        return value

    def _text(self, table, where, key, *, required=True) -> Text | None:
        """A bilingual text: a table with non-empty `en` and `zh` strings."""
        value = table.get(key, _MISSING)
        if isinstance(value, dict) and value.keys() == _LANG_SET:  # the usual, well-formed case
            en, zh = value["en"], value["zh"]
            if isinstance(en, str) and isinstance(zh, str) and (en := en.strip()) and (zh := zh.strip()):
                return {"en": en, "zh": zh}
        at = _join(where, key)
        if value is _MISSING:
            if required:
                self.error(at, f"missing field {_short(key)}")
            return None
        if not isinstance(value, dict):
            self.error(at, f"wrong type: expected a table with 'en' and 'zh', got {_type_name(value)}")
            return None
        for lang in LANGS:
            if lang not in value:
                self.error(at, f"missing {_short(lang)} (every text needs both 'en' and 'zh')")
            elif not isinstance(value[lang], str):
                self.error(_join(at, lang), f"wrong type: expected a string, got {_type_name(value[lang])}")
            elif not value[lang].strip():
                self.error(_join(at, lang), "is empty")
        for lang in value:
            if lang not in LANGS:
                self.error(_join(at, lang), f"unknown language {_short(lang)} (expected 'en' and 'zh')")
        return None

    def _id(self, table, where, pattern=ID_RE) -> str | None:
        value = self._get(table, where, "id", "str")
        if value is not None and not pattern.fullmatch(value):
            self.error(
                _join(where, "id"),
                f"malformed id {_short(value)} (use lowercase letters, digits, '-' and '_')",
            )
        return value

    def _array_of_tables(self, table, where, key, *, required=True) -> list[tuple[str, dict]]:
        value = self._get(table, where, key, "array", required=required)
        if value is None:
            return []
        if required and not value:
            self.error(_join(where, key), f"{_short(key)} is empty")
        out = []
        for i, entry in enumerate(value):
            at = f"{_join(where, key)}[{i}]"
            if not isinstance(entry, dict):
                self.error(at, f"wrong type: expected a table, got {_type_name(entry)}")
            else:
                out.append((at, entry))
        return out

    # the levels
    def plan(self, data: dict, path: Path | None) -> Plan:
        self._fields(data, "", PLAN_FIELDS)
        fmt = self._get(data, "", "format", "int", required=False)
        if fmt is not None and fmt != FORMAT:
            self.error("format", f"unsupported format {fmt} (this version reads format {FORMAT})")
        plan_id = self._id(data, "", PLAN_ID_RE)
        title = self._text(data, "", "title")
        summary = self._text(data, "", "summary", required=False)
        source = self._get(data, "", "source", "str", required=False)
        if source is not None and not URL_RE.fullmatch(source):
            self.error("source", f"not an http(s) address: {_short(source)}")
        warnings: dict[str, Pitfall] = {}
        table = self._get(data, "", "warnings", "table", required=False) or {}
        for key in table:
            if not ID_RE.fullmatch(key):
                self.error(f"warnings.{key}", f"malformed warning name {_short(key)}")
            text = self._text(table, "warnings", key)
            self.warning_ids.add(key)
            if text is not None:
                warnings[key] = Pitfall(key, text)
        self.warnings = warnings
        phases = self._unique_children(data, "", "phases", self.phase, "phase")
        return Plan(
            id=plan_id or "",
            title=title or {},
            phases=tuple(phases),
            summary=summary,
            source=source,
            warnings=warnings,
            path=path,
            known_lessons=self.known,
        )

    def _unique_children(self, raw: dict, where: str, key: str, parse, what: str) -> list:
        """Parse the array of tables `key`, reporting ids that repeat among them."""
        out, first_at = [], {}
        for at, table in self._array_of_tables(raw, where, key):
            child = parse(table, at)
            if child is None:
                continue
            if child.id in first_at:
                self.error(_join(at, "id"), f"duplicate {what} id {child.id!r} (first at {first_at[child.id]})")
            first_at.setdefault(child.id, at)
            out.append(child)
        return out

    def phase(self, raw: dict, where: str) -> Phase | None:
        self._fields(raw, where, PHASE_FIELDS)
        phase_id = self._id(raw, where)
        title = self._text(raw, where, "title")
        summary = self._text(raw, where, "summary", required=False)
        months = self._months(raw, where)
        hardware = self._get(raw, where, "hardware", "str")
        if hardware is not None and hardware not in HARDWARE:
            self.error(
                _join(where, "hardware"),
                f"unknown hardware {_short(hardware)} (expected one of: {', '.join(HARDWARE)})",
            )
            hardware = None
        topics = self._unique_children(raw, where, "topics", self.topic, "topic")
        if None in (phase_id, title, months, hardware):
            return None
        return Phase(phase_id, title, months, hardware, tuple(topics), summary)

    def _months(self, raw, where) -> tuple[int, int] | None:
        value = self._get(raw, where, "months", "array")
        at = _join(where, "months")
        if value is None:
            return None
        if len(value) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            self.error(at, f"expected a range of two whole numbers like [1, 2], got {_short(value)}")
            return None
        low, high = value
        if not 0 <= low <= high <= MAX_MONTHS:
            self.error(at, f"expected [from, to] with 0 <= from <= to <= {MAX_MONTHS}, got {_short(value)}")
            return None
        return (low, high)

    def topic(self, raw: dict, where: str) -> Topic | None:
        self._fields(raw, where, TOPIC_FIELDS)
        topic_id = self._id(raw, where)
        title = self._text(raw, where, "title")
        summary = self._text(raw, where, "summary", required=False)
        items = [item for at, table in self._array_of_tables(raw, where, "items")
                 if (item := self.item(table, at)) is not None]
        if None in (topic_id, title):
            return None
        return Topic(topic_id, title, tuple(items), summary)

    def item(self, raw: dict, where: str) -> Item | None:
        self._fields(raw, where, ITEM_FIELDS)
        item_id = self._id(raw, where)
        if item_id is not None:
            if item_id in self.item_ids:
                self.error(_join(where, "id"), f"duplicate item id {item_id!r} (first at {self.item_ids[item_id]})")
            else:
                self.item_ids[item_id] = where
        kind = self._get(raw, where, "kind", "str")
        if kind is not None and kind not in KINDS:
            self.error(_join(where, "kind"), f"unknown kind {_short(kind)} (expected one of: {', '.join(KINDS)})")
            kind = None
        title = self._text(raw, where, "title")
        body = self._text(raw, where, "body")
        hours = self._get(raw, where, "hours", "number")
        if hours is not None and not 0 <= hours <= MAX_HOURS:
            self.error(_join(where, "hours"), f"expected hours between 0 and {MAX_HOURS}, got {hours:g}")
            hours = None
        lesson = self._lesson(raw, where, kind)
        needs = self._needs(raw, where)
        resources = tuple(
            r for at, table in self._array_of_tables(raw, where, "resources", required=False)
            if (r := self._resource(table, at)) is not None
        )
        warnings = self._warnings(raw, where)
        if None in (item_id, kind, title, body, hours, needs, warnings):
            return None
        return Item(item_id, kind, title, body, float(hours), lesson, needs, resources, warnings, where)

    def _lesson(self, raw, where, kind) -> str | None:
        lesson = self._get(raw, where, "lesson", "str", required=False)
        at = _join(where, "lesson")
        if lesson is None:
            if kind == "lesson" and "lesson" not in raw:
                self.error(at, "missing field 'lesson' (an item of kind 'lesson' names its lesson id)")
            return None
        if not LESSON_ID_RE.fullmatch(lesson):
            self.error(at, f"malformed lesson id {_short(lesson)} "
                           "(expected dotted lowercase, like 'torch.linear_regression')")
            return None
        if self.strict and self.known is not None and lesson not in self.known:
            hint = suggest_lesson(lesson, self.known)
            self.error(at, f"unknown lesson id {_short(lesson)}" + (f" (did you mean {hint!r}?)" if hint else ""))
        return lesson

    def _needs(self, raw, where) -> Needs | None:
        table = self._get(raw, where, "needs", "table", required=False)
        if table is None:
            return None if "needs" in raw else Needs()
        at = _join(where, "needs")
        self._fields(table, at, NEEDS_FIELDS)
        ok = True
        values: dict[str, Any] = {}
        for key in ("ram_gb", "vram_gb"):
            value = self._get(table, at, key, "number", required=False)
            if key in table and value is None:
                ok = False
            elif value is not None and not 0 < value <= MAX_GB:
                self.error(_join(at, key), f"expected a number of GB above 0 and at most {MAX_GB:,}, got {value:g}")
                ok = False
            values[key] = float(value) if value is not None else None
        gpu = self._get(table, at, "gpu", "bool", required=False)
        if "gpu" in table and gpu is None:
            ok = False
        if gpu is False and values["vram_gb"] is not None:
            self.error(_join(at, "gpu"), "is false but vram_gb is given")
            ok = False
        if not ok:
            return None
        return Needs(values["ram_gb"], bool(gpu) or values["vram_gb"] is not None, values["vram_gb"])

    def _resource(self, raw, where) -> Resource | None:
        self._fields(raw, where, RESOURCE_FIELDS)
        kind = self._get(raw, where, "type", "str")
        if kind is not None and kind not in RESOURCE_TYPES:
            self.error(_join(where, "type"),
                       f"unknown resource type {_short(kind)} (expected one of: {', '.join(RESOURCE_TYPES)})")
            kind = None
        title = self._text(raw, where, "title")
        url: Text | None = None
        at = _join(where, "url")
        value = raw.get("url")
        if isinstance(value, str):
            url = {lang: value for lang in LANGS}
        elif isinstance(value, dict):
            url = self._text(raw, where, "url")
        elif value is not None:
            self.error(at, f"wrong type: expected a string or a table with 'en' and 'zh', got {_type_name(value)}")
            return None
        if url is not None:
            for lang, address in url.items():
                if not URL_RE.fullmatch(address):
                    self.error(at if isinstance(value, str) else _join(at, lang),
                               f"not an http(s) address: {_short(address)}")
                    url = None
                    break
        if None in (kind, title) or (value is not None and url is None):
            return None
        return Resource(kind, title, url)

    def _warnings(self, raw, where) -> tuple[Pitfall, ...] | None:
        names = self._get(raw, where, "warnings", "array", required=False)
        if names is None:
            return None if "warnings" in raw else ()
        out = []
        for i, name in enumerate(names):
            at = f"{_join(where, 'warnings')}[{i}]"
            if not isinstance(name, str):
                self.error(at, f"wrong type: expected the name of a warning (a string), got {_type_name(name)}")
            elif name not in self.warning_ids:
                known = ", ".join(sorted(self.warning_ids)) or "none are declared"
                self.error(at, f"unknown warning {_short(name)} (declared in [warnings]: {known})")
            elif name in self.warnings:
                out.append(self.warnings[name])
        return tuple(out)


_IS = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "table": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}
_LANG_SET = frozenset(LANGS)

_KIND_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "number": "a number",
    "bool": "true or false",
    "table": "a table",
    "array": "an array",
}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value[:30]!r})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
