"""The memory rule before a run: refuse one that would not fit, and offer cheaper settings that do."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from studio.core.advisor.advice import Advice
from studio.core.advisor.estimate import estimate_for
from studio.core.advisor.verdict import MEMORY_SHARE
from studio.core.text import bi, pick
from studio.core.units import MiB, size

SUGGEST_SHARE = 0.5  # cheaper settings offered instead use at most this share: the machine keeps room


@dataclass
class Refusal:
    """A run not started: it would use more than MEMORY_SHARE of the available RAM."""

    lesson: str
    needed: float
    available: float
    options: list[Advice]  # cheaper settings that fit, each with `params` to apply

    @property
    def limit(self) -> float:
        return MEMORY_SHARE * self.available

    @property
    def suggest_limit(self) -> float:
        """What the cheaper settings offered may use: half the available RAM, so the system,
        the app and the learner's browser keep the rest (80% barely fit: 19.6 of 24.7 GB)."""
        return SUGGEST_SHARE * self.available

    def options_heading(self, lang: str | None = None) -> str:
        return pick(bi(
            f"cheaper settings that use at most half of the {size(self.available)} available "
            f"({size(self.suggest_limit)}), leaving the rest to the rest of the machine",
            f"更省的设置（最多占用可用内存 {size(self.available)} 的一半，即 {size(self.suggest_limit)}，"
            f"其余留给系统和其他程序）"), lang)

    def message(self, lang: str | None = None) -> str:
        return pick(bi(
            f"{self.lesson} would need about {size(self.needed)} of memory, more than "
            f"{MEMORY_SHARE:.0%} of the {size(self.available)} available",
            f"{self.lesson} 约需 {size(self.needed)} 内存，超过可用内存 {size(self.available)} "
            f"的 {MEMORY_SHARE:.0%}"), lang)

    def to_json(self, lang: str | None = None) -> dict:
        return {"lesson": self.lesson, "needed_mb": round(self.needed / MiB, 1),
                "available_mb": round(self.available / MiB, 1), "message": self.message(lang),
                "options": [o.to_json(lang) for o in self.options]}


def memory_check(lesson, params: Mapping[str, Any], available: float | None = None) -> Refusal | None:
    """None when the run fits in MEMORY_SHARE of the available RAM, else a Refusal with cheaper settings."""
    if available is None:
        from studio.core.measure import available_memory

        available = available_memory()
    params = dict(params)
    e = estimate_for(lesson, params)
    if e.bytes <= MEMORY_SHARE * available:
        return None
    return Refusal(lesson.id, e.bytes, available, cheaper_settings(lesson, params, SUGGEST_SHARE * available))


def cheaper_settings(lesson, params: Mapping[str, Any], limit: float) -> list[Advice]:
    """Settings that bring the estimated memory under `limit`: float32 where a dtype can be
    chosen, and for each whole-number parameter that drives memory, the largest value that fits."""
    if lesson.estimate is None:
        return []
    params = dict(params)
    out: list[Advice] = []
    base = dict(params)
    for p in lesson.params:  # float32 first: it halves memory without losing rows
        if p.kind == "choice" and "float32" in p.choices and params.get(p.name) != "float32":
            trial = {**params, p.name: "float32"}
            base = trial
            bytes32 = lesson.estimate(trial).bytes
            if bytes32 <= limit:
                text = bi(f"use float32 ({size(bytes32)})", f"改用 float32（{size(bytes32)}）")
                out.append(Advice("float32", text, "efficiency.float32", {p.name: "float32"}))
                return out
    for p in lesson.params:
        if p.kind != "int" or p.min is None:
            continue
        low = {**base, p.name: int(p.min)}
        if lesson.estimate(low).bytes >= lesson.estimate(base).bytes or lesson.estimate(low).bytes > limit:
            continue  # this parameter does not drive memory, or even its minimum is too much
        value = _largest_fitting(lambda v, p=p: lesson.estimate({**base, p.name: v}).bytes, int(p.min),
                                 int(base[p.name]), limit)
        value = _round_down(value, int(p.min))
        changes = {k: v for k, v in {**base, p.name: value}.items() if params.get(k) != v}
        fits = lesson.estimate({**base, p.name: value}).bytes
        label = ", ".join(f"{k}={v}" for k, v in changes.items())
        out.append(Advice(p.name, bi(f"{label} ({size(fits)})", f"{label}（{size(fits)}）"),
                          params=changes))
    return out


def _largest_fitting(bytes_at: Callable[[int], float], lo: int, hi: int, limit: float) -> int:
    """Largest v in [lo, hi] with bytes_at(v) <= limit (bytes grow with v)."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bytes_at(mid) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _round_down(value: int, floor: int) -> int:
    """Two significant digits, rounded down (123456 -> 120000), never below `floor`."""
    if value < 100:
        return value
    step = 10 ** (int(math.log10(value)) - 1)
    return max(floor, value // step * step)
