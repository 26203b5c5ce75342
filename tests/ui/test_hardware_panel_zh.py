"""In Chinese the hardware panel shows no English the core or the panel emits (issue 14).

A live sample of this machine (here: no NVIDIA GPU, so the GPU section shows its reason),
a CPU frequency or load average that may be missing, a finished run's summary, the chart's
legend and time axis, and every tooltip: all of it read back from the real widgets.
"""

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from studio.core.hardware import Cgroup, available
from studio.core.hardware.gpu import REAL_NVML
from studio.ui import i18n
from studio.ui.hardware import HardwarePanel
from studio.ui.hardware.widgets import Bar, InfoLine
from tests.core.test_hardware import GiB, fake_nvml, two_gpus, write
from tests.ui import test_hardware_panel

make_panel = test_hardware_panel.make_panel  # the fixture: a shown panel, stopped after the test

# what the core and the panel write in English: a reason, a label, a summary key
ENGLISH = ["not available", "no NVIDIA", "NVIDIA driver", "not installed", "not supported", "no cgroup",
           "cgroup memory", "does not report", "RAM used", "hw_", "load average", "frequency", "mean CPU",
           "peak", "this app", "lesson", "Last run", "no swap", "available", "cores", "core ",
           "Memory", "Refresh", "Pause", "Last 10 minutes", "now", "quota", "allowed", "Load", "temperature",
           "power", "n/a", "via", "unknown", "Swap", "This app", "Container limits", "NVML error"]
# English words allowed in the Chinese panel: units, product and technical names
NAMES = {"CPU", "GPU", "RAM", "KiB", "MiB", "GiB", "TiB", "GHz", "NVML", "NVIDIA", "GeForce", "RTX", "RSS",
         "cgroup", "nvidia", "pynvml", "torch", "cuda"}


def shown_text(panel: HardwarePanel) -> list[str]:
    """Every text the panel shows or puts in a tooltip."""
    texts = []
    for w in [panel, *panel.findChildren(QWidget)]:
        if not w.isVisibleTo(panel) and w is not panel:
            continue
        texts.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(re.sub(r"<[^>]+>|&nbsp;", " ", w.text()))
        elif isinstance(w, InfoLine):
            texts.append(w.text())
        elif isinstance(w, Bar):
            texts.append(w.text)
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
    axis = panel.chart.memory_plot.getAxis("bottom")
    texts += [label for ticks in (axis._tickLevels or []) for _, label in ticks]
    texts += [band.label.toPlainText() for band in panel.chart.bands.values()]
    return [t.replace("\u2060", "") for t in texts if t]  # word joiners keep the legend's keys whole


def english_in(texts: list[str], raw: tuple[str, ...] = ()) -> list[str]:
    """English phrases and words in `texts`; `raw`: what is shown as it comes (a GPU's
    product name, a driver's own error message), left out of the check."""
    for part in raw:
        texts = [t.replace(part, "") for t in texts]
    found = [f"{phrase!r} in {t!r}" for t in texts for phrase in ENGLISH if phrase.lower() in t.lower()]
    found += [f"{word!r} in {t!r}" for t in texts for word in re.findall(r"[A-Za-z_]{2,}", t)
              if word not in NAMES and not re.fullmatch(r"[A-Z]", word)]
    return found


@pytest.fixture
def chinese(qapp):
    i18n.install(qapp, "zh")
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def make_zh_panel(chinese, make_panel):
    return make_panel


def run_a_lesson(panel: HardwarePanel) -> dict:
    panel.refresh()
    panel.begin_run("线性回归")
    panel.refresh()
    summary = panel.end_run()
    panel.refresh()
    panel.draw_history()
    return summary


def test_this_machine_in_chinese(make_zh_panel):
    panel = make_zh_panel(nvml=REAL_NVML, cgroup=Cgroup())  # this machine's NVML (or none), cgroup, /proc
    summary = run_a_lesson(panel)
    snap = panel.last
    assert summary["hw_samples"] >= 1 and panel.run_info.isVisible()
    texts = shown_text(panel)
    assert not english_in(texts), english_in(texts)
    assert any("上次运行" in t for t in texts)  # the run's summary, in Chinese
    if not available(snap.gpus):  # this machine: no NVIDIA GPU, and the panel says why, in Chinese
        assert panel.gpu_na.isVisible() and snap.gpus.text("zh") in panel.gpu_na.text()


def test_gpus_limits_and_missing_fields_in_chinese(make_zh_panel, tmp_path):
    root = tmp_path / "fs"
    write(root, {"cgroup.controllers": "", "memory.max": str(4 * GiB), "memory.current": str(GiB),
                 "cpu.max": "150000 100000"})
    write(tmp_path, {"cgroup": "0::/\n"})
    panel = make_zh_panel(nvml=fake_nvml(two_gpus(), broken={(1, "power"): 3, (1, "temp"): 15}),
                       cgroup=Cgroup(root, tmp_path / "cgroup"))
    run_a_lesson(panel)
    assert panel.limits_box.isVisible() and len(panel.gpu_boxes) == 2
    texts = shown_text(panel)
    raw = tuple(g["name"] for g in two_gpus()) + ("GPU is lost",)  # the fake driver's own words
    assert not english_in(texts, raw), english_in(texts, raw)
    assert any("这块 GPU 或驱动不支持" in t for t in texts)  # the NA reason, in a tooltip


def test_the_check_finds_english(make_panel):
    """The same check fails on the English panel (so it cannot pass whatever is shown)."""
    panel = make_panel(nvml=None)
    run_a_lesson(panel)
    found = " ".join(english_in(shown_text(panel)))
    assert "'not available' in 'Not available: nvidia-ml-py" in found and "'Last run'" in found
