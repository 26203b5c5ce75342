"""Jobs a kernel runs: functions called as `function(ctx, **kwargs)` in the kernel process."""

from __future__ import annotations

import importlib

from studio.core import devices
from studio.core.context import Event
from studio.core.lesson import Lesson
from studio.core.runner import Outcome, run_lesson


def lesson(ctx, module: str, lesson_id: str, params: dict) -> Outcome:
    """Run lesson `lesson_id` of `module` with resolved `params` (in the kernel, so its seeding,
    torch threads, warnings and printed output are the kernel's alone)."""
    found = next(v for v in vars(importlib.import_module(module)).values()
                 if isinstance(v, Lesson) and v.id == lesson_id)
    choice = ctx.device
    try:
        ctx.device = devices.resolve(choice, found.devices)
    except devices.DeviceError as exc:
        ctx.log(f"Error: {exc}")
        return Outcome(found.id, "failed", choice, params, error=f"Error: {exc}")
    ctx.deliver(Event("device", payload=ctx.device))
    if found.uses_torch:
        import torch

        from studio.kernel.child import threads

        torch.set_num_threads(threads())
    return run_lesson(found, ctx, params)


# what a lesson imports when it runs, by its id's first part (its heavy imports are in `run`)
_IMPORTS = {"torch": ("torch",), "keras": ("torch", "keras"), "sklearn": ("sklearn.model_selection",),
            "optimize": ("sklearn.model_selection",), "pandas": ("pandas",), "matplotlib": ("matplotlib.figure",),
            "late": ("pandas",)}


def warm_modules(lesson: Lesson) -> list[str]:
    """Imports to warm in a spare kernel before this lesson runs, so its first point comes fast."""
    found = list(_IMPORTS.get(lesson.id.split(".")[0], ()))
    if lesson.uses_torch and "torch" not in found:
        found.insert(0, "torch")
    return [*found, lesson.module] if lesson.module else found
