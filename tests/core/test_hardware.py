"""The hardware sampler: NVML through a seam, cgroup files through a path seam, history."""

import json
import os
import subprocess
import sys
import types

import pytest

from studio.core import units
from studio.core.hardware import (
    NA,
    Cgroup,
    Sampler,
    UsageHistory,
    available,
)
from studio.core.units import MiB

GiB = 1024**3


# -- a fake NVML: the same names as pynvml, for the seam --------------------------------
class FakeNVMLError(Exception):
    def __init__(self, value):
        super().__init__(value)
        self.value = value

    def __str__(self):
        return {3: "Not Supported", 12: "NVML Shared Library Not Found", 15: "GPU is lost"}.get(
            self.value, f"error {self.value}")


def fake_nvml(gpus, broken=(), init_error=None):
    """A module-like NVML. `gpus`: dicts per device; `broken`: {(index, function): code}."""
    calls = []

    def check(name, i):
        calls.append((name, i))
        if (i, name) in broken:
            raise FakeNVMLError(broken[(i, name)])

    def init():
        if init_error is not None:
            raise FakeNVMLError(init_error)

    def fn(name, getter):
        def call(handle, *args):
            check(name, handle)
            return getter(gpus[handle])
        return call

    ns = types.SimpleNamespace
    return types.SimpleNamespace(
        calls=calls,
        NVMLError=FakeNVMLError,
        NVML_ERROR_NOT_SUPPORTED=3,
        NVML_ERROR_LIBRARY_NOT_FOUND=12,
        NVML_ERROR_DRIVER_NOT_LOADED=9,
        NVML_ERROR_NO_PERMISSION=4,
        NVML_TEMPERATURE_GPU=0,
        nvmlInit=init,
        nvmlShutdown=lambda: None,
        nvmlDeviceGetCount=lambda: len(gpus),
        nvmlDeviceGetHandleByIndex=lambda i: i,
        nvmlDeviceGetName=fn("name", lambda g: g["name"].encode()),  # older pynvml: bytes
        nvmlDeviceGetUtilizationRates=fn("util", lambda g: ns(gpu=g["util"], memory=0)),
        nvmlDeviceGetMemoryInfo=fn("memory", lambda g: ns(used=g["used"], total=g["total"],
                                                          free=g["total"] - g["used"])),
        nvmlDeviceGetTemperature=fn("temp", lambda g: g["temp"]),
        nvmlDeviceGetPowerUsage=fn("power", lambda g: g["mw"]),
        nvmlDeviceGetEnforcedPowerLimit=fn("limit", lambda g: g["limit_mw"]),
        nvmlDeviceGetComputeRunningProcesses=fn("procs", lambda g: [
            ns(pid=pid, usedGpuMemory=mem) for pid, mem in g["procs"]]),
    )


def two_gpus():
    me = os.getpid()
    return [
        dict(name="NVIDIA GeForce RTX 3060", util=87, used=5 * GiB, total=12 * GiB, temp=71,
             mw=151_000, limit_mw=170_000, procs=[(me, 3 * GiB), (1, GiB)]),
        dict(name="NVIDIA A100-SXM4-40GB", util=0, used=GiB // 2, total=40 * GiB, temp=34,
             mw=52_500, limit_mw=400_000, procs=[(1, GiB // 2)]),
    ]


def no_cgroup(tmp_path):
    return Cgroup(root=tmp_path / "none", proc_file=tmp_path / "none" / "cgroup")


# -- GPUs -------------------------------------------------------------------------------
def test_two_gpus_through_the_nvml_seam(tmp_path):
    sampler = Sampler(nvml=fake_nvml(two_gpus()), cgroup=no_cgroup(tmp_path))
    assert sampler.gpu_count == 2
    gpus = sampler.sample().gpus
    assert [g.name for g in gpus] == ["NVIDIA GeForce RTX 3060", "NVIDIA A100-SXM4-40GB"]
    first, second = gpus
    assert first.source == "nvml"
    assert first.utilization == 87 and second.utilization == 0
    assert (first.memory_used, first.memory_total) == (5 * GiB, 12 * GiB)
    assert first.memory_percent == pytest.approx(100 * 5 / 12)
    assert first.temperature_c == 71
    assert (first.power_w, first.power_limit_w) == (151.0, 170.0)
    assert first.process_memory == 3 * GiB  # only this process's entry, not pid 1's
    assert second.process_memory == 0  # not listed there: no CUDA context on that GPU


def test_a_tracked_child_counts_in_gpu_process_memory(tmp_path):
    gpus = two_gpus()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        gpus[1]["procs"].append((child.pid, 2 * GiB))
        sampler = Sampler(nvml=fake_nvml(gpus), cgroup=no_cgroup(tmp_path))
        assert sampler.sample().gpus[1].process_memory == 0
        assert sampler.track_pid(child.pid)
        snap = sampler.sample()
        assert snap.gpus[1].process_memory == 2 * GiB
        assert snap.process.children == 1 and snap.process.children_rss > 0
        assert snap.process.rss == snap.process.own_rss + snap.process.children_rss
    finally:
        child.kill()
        child.wait()
    snap = sampler.sample()  # the child is gone: dropped, not an error
    assert snap.process.children == 0 and snap.process.children_rss == 0
    assert sampler.tracked_pids == set()


def test_an_nvml_error_on_one_field_leaves_the_others(tmp_path):
    nvml = fake_nvml(two_gpus(), broken={(0, "power"): 3, (1, "temp"): 15})
    sampler = Sampler(nvml=nvml, cgroup=no_cgroup(tmp_path))
    first, second = sampler.sample().gpus
    assert first.power_w == NA("not supported by this GPU or driver")
    assert available(first.power_limit_w) and first.utilization == 87
    assert second.temperature_c == NA("NVML error: GPU is lost")
    assert available(second.memory_used) and second.power_w == 52.5
    # "not supported" is remembered; other errors are asked again next time
    sampler.sample()
    assert nvml.calls.count(("power", 0)) == 1
    assert nvml.calls.count(("temp", 1)) == 2
    # the JSON form says why, field by field
    d = sampler.sample().to_dict()
    assert d["gpus"][0]["power_w"] == {"not_available": "not supported by this GPU or driver"}
    assert d["gpus"][0]["utilization"] == 87


def test_nvml_broken_memory_field_gives_na_percent(tmp_path):
    sampler = Sampler(nvml=fake_nvml(two_gpus(), broken={(0, "memory"): 15}), cgroup=no_cgroup(tmp_path))
    gpu = sampler.sample().gpus[0]
    assert not available(gpu.memory_used) and not available(gpu.memory_total)
    assert gpu.memory_percent == NA("NVML error: GPU is lost")


@pytest.mark.parametrize(
    "nvml, reason",
    [
        (None, "nvidia-ml-py (pynvml) is not installed"),
        (fake_nvml([], init_error=12), "NVML library not found: no NVIDIA driver here"),
        (fake_nvml([], init_error=9), "NVIDIA driver not loaded"),
        (fake_nvml([], init_error=999), "NVML init failed: error 999"),
        (fake_nvml([]), "NVML found no NVIDIA GPU"),
    ],
)
def test_no_nvml_no_driver_no_gpu_are_normal_states(tmp_path, nvml, reason):
    sampler = Sampler(nvml=nvml, cgroup=no_cgroup(tmp_path))
    snap = sampler.sample()
    assert isinstance(snap.gpus, NA)
    assert snap.gpus.text("en").startswith(reason)
    assert snap.gpus.text("zh") != snap.gpus.text("en")  # the window says why in Chinese too
    assert sampler.gpu_count == 0
    assert json.dumps(snap.to_dict())  # still serialisable
    sampler.close()


def test_the_real_nvml_on_this_machine_never_raises(tmp_path):
    snap = Sampler(cgroup=no_cgroup(tmp_path)).sample()
    if isinstance(snap.gpus, NA):
        assert snap.gpus.text("en") and snap.gpus.text("zh")
    else:
        assert all(g.source in ("nvml", "torch.cuda") for g in snap.gpus)


# -- CPU, memory, process ---------------------------------------------------------------
def test_cpu_memory_and_process_figures(tmp_path):
    sampler = Sampler(nvml=None, cgroup=no_cgroup(tmp_path))
    snap = sampler.sample()
    cpu = snap.cpu
    assert len(cpu.per_core) == cpu.logical >= 1
    assert all(0 <= c <= 100 for c in cpu.per_core)
    assert cpu.percent == pytest.approx(sum(cpu.per_core) / len(cpu.per_core))
    mem = snap.memory
    assert mem.used == mem.total - mem.available and 0 < mem.percent < 100
    assert 0 <= mem.swap_used <= mem.swap_total or mem.swap_total == 0
    assert snap.process.rss > 10 * MiB and snap.process.peak_rss >= snap.process.rss
    ballast = bytearray(64 * MiB)  # the peak follows the process's memory up, and stays
    ballast[::4096] = b"x" * len(ballast[::4096])
    bigger = sampler.sample().process
    del ballast
    after = sampler.sample().process
    assert bigger.rss >= snap.process.rss + 48 * MiB
    assert after.peak_rss >= bigger.rss
    sampler.reset_peak()
    assert sampler.sample().process.peak_rss < bigger.peak_rss


def test_size():
    assert units.size(512) == "512 B"
    assert units.size(1536) == "1.5 KiB"
    assert units.size(3 * GiB // 2) == "1.5 GiB"
    assert units.size(NA("why")) == "not available: why"


# -- cgroups ----------------------------------------------------------------------------
def write(root, files):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_cgroup_v2_limits_take_the_tightest_ancestor(tmp_path):
    root = tmp_path / "fs"
    write(root, {
        "cgroup.controllers": "cpu memory",
        "app.slice/memory.max": str(4 * GiB),
        "app.slice/cpu.max": "max 100000",
        "app.slice/me/memory.max": "max",
        "app.slice/me/memory.current": str(GiB),
        "app.slice/me/cpu.max": "150000 100000",
    })
    write(tmp_path, {"cgroup": "0::/app.slice/me\n"})
    cg = Cgroup(root=root, proc_file=tmp_path / "cgroup")
    assert cg.version == "v2"
    assert cg.memory_limit == 4 * GiB
    assert cg.cpu_limit == 1.5
    assert cg.memory_usage() == GiB


def test_cgroup_v2_inside_a_namespace_reads_the_mount_itself(tmp_path):
    root = tmp_path / "fs"
    write(root, {"cgroup.controllers": "cpu memory", "memory.max": str(2 * GiB),
                 "memory.current": "123", "cpu.max": "max 100000"})
    write(tmp_path, {"cgroup": "0::/\n"})
    cg = Cgroup(root=root, proc_file=tmp_path / "cgroup")
    assert (cg.memory_limit, cg.memory_usage()) == (2 * GiB, 123)
    assert cg.cpu_limit == NA("no cgroup CPU limit")


def test_cgroup_v1_fallbacks(tmp_path):
    root = tmp_path / "fs"
    write(root, {
        "memory/memory.limit_in_bytes": "9223372036854771712",  # v1's "no limit"
        "memory/docker/abc/memory.limit_in_bytes": str(GiB),
        "memory/docker/abc/memory.usage_in_bytes": str(GiB // 4),
        "cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "200000",
        "cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000",
    })
    write(tmp_path, {"cgroup": "4:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n0::/\n"})
    cg = Cgroup(root=root, proc_file=tmp_path / "cgroup")
    assert cg.version == "v1"
    assert cg.memory_limit == GiB and cg.memory_usage() == GiB // 4
    assert cg.cpu_limit == 2.0


def test_cgroup_v1_without_limits(tmp_path):
    root = tmp_path / "fs"
    write(root, {"memory/memory.limit_in_bytes": "9223372036854771712",
                 "memory/memory.usage_in_bytes": "5", "cpu/cpu.cfs_quota_us": "-1",
                 "cpu/cpu.cfs_period_us": "100000"})
    write(tmp_path, {"cgroup": "4:memory:/\n1:cpu:/\n"})
    cg = Cgroup(root=root, proc_file=tmp_path / "cgroup")
    assert cg.version == "v1"
    assert not available(cg.memory_limit) and not available(cg.cpu_limit)
    assert cg.memory_usage() == NA("no cgroup memory limit")


def test_no_cgroup_filesystem(tmp_path):
    cg = no_cgroup(tmp_path)
    assert not available(cg.version)
    limits = Sampler(nvml=None, cgroup=cg).sample().limits
    assert not limits.limited


def test_the_limits_reach_the_snapshot(tmp_path):
    root = tmp_path / "fs"
    write(root, {"cgroup.controllers": "", "memory.max": str(3 * GiB), "memory.current": str(GiB),
                 "cpu.max": "50000 100000"})
    write(tmp_path, {"cgroup": "0::/\n"})
    limits = Sampler(nvml=None, cgroup=Cgroup(root, tmp_path / "cgroup")).sample().limits
    assert limits.limited
    assert (limits.memory_limit, limits.memory_usage, limits.cpu_limit) == (3 * GiB, GiB, 0.5)


# -- history and runs -------------------------------------------------------------------
def test_history_keeps_columns_in_order_and_wraps(tmp_path):
    sampler = Sampler(nvml=fake_nvml(two_gpus()), cgroup=no_cgroup(tmp_path))
    history = UsageHistory(gpus=sampler.gpu_count, capacity=5)
    for _ in range(7):
        history.append(sampler.sample())
    assert len(history) == 5
    w = history.window()
    assert len(w["time"]) == 5 and (w["time"][1:] > w["time"][:-1]).all()
    assert w["gpu_util"].shape == (5, 2)
    assert list(w["gpu_util"][-1]) == [87, 0]
    assert w["gpu_process_memory"][-1, 0] == 3 * GiB


def test_history_window_drops_samples_older_than_its_span(tmp_path):
    sampler = Sampler(nvml=None, cgroup=no_cgroup(tmp_path))
    history = UsageHistory(seconds=600)
    old = sampler.sample()
    history.append(old.__class__(**{**old.__dict__, "time": old.time - 700}))
    history.append(sampler.sample())
    assert len(history) == 2 and len(history.window()["cpu"]) == 1


def test_a_run_summary_covers_only_its_own_samples(tmp_path):
    sampler = Sampler(nvml=fake_nvml(two_gpus()), cgroup=no_cgroup(tmp_path))
    history = UsageHistory(gpus=2)
    history.append(sampler.sample())  # before the run: not in it
    token = history.begin_run("torch_linear_regression")
    ballast = bytearray(32 * MiB)
    ballast[::4096] = b"x" * len(ballast[::4096])
    for _ in range(3):
        history.append(sampler.sample())
    summary = history.end_run(token)
    del ballast
    history.append(sampler.sample())  # after: not in it either
    assert summary["hw_samples"] == 3
    assert all(isinstance(v, (int, float)) and k.startswith("hw_") for k, v in summary.items())
    assert 0 <= summary["hw_mean_cpu_percent"] <= 100
    assert summary["hw_peak_process_rss_mb"] >= 32
    assert summary["hw_peak_ram_used_mb"] > 0 and 0 < summary["hw_peak_ram_percent"] < 100
    assert summary["hw_peak_gpu_memory_mb"] == (5 * GiB + GiB // 2) / MiB
    assert summary["hw_peak_process_gpu_memory_mb"] == 3 * GiB / MiB
    assert summary["hw_peak_gpu_utilization_percent"] == 87
    run = history.run(token)
    assert run.label == "torch_linear_regression" and run.end_wall >= run.start_wall
    assert history.end_run(token) == summary  # ending twice is harmless


def test_a_run_without_a_gpu_has_no_gpu_keys(tmp_path):
    sampler = Sampler(nvml=None, cgroup=no_cgroup(tmp_path))
    history = UsageHistory()
    token = history.begin_run("x")
    history.append(sampler.sample())
    summary = history.end_run(token)
    assert not any("gpu" in k for k in summary)
    with pytest.raises(KeyError):
        history.end_run(token + 1)


def test_mean_cpu_is_weighted_by_time(tmp_path):
    sampler = Sampler(nvml=None, cgroup=no_cgroup(tmp_path))
    base = sampler.sample()
    history = UsageHistory()
    token = history.begin_run("x")
    run = history.run(token)

    def at(t, cpu):
        return base.__class__(**{**base.__dict__, "time": t,
                                 "cpu": base.cpu.__class__(**{**base.cpu.__dict__, "percent": cpu})})

    history.append(at(run.start + 1.0, 100.0))  # one second at 100 %
    history.append(at(run.start + 4.0, 0.0))  # three seconds at 0 %
    assert history.end_run(token)["hw_mean_cpu_percent"] == 25.0


def test_memory_from_proc_meminfo(tmp_path):
    from studio.core.hardware.procfs import memory as _memory

    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree:         1000000 kB\n"
                       "MemAvailable:    4000000 kB\nBuffers:          100 kB\n"
                       "SwapTotal:       2000000 kB\nSwapFree:         500000 kB\n")
    mem = _memory(meminfo)
    assert (mem.total, mem.available, mem.used) == (16_000_000 * 1024, 4_000_000 * 1024, 12_000_000 * 1024)
    assert mem.percent == 75.0
    assert (mem.swap_total, mem.swap_used, mem.swap_percent) == (2_000_000 * 1024, 1_500_000 * 1024, 75.0)
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree:         1000000 kB\n")  # kernel < 3.14
    assert _memory(meminfo).total > 0  # psutil answers instead


def test_core_load_from_proc_stat(tmp_path):
    from studio.core.hardware.procfs import CoreLoad

    stat = tmp_path / "stat"

    def jiffies(*cores):  # (busy, idle) per core: user=busy, idle=idle, the rest 0
        lines = ["cpu  0 0 0 0 0 0 0 0 0 0"] + [f"cpu{i} {b} 0 0 {d} 0 0 0 0 0 0" for i, (b, d) in enumerate(cores)]
        stat.write_text("\n".join(lines) + "\nintr 1 2 3\n")

    jiffies((100, 100), (0, 200))
    cores = CoreLoad(stat)
    jiffies((150, 150), (100, 200))  # core 0: 50 of 100 busy; core 1: 100 of 100
    assert cores.percent() == (50.0, 100.0)
    assert cores.percent() == (50.0, 100.0)  # no tick since: the last window again, not 0 %
    jiffies((150, 250), (100, 300))
    assert cores.percent() == (0.0, 0.0)
