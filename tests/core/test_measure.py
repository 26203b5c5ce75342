import sys
import types

import pytest

from studio.core import measure
from studio.core.db import MIGRATIONS, Database


def test_cores_and_memory_are_sane():
    logical, physical, usable, _ = measure.cores()
    assert logical >= 1 and 0 < usable <= logical
    assert physical is None or 1 <= physical <= logical
    total, available, limit = measure.memory()
    assert 0 < available <= total
    assert limit is None or limit >= total


def test_cgroup_v2_cpu_quota_and_memory_limit(tmp_path):
    (tmp_path / "cpu.max").write_text("150000 100000\n")
    (tmp_path / "memory.max").write_text(str(2 * 1024**3))
    (tmp_path / "memory.current").write_text(str(512 * 1024**2))
    assert measure.cgroup_cpu_quota(tmp_path) == 1.5
    assert measure.cgroup_memory(tmp_path) == (2 * 1024**3, 512 * 1024**2)
    (tmp_path / "cpu.max").write_text("max 100000\n")
    (tmp_path / "memory.max").write_text("max\n")
    assert measure.cgroup_cpu_quota(tmp_path) is None
    assert measure.cgroup_memory(tmp_path) == (None, None)


def test_cgroup_v1_quota_and_unlimited_memory(tmp_path):
    cpu = tmp_path / "cpu"
    cpu.mkdir()
    (cpu / "cpu.cfs_quota_us").write_text("200000")
    (cpu / "cpu.cfs_period_us").write_text("100000")
    mem = tmp_path / "memory"
    mem.mkdir()
    (mem / "memory.limit_in_bytes").write_text(str(2**63 - 4096))  # v1's "no limit"
    assert measure.cgroup_cpu_quota(tmp_path) == 2.0
    assert measure.cgroup_memory(tmp_path) == (None, None)
    (cpu / "cpu.cfs_quota_us").write_text("-1")
    assert measure.cgroup_cpu_quota(tmp_path) is None


def test_cgroup_quota_caps_usable_cores(tmp_path):
    (tmp_path / "cpu.max").write_text("50000 100000")
    logical, _, usable, note = measure.cores(tmp_path)
    assert usable == 0.5 and "quota" in note


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
    first.throughput.append(measure.Throughput("numpy", "cpu", "float64", 12.5, 512, 2))
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
