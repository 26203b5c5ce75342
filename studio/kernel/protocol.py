"""What the app and a kernel process say to each other.

Every message is one pickled tuple on a `multiprocessing.connection.Connection`:

    app -> kernel   ("warm", [module, ...])   import these now (numpy, torch, a lesson module)
                    ("run", Job)              run one job; the kernel exits after it
                    ("stop",)                 Stop, step 1: `ctx.check()` raises Cancelled
                    ("interrupt",)            Stop, step 2: KeyboardInterrupt in the job
                    ("quit",)                 end now (a spare kernel no longer needed)
    kernel -> app   ("hello", info)           connected: pid, python, threads, nice
                    ("warmed", info)          imports done: torch version, threads, CUDA...
                    ("batch", Batch)          what the job emitted since the last batch
                    ("end", End)              how the job ended, its return value

Batches go at most about 20 times a second, however fast the job emits: scalars as arrays of
(step, wall, value) rows, the other events in order. Payloads that Python objects can change
after emitting (tables, plots, figures) are pickled when emitted, so the app shows what the
lesson emitted then; a figure that cannot be pickled travels as a PNG.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from studio.core.context import Context, Event

FROZEN_KINDS = ("table", "plot", "figure")


@dataclass
class Job:
    """A function the kernel calls as `function(ctx, **kwargs)`; `target` is "module:function"."""

    target: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    device: str = "cpu"  # what ctx.device starts as ("auto" is resolved by the job)
    params: dict[str, Any] = field(default_factory=dict)  # ctx.params
    lang: str = "en"  # the UI language, for texts the job picks
    path: list[str] = field(default_factory=list)  # the app's sys.path (set by KernelRun)


@dataclass
class Batch:
    events: list[Event] = field(default_factory=list)
    scalars: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (n, 3) new rows

    def __bool__(self) -> bool:
        return bool(self.events or self.scalars)


@dataclass
class End:
    status: str  # done | cancelled | failed | out_of_memory (MemoryError)
    value: Any = None  # the job's return value
    error: str = ""
    seconds: float = 0.0
    usage: dict[str, float] = field(default_factory=dict)  # the kernel's own peak RSS and CPU time


@dataclass(frozen=True)
class Frozen:
    """A payload pickled when it was emitted; `thaw` gives it back in the app."""

    data: bytes

    def thaw(self) -> Any:
        return pickle.loads(self.data)


@dataclass(frozen=True)
class FigureImage:
    """A matplotlib figure that could not be pickled, as PNG bytes."""

    png: bytes

    def savefig(self, path, **_kwargs) -> None:
        with open(path, "wb") as f:
            f.write(self.png)


def without_torch(value: Any) -> Any:
    """`value` with torch tensors as numpy arrays (or plain numbers): unpickling a tensor in
    the app would import torch there (seconds and hundreds of MB) for nothing."""
    if isinstance(value, dict):
        return {k: without_torch(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(without_torch(v) for v in value) if not hasattr(value, "_fields") else value
    if type(value).__module__.partition(".")[0] == "torch":
        if hasattr(value, "detach"):
            array = value.detach().cpu().numpy()
            return array.item() if array.ndim == 0 else array
        return str(value)  # a dtype, a device, torch.__version__
    return value


def freeze(event: Event) -> Event:
    """The event as it travels: mutable payloads pickled now, unpicklable ones replaced."""
    if event.kind == "result":
        return Event(event.kind, event.name, without_torch(event.payload))
    if event.kind not in FROZEN_KINDS:
        return event
    event = Event(event.kind, event.name, without_torch(event.payload))
    try:
        return Event(event.kind, event.name, Frozen(pickle.dumps(event.payload, pickle.HIGHEST_PROTOCOL)))
    except Exception:  # a figure with a lambda formatter, a table of open files...
        if event.kind == "figure" and hasattr(event.payload, "savefig"):
            buf = io.BytesIO()
            event.payload.savefig(buf, format="png", dpi=100)
            return Event(event.kind, event.name, FigureImage(buf.getvalue()))
        return Event("log", payload=f"[{event.name}: cannot be shown ({type(event.payload).__name__})]")


def apply(batch: Batch, ctx: Context) -> None:
    """Give a batch from the kernel to the app's context: curves into its buffers, events
    through `ctx.deliver` (recorded, then queued or printed by that context)."""
    for name, rows in batch.scalars.items():
        ctx.buffer(name).extend(rows)
    for event in batch.events:
        if isinstance(event.payload, Frozen):
            try:
                event = Event(event.kind, event.name, event.payload.thaw())
            except Exception as exc:  # e.g. a table of pyarrow strings where the app lacks pyarrow
                event = Event("log", payload=f"[{event.name}: cannot be shown here ({type(exc).__name__}: {exc})]")
        ctx.deliver(event)
