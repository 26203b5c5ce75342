"""The estimate model against the learner's recorded runs (run history)."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from studio.core.advisor.estimate import estimate_for, seconds_for
from studio.core.lesson import LessonError
from studio.core.measure import Measurement


def _key(params: Mapping[str, Any]):
    """The settings as a dict key (a tuple: cheap for a lesson with a thousand runs)."""
    try:
        key = tuple(sorted(params.items()))
        hash(key)
        return key
    except TypeError:  # a value that does not compare or hash: as JSON
        return json.dumps(dict(params), sort_keys=True, default=str)


def recorded_seconds(runs: Iterable, lesson, params: Mapping[str, Any], device: str,
                     m: Measurement) -> tuple[list[float], bool]:
    """The learner's measured run times of `lesson` on this kind of device, and whether they
    are of these very settings. Without a run of these settings, each run of other settings
    counts, its time scaled by the estimate (estimated time here / estimated time there)."""
    kind = device.split(":")[0]
    by_settings: dict[Any, list] = {}
    for r in runs:
        if r.lesson == lesson.id and r.status == "done" and r.seconds and (r.device or "cpu").split(":")[0] == kind:
            by_settings.setdefault(_key(r.params), []).append(r)
    same = [r.seconds for r in by_settings.get(_key(params), ())]
    if same or not by_settings:
        return same, True
    here, _ = seconds_for(estimate_for(lesson, params), m, device)
    scaled = []
    for group in by_settings.values():  # one estimate per setting, however many runs it has
        try:
            there, _ = seconds_for(estimate_for(lesson, group[0].params), m, device)
        except LessonError:
            continue  # settings the lesson no longer accepts
        scaled += [r.seconds * here / there for r in group]
    return scaled, False


@dataclass
class HistoryCheck:
    """The estimate model against the recorded runs of one lesson with one set of settings."""

    lesson: str
    params: dict[str, Any]
    device: str
    estimated_s: float
    measured_s: float  # median of the runs
    runs: int

    @property
    def ratio(self) -> float:
        return self.estimated_s / self.measured_s

    def to_json(self) -> dict:
        return {"lesson": self.lesson, "params": self.params, "device": self.device, "runs": self.runs,
                "estimated_s": round(self.estimated_s, 3), "measured_s": round(self.measured_s, 3),
                "ratio": round(self.ratio, 3)}


def check_against_history(runs: Iterable, m: Measurement, lessons=None) -> list[HistoryCheck]:
    """Estimated against measured run times, for every lesson and settings with finished runs."""
    if lessons is None:
        from studio.core.lesson import catalog

        lessons = catalog()
    groups: dict[tuple[str, str, str], list] = {}
    for r in runs:
        if r.status == "done" and r.seconds and r.lesson in lessons.ids():
            key = (r.lesson, json.dumps(r.params, sort_keys=True, default=str), (r.device or "cpu").split(":")[0])
            groups.setdefault(key, []).append(r)
    out = []
    for (lesson_id, _, kind), group in sorted(groups.items()):
        lesson = lessons.get(lesson_id)
        try:
            params = lesson.resolve_params(group[0].params)
        except LessonError:
            continue  # settings the lesson no longer accepts
        estimated, _ = seconds_for(estimate_for(lesson, params), m, "cuda:0" if kind == "cuda" else "cpu")
        out.append(HistoryCheck(lesson_id, params, kind, estimated,
                                statistics.median(r.seconds for r in group), len(group)))
    return out
