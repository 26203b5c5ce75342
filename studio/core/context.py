"""What a lesson talks to while it runs.

The lesson calls the same methods whichever context it has: the GUI's (events queued for
the window), the CLI's (printed), or the recording one (kept for tests). All three are
this `Context` with a different `sink`.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from studio.core.buffers import ScalarBuffer

Text = str | Mapping[str, str]  # plain, or bilingual (`bi(en, zh)`): picked where it is shown


class Cancelled(Exception):
    """Raised by `ctx.check()` once Stop was pressed."""


@dataclass
class Series:
    """One line, scatter or bar series of a static plot."""

    x: Sequence[float]
    y: Sequence[float]
    label: Text = ""
    style: str = "line"  # line | scatter | bar | step
    width: float = 2.0
    color: str | None = None


@dataclass
class Plot:
    """A static 2-D plot a lesson emits (the GUI draws it with pyqtgraph, the CLI as PNG)."""

    title: Text
    series: list[Series] = field(default_factory=list)
    xlabel: Text = ""
    ylabel: Text = ""
    texts: list[tuple[float, float, Text]] = field(default_factory=list)  # annotations


@dataclass
class Event:
    kind: str  # log | table | plot | figure | progress | result | status | device
    name: str = ""
    payload: Any = None


class Context:
    """Passed to `lesson.run(ctx, **params)`."""

    def __init__(self, device: str = "cpu", params: dict | None = None):
        self.device = device
        self.params = dict(params or {})
        self.results: dict[str, Any] = {}
        self.scalars: dict[str, ScalarBuffer] = {}
        self.tables: dict[str, Any] = {}
        self.plots: dict[str, Plot] = {}
        self.figures: dict[str, Any] = {}
        self.output: list[str] = []
        self.progress_value: tuple[float, float] = (0, 0)
        self.t0 = time.perf_counter()
        self._stop = threading.Event()
        self._scalar_lock = threading.Lock()

    # -- cancellation ---------------------------------------------------------------
    def request_stop(self) -> None:
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Cheap; call at every step. Raises `Cancelled` once Stop was pressed."""
        if self._stop.is_set():
            raise Cancelled()

    # -- what a lesson emits -----------------------------------------------------------
    def scalar(self, name: str, step: float, value: float) -> None:
        """Stream one point of a curve (`loss`, `val_loss`, `accuracy`...)."""
        self.buffer(name).append(step, float(value))
        self.check()

    def buffer(self, name: str) -> ScalarBuffer:
        """The buffer of curve `name`, made on first use."""
        buf = self.scalars.get(name)
        if buf is None:
            with self._scalar_lock:
                buf = self.scalars.get(name)
                if buf is None:
                    buf = ScalarBuffer(name, t0=self.t0)
                    self.scalars[name] = buf
        return buf

    def log(self, text: str) -> None:
        """A line of output (a lesson's `print` ends up here too)."""
        self.deliver(Event("log", payload=text))

    def table(self, name: str, data: Any) -> None:
        """A table: a DataFrame, a Series, or a 2-D array."""
        self.deliver(Event("table", name, data))

    def plot(self, name: str, plot: Plot) -> None:
        self.deliver(Event("plot", name, plot))

    def figure(self, name: str, fig: Any) -> None:
        """A finished `matplotlib.figure.Figure` (built with the OO API, never pyplot)."""
        self.deliver(Event("figure", name, fig))

    def progress(self, done: float, total: float) -> None:
        self.deliver(Event("progress", payload=(done, total)))
        self.check()

    def result(self, **numbers: Any) -> None:
        """Final numbers of the run: what tests, the CLI and run history read."""
        self.deliver(Event("result", payload=dict(numbers)))

    def status(self, text: Text) -> None:
        """A short line about what the lesson is doing now ('epoch 3/100'), plain or `bi(en, zh)`."""
        self.deliver(Event("status", payload=text))

    def deliver(self, event: Event) -> None:
        """Keep what `event` says and pass it on: the one path for the lesson's own calls and
        for events relayed from a kernel process (which must not raise `Cancelled`)."""
        kind, payload = event.kind, event.payload
        if kind == "log":
            self.output.append(payload)
        elif kind == "table":
            self.tables[event.name] = payload
        elif kind == "plot":
            self.plots[event.name] = payload
        elif kind == "figure":
            self.figures[event.name] = payload
        elif kind == "progress":
            self.progress_value = payload
        elif kind == "result":
            self.results.update(payload)
        elif kind == "device":  # where the run computes, once resolved ("auto" -> "cpu")
            self.device = payload
        self._emit(event)

    # -- delivery ------------------------------------------------------------------------
    def _emit(self, event: Event) -> None:
        """Subclasses deliver events; the base context only records them."""

    def scalar_pairs(self) -> dict[str, list[list[float]]]:
        return {name: buf.pairs() for name, buf in self.scalars.items()}


class QueueContext(Context):
    """Queues events for another thread (the GUI's drain timer) to pick up."""

    def __init__(self, device: str = "cpu", params: dict | None = None):
        super().__init__(device, params)
        self.events: queue.SimpleQueue[Event] = queue.SimpleQueue()

    def _emit(self, event: Event) -> None:
        self.events.put(event)

    def drain(self, limit: int = 10_000) -> list[Event]:
        out = []
        while len(out) < limit:
            try:
                out.append(self.events.get_nowait())
            except queue.Empty:
                break
        return out
