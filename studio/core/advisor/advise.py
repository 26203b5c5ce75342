"""Verdicts for a lesson (with the learner's recorded runs) and for a plan item (its lesson and its stated needs)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from studio.core.advisor.advice import CLOUD, Advice, Text
from studio.core.advisor.calibration import recorded_seconds
from studio.core.advisor.estimate import GB, estimate_for
from studio.core.advisor.rules import WARNING_WORKLOADS, WORKLOADS
from studio.core.advisor.verdict import LEVELS, Verdict, judge, merge
from studio.core.measure import Measurement
from studio.core.text import bi
from studio.core.units import size


def measurement_or_snapshot(db=None) -> Measurement:
    """The newest stored measurement of this PC with live memory figures, or a snapshot."""
    from studio.core import measure

    m = measure.latest(db) if db is not None else None
    live = measure.snapshot()
    if m is None:
        return live
    m.ram_total, m.ram_available, m.ram_limit = live.ram_total, live.ram_available, live.ram_limit
    return m


def advise_lesson(lesson, m: Measurement, params: Mapping[str, Any] | None = None,
                  runs: Iterable | None = None) -> Verdict:
    """The lesson's verdict for `params` (defaults when None). With `runs` (run history,
    `studio.core.history.RunRecord`s), the learner's finished runs on the same kind of device
    replace the estimated time by the measured one (the median): runs of these settings, or,
    when there are none, runs of other settings scaled by the estimate."""
    params = lesson.resolve_params(params)
    device = "cuda:0" if "cuda" in lesson.devices and m.gpus else "cpu"
    times, same_settings = recorded_seconds(runs or (), lesson, params, device, m)
    seconds = statistics.median(times) if times else None
    v = judge(estimate_for(lesson, params), m, lesson.devices, seconds=seconds)
    v.from_runs, v.same_settings = len(times), same_settings
    if v.level != "runs":
        v.cheaper = _pytorch_version(lesson) + _fewer(lesson, params) + v.cheaper
    return v


_FEWER = {"epochs": "训练轮数", "sequences": "序列数"}  # the knobs a training lesson's time follows


def _fewer(lesson, params: Mapping[str, Any]) -> list[Advice]:
    """A tenth of the epochs or sequences first: the time follows them."""
    out = []
    for p in lesson.params:
        if p.name in _FEWER and p.kind == "int" and isinstance(params.get(p.name), int):
            value = max(int(p.min or 1), params[p.name] // 10)
            if value < params[p.name]:
                out.append(Advice(f"fewer_{p.name}", bi(f"fewer {p.name} first: {p.name}={value}",
                                                        f"先减少{_FEWER[p.name]}：{p.name}={value}"),
                                  params={p.name: value}))
    return out


def _pytorch_version(lesson) -> list[Advice]:
    """A Keras lesson's PyTorch twin (its `related` lesson): the same model without Keras'
    per-step Python loop, several times faster on a CPU."""
    if not lesson.id.startswith("keras."):
        return []
    return [Advice("pytorch", bi(f"run the PyTorch version, {twin}: the same model, several times faster here",
                                 f"改用 PyTorch 版本 {twin}：同样的模型，在本机快数倍"), twin)
            for twin in lesson.related if twin.startswith("torch.")][:1]


def advise_needs(m: Measurement, ram_gb: float | None = None, gpu: bool = False,
                 vram_gb: float | None = None, workload: str | None = None) -> Verdict:
    """A verdict for a plan item that states hardware needs (and optionally an article workload)."""
    if workload:
        v = judge(WORKLOADS[workload], m, ("cpu", "cuda"))
    else:
        v = Verdict("runs", None, 0.0, m.ram_available, "cuda:0" if m.gpus else "cpu",
                    measured=bool(m.throughput))

    def at_least(level: str, reason: Text) -> None:
        if LEVELS.index(level) > LEVELS.index(v.level):
            v.level = level
        v.reasons.append(reason)

    if ram_gb and ram_gb * GB > m.ram_total:
        at_least("memory", bi(f"needs {ram_gb:g} GB of RAM; this PC has {size(m.ram_total)}",
                              f"需要 {ram_gb:g} GB 内存；本机共 {size(m.ram_total)}"))
    if gpu and not m.gpus:
        at_least("gpu", bi("needs a GPU; this PC has none", "需要 GPU；本机没有"))
    if vram_gb and vram_gb * GB > m.vram_total and "vram" not in v.rules:
        at_least("gpu", bi(f"needs {vram_gb:g} GB of GPU memory; this PC has {size(m.vram_total)}",
                           f"需要 {vram_gb:g} GB 显存；本机有 {size(m.vram_total)}"))
    if v.level in ("gpu", "memory"):
        v.cloud = list(CLOUD)
    return v


def advise_item(item, m: Measurement, lessons=None, lesson_verdicts: dict | None = None,
                runs: Iterable | None = None) -> Verdict | None:
    """A plan item's verdict: its lesson's (if it has one) and its stated hardware needs, with
    the article workload its warnings name (ResNet50 on ImageNet, BERT fine-tuning). None for
    an item with neither a lesson nor needs. `lessons`: the catalog (default: the app's);
    `lesson_verdicts`: a dict kept across the items of a plan, so each lesson is judged once;
    `runs`: the learner's recorded runs, whose measured times replace the estimates."""
    if lessons is None:
        from studio.core.lesson import catalog

        lessons = catalog()
    verdict = None
    if item.lesson and item.lesson in lessons.lessons:
        cache = lesson_verdicts if lesson_verdicts is not None else {}
        if item.lesson not in cache:
            cache[item.lesson] = advise_lesson(lessons.get(item.lesson), m, runs=runs)
        verdict = cache[item.lesson]
    needs = item.needs
    if needs:
        workload = next((WARNING_WORKLOADS[w.id] for w in item.warnings if w.id in WARNING_WORKLOADS), None)
        stated = advise_needs(m, needs.ram_gb, needs.gpu, needs.vram_gb, workload)
        verdict = stated if verdict is None else merge(verdict, stated)
    return verdict
