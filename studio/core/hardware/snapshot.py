"""What one sample holds: CPU, memory, this app, container limits and GPUs.

Any field may be `NA(reason)` instead of a value: no NVML, no driver, no GPU, a field the
driver does not support, Windows without a load average, no cgroup limit. Those are normal
states, shown to the learner with their reason (as nvitop does), never an exception. The
reason is bilingual (`bi(en, zh)`); the window shows it with `pick`, JSON and the CLI in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass

from studio.core.text import bi, pick


# -- "not available" --------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class NA:
    """A field that has no value here, and why (falsy, so `value or default` works).

    `reason` is `bi(en, zh)`; a plain string (an error message from a library) is the
    same in both languages. Two NAs are equal when their English reasons are.
    """

    reason: Mapping[str, str] | str

    def text(self, lang: str | None = None) -> str:
        """The reason in `lang` (default: the current language)."""
        return pick(self.reason, lang)

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other) -> bool:
        return isinstance(other, NA) and self.text("en") == other.text("en")

    def __hash__(self) -> int:
        return hash(self.text("en"))

    def __str__(self) -> str:
        return f"not available: {self.text('en')}"


def available(value) -> bool:
    return not isinstance(value, NA)


def na(en: str, zh: str) -> NA:
    """`NA(bi(en, zh))`, the usual way to say why."""
    return NA(bi(en, zh))


# -- snapshots --------------------------------------------------------------------------
@dataclass(frozen=True)
class Cpu:
    percent: float  # whole machine, 0-100
    per_core: tuple[float, ...]  # each logical core, 0-100
    logical: int
    physical: int | NA
    freq_mhz: float | NA
    freq_max_mhz: float | NA
    load_avg: tuple[float, float, float] | NA  # 1, 5, 15 minutes
    window_s: float  # the time the percentages cover


@dataclass(frozen=True)
class Memory:
    total: int
    available: int  # what new allocations can get without swapping (not `free`)
    used: int  # total - available
    percent: float
    swap_total: int
    swap_used: int
    swap_percent: float


@dataclass(frozen=True)
class Process:
    """This process plus the child processes the app registered with `track_pid`."""

    rss: int
    peak_rss: int  # the highest sampled `rss` since the sampler started (or `reset_peak`)
    own_rss: int  # the app itself
    children_rss: int  # the lesson: its kernel process (and other tracked children)
    children: int  # tracked children still alive
    cpu_percent: float  # percent of one core (200 = two cores busy), app and children
    own_cpu_percent: float = 0.0
    children_cpu_percent: float = 0.0


@dataclass(frozen=True)
class Limits:
    """cgroup limits: what a container really allows, where psutil reports the host."""

    cgroup: str | NA  # "v2", "v1"
    memory_limit: int | NA
    memory_usage: int | NA
    cpu_limit: float | NA  # cores (quota / period)
    cpus_allowed: int | NA  # CPU affinity (cpuset)

    @property
    def limited(self) -> bool:
        return available(self.memory_limit) or available(self.cpu_limit)


@dataclass(frozen=True)
class Gpu:
    index: int
    name: str | NA
    source: str  # "nvml" or "torch.cuda" (memory only)
    utilization: float | NA  # percent
    memory_used: int | NA
    memory_total: int | NA
    temperature_c: float | NA
    power_w: float | NA
    power_limit_w: float | NA
    process_memory: int | NA  # this process and its tracked children

    @property
    def memory_percent(self) -> float | NA:
        for value in (self.memory_used, self.memory_total):
            if not available(value):
                return value
        if not self.memory_total:
            return na("total is 0", "总量为 0")
        return 100.0 * self.memory_used / self.memory_total


@dataclass(frozen=True)
class Snapshot:
    time: float  # time.monotonic()
    wall: float  # time.time()
    cpu: Cpu
    memory: Memory
    process: Process
    limits: Limits
    gpus: tuple[Gpu, ...] | NA

    def to_dict(self) -> dict:
        """JSON-ready: every NA becomes {"not_available": reason in English}."""
        return _plain(self)


def _plain(value):
    if isinstance(value, NA):
        return {"not_available": value.text("en")}
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 3)
    return value
