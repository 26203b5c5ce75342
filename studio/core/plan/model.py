"""The plan model: a plan of phases > topics > items, with each item's lesson, hardware needs,
resources and the article's warnings; the format's fields and limits."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from studio.core.text import bi, pick

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
            f"{hours_text(self.hours)} h; lessons: {self.lessons_linked} linked"
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



def hours_text(hours: float) -> str:
    """12 -> "12", 1.5 -> "1.5": hours as a plan and its tallies write them."""
    return str(int(hours)) if float(hours).is_integer() else f"{hours:g}"


def iter_tree(plan: Plan) -> Iterator[tuple[Phase, Topic, Item]]:
    for phase in plan.phases:
        for topic in phase.topics:
            for item in topic.items:
                yield phase, topic, item
