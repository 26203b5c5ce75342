"""The last 10 minutes of samples as numpy columns, and the runs drawn on them."""

from __future__ import annotations

import time

import numpy as np

from studio.core.hardware.run_usage import RunUsage
from studio.core.hardware.snapshot import Snapshot, available

HISTORY_SECONDS = 600.0
FASTEST_INTERVAL = 0.25


class UsageHistory:
    """The last `seconds` of snapshots as numpy columns, and the runs drawn on them.

    A ring buffer sized for the fastest refresh (0.25 s); `window()` returns the samples
    of the last `seconds`, oldest first. GPU columns have one column per device.
    `begin_run` / `end_run` summarise the samples of a lesson run (`RunUsage`).
    """

    COLUMNS = ("time", "wall", "cpu", "ram_percent", "ram_used", "swap_used", "process_rss",
               "process_cpu", "app_rss", "lesson_rss", "lesson_cpu")
    GPU_COLUMNS = ("gpu_util", "gpu_memory_percent", "gpu_memory_used", "gpu_process_memory")

    def __init__(self, seconds: float = HISTORY_SECONDS, gpus: int = 0, capacity: int | None = None):
        self.seconds = seconds
        self.capacity = capacity or int(seconds / FASTEST_INTERVAL) + 64
        self._data = {c: np.full(self.capacity, np.nan) for c in self.COLUMNS}
        self._gpu = {c: np.full((self.capacity, gpus), np.nan) for c in self.GPU_COLUMNS}
        self._next = 0  # where the next sample goes
        self._len = 0
        self.runs: list[RunUsage] = []
        self._tokens = 0
        self._last_time: float | None = None

    def __len__(self) -> int:
        return self._len

    @property
    def gpus(self) -> int:
        return self._gpu["gpu_util"].shape[1]

    def append(self, snap: Snapshot) -> None:
        i = self._next
        d = self._data
        d["time"][i], d["wall"][i] = snap.time, snap.wall
        d["cpu"][i] = snap.cpu.percent
        d["ram_percent"][i], d["ram_used"][i] = snap.memory.percent, snap.memory.used
        d["swap_used"][i] = snap.memory.swap_used
        d["process_rss"][i], d["process_cpu"][i] = snap.process.rss, snap.process.cpu_percent
        d["app_rss"][i], d["lesson_rss"][i] = snap.process.own_rss, snap.process.children_rss
        d["lesson_cpu"][i] = snap.process.children_cpu_percent
        gpus = snap.gpus if available(snap.gpus) else ()
        if len(gpus) > self.gpus:
            self._grow_gpus(len(gpus))
        if self.gpus:
            for c in self.GPU_COLUMNS:
                self._gpu[c][i] = np.nan
        for g in gpus:
            self._gpu["gpu_util"][i, g.index] = _num(g.utilization)
            self._gpu["gpu_memory_percent"][i, g.index] = _num(g.memory_percent)
            self._gpu["gpu_memory_used"][i, g.index] = _num(g.memory_used)
            self._gpu["gpu_process_memory"][i, g.index] = _num(g.process_memory)
        self._next = (i + 1) % self.capacity
        self._len = min(self._len + 1, self.capacity)
        for run in self.runs:
            if run.end is None and snap.time >= run.start:
                run.add(snap, self._last_time)
        self._last_time = snap.time

    def _grow_gpus(self, n: int) -> None:
        for c, old in self._gpu.items():
            new = np.full((self.capacity, n), np.nan)
            new[:, : old.shape[1]] = old
            self._gpu[c] = new

    def _ordered(self, arr: np.ndarray) -> np.ndarray:
        if self._len < self.capacity:
            return arr[: self._len]
        return np.concatenate((arr[self._next :], arr[: self._next]))

    def window(self, seconds: float | None = None) -> dict[str, np.ndarray]:
        """Columns of the samples within `seconds` (default: all 10 minutes) of the newest."""
        seconds = self.seconds if seconds is None else seconds
        out = {c: self._ordered(a) for c, a in self._data.items()}
        out.update({c: self._ordered(a) for c, a in self._gpu.items()})
        if self._len:
            keep = out["time"] >= out["time"][-1] - seconds
            if not keep.all():
                out = {c: a[keep] for c, a in out.items()}
        return out

    # -- runs -------------------------------------------------------------------------
    def begin_run(self, label: str) -> int:
        self._tokens += 1
        self.runs.append(RunUsage(self._tokens, label, time.monotonic(), time.time()))
        del self.runs[:-100]  # bands older than that are long off the chart
        return self._tokens

    def end_run(self, token: int) -> dict:
        """End the run; its summary (numbers only, keys start with 'hw_')."""
        run = self.run(token)
        if run is None:
            raise KeyError(f"no run with token {token}")
        if run.end is not None:
            return run.summary
        return run.finish(time.monotonic(), time.time())

    def run(self, token: int) -> RunUsage | None:
        return next((r for r in self.runs if r.token == token), None)


def _num(value) -> float:
    return float(value) if available(value) else np.nan
