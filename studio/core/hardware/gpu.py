"""GPUs through NVML (pynvml), or torch.cuda's memory figures when NVML is missing."""

from __future__ import annotations

import sys

from studio.core.hardware.snapshot import NA, Gpu, available, na

REAL_NVML = object()  # "import pynvml" (the nvidia-ml-py package)


class GpuReader:
    """Per-GPU figures through NVML, or torch.cuda memory figures when NVML is missing.

    `nvml` is a seam: a module-like object with pynvml's functions and `NVMLError`
    (tests pass a fake), None for "nvidia-ml-py is not installed", or the default,
    the real `pynvml`. `status` is None when NVML works, else NA saying why not.
    """

    def __init__(self, nvml=REAL_NVML):
        if nvml is REAL_NVML:
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
            self.status = na("nvidia-ml-py (pynvml) is not installed", "未安装 nvidia-ml-py（pynvml）")
            return
        try:
            nvml.nvmlInit()
        except Exception as exc:  # NVMLError, or OSError from a broken library
            self.status = self._init_reason(exc)
            return
        try:
            count = nvml.nvmlDeviceGetCount()
            self.handles = [nvml.nvmlDeviceGetHandleByIndex(i) for i in range(count)]
        except Exception as exc:
            self.status = na(f"NVML could not list the GPUs: {exc}", f"NVML 无法列出 GPU：{exc}")
            self.handles = []
            return
        if not self.handles:
            self.status = na("NVML found no NVIDIA GPU", "NVML 没有找到 NVIDIA GPU")
        for i, handle in enumerate(self.handles):
            name = self._field(i, "name", lambda h=handle: nvml.nvmlDeviceGetName(h))
            self.names.append(name.decode() if isinstance(name, bytes) else name)

    @property
    def count(self) -> int:
        return len(self.handles)

    def _init_reason(self, exc: Exception) -> NA:
        code = getattr(exc, "value", None)
        nvml = self.nvml
        if code == getattr(nvml, "NVML_ERROR_LIBRARY_NOT_FOUND", 12):
            return na("NVML library not found: no NVIDIA driver here (other GPUs are not monitored)",
                      "找不到 NVML 库：这台电脑没有 NVIDIA 驱动（其他品牌的 GPU 不在监控之列）")
        if code == getattr(nvml, "NVML_ERROR_DRIVER_NOT_LOADED", 9):
            return na("NVIDIA driver not loaded", "NVIDIA 驱动没有加载")
        if code == getattr(nvml, "NVML_ERROR_NO_PERMISSION", 4):
            return na("no permission to talk to the NVIDIA driver", "没有权限访问 NVIDIA 驱动")
        return na(f"NVML init failed: {exc}", f"NVML 初始化失败：{exc}")

    def _field(self, index: int, name: str, read):
        """`read()`, or NA with the NVML error. 'Not supported' is remembered, not retried."""
        key = (index, name)
        if key in self._unsupported:
            return self._unsupported[key]
        try:
            return read()
        except Exception as exc:
            if getattr(exc, "value", None) == getattr(self.nvml, "NVML_ERROR_NOT_SUPPORTED", 3):
                self._unsupported[key] = na("not supported by this GPU or driver", "这块 GPU 或驱动不支持")
                return self._unsupported[key]
            return na(f"NVML error: {exc}", f"NVML 错误：{exc}")

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
            self.status = na("NVML closed", "NVML 已关闭")


def _process_gpu_memory(procs, pids: set[int], index: int) -> int | NA:
    if not available(procs):
        return procs
    used = [p.usedGpuMemory for p in procs if p.pid in pids]
    if any(u is None for u in used):
        return na("the driver does not report per-process memory", "驱动不报告每个进程的显存")
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
    nvml_only = na(f"needs NVML ({why_not_nvml.text('en')})", f"需要 NVML（{why_not_nvml.text('zh')}）")
    gpus = []
    for i in range(cuda.device_count()):
        try:
            free, total = cuda.mem_get_info(i)
            used: int | NA = int(total - free)
            total_: int | NA = int(total)
        except Exception as exc:
            used = total_ = na(f"torch.cuda error: {exc}", f"torch.cuda 错误：{exc}")
        gpus.append(Gpu(i, cuda.get_device_name(i), "torch.cuda", nvml_only, used, total_,
                        nvml_only, nvml_only, nvml_only, int(cuda.memory_reserved(i))))
    return tuple(gpus) or why_not_nvml
