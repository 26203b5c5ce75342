"""`studio hw`: one snapshot, in text or JSON, with the same "not available" reasons."""

import json
import os
import subprocess
import sys

import pytest

from studio.cli import hw_cmd, main
from studio.core.hardware import Cgroup, Sampler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    monkeypatch.setattr(hw_cmd, "FIRST_WINDOW_S", 0.05)


def test_hw_json_has_every_section(capsys):
    assert main(["hw", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    cpu = data["cpu"]
    assert len(cpu["per_core"]) == cpu["logical"] == os.cpu_count()
    assert 0 <= cpu["percent"] <= 100
    mem = data["memory"]
    assert mem["total"] > mem["available"] > 0 and mem["used"] == mem["total"] - mem["available"]
    assert {"swap_total", "swap_used", "swap_percent"} <= mem.keys()
    proc = data["process"]
    assert proc["rss"] > 0 and proc["peak_rss"] >= proc["rss"]
    assert set(data["limits"]) == {"cgroup", "memory_limit", "memory_usage", "cpu_limit", "cpus_allowed"}
    for value in data["limits"].values():  # a value, or why there is none
        assert not isinstance(value, dict) or value["not_available"]


def test_hw_json_says_why_there_is_no_gpu_here(capsys):
    """This machine has no NVIDIA driver; a GPU machine lists its devices instead."""
    main(["hw", "--json"])
    gpus = json.loads(capsys.readouterr().out)["gpus"]
    if isinstance(gpus, dict):
        assert "NVML" in gpus["not_available"] or "nvidia-ml-py" in gpus["not_available"]
    else:
        assert gpus and all("memory_total" in g for g in gpus)


def test_hw_text_matches_the_json_reasons(capsys):
    main(["hw"])
    text = capsys.readouterr().out
    main(["hw", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert text.startswith("CPU")
    assert "core 0" in text and "RAM" in text and "Swap" in text and "Process" in text
    if isinstance(data["gpus"], dict):
        assert f"GPU      not available: {data['gpus']['not_available']}" in text


def test_text_with_two_fake_gpus_and_a_broken_field(tmp_path):
    from tests.core.test_hardware import fake_nvml, two_gpus

    sampler = Sampler(nvml=fake_nvml(two_gpus(), broken={(1, "power"): 3}),
                      cgroup=Cgroup(tmp_path / "x", tmp_path / "x" / "cgroup"))
    text = hw_cmd.render(sampler.sample())
    assert "GPU 0    NVIDIA GeForce RTX 3060  (via nvml)" in text
    assert "5.0 GiB / 12.0 GiB; this app 3.0 GiB" in text
    assert "power 151 W of 170 W" in text
    assert "power not available: not supported by this GPU or driver of 400 W" in text


def test_watch_needs_a_positive_number(capsys):
    assert main(["hw", "--watch", "0"]) == 2
    assert "--watch needs a number of seconds above 0" in capsys.readouterr().err


def test_watch_prints_json_lines_until_interrupted():
    proc = subprocess.Popen([sys.executable, "-m", "studio", "hw", "--json", "--watch", "0.2"],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [proc.stdout.readline() for _ in range(3)]
    proc.send_signal(__import__("signal").SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    times = [json.loads(line)["time"] for line in lines]
    assert times[0] < times[1] < times[2]
