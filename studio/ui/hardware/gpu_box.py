"""One GPU in the hardware panel: its name, load and memory bars, temperature, power, this app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studio.core.hardware import Gpu, available
from studio.core.units import size
from studio.ui import palette
from studio.ui.hardware.widgets import InfoLine, Meter


class GpuBox(QWidget):
    """One GPU: name, load and memory bars, temperature / power / this app's memory."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(3)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.load = Meter(self.tr("Load"), palette.GPU, thresholds=False)
        self.memory = Meter(self.tr("Memory"), palette.GPU_MEMORY)
        self.detail = InfoLine()
        for w in (self.title, self.load, self.memory, self.detail):
            layout.addWidget(w)

    def show_gpu(self, gpu: Gpu) -> None:
        name = gpu.name if available(gpu.name) else self.tr("unknown")
        self.title.setText(f"{gpu.index} · {name}")
        if available(gpu.utilization):
            self.load.set(gpu.utilization, f"{gpu.utilization:.0f}%")
        else:
            self.load.set(None, self.tr("not available"), gpu.utilization.text())
        if available(gpu.memory_percent):
            self.memory.set(gpu.memory_percent, f"{size(gpu.memory_used)} / {size(gpu.memory_total)}")
        else:
            self.memory.set(None, self.tr("not available"), gpu.memory_percent.text())
        parts, missing = [], []

        def add(value, what, text):
            """The figure, or 'what n/a' with the reason in the tooltip."""
            if available(value):
                parts.append(text())
            else:
                parts.append(self.tr("%1 n/a").replace("%1", what))
                missing.append(f"{what}: {value.text()}")

        add(gpu.temperature_c, self.tr("temperature"), lambda: f"{gpu.temperature_c:.0f} °C")
        add(gpu.power_w, self.tr("power"), lambda: f"{gpu.power_w:.0f}" + (
            f" / {gpu.power_limit_w:.0f} W" if available(gpu.power_limit_w) else " W"))
        add(gpu.process_memory, self.tr("this app"),
            lambda: self.tr("this app %1").replace("%1", size(gpu.process_memory)))
        if gpu.source != "nvml":
            parts.append(self.tr("via %1").replace("%1", gpu.source))
        self.detail.setText(" · ".join(parts))
        self.detail.setToolTip("\n".join(missing))
