"""Run one lesson to the end with a context: the same code for GUI, CLI and tests."""

from __future__ import annotations

import contextlib
import io
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from studio.core.context import Cancelled, Context
from studio.core.lesson import Lesson, LessonError

# How a run can end. `out_of_memory`: over its memory cap or MemoryError; `crashed`: the kernel
# process died (a segfault, an abort); `timeout`: a practice attempt ran past its time.
STATUSES = ("done", "cancelled", "failed", "out_of_memory", "crashed", "timeout")
EXIT_CODES = {"done": 0, "cancelled": 130}  # every other ending exits 1


@dataclass
class Outcome:
    lesson: str
    status: str  # one of STATUSES
    device: str
    params: dict[str, Any]
    results: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""  # traceback text when failed; the one-line reason for the other endings
    detail: dict[str, Any] = field(default_factory=dict)  # out_of_memory/crashed: peak, limit, signal...

    def to_json(self, ctx: Context) -> dict[str, Any]:
        return {
            "lesson": self.lesson,
            "status": self.status,
            "device": self.device,
            "params": self.params,
            "results": _jsonable(self.results),
            "scalars": ctx.scalar_pairs(),
            "seconds": round(self.seconds, 4),
            **({"error": self.error} if self.error else {}),
            **({"detail": _jsonable(self.detail)} if self.detail else {}),
        }


def _jsonable(value: Any) -> Any:
    """numpy scalars and arrays as plain JSON values."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


class _ThreadRoutedStream(io.TextIOBase):
    """Stands in for sys.stdout: text written by a thread running a lesson goes to that
    lesson's context; every other thread writes to the real stream."""

    def __init__(self, real):
        self.real = real
        self.routes: dict[int, Context] = {}
        self.partial: dict[int, str] = {}

    def write(self, text: str) -> int:
        ctx = self.routes.get(threading.get_ident())
        if ctx is None:
            return self.real.write(text)
        tid = threading.get_ident()
        buf = self.partial.get(tid, "") + text
        *lines, rest = buf.split("\n")
        self.partial[tid] = rest
        for line in lines:
            ctx.log(line)
        return len(text)

    def flush(self) -> None:
        if self.real:
            self.real.flush()

    def flush_thread(self) -> None:
        tid = threading.get_ident()
        rest = self.partial.pop(tid, "")
        ctx = self.routes.get(tid)
        if rest and ctx is not None:
            ctx.log(rest)


_route_lock = threading.Lock()


@contextlib.contextmanager
def print_to(ctx: Context):
    """Route `print()` from the current thread into `ctx.log` while the block runs."""
    with _route_lock:
        stream = sys.stdout
        if not isinstance(stream, _ThreadRoutedStream):
            stream = _ThreadRoutedStream(sys.stdout)
            sys.stdout = stream
        stream.routes[threading.get_ident()] = ctx
    try:
        yield
    finally:
        stream.flush_thread()
        with _route_lock:
            stream.routes.pop(threading.get_ident(), None)


def run_lesson(lesson: Lesson, ctx: Context, params: dict[str, Any]) -> Outcome:
    """Run `lesson` with already-resolved `params` and `ctx.device`; never raises."""
    start = time.perf_counter()
    status, error = "done", ""
    with print_to(ctx):
        try:
            ctx.check()
            lesson.run(ctx, **params)
        except (Cancelled, KeyboardInterrupt):  # Stop, or its second step (an interrupt)
            status = "cancelled"
            ctx.log("Stopped.")
        except MemoryError:
            status, error = "out_of_memory", "Out of memory: an allocation failed (MemoryError)."
            ctx.log(error)
        except LessonError as exc:  # the learner can fix it (a missing file...): one clear line
            status, error = "failed", f"Error: {exc}"
            ctx.log(error)
        except Exception:  # the lesson's own error: show it, keep the app alive
            status = "failed"
            error = traceback.format_exc()
            ctx.log(error.rstrip())
    return Outcome(
        lesson=lesson.id,
        status=status,
        device=ctx.device,
        params=dict(params),
        results=dict(ctx.results),
        seconds=time.perf_counter() - start,
        error=error,
    )
