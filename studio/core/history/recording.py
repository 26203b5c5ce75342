"""What a headless run used: this process's resources (`ProcessMeter`) and the versions of the app and its libraries."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import platform
import sys
import time
from typing import TYPE_CHECKING, Any

import studio

if TYPE_CHECKING:
    from studio.core.history.store import RunStore

class Recording:
    """A run being recorded by `RunStore.record`."""

    def __init__(self, store: RunStore, run_id: int, ctx):
        self.store, self.run_id, self.ctx = store, run_id, ctx
        self.meter = ProcessMeter()
        self.finished = False

    def finish(self, outcome) -> None:
        self.store.finish(self.run_id, outcome, self.ctx, self.meter.summary())
        self.finished = True


class ProcessMeter:
    """This process's resources between construction and `summary()`: what a headless run
    reports as its hardware summary (the window's hardware panel gives its own)."""

    def __init__(self):
        import psutil

        self._proc = psutil.Process()
        self._wall = time.perf_counter()
        self._cpu = sum(self._proc.cpu_times()[:2])
        torch = sys.modules.get("torch")
        if torch is not None and torch.cuda.is_initialized():
            torch.cuda.reset_peak_memory_stats()

    def summary(self) -> dict[str, Any]:
        wall = time.perf_counter() - self._wall
        cpu = sum(self._proc.cpu_times()[:2]) - self._cpu
        cores = os.cpu_count() or 1
        out: dict[str, Any] = {
            # the same keys as the window's hardware panel (studio.core.hardware's run summary)
            "hw_mean_process_cpu_percent": round(100 * cpu / wall / cores, 1) if wall > 0 else None,
            "hw_cores": cores,
            "hw_peak_process_rss_mb": _peak_rss_mb(self._proc),
        }
        torch = sys.modules.get("torch")
        if torch is not None and torch.cuda.is_initialized():
            out["hw_peak_process_gpu_memory_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
        return out




@functools.cache
def _package_versions() -> dict[str, str]:
    out = {}
    for key, dist, module in (("numpy", "numpy", "numpy"), ("torch", "torch", "torch"),
                              ("sklearn", "scikit-learn", "sklearn"), ("pandas", "pandas", "pandas")):
        loaded = sys.modules.get(module)
        version = getattr(loaded, "__version__", None)
        if version is None:
            try:  # reads the installed metadata; never imports the package
                version = importlib.metadata.version(dist)
            except importlib.metadata.PackageNotFoundError:
                continue
        out[key] = str(version)
    return out


def versions() -> dict[str, str]:
    """The app, Python, platform and library versions a run used."""
    out = {"app": studio.__version__, "python": platform.python_version(),
           "platform": platform.platform(terse=True), **_package_versions()}
    torch = sys.modules.get("torch")
    cuda = getattr(getattr(torch, "version", None), "cuda", None)
    if cuda:
        out["cuda"] = str(cuda)
    return out



def _peak_rss_mb(proc) -> float | None:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / 2**20 if sys.platform == "darwin" else peak / 1024, 1)
    except ImportError:  # Windows
        peak = getattr(proc.memory_info(), "peak_wset", None)
        return round(peak / 2**20, 1) if peak else None
