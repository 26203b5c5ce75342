"""Choosing where a lesson computes: "auto", "cpu" or "cuda"."""

from __future__ import annotations

import os
import sys

from studio.core.lesson import LessonError

CHOICES = ("auto", "cpu", "cuda")


class DeviceError(LessonError):
    pass


def cuda_available() -> bool:
    """True when torch is installed with CUDA and sees a GPU. Imports torch."""
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def torch_loaded() -> bool:
    return "torch" in sys.modules


def resolve(choice: str, supported: tuple[str, ...]) -> str:
    """The device string a lesson gets (`cpu` or `cuda:0`), or a DeviceError saying why not."""
    choice = (choice or "auto").lower()
    if choice not in CHOICES:
        raise DeviceError(f"unknown device {choice!r}; choose one of {', '.join(CHOICES)}")
    wants_cuda = choice == "cuda" or (choice == "auto" and "cuda" in supported)
    if choice == "cuda" and "cuda" not in supported:
        raise DeviceError("this lesson runs on the CPU only (it does not use torch)")
    if wants_cuda and cuda_available():
        return "cuda:0"
    if choice == "cuda":
        raise DeviceError(
            "CUDA was asked for, but no CUDA GPU is available "
            "(no NVIDIA GPU, no driver, or a CPU-only build of torch); use --device cpu"
        )
    return "cpu"


def kernel_threads(all_cores: bool = False) -> int:
    """Threads a lesson computes with (torch, OpenMP, MKL, OpenBLAS): all but one core, left to
    the window and the rest of the PC, unless the learner asks for all of them."""
    cores = os.cpu_count() or 1
    return cores if all_cores else max(1, cores - 1)
