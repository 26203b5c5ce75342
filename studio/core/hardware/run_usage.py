"""What one lesson run used: a band on the usage history and the numbers of its summary."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from studio.core.hardware.snapshot import Snapshot, available
from studio.core.units import MiB


@dataclass
class RunUsage:
    """One lesson run: a band on the history, and running sums for its summary.

    The summary's keys start with 'hw_': the run's results keep them.
    """

    token: int
    label: str
    start: float  # monotonic
    start_wall: float
    end: float | None = None
    end_wall: float | None = None
    summary: dict = field(default_factory=dict)
    _samples: int = 0
    _seconds: float = 0.0
    _cpu_s: float = 0.0  # percent-seconds
    _proc_cpu_s: float = 0.0
    _lesson_cpu_s: float = 0.0
    _peak: dict = field(default_factory=dict)

    def add(self, snap: Snapshot, previous: float | None) -> None:
        dt = snap.time - max(previous if previous is not None else self.start, self.start)
        dt = max(dt, 0.0)
        self._samples += 1
        self._seconds += dt
        self._cpu_s += snap.cpu.percent * dt
        self._proc_cpu_s += snap.process.cpu_percent * dt
        self._lesson_cpu_s += snap.process.children_cpu_percent * dt
        peak = self._peak
        _max(peak, "hw_peak_ram_used_mb", snap.memory.used / MiB)
        _max(peak, "hw_peak_ram_percent", snap.memory.percent)
        _max(peak, "hw_peak_swap_used_mb", snap.memory.swap_used / MiB)
        _max(peak, "hw_peak_process_rss_mb", snap.process.rss / MiB)
        _max(peak, "hw_peak_app_rss_mb", snap.process.own_rss / MiB)
        if snap.process.children:  # the lesson's kernel, apart from the app
            _max(peak, "hw_peak_lesson_rss_mb", snap.process.children_rss / MiB)
        if available(snap.gpus):
            used = [g.memory_used for g in snap.gpus if available(g.memory_used)]
            if used:
                _max(peak, "hw_peak_gpu_memory_mb", sum(used) / MiB)
            mine = [g.process_memory for g in snap.gpus if available(g.process_memory)]
            if mine:
                _max(peak, "hw_peak_process_gpu_memory_mb", sum(mine) / MiB)
            util = [g.utilization for g in snap.gpus if available(g.utilization)]
            if util:
                _max(peak, "hw_peak_gpu_utilization_percent", max(util))

    def finish(self, end: float, end_wall: float) -> dict:
        self.end, self.end_wall = end, end_wall
        summary: dict = {"hw_duration_s": end - self.start, "hw_samples": self._samples}
        if self._seconds > 0:
            summary["hw_mean_cpu_percent"] = self._cpu_s / self._seconds
            summary["hw_mean_process_cpu_percent"] = self._proc_cpu_s / self._seconds
            summary["hw_mean_lesson_cpu_percent"] = self._lesson_cpu_s / self._seconds
        summary.update(self._peak)
        self.summary = {k: round(v, 2) if isinstance(v, float) else v for k, v in summary.items()}
        return self.summary


def _max(d: dict, key: str, value: float) -> None:
    d[key] = max(d.get(key, -math.inf), value)
