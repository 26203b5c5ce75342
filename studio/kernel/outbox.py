"""The kernel's side of a run's stream: a context that batches what the job emits.

The job's thread only appends to lists and buffers; one flusher thread sends a batch about
20 times a second (and once more at the end), so a training loop of tiny steps pays a list
append per event and the app wakes 20 times a second, however fast the job goes.
"""

from __future__ import annotations

import io
import threading

from studio.core.context import Context, Event
from studio.kernel.protocol import Batch, freeze

FLUSH_EVERY_S = 0.05


class KernelContext(Context):
    """The `ctx` a job gets in the kernel: everything it emits goes to the outbox."""

    def __init__(self, device: str, params: dict, outbox: Outbox):
        super().__init__(device, params)
        self.outbox = outbox

    def _emit(self, event: Event) -> None:
        self.outbox.put(freeze(event))


class Outbox:
    """Collects events and new curve points; `send(Batch)` ships them from a flusher thread."""

    def __init__(self, send, every: float = FLUSH_EVERY_S):
        self._send = send
        self._every = every
        self._events: list[Event] = []
        self._lock = threading.Lock()
        self._sent: dict[str, int] = {}  # curve name -> rows already sent
        self._ctx: Context | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kernel-outbox", daemon=True)

    def start(self, ctx: Context) -> None:
        self._ctx = ctx
        self._thread.start()

    def put(self, event: Event) -> None:
        with self._lock:
            self._events.append(event)

    def close(self) -> None:
        """Stop the flusher and send what is left."""
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()
        self.flush()

    def flush(self) -> None:
        with self._lock:
            events, self._events = self._events, []
        batch = Batch(events)
        if self._ctx is not None:
            for name, buf in list(self._ctx.scalars.items()):
                start = self._sent.get(name, 0)
                if len(buf) > start:
                    rows = buf.snapshot(start)
                    self._sent[name] = start + len(rows)
                    batch.scalars[name] = rows
        if batch:
            self._send(("batch", batch))

    def _loop(self) -> None:
        while not self._done.wait(self._every):
            self.flush()


class LineWriter(io.TextIOBase):
    """sys.stdout and sys.stderr of the kernel: each finished line becomes `ctx.log(line)`."""

    def __init__(self, log):
        self._log = log
        self._partial = ""
        self._lock = threading.Lock()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        with self._lock:
            *lines, self._partial = (self._partial + text).split("\n")
        for line in lines:
            self._log(line)
        return len(text)

    def flush(self) -> None:
        """A line is sent when it ends (print(..., flush=True) keeps an unfinished one)."""

    def end_line(self) -> None:
        """Send an unfinished last line (the job ended)."""
        with self._lock:
            rest, self._partial = self._partial, ""
        if rest:
            self._log(rest)
