import sys
import types

import pytest

from studio.core import measure
from studio.core.db import MIGRATIONS, Database
from studio.core.hardware import Cgroup
from studio.core.throughput import Throughput


def test_cores_and_memory_are_sane():
    logical, physical, usable, _ = measure.cores()
    assert logical >= 1 and 0 < usable <= logical
    assert physical is None or 1 <= physical <= logical
    total, available, limit = measure.memory()
    assert 0 < available <= total
    assert limit is None or limit >= total


def _v2_cgroup(tmp_path, cpu_max: str, memory_max: str, memory_current: str):
    """A fake cgroup v2 tree (the hardware module's reader, through its seams)."""
    (tmp_path / "cgroup.controllers").write_text("cpu memory")
    (tmp_path / "cpu.max").write_text(cpu_max)
    (tmp_path / "memory.max").write_text(memory_max)
    (tmp_path / "memory.current").write_text(memory_current)
    proc = tmp_path / "proc-self-cgroup"
    proc.write_text("0::/\n")
    return Cgroup(tmp_path, proc)


def test_cgroup_quota_caps_usable_cores_and_the_memory_limit_caps_ram(tmp_path):
    cgroup = _v2_cgroup(tmp_path, "50000 100000", str(2 * 1024**3), str(512 * 1024**2))
    logical, _, usable, note = measure.cores(cgroup)
    assert usable == 0.5 and "quota" in note
    total, available, limit = measure.memory(cgroup)
    assert limit == 2 * 1024**3 and total <= limit and available <= limit - 512 * 1024**2


def test_an_unlimited_cgroup_leaves_the_host_figures(tmp_path):
    cgroup = _v2_cgroup(tmp_path, "max 100000", "max", "0")
    _, _, usable, _ = measure.cores(cgroup)
    total, _, limit = measure.memory(cgroup)
    assert limit is None and usable >= 1 and total > 0


def test_gpus_without_nvml_is_a_reason_not_an_error(monkeypatch):
    class NVMLError(Exception):
        pass

    def init():
        raise NVMLError("NVML Shared Library Not Found")

    fake = types.SimpleNamespace(NVMLError=NVMLError, nvmlInit=init)
    monkeypatch.setitem(sys.modules, "pynvml", fake)
    found, note = measure.gpus()
    if not found:  # torch.cuda may still see a GPU on a machine with one
        assert "NVML not available" in note


def test_gpus_read_from_nvml(monkeypatch):
    mem = types.SimpleNamespace(total=16 * 1024**3, free=15 * 1024**3)
    fake = types.SimpleNamespace(
        NVMLError=Exception, nvmlInit=lambda: None, nvmlShutdown=lambda: None,
        nvmlDeviceGetCount=lambda: 1, nvmlDeviceGetHandleByIndex=lambda i: i,
        nvmlDeviceGetName=lambda h: b"NVIDIA Test GPU", nvmlDeviceGetMemoryInfo=lambda h: mem,
        nvmlSystemGetDriverVersion=lambda: "555.42",
    )
    monkeypatch.setitem(sys.modules, "pynvml", fake)
    found, note = measure.gpus()
    assert found == [{"name": "NVIDIA Test GPU", "vram_total": 16 * 1024**3, "vram_free": 15 * 1024**3}]
    assert "NVML" in note and "555.42" in note


def test_measure_reports_progress_and_throughput():
    steps = []
    m = measure.measure(progress=lambda done, total, text: steps.append((done, total, text)),
                        cell_budget_s=0.05)
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
    assert [s[0] for s in steps] == sorted(s[0] for s in steps)
    for library in ("numpy", "torch"):
        for dtype in ("float32", "float64"):
            assert m.gflops(library, "cpu", dtype) > 0, (library, dtype)
    assert m.python_loops_per_s > 0 and m.memory_gbps > 0
    assert m.ram_available > 0 and m.logical_cores >= 1
    lines = measure.summary_lines(m)
    assert any("GFLOP/s" in line for line in lines) and any(line.startswith("GPU") for line in lines)


def test_measurements_are_kept_in_the_database(tmp_path):
    db = Database(tmp_path / "s.sqlite3")
    assert db.version == max(MIGRATIONS) >= 3
    assert measure.latest(db) is None
    first = measure.snapshot()
    first.throughput.append(Throughput("numpy", "cpu", "float64", 12.5, 512, 2))
    measure.save(db, first)
    second = measure.snapshot()
    second.taken = first.taken + 60
    second.python_loops_per_s = 1e6
    measure.save(db, second)
    got = measure.latest(db)
    assert got.taken == second.taken and got.python_loops_per_s == 1e6
    db.close()
    again = measure.latest(Database(tmp_path / "s.sqlite3"))
    assert again.to_dict() == second.to_dict()
    first_row = measure.Measurement.from_dict(first.to_dict())
    assert first_row.gflops("numpy", "cpu", "float64") == 12.5


@pytest.mark.cuda
def test_measure_times_cuda_when_present():
    torch = pytest.importorskip("torch")
    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA GPU")
    m = measure.measure(cell_budget_s=0.2)
    assert m.gflops("torch", "cuda:0", "float32") > m.gflops("torch", "cpu", "float32")
    assert m.gpus and m.vram_total > 0
