"""What the machine is doing: CPU, memory, container limits and GPUs, as plain snapshots.

`Sampler().sample()` returns a `Snapshot` and never blocks: CPU percentages are deltas
since the previous sample (primed at construction), so the caller's clock sets the window.
Any field may be `NA(reason)` instead of a value: no NVML, no driver, no GPU, a field the
driver does not support, Windows without a load average, no cgroup limit. Those are normal
states, shown to the learner with their reason (as nvitop does), never an exception.

`History` keeps the last 10 minutes as numpy arrays and summarises the samples of a run
(`begin_run` / `end_run`) into numbers the app adds to the run's results.

No Qt here: the panel (`studio.ui.hardware_panel`) and `studio hw` both read this.
"""

from __future__ import annotations

import math
import os
import sys
import time
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path

import numpy as np
import psutil

from studio.core.units import MiB


# -- "not available" --------------------------------------------------------------------
@dataclass(frozen=True)
class NA:
    """A field that has no value here, and why (falsy, so `value or default` works)."""

    reason: str

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"not available: {self.reason}"


def available(value) -> bool:
    return not isinstance(value, NA)




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
        return 100.0 * self.memory_used / self.memory_total if self.memory_total else NA("total is 0")


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
        """JSON-ready: every NA becomes {"not_available": reason}."""
        return _plain(self)


def _plain(value):
    if isinstance(value, NA):
        return {"not_available": value.reason}
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 3)
    return value


# -- cgroups ----------------------------------------------------------------------------
UNLIMITED = 2**60  # cgroup v1 writes "no limit" as a number near 2**63


class Cgroup:
    """Reads this process's cgroup limits (v2, else v1) below `root`.

    `root` and `proc_file` are seams: tests write a fake tree in a temporary folder.
    Limits are read once (the walk up the hierarchy takes the tightest); usage each sample.
    """

    def __init__(self, root: str | Path = "/sys/fs/cgroup", proc_file: str | Path = "/proc/self/cgroup"):
        self.root = Path(root)
        self.proc_file = Path(proc_file)
        self.version: str | NA = NA("no cgroup (not Linux)") if not sys.platform.startswith("linux") \
            else NA("no cgroup filesystem")
        self.memory_limit: int | NA = NA("no cgroup memory limit")
        self.cpu_limit: float | NA = NA("no cgroup CPU limit")
        self._usage_file: Path | None = None
        try:
            self._read()
        except OSError as exc:  # unreadable files: keep the NAs, say why
            self.version = NA(f"cgroup unreadable: {exc}")

    def _paths(self) -> dict[str, str]:
        """controller -> path inside its hierarchy ('' is the v2 unified one)."""
        paths: dict[str, str] = {}
        if not self.proc_file.is_file():
            return paths
        for line in self.proc_file.read_text().splitlines():
            parts = line.split(":", 2)
            if len(parts) == 3:
                for controller in parts[1].split(",") if parts[1] else [""]:
                    paths[controller] = parts[2]
        return paths

    @staticmethod
    def _chain(mount: Path, inner: str) -> list[Path]:
        """The process's group and its ancestors up to the mount, innermost first.

        Inside a container with a cgroup namespace the path is '/', or names a folder
        that is not mounted here: then the mount itself is the group.
        """
        group = mount / inner.strip("/") if inner.strip("/") else mount
        if not group.is_dir():
            group = mount
        chain = [group]
        while chain[-1] != mount and mount in chain[-1].parents:
            chain.append(chain[-1].parent)
        return chain

    def _read(self) -> None:
        paths = self._paths()
        if (self.root / "cgroup.controllers").is_file():
            self.version = "v2"
            chain = self._chain(self.root, paths.get("", "/"))
            self._usage_file = _existing(chain[0] / "memory.current")
            memory = [_int_or_none(_text(d / "memory.max")) for d in chain]
            cpu = [_cpu_max(_text(d / "cpu.max")) for d in chain]
        else:
            mem_mount = _first_dir(self.root, "memory")
            cpu_mount = _first_dir(self.root, "cpu,cpuacct", "cpu", "cpuacct,cpu")
            if mem_mount is None and cpu_mount is None:
                return
            self.version = "v1"
            memory, cpu = [], []
            if mem_mount is not None:
                chain = self._chain(mem_mount, paths.get("memory", "/"))
                self._usage_file = _existing(chain[0] / "memory.usage_in_bytes")
                memory = [_int_or_none(_text(d / "memory.limit_in_bytes")) for d in chain]
            if cpu_mount is not None:
                chain = self._chain(cpu_mount, paths.get("cpu", "/"))
                cpu = [_cfs(_text(d / "cpu.cfs_quota_us"), _text(d / "cpu.cfs_period_us")) for d in chain]
        limits = [m for m in memory if m is not None and m < UNLIMITED]
        if limits:
            self.memory_limit = min(limits)
        quotas = [c for c in cpu if c is not None]
        if quotas:
            self.cpu_limit = min(quotas)

    def memory_usage(self) -> int | NA:
        if not available(self.memory_limit):
            return NA("no cgroup memory limit")
        if self._usage_file is None:
            return NA("cgroup memory usage file missing")
        try:
            return int(self._usage_file.read_text())
        except (OSError, ValueError) as exc:
            return NA(f"cgroup memory usage unreadable: {exc}")


def _text(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def _first_dir(root: Path, *names: str) -> Path | None:
    return next((root / n for n in names if (root / n).is_dir()), None)


def _int_or_none(text: str | None) -> int | None:
    if text is None or text == "max":
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _cpu_max(text: str | None) -> float | None:
    """v2 cpu.max: 'max 100000' (no limit) or '150000 100000' (1.5 cores)."""
    if not text:
        return None
    parts = text.split()
    if len(parts) != 2 or parts[0] == "max":
        return None
    return _cfs(parts[0], parts[1])


def _cfs(quota: str | None, period: str | None) -> float | None:
    """v1 cpu.cfs_quota_us / cpu.cfs_period_us; a quota of -1 means no limit."""
    q, p = _int_or_none(quota), _int_or_none(period)
    if q is None or p is None or q <= 0 or p <= 0:
        return None
    return q / p


# -- GPUs -------------------------------------------------------------------------------
_REAL_NVML = object()  # "import pynvml" (the nvidia-ml-py package)


class GpuReader:
    """Per-GPU figures through NVML, or torch.cuda memory figures when NVML is missing.

    `nvml` is a seam: a module-like object with pynvml's functions and `NVMLError`
    (tests pass a fake), None for "nvidia-ml-py is not installed", or the default,
    the real `pynvml`. `status` is None when NVML works, else NA saying why not.
    """

    def __init__(self, nvml=_REAL_NVML):
        if nvml is _REAL_NVML:
            try:
                import pynvml as nvml
            except ImportError:
                nvml = None
        self.nvml = nvml
        self.handles: list = []
        self.names: list[str | NA] = []
        self.status: NA | None = None
        self._unsupported: dict[tuple[int, str], NA] = {}  # asked once, never again
        if nvml is None:
            self.status = NA("nvidia-ml-py (pynvml) is not installed")
            return
        try:
            nvml.nvmlInit()
        except Exception as exc:  # NVMLError, or OSError from a broken library
            self.status = NA(self._init_reason(exc))
            return
        try:
            count = nvml.nvmlDeviceGetCount()
            self.handles = [nvml.nvmlDeviceGetHandleByIndex(i) for i in range(count)]
        except Exception as exc:
            self.status = NA(f"NVML could not list the GPUs: {exc}")
            self.handles = []
            return
        if not self.handles:
            self.status = NA("NVML found no NVIDIA GPU")
        for i, handle in enumerate(self.handles):
            name = self._field(i, "name", lambda h=handle: nvml.nvmlDeviceGetName(h))
            self.names.append(name.decode() if isinstance(name, bytes) else name)

    @property
    def count(self) -> int:
        return len(self.handles)

    def _init_reason(self, exc: Exception) -> str:
        code = getattr(exc, "value", None)
        nvml = self.nvml
        if code == getattr(nvml, "NVML_ERROR_LIBRARY_NOT_FOUND", 12):
            return "NVML library not found: no NVIDIA driver here (other GPUs are not monitored)"
        if code == getattr(nvml, "NVML_ERROR_DRIVER_NOT_LOADED", 9):
            return "NVIDIA driver not loaded"
        if code == getattr(nvml, "NVML_ERROR_NO_PERMISSION", 4):
            return "no permission to talk to the NVIDIA driver"
        return f"NVML init failed: {exc}"

    def _field(self, index: int, name: str, read):
        """`read()`, or NA with the NVML error. 'Not supported' is remembered, not retried."""
        key = (index, name)
        if key in self._unsupported:
            return self._unsupported[key]
        try:
            return read()
        except Exception as exc:
            if getattr(exc, "value", None) == getattr(self.nvml, "NVML_ERROR_NOT_SUPPORTED", 3):
                self._unsupported[key] = NA("not supported by this GPU or driver")
                return self._unsupported[key]
            return NA(f"NVML error: {exc}")

    def read(self, pids: set[int]) -> tuple[Gpu, ...] | NA:
        if self.status is not None:
            return _torch_gpus(self.status)
        return tuple(self._read_one(i, h, pids) for i, h in enumerate(self.handles))

    def _read_one(self, i: int, h, pids: set[int]) -> Gpu:
        nvml = self.nvml
        util = self._field(i, "utilization", lambda: float(nvml.nvmlDeviceGetUtilizationRates(h).gpu))
        mem = self._field(i, "memory", lambda: nvml.nvmlDeviceGetMemoryInfo(h))
        temp = self._field(i, "temperature",
                           lambda: float(nvml.nvmlDeviceGetTemperature(h, nvml.NVML_TEMPERATURE_GPU)))
        power = self._field(i, "power", lambda: nvml.nvmlDeviceGetPowerUsage(h) / 1000.0)
        limit = self._field(i, "power_limit", lambda: nvml.nvmlDeviceGetEnforcedPowerLimit(h) / 1000.0)
        procs = self._field(i, "processes", lambda: nvml.nvmlDeviceGetComputeRunningProcesses(h))
        return Gpu(
            index=i,
            name=self.names[i],
            source="nvml",
            utilization=util,
            memory_used=int(mem.used) if available(mem) else mem,
            memory_total=int(mem.total) if available(mem) else mem,
            temperature_c=temp,
            power_w=power,
            power_limit_w=limit,
            process_memory=_process_gpu_memory(procs, pids, i),
        )

    def close(self) -> None:
        if self.status is None and self.nvml is not None:
            try:
                self.nvml.nvmlShutdown()
            except Exception:
                pass
            self.status = NA("NVML closed")


def _process_gpu_memory(procs, pids: set[int], index: int) -> int | NA:
    if not available(procs):
        return procs
    used = [p.usedGpuMemory for p in procs if p.pid in pids]
    if any(u is None for u in used):
        return NA("the driver does not report per-process memory")
    if not used:
        # Not listed: no CUDA context here, or a container's PID namespace hides it; then
        # torch's own figure if it runs CUDA (its device order may differ from NVML's).
        torch_figure = _torch_reserved(index)
        return torch_figure if torch_figure is not None else 0
    return int(sum(used))


def _torch_cuda():
    """torch.cuda, only if torch is already imported and has already started CUDA.

    Asking otherwise would import torch (seconds) or create a CUDA context (hundreds of MB).
    """
    torch = sys.modules.get("torch")
    cuda = getattr(torch, "cuda", None)
    try:
        return cuda if cuda is not None and cuda.is_initialized() else None
    except Exception:
        return None


def _torch_reserved(index: int) -> int | None:
    cuda = _torch_cuda()
    if cuda is None or index >= cuda.device_count():
        return None
    return int(cuda.memory_reserved(index))


def _torch_gpus(why_not_nvml: NA) -> tuple[Gpu, ...] | NA:
    cuda = _torch_cuda()
    if cuda is None:
        return why_not_nvml
    nvml_only = NA(f"needs NVML ({why_not_nvml.reason})")
    gpus = []
    for i in range(cuda.device_count()):
        try:
            free, total = cuda.mem_get_info(i)
            used: int | NA = int(total - free)
            total_: int | NA = int(total)
        except Exception as exc:
            used = total_ = NA(f"torch.cuda error: {exc}")
        gpus.append(Gpu(i, cuda.get_device_name(i), "torch.cuda", nvml_only, used, total_,
                        nvml_only, nvml_only, nvml_only, int(cuda.memory_reserved(i))))
    return tuple(gpus) or why_not_nvml


# -- the sampler ------------------------------------------------------------------------
FREQ_EVERY_S = 5.0  # psutil.cpu_freq parses /proc/cpuinfo: not every tick
class Sampler:
    """Cheap, non-blocking samples of the whole machine and of this app.

    Track the processes the app starts with `track_pid` (a sample never walks the
    process tree: `children(recursive=True)` costs more than everything else together).
    """

    def __init__(self, nvml=_REAL_NVML, cgroup: Cgroup | None = None):
        self._proc = psutil.Process()
        self._tracked: dict[int, psutil.Process] = {}
        self._peak_rss = 0
        self._logical = psutil.cpu_count() or 1
        physical = psutil.cpu_count(logical=False)
        self._physical: int | NA = physical if physical else NA("the OS does not report physical cores")
        self._freq_max: float | NA = NA("the OS does not report CPU frequency")
        self._freq_ok = True
        self._freq_at = -math.inf
        self._freq_now: float | NA = self._freq_max
        self.cgroup = cgroup if cgroup is not None else Cgroup()
        self._cpus_allowed = _cpus_allowed(self._proc)
        self.gpu = GpuReader(nvml)
        # Prime the delta-based counters: their first call has nothing to compare with.
        psutil.cpu_percent(percpu=True)
        self._proc.cpu_percent()
        self._last = time.monotonic()
        self._freq()

    @property
    def gpu_count(self) -> int:
        return self.gpu.count

    def track_pid(self, pid: int) -> bool:
        """Count this child process in the process figures (until it exits)."""
        try:
            proc = psutil.Process(pid)
            proc.cpu_percent()
        except psutil.Error:
            return False
        self._tracked[pid] = proc
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
        return Snapshot(
            time=now,
            wall=time.time(),
            cpu=self._cpu(window),
            memory=_memory(),
            process=self._process(),
            limits=Limits(self.cgroup.version, self.cgroup.memory_limit, self.cgroup.memory_usage(),
                          self.cgroup.cpu_limit, self._cpus_allowed),
            gpus=self.gpu.read({self._proc.pid, *self._tracked}),
        )

    def close(self) -> None:
        self.gpu.close()

    def _cpu(self, window: float) -> Cpu:
        per_core = tuple(psutil.cpu_percent(percpu=True))
        return Cpu(
            percent=sum(per_core) / len(per_core) if per_core else 0.0,
            per_core=per_core,
            logical=self._logical,
            physical=self._physical,
            freq_mhz=self._freq(),
            freq_max_mhz=self._freq_max,
            load_avg=_load_avg(),
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
            self._freq_max = NA("the OS does not report the maximum frequency")
        return float(freq.current)

    def _process(self) -> Process:
        with self._proc.oneshot():
            own = self._proc.memory_info().rss
            own_cpu = self._proc.cpu_percent()
        children_rss, children_cpu = 0, 0.0
        for pid, child in list(self._tracked.items()):
            try:
                with child.oneshot():
                    children_rss += child.memory_info().rss
                    children_cpu += child.cpu_percent()
            except psutil.Error:  # it exited
                del self._tracked[pid]
        rss = own + children_rss
        self._peak_rss = max(self._peak_rss, rss)
        return Process(rss, self._peak_rss, own, children_rss, len(self._tracked), own_cpu + children_cpu,
                       own_cpu, children_cpu)


def _memory(meminfo: str | Path = "/proc/meminfo") -> Memory:
    """RAM and swap. On Linux one read of /proc/meminfo (psutil reads it twice, plus
    /proc/vmstat for swap: a third of a sample's cost); elsewhere psutil."""
    fields_kb = _meminfo(meminfo)
    if fields_kb is not None:
        total, avail = fields_kb["MemTotal"], fields_kb["MemAvailable"]
        swap_total, swap_free = fields_kb["SwapTotal"], fields_kb["SwapFree"]
    else:
        vm = psutil.virtual_memory()
        total, avail = vm.total, vm.available
        try:
            sw = psutil.swap_memory()
            swap_total, swap_free = sw.total, sw.free
        except Exception:
            swap_total = swap_free = 0
    used, swap_used = total - avail, swap_total - swap_free
    return Memory(int(total), int(avail), int(used), 100.0 * used / total if total else 0.0,
                  int(swap_total), int(swap_used), 100.0 * swap_used / swap_total if swap_total else 0.0)


_MEMINFO_KEYS = {b"MemTotal:": "MemTotal", b"MemAvailable:": "MemAvailable",
                 b"SwapTotal:": "SwapTotal", b"SwapFree:": "SwapFree"}


def _meminfo(path: str | Path) -> dict[str, int] | None:
    """The four /proc/meminfo fields in bytes, or None (not Linux, or a kernel before 3.14)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    found = {}
    for line in data.splitlines():
        key = _MEMINFO_KEYS.get(line.split(b" ", 1)[0])
        if key:
            found[key] = int(line.split()[1]) * 1024
    return found if len(found) == len(_MEMINFO_KEYS) else None


def _load_avg() -> tuple[float, float, float] | NA:
    # os.getloadavg, not psutil's: on Windows psutil emulates it with a background thread.
    if not hasattr(os, "getloadavg"):
        return NA("Windows has no load average")
    try:
        return tuple(round(x, 2) for x in os.getloadavg())
    except OSError as exc:
        return NA(str(exc))


def _cpus_allowed(proc: psutil.Process) -> int | NA:
    try:
        return len(proc.cpu_affinity())
    except (AttributeError, psutil.Error, OSError):
        return NA("the OS does not report CPU affinity")


# -- history and runs -------------------------------------------------------------------
HISTORY_SECONDS = 600.0
FASTEST_INTERVAL = 0.25


@dataclass
class Run:
    """One lesson run: a band on the history, and running sums for its summary."""

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


class History:
    """The last `seconds` of snapshots as numpy columns, and the runs drawn on them.

    A ring buffer sized for the fastest refresh (0.25 s); `window()` returns the samples
    of the last `seconds`, oldest first. GPU columns have one column per device.
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
        self.runs: list[Run] = []
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
        self.runs.append(Run(self._tokens, label, time.monotonic(), time.time()))
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

    def run(self, token: int) -> Run | None:
        return next((r for r in self.runs if r.token == token), None)


def _num(value) -> float:
    return float(value) if available(value) else np.nan
