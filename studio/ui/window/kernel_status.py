"""Where lessons compute: the kernel's threads (Hardware > Lessons use all cores), the memory
cap of a run (Hardware > Lesson memory cap…), and the status bar's device and threads labels."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLabel

from studio.core.devices import kernel_threads
from studio.ui.settings import settings


class KernelStatus(QObject):
    cuda_found = Signal(bool)  # the warm kernel's torch answered: CUDA or not

    def __init__(self, window, warm: bool):
        super().__init__(window)
        self.window = window
        self.warm = warm
        self.torch_info: dict = {}  # from the warm kernel: torch version, threads, CUDA
        self.memory_cap_bytes: int | None = None  # this session's cap (studio --memory-limit)
        self.device_label = QLabel()
        self.threads_label = QLabel()
        window.statusBar().addPermanentWidget(self.device_label)
        window.statusBar().addPermanentWidget(self.threads_label)

    @property
    def cuda_available(self) -> bool:
        return bool(self.torch_info.get("cuda"))

    def kernel_threads(self) -> int:
        return kernel_threads(all_cores=settings().value("kernel/all_cores", False, type=bool))

    def set_all_cores(self, on: bool) -> None:
        s = settings()
        s.setValue("kernel/all_cores", bool(on))
        s.sync()
        if self.window.kernels is not None:
            self.window.kernels.set_threads(self.kernel_threads())
        self.update()

    def memory_limit(self) -> int | None:
        """The memory cap of the next run in bytes: a share of the RAM available now."""
        if self.memory_cap_bytes is not None:
            return self.memory_cap_bytes
        from studio.core.measure import available_memory

        return int(available_memory() * self.memory_cap_percent() / 100)

    def memory_cap_percent(self) -> int:
        return min(100, max(10, settings().value("kernel/memory_cap_percent", 90, type=int)))

    def ask_memory_cap(self, percent: int | None = None) -> int:
        """Hardware > Lesson memory cap…: the share of the available RAM a run may take."""
        if percent is None:
            percent, ok = QInputDialog.getInt(
                self.window, self.tr("Lesson memory cap"),
                self.tr("A run that needs more than this share of the RAM available when it starts "
                        "ends as out of memory, and the app stays up (percent):"),
                self.memory_cap_percent(), 10, 100, 5)
            if not ok:
                return self.memory_cap_percent()
        s = settings()
        s.setValue("kernel/memory_cap_percent", int(percent))
        s.sync()
        self.update()
        return self.memory_cap_percent()

    def on_warm(self, info: dict) -> None:
        """The spare kernel is warm: what its torch found."""
        self.torch_info = info
        self.update()
        self.cuda_found.emit(self.cuda_available)

    def update(self) -> None:
        """The device, torch, and the kernel's threads, priority and cap."""
        info = self.torch_info
        cap = self.tr("memory cap {p}% of free RAM").format(p=self.memory_cap_percent())
        threads = self.tr("lesson threads: {n} · lower priority · {cap}").format(n=self.kernel_threads(), cap=cap)
        self.threads_label.setText(threads)
        if not info:
            self.device_label.setText(self.tr("Starting the lesson kernel…") if self.warm else "")
        elif info.get("torch") is None:
            self.device_label.setText(self.tr("PyTorch is not installed"))
        else:
            device = info.get("gpu") or self.tr("CPU only")
            self.device_label.setText(self.tr("Device: {device} · torch {version}").format(
                device=device, version=info["torch"]))
