"""Learning plans: a TOML file of phases > topics > items, loaded and checked.

The format is documented in `plans/README.md`. `load_plan(path)` returns a `Plan` or raises
`PlanError` carrying every problem found, each naming the file, the place inside it
(`phases[1].topics[0].items[3].lesson`) and what is wrong.

Lesson ids: an item may name a lesson (`lesson = "torch.linear_regression"`). A malformed id
is an error. A well-formed id that the lesson catalog does not (yet) have is *not* an error:
plans are written ahead of their lessons, so such ids are reported as "missing lessons" in
the summary, where `studio plan check` lists them. `strict=True` turns them into errors.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from studio.core.text import LANGS, bi, pick
from studio.core.text import short_repr as _short

Text = Mapping[str, str]

FORMAT = 1
KINDS = ("lesson", "reading", "practice", "milestone")
RESOURCE_TYPES = ("course", "book", "docs", "tool", "video")
HARDWARE = {
    "pc": bi("Ordinary PC", "普通电脑"),
    "gpu": bi("GPU / cloud", "GPU/云平台"),
}
DONE_STATUSES = ("done", "skipped")
MAX_GB = 100_000  # RAM or GPU memory an item may say it needs (100 TB: more is a typo)
MAX_MONTHS = 120
MAX_HOURS = 10_000

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PLAN_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
LESSON_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

PLAN_FIELDS = ("format", "id", "title", "summary", "source", "warnings", "phases")
PHASE_FIELDS = ("id", "title", "summary", "months", "hardware", "topics")
TOPIC_FIELDS = ("id", "title", "summary", "items")
ITEM_FIELDS = ("id", "kind", "title", "body", "hours", "lesson", "needs", "resources", "warnings")
NEEDS_FIELDS = ("ram_gb", "gpu", "vram_gb")
RESOURCE_FIELDS = ("type", "title", "url")


# --- the model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    type: str  # one of RESOURCE_TYPES
    title: Text
    url: Text | None = None  # per language (the same address twice when there is one)

    def url_for(self, lang: str | None = None) -> str | None:
        return pick(self.url, lang) if self.url else None


@dataclass(frozen=True)
class Needs:
    """What an item needs from the machine. `gpu` is true whenever `vram_gb` is given."""

    ram_gb: float | None = None
    gpu: bool = False
    vram_gb: float | None = None

    def __bool__(self) -> bool:
        return self.gpu or self.ram_gb is not None


@dataclass(frozen=True)
class Pitfall:
    id: str
    text: Text


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    title: Text
    body: Text
    hours: float
    lesson: str | None = None
    needs: Needs = field(default_factory=Needs)
    resources: tuple[Resource, ...] = ()
    warnings: tuple[Pitfall, ...] = ()
    where: str = ""  # its place in the file: phases[0].topics[1].items[2]

    def matches(self, query: str) -> bool:
        """Every word of `query` occurs (case-insensitively) in this item's text, any language."""
        hay = self.search_text()
        return all(w in hay for w in query.casefold().split())

    def search_text(self) -> str:
        """What a search looks in: the item's id, kind, lesson and texts in every language, casefolded."""
        return " ".join(
            [self.id, self.kind, self.lesson or ""]
            + [t for text in (self.title, self.body) for t in text.values()]
            + [t for r in self.resources for t in r.title.values()]
            + [t for w in self.warnings for t in w.text.values()]
        ).casefold()


@dataclass(frozen=True)
class Topic:
    id: str
    title: Text
    items: tuple[Item, ...]
    summary: Text | None = None


@dataclass(frozen=True)
class Phase:
    id: str
    title: Text
    months: tuple[int, int]
    hardware: str  # a key of HARDWARE
    topics: tuple[Topic, ...]
    summary: Text | None = None

    def items(self) -> list[Item]:
        return [item for topic in self.topics for item in topic.items]

    @property
    def hardware_label(self) -> Text:
        return HARDWARE[self.hardware]


@dataclass(frozen=True)
class PlanSummary:
    phases: int
    topics: int
    items: int
    hours: float
    lessons_linked: int  # distinct lesson ids the plan links
    lessons_missing: tuple[str, ...]  # linked ids the catalog does not have (yet)
    lessons_checked: bool  # False when no catalog was given, so nothing could be missing

    def line(self) -> str:
        text = (
            f"{self.phases} phases, {self.topics} topics, {self.items} items, "
            f"{_hours(self.hours)} h; lessons: {self.lessons_linked} linked"
        )
        if self.lessons_checked:
            present = self.lessons_linked - len(self.lessons_missing)
            text += f", {present} present, {len(self.lessons_missing)} missing"
        return text


@dataclass(frozen=True)
class Plan:
    id: str
    title: Text
    phases: tuple[Phase, ...]
    summary: Text | None = None
    source: str | None = None
    warnings: Mapping[str, Pitfall] = field(default_factory=dict)
    path: Path | None = None
    known_lessons: frozenset[str] | None = None  # the catalog it was checked against

    # Indexes, built once: looking an item up is a dict access, so nothing that walks the plan
    # (the roadmap's verdicts, a 100,000-item plan at start-up) grows with the square of its size.
    _items: tuple[Item, ...] = field(init=False, repr=False, compare=False)
    _by_id: Mapping[str, tuple[Item, Phase]] = field(init=False, repr=False, compare=False)
    _by_lesson: Mapping[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, tuple[Item, Phase]] = {}
        by_lesson: dict[str, Item] = {}
        for phase in self.phases:
            for topic in phase.topics:
                for item in topic.items:
                    by_id.setdefault(item.id, (item, phase))
                    if item.lesson:
                        by_lesson.setdefault(item.lesson, item)
        object.__setattr__(self, "_items", tuple(item for phase in self.phases for item in phase.items()))
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_lesson", by_lesson)

    def items(self) -> tuple[Item, ...]:
        return self._items

    def item(self, item_id: str) -> Item:
        return self._by_id[item_id][0]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def phase_of(self, item_id: str) -> Phase:
        return self._by_id[item_id][1]

    def item_for_lesson(self, lesson_id: str) -> Item | None:
        """The first item, in plan order, that links this lesson."""
        return self._by_lesson.get(lesson_id)

    def lesson_ids(self) -> list[str]:
        """Distinct lesson ids linked from the plan, in plan order."""
        return list(self._by_lesson)

    def missing_lessons(self) -> list[tuple[str, Item]]:
        """(lesson id, item) for each item whose lesson the catalog does not have."""
        if self.known_lessons is None:
            return []
        return [(i.lesson, i) for i in self.items() if i.lesson and i.lesson not in self.known_lessons]

    def summary_numbers(self) -> PlanSummary:
        items = self.items()
        missing = tuple(dict.fromkeys(lesson for lesson, _ in self.missing_lessons()))
        return PlanSummary(
            phases=len(self.phases),
            topics=sum(len(p.topics) for p in self.phases),
            items=len(items),
            hours=sum(i.hours for i in items),
            lessons_linked=len(self.lesson_ids()),
            lessons_missing=missing,
            lessons_checked=self.known_lessons is not None,
        )

    def next_item(self, statuses: Mapping[str, str]) -> Item | None:
        """What next: the first item, in plan order, that is neither done nor skipped."""
        found = self.next_items(statuses, 1)
        return found[0] if found else None

    def next_items(self, statuses: Mapping[str, str], n: int) -> list[Item]:
        """The first `n` items, in plan order, that are neither done nor skipped."""
        out: list[Item] = []
        for item in self.items():
            if statuses.get(item.id, "todo") not in DONE_STATUSES:
                out.append(item)
                if len(out) == n:
                    break
        return out


def suggest_lesson(lesson_id: str, known: Iterable[str]) -> str | None:
    """The known lesson id a missing one was probably meant to be (a typo), if any."""
    close = difflib.get_close_matches(lesson_id, list(known), n=1, cutoff=0.85)
    return close[0] if close else None


def plans_dir() -> Path:
    """The roadmap files shipped with the app."""
    from studio.core import paths

    return paths.plans()


def default_plan_path() -> Path:
    return plans_dir() / "zero-compute.toml"


# --- loading and checking -----------------------------------------------------------------------


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


def load_plan(
    path: Path | str,
    known_lessons: Iterable[str] | None = None,
    *,
    strict: bool = False,
    display_name: str | None = None,
) -> Plan:
    """Read and check a plan file. `known_lessons`: the catalog's lesson ids (None: not checked)."""
    path = Path(path)
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(name, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanError([Problem(name, "", f"not UTF-8 text (byte {exc.start})")]) from None
    return parse_plan(text, name, known_lessons, strict=strict, path=path)


def parse_plan(
    text: str,
    file: str = "<plan>",
    known_lessons: Iterable[str] | None = None,
    *,
    strict: bool = False,
    path: Path | None = None,
) -> Plan:
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise PlanError([_syntax_problem(file, exc)]) from None
    except RecursionError:  # tomli refuses arrays or inline tables nested over 400 deep
        raise PlanError([Problem(file, "", "arrays or tables are nested too deeply to be a plan")]) from None
    known = frozenset(known_lessons) if known_lessons is not None else None
    checker = _Checker(file, known, strict)
    plan = checker.plan(data, path)
    if checker.problems:
        raise PlanError(checker.problems)
    return plan


def _syntax_problem(file: str, exc: tomli.TOMLDecodeError) -> Problem:
    """tomli says where: '... (at line 2, column 5)' or '... (at end of document)'."""
    message = str(exc)
    match = re.search(r"\s*\(at (?:line (\d+), column (\d+)|(end of document))\)\s*$", message)
    where = ""
    if match:
        message = message[: match.start()]
        where = "end of file" if match.group(3) else f"line {match.group(1)}, column {match.group(2)}"
    return Problem(file, where, f"TOML syntax error: {message}")


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


def _hours(hours: float) -> str:
    return str(int(hours)) if float(hours).is_integer() else f"{hours:g}"


def iter_tree(plan: Plan) -> Iterator[tuple[Phase, Topic, Item]]:
    for phase in plan.phases:
        for topic in phase.topics:
            for item in topic.items:
                yield phase, topic, item


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
