"""Measure this PC: cores, memory, GPU, and how fast it multiplies matrices.

`measure(progress)` takes 5-12 s on 2 cores: it reads the cores (and those this process may
use: CPU affinity and the cgroup quota of a container), RAM (and a cgroup memory limit),
the GPUs (NVML through nvidia-ml-py; torch.cuda when NVML is missing), then times n x n
matrix multiplications (2 n^3 floating-point operations each) in float32 and float64 with
NumPy and with torch on the CPU, and on CUDA where there is a GPU, and a plain-Python loop.
The advisor turns these numbers into time estimates (the timings: `studio.core.throughput`).
`save`/`latest` keep them in the database (table `measurements`, migration 3).

Every part may be "not available" with a reason (no GPU, no driver, no NVML, no torch):
that is a normal state, never an error.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from studio.core.hardware import Cgroup
from studio.core.hardware import available as is_available
from studio.core.throughput import Throughput, matmul_gflops, memory_bandwidth, python_loop_speed

Progress = Callable[[int, int, str], None]  # (done, total, what is being measured)




@dataclass
class Measurement:
    taken: float = 0.0  # time.time() when measured
    seconds: float = 0.0  # how long measuring took
    cpu_model: str = ""
    logical_cores: int = 1
    physical_cores: int | None = None
    usable_cores: float = 1.0  # what this process may use: affinity and cgroup quota
    cores_note: str = ""
    ram_total: int = 0
    ram_available: int = 0
    ram_limit: int | None = None  # cgroup memory limit, when inside a container
    gpus: list[dict] = field(default_factory=list)  # name, vram_total, vram_free (bytes)
    gpu_note: str = ""  # where the GPU figures came from, or why there are none
    throughput: list[Throughput] = field(default_factory=list)
    python_loops_per_s: float = 0.0  # `r[i] = d[i] * 2` iterations a second
    memory_gbps: float = 0.0  # NumPy copying a 64 MiB array: bytes read + written a second / 1e9
    notes: list[str] = field(default_factory=list)

    def gflops(self, library: str = "torch", device: str = "cpu", dtype: str = "float32") -> float | None:
        device = "cuda:0" if device.startswith("cuda") else device
        for t in self.throughput:
            if t.library == library and t.device == device and t.dtype == dtype:
                return t.gflops
        return None

    def best_gflops(self, device: str = "cpu", dtype: str = "float32") -> float | None:
        found = [t.gflops for t in self.throughput
                 if t.device == ("cuda:0" if device.startswith("cuda") else device) and t.dtype == dtype]
        return max(found) if found else None

    @property
    def vram_total(self) -> int:
        return max((int(g.get("vram_total") or 0) for g in self.gpus), default=0)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Measurement:
        data = dict(data)
        data["throughput"] = [Throughput(**t) for t in data.get("throughput", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


# -- cores ----------------------------------------------------------------------------


def cores(cgroup: Cgroup | None = None) -> tuple[int, int | None, float, str]:
    """(logical, physical, usable, note). Usable = min(CPU affinity, cgroup quota)."""
    import psutil

    logical = os.cpu_count() or 1
    physical = psutil.cpu_count(logical=False)
    notes = []
    usable: float = logical
    if hasattr(os, "sched_getaffinity"):
        allowed = len(os.sched_getaffinity(0))
        if allowed < logical:
            notes.append(f"CPU affinity allows {allowed} of {logical}")
        usable = allowed
    quota = (cgroup or Cgroup()).cpu_limit
    if is_available(quota) and quota < usable:
        notes.append(f"container CPU quota {quota:g} cores")
        usable = quota
    return logical, physical, usable, "; ".join(notes)


# -- memory ---------------------------------------------------------------------------


def memory(cgroup: Cgroup | None = None) -> tuple[int, int, int | None]:
    """(total, available, cgroup limit) in bytes; available honours the cgroup limit."""
    import psutil

    vm = psutil.virtual_memory()
    total, available = int(vm.total), int(vm.available)
    cgroup = cgroup or Cgroup()  # the hardware panel's reader: v2/v1, tightest up the hierarchy
    limit, usage = cgroup.memory_limit, cgroup.memory_usage()
    if not is_available(limit):
        return total, available, None
    total = min(total, limit)
    if is_available(usage):
        available = min(available, max(0, limit - usage))
    return total, available, limit


def available_memory() -> int:
    """Bytes a new run can use now (RAM available, within a container's limit)."""
    return memory()[1]


# -- GPUs -----------------------------------------------------------------------------


def gpus(import_torch: bool = True) -> tuple[list[dict], str]:
    """([{name, vram_total, vram_free}], note). NVML first, torch.cuda as a fallback (only if
    torch is already loaded when `import_torch` is False: the window must not wait for it)."""
    try:
        import pynvml
    except ImportError:
        reason = "nvidia-ml-py is not installed"
    else:
        try:
            pynvml.nvmlInit()
            try:
                out = []
                for i in range(pynvml.nvmlDeviceGetCount()):
                    h = pynvml.nvmlDeviceGetHandleByIndex(i)
                    name = pynvml.nvmlDeviceGetName(h)
                    mem = pynvml.nvmlDeviceGetMemoryInfo(h)
                    out.append({"name": name.decode() if isinstance(name, bytes) else name,
                                "vram_total": int(mem.total), "vram_free": int(mem.free)})
                driver = pynvml.nvmlSystemGetDriverVersion()
                driver = driver.decode() if isinstance(driver, bytes) else driver
                return out, f"NVML, driver {driver}" if out else "NVML sees no NVIDIA GPU"
            finally:
                pynvml.nvmlShutdown()
        except pynvml.NVMLError as exc:
            reason = f"NVML not available: {exc} (no NVIDIA GPU or no driver)"
    if import_torch:
        try:
            import torch
        except ImportError:
            return [], reason
    else:
        torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_available():
        return [], reason
    out = []
    for i in range(torch.cuda.device_count()):
        free, total = torch.cuda.mem_get_info(i)
        out.append({"name": torch.cuda.get_device_name(i), "vram_total": int(total), "vram_free": int(free)})
    return out, f"torch.cuda ({reason})"


# -- all of it --------------------------------------------------------------------------


def measure(progress: Progress | None = None, with_torch: bool = True, cell_budget_s: float = 0.8,
            total_budget_s: float = 12.0) -> Measurement:
    """Measure this PC. `progress(done, total, text)` is called before each step.

    Each matmul is repeated for `cell_budget_s` (best time kept); the budget shrinks when
    the whole measurement would run past `total_budget_s` (a slow or busy machine).
    """
    start = time.perf_counter()
    m = Measurement(taken=time.time(), cpu_model=_cpu_model())
    steps: list[tuple[str, Callable[[], None]]] = []
    done = [0]

    def budget() -> float:
        left = total_budget_s - (time.perf_counter() - start)
        return max(0.05, min(cell_budget_s, left / max(1, len(steps) - done[0])))

    def step(text):
        def add(fn):
            steps.append((text, fn))
            return fn
        return add

    @step("cores and memory")
    def _():
        m.logical_cores, m.physical_cores, m.usable_cores, m.cores_note = cores()
        m.ram_total, m.ram_available, m.ram_limit = memory()

    @step("GPU")
    def _():
        m.gpus, m.gpu_note = gpus()

    @step("Python loop")
    def _():
        m.python_loops_per_s = python_loop_speed()

    @step("memory bandwidth")
    def _():
        m.memory_gbps = memory_bandwidth()

    for dtype in ("float32", "float64"):
        @step(f"NumPy {dtype} matmul")
        def _(dtype=dtype):
            m.throughput.append(matmul_gflops("numpy", dtype, budget_s=budget()))

    torch = _import_torch(m) if with_torch else None
    if torch is not None:
        for dtype in ("float32", "float64"):
            @step(f"torch CPU {dtype} matmul")
            def _(dtype=dtype):
                m.throughput.append(matmul_gflops("torch", dtype, "cpu", budget_s=budget()))
        if torch.cuda.is_available():
            for dtype in ("float32", "float64"):
                @step(f"torch CUDA {dtype} matmul")
                def _(dtype=dtype):
                    m.throughput.append(matmul_gflops("torch", dtype, "cuda:0", budget_s=budget()))
        else:
            m.notes.append("no CUDA: torch.cuda.is_available() is False")

    for i, (text, fn) in enumerate(steps):
        if progress:
            progress(i, len(steps), text)
        done[0] = i
        fn()
    if progress:
        progress(len(steps), len(steps), "done")
    m.seconds = round(time.perf_counter() - start, 2)
    return m


def _import_torch(m: Measurement):
    try:
        import torch
    except ImportError:
        m.notes.append("torch is not installed: only NumPy was measured")
        return None
    return torch


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


# -- the database ---------------------------------------------------------------------


def save(db, m: Measurement) -> int:
    """Store a measurement; returns its row id."""
    with db.transaction() as conn:
        cur = conn.execute("INSERT INTO measurements (taken, host, data) VALUES (?, ?, ?)",
                           (m.taken, platform.node(), json.dumps(m.to_dict())))
        return int(cur.lastrowid)


def latest(db) -> Measurement | None:
    """The newest stored measurement of this host, or None."""
    rows = db.query("SELECT data FROM measurements WHERE host = ? ORDER BY taken DESC, id DESC LIMIT 1",
                    (platform.node(),))
    return Measurement.from_dict(json.loads(rows[0]["data"])) if rows else None


def snapshot() -> Measurement:
    """Cores, memory and GPUs without timing anything (instant; no throughput figures)."""
    m = Measurement(taken=time.time(), cpu_model=_cpu_model())
    m.logical_cores, m.physical_cores, m.usable_cores, m.cores_note = cores()
    m.ram_total, m.ram_available, m.ram_limit = memory()
    m.gpus, m.gpu_note = gpus(import_torch=False)
    m.notes.append("not measured yet: `studio advise --measure` times this PC")
    return m


def summary_lines(m: Measurement) -> list[str]:
    """The measurement as short lines for the terminal."""
    gib = 1024**3
    lines = [
        f"CPU: {m.cpu_model}",
        f"cores: {m.logical_cores} logical, {m.physical_cores or '?'} physical, "
        f"{m.usable_cores:g} usable" + (f" ({m.cores_note})" if m.cores_note else ""),
        f"RAM: {m.ram_total / gib:.1f} GiB total, {m.ram_available / gib:.1f} GiB available"
        + (f", container limit {m.ram_limit / gib:.1f} GiB" if m.ram_limit else ""),
    ]
    if m.gpus:
        for g in m.gpus:
            lines.append(f"GPU: {g['name']}, {g['vram_total'] / gib:.1f} GiB VRAM ({m.gpu_note})")
    else:
        lines.append(f"GPU: not available ({m.gpu_note})")
    for t in m.throughput:
        lines.append(f"{t.library} {t.device} {t.dtype}: {t.gflops:.1f} GFLOP/s "
                     f"(matmul {t.size}x{t.size}" + (f", {t.threads} threads)" if t.threads else ")"))
    if m.python_loops_per_s:
        lines.append(f"Python loop: {m.python_loops_per_s / 1e6:.2f} M iterations/s")
    if m.memory_gbps:
        lines.append(f"memory: {m.memory_gbps:.1f} GB/s (NumPy copy)")
    lines += [f"note: {n}" for n in m.notes]
    if m.seconds:
        lines.append(f"measured in {m.seconds:.1f} s")
    return lines
