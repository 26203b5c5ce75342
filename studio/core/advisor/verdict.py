"""The verdict on this PC: runs, slow, needs a GPU, needs more memory.

`runs` (here, in about N minutes), `slow` (runs, but takes longer than `SLOW_MINUTES`, or an
article rule says so: with the cheaper paths that fit), `gpu` (longer than `GPU_HOURS` on this
CPU, or a rule that needs a GPU: with the free-compute options) and `memory` (more than
`MEMORY_SHARE` of the available RAM: with the cheaper settings that would fit).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from studio.core.advisor.advice import CLOUD, Advice, Text, cheaper_paths
from studio.core.advisor.estimate import Estimate, seconds_for
from studio.core.advisor.rules import RULES
from studio.core.labels import device_label
from studio.core.measure import Measurement
from studio.core.text import bi, pick
from studio.core.units import MiB, about, size

SLOW_MINUTES = 15.0  # longer than this on this PC: "runs, but slowly"
GPU_HOURS = 8.0  # longer than this on this CPU: "needs a GPU" (a working day)
MEMORY_SHARE = 0.8  # a run may use at most this share of the available RAM


LEVELS = ("runs", "slow", "gpu", "memory")  # mildest first


@dataclass
class Verdict:
    level: str  # runs | slow | gpu | memory
    seconds: float | None = None
    bytes: float = 0.0
    available: float = 0.0  # RAM available when advised
    device: str = "cpu"
    reasons: list[Text] = field(default_factory=list)
    cheaper: list[Advice] = field(default_factory=list)
    cloud: list[Advice] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    coarse: bool = False
    measured: bool = False  # throughput from a measurement of this PC
    from_runs: int = 0  # the time is the median of this many of the learner's recorded runs
    same_settings: bool = True  # those runs had these settings (else: scaled by the estimate)

    @property
    def guessed(self) -> bool:
        """Time and memory are only the coarse default guess: not worth showing as figures."""
        return self.coarse and not self.from_runs

    def badge(self, lang: str | None = None) -> str:
        shown = self.seconds is not None and not self.guessed
        time_text = f" {about(self.seconds, lang, short=True)}" if shown else ""
        return pick({
            "runs": bi(f"Runs here{time_text}", f"本机可运行{time_text}"),
            "slow": bi(f"Slow here{time_text}", f"本机较慢{time_text}"),
            "gpu": bi("Needs a GPU", "需要 GPU"),
            "memory": bi("Needs more memory", "需要更多内存"),
        }[self.level], lang)

    def sentence(self, lang: str | None = None) -> str:
        """One sentence for the item: the verdict, why, and what to do."""
        t = about(self.seconds, lang) if self.seconds is not None and not self.guessed else None
        mem = size(self.bytes) if self.bytes and not self.coarse else ""
        why = pick(bi("; ", "；"), lang).join(pick(r, lang) for r in self.reasons[:2])
        first = pick(self.cheaper[0].text, lang) if self.cheaper else ""
        clouds = ", ".join(pick(c.text, lang).split(":")[0].split("：")[0] for c in self.cloud)
        if self.level == "runs":
            device = device_label(self.device)
            text = pick(bi(
                f"Runs here: {t} on {device['en']}" + (f", {mem} of memory." if mem else "."),
                f"可在本机运行：在 {device['zh']} 上{t}" + (f"，内存约 {mem}。" if mem else "。"),
            ), lang) if t else pick(bi("Runs here.", "可在本机运行。"), lang)
        elif self.level == "slow":
            text = pick(bi(f"Runs here, but slowly ({t or 'long'}): {why}. Cheaper: {first}",
                           f"可以运行，但很慢（{t or '耗时长'}）：{why}。更省的做法：{first}"), lang)
        elif self.level == "gpu":
            text = pick(bi(f"Needs a GPU: {why}. Free GPUs: {clouds}.",
                           f"需要 GPU：{why}。免费算力：{clouds}。"), lang)
        else:
            text = pick(bi(f"Needs more memory: {why}. " + (f"Cheaper: {first}" if first else ""),
                           f"需要更多内存：{why}。" + (f"更省的做法：{first}" if first else "")), lang)
        return text + self._time_source(lang)

    def _time_source(self, lang: str | None) -> str:
        """Where the time comes from: the learner's runs on this PC, or (no estimate, no run
        yet) the first run to come."""
        n = self.from_runs
        if n and self.same_settings:
            return pick(bi(f" (time measured in your {n} run(s) of these settings on this PC)",
                           f"（时间取自你在本机以相同设置运行 {n} 次的实测）"), lang)
        if n:
            return pick(bi(f" (time measured in your {n} run(s) on this PC with other settings, "
                           "scaled to these)",
                           f"（时间取自你在本机以其他设置运行 {n} 次的实测，按设置换算）"), lang)
        if self.coarse:
            return pick(bi(" (this lesson declares no estimate: its first run here measures the time)",
                           "（本课没有声明资源估计：首次运行后显示本机实测时间）"), lang)
        return ""

    def to_json(self, lang: str | None = None) -> dict:
        return {
            "level": self.level,
            "badge": self.badge(lang),
            "sentence": self.sentence(lang),
            "minutes": None if self.seconds is None else round(self.seconds / 60, 3),
            "memory_mb": round(self.bytes / MiB, 1),
            "available_mb": round(self.available / MiB, 1),
            "device": self.device,
            "rules": list(self.rules),
            "reasons": [pick(r, lang) for r in self.reasons],
            "cheaper": [a.to_json(lang) for a in self.cheaper],
            "cloud": [a.to_json(lang) for a in self.cloud],
            "coarse": self.coarse,
            "measured": self.measured,
            "from_runs": self.from_runs,
            "same_settings": self.same_settings,
        }


def judge(e: Estimate, m: Measurement, devices: tuple[str, ...] = ("cpu",),
          available: float | None = None, seconds: float | None = None) -> Verdict:
    """The verdict on machine `m` for a run that needs `e`; `seconds`: a measured time that
    replaces the estimated one."""
    available = m.ram_available if available is None else available
    device = "cuda:0" if "cuda" in devices and m.gpus else "cpu"
    estimated, measured = seconds_for(e, m, device)
    if seconds is None:
        seconds = estimated
    else:
        measured = True
    v = Verdict("runs", seconds, e.bytes, available, device, coarse=e.coarse, measured=measured)

    def raise_to(level: str, reason: Text, rule: str = "") -> None:
        if LEVELS.index(level) > LEVELS.index(v.level):
            v.level = level
        v.reasons.append(reason)
        if rule:
            v.rules.append(rule)

    for rule in RULES:
        if rule.applies(e, m):
            raise_to(rule.level, rule.text, rule.id)
    if seconds > GPU_HOURS * 3600 and not device.startswith("cuda"):
        raise_to("gpu", bi(f"{about(seconds, 'en')} on this CPU",
                           f"在本机 CPU 上需{about(seconds, 'zh')}"))
    elif seconds > SLOW_MINUTES * 60:
        raise_to("slow", bi(f"{about(seconds, 'en')} here", f"在本机需{about(seconds, 'zh')}"))
    if available and e.bytes > MEMORY_SHARE * available:
        raise_to("memory", bi(
            f"about {size(e.bytes)} of memory against {size(available)} available "
            f"(at most {MEMORY_SHARE:.0%})",
            f"约需内存 {size(e.bytes)}，可用 {size(available)}（最多使用 {MEMORY_SHARE:.0%}）"))
    if v.level != "runs":
        v.cheaper = cheaper_paths(e)
    if v.level in ("gpu", "memory") or (v.level == "slow" and seconds > 3600):
        v.cloud = list(CLOUD)
    return v


def merge(a: Verdict, b: Verdict) -> Verdict:
    """The harsher of two verdicts on the same thing, with the reasons and advice of both (a new
    Verdict: neither is changed, so one lesson's verdict can be shared by all its plan items)."""
    worst, other = (a, b) if LEVELS.index(a.level) >= LEVELS.index(b.level) else (b, a)
    keys = {x.key for x in worst.cheaper}
    return replace(
        worst,
        cheaper=worst.cheaper + [x for x in other.cheaper if x.key not in keys],
        cloud=list(worst.cloud or other.cloud),
        reasons=worst.reasons + [r for r in other.reasons if r not in worst.reasons],
        rules=worst.rules + [r for r in other.rules if r not in worst.rules],
        seconds=worst.seconds if worst.seconds is not None else other.seconds,
        bytes=max(worst.bytes, other.bytes),
    )
