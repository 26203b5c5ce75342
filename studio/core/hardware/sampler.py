"""`Sampler().sample()`: a `Snapshot` of the machine and of this app, without blocking.

CPU percentages are deltas since the previous sample (primed at construction), so the
caller's clock sets the window. On Linux the counters come straight from /proc
(`procfs`), elsewhere from psutil.
"""

from __future__ import annotations

import math
import os
import time

import psutil

from studio.core.hardware import procfs
from studio.core.hardware.cgroup import Cgroup
from studio.core.hardware.gpu import REAL_NVML, GpuReader
from studio.core.hardware.snapshot import NA, Cpu, Limits, Process, Snapshot, na

FREQ_EVERY_S = 5.0  # psutil.cpu_freq parses /proc/cpuinfo: not every tick
NO_FREQUENCY = na("the OS does not report CPU frequency", "系统不报告 CPU 频率")


class Sampler:
    """Cheap, non-blocking samples of the whole machine and of this app.

    Track the processes the app starts with `track_pid` (a sample never walks the
    process tree: `children(recursive=True)` costs more than everything else together).
    """

    def __init__(self, nvml=REAL_NVML, cgroup: Cgroup | None = None):
        self.pid = os.getpid()
        self._own = procfs.ProcessLoad(self.pid)
        self._tracked: dict[int, procfs.ProcessLoad] = {}
        self._peak_rss = 0
        self._cores = procfs.CoreLoad()
        self._meminfo = procfs.ProcFile(procfs.PROC / "meminfo")
        self._logical = psutil.cpu_count() or 1
        physical = psutil.cpu_count(logical=False)
        self._physical: int | NA = physical if physical else na(
            "the OS does not report physical cores", "系统不报告物理核心数")
        self._freq_max: float | NA = NO_FREQUENCY
        self._freq_ok = True
        self._freq_at = -math.inf
        self._freq_now: float | NA = self._freq_max
        self.cgroup = cgroup if cgroup is not None else Cgroup()
        self._cpus_allowed = procfs.cpus_allowed(self.pid)
        self.gpu = GpuReader(nvml)
        self._last = time.monotonic()
        self._freq()

    @property
    def gpu_count(self) -> int:
        return self.gpu.count

    def track_pid(self, pid: int) -> bool:
        """Count this child process in the process figures (until it exits)."""
        try:
            self._tracked[pid] = procfs.ProcessLoad(pid)
        except (procfs.Gone, psutil.Error):
            return False
        return True

    def untrack_pid(self, pid: int) -> None:
        self._tracked.pop(pid, None)

    @property
    def tracked_pids(self) -> set[int]:
        return set(self._tracked)

    def reset_peak(self) -> None:
        self._peak_rss = 0

    def sample(self) -> Snapshot:
        now = time.monotonic()
        window, self._last = now - self._last, now
        cgroup = self.cgroup
        return Snapshot(
            time=now,
            wall=time.time(),
            cpu=self._cpu(window),
            memory=procfs.memory(self._meminfo),
            process=self._process(),
            limits=Limits(cgroup.version, cgroup.memory_limit, cgroup.memory_usage(),
                          cgroup.cpu_limit, self._cpus_allowed),
            gpus=self.gpu.read({self.pid, *self._tracked}),
        )

    def close(self) -> None:
        self.gpu.close()
        self._meminfo.close()

    def _cpu(self, window: float) -> Cpu:
        per_core = self._cores.percent()
        return Cpu(
            percent=sum(per_core) / len(per_core) if per_core else 0.0,
            per_core=per_core,
            logical=self._logical,
            physical=self._physical,
            freq_mhz=self._freq(),
            freq_max_mhz=self._freq_max,
            load_avg=procfs.load_avg(),
            window_s=window,
        )

    def _freq(self) -> float | NA:
        """The current frequency, re-read every few seconds (psutil parses /proc/cpuinfo)."""
        if not self._freq_ok:
            return self._freq_max  # the same reason
        now = time.monotonic()
        if now - self._freq_at < FREQ_EVERY_S:
            return self._freq_now
        self._freq_at = now
        self._freq_now = self._read_freq()
        return self._freq_now

    def _read_freq(self) -> float | NA:
        try:
            freq = psutil.cpu_freq()
        except Exception:  # some VMs and ARM Macs: missing files or not implemented
            freq = None
        if not freq or not freq.current:
            self._freq_ok = False
            return self._freq_max
        if freq.max:
            self._freq_max = float(freq.max)
        else:
            self._freq_max = na("the OS does not report the maximum frequency", "系统不报告最高频率")
        return float(freq.current)

    def _process(self) -> Process:
        own, own_cpu = self._own.read()
        children_rss, children_cpu = 0, 0.0
        for pid, child in list(self._tracked.items()):
            try:
                rss, cpu = child.read()
            except procfs.Gone:
                del self._tracked[pid]
                continue
            children_rss += rss
            children_cpu += cpu
        rss = own + children_rss
        self._peak_rss = max(self._peak_rss, rss)
        return Process(rss, self._peak_rss, own, children_rss, len(self._tracked), own_cpu + children_cpu,
                       own_cpu, children_cpu)
