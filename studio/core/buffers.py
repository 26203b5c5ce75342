"""Thread-safe growable buffers for streamed scalars, and TensorBoard's smoothing."""

from __future__ import annotations

import threading
import time

import numpy as np


class ScalarBuffer:
    """(step, wall time, value) triples appended by a worker, read by the GUI.

    Storage is preallocated numpy arrays that double when full, so appending is O(1)
    amortised and reading hands out views without copying Python lists.
    """

    def __init__(self, name: str, capacity: int = 1024, t0: float | None = None):
        self.name = name
        self._lock = threading.Lock()
        self._data = np.empty((capacity, 3), dtype=np.float64)
        self._n = 0
        self.t0 = time.perf_counter() if t0 is None else t0

    def append(self, step: float, value: float) -> None:
        wall = time.perf_counter() - self.t0
        with self._lock:
            if self._n == len(self._data):
                grown = np.empty((2 * len(self._data), 3), dtype=np.float64)
                grown[: self._n] = self._data[: self._n]
                self._data = grown
            self._data[self._n] = (step, wall, value)
            self._n += 1

    def extend(self, rows: np.ndarray) -> None:
        """Append (step, wall, value) rows as they are (curves relayed from a kernel process
        keep the kernel's own wall times)."""
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, 3)
        with self._lock:
            need = self._n + len(rows)
            if need > len(self._data):
                grown = np.empty((max(need, 2 * len(self._data)), 3), dtype=np.float64)
                grown[: self._n] = self._data[: self._n]
                self._data = grown
            self._data[self._n : need] = rows
            self._n = need

    def __len__(self) -> int:
        return self._n

    def snapshot(self, start: int = 0) -> np.ndarray:
        """A copy of rows [start:] as an (n, 3) array: step, seconds since start, value."""
        with self._lock:
            return self._data[start : self._n].copy()

    def pairs(self) -> list[list[float]]:
        """[[step, value], ...] for JSON output."""
        rows = self.snapshot()
        return [[_plain(s), float(v)] for s, _, v in rows]


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def ema(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's debiased exponential moving average (weight 0 returns the values)."""
    values = np.asarray(values, dtype=np.float64)
    if weight <= 0 or len(values) == 0:
        return values.copy()
    return EmaSmoother(weight).extend(values)


class EmaSmoother:
    """Incremental debiased EMA: feed new points, get their smoothed values.

    last = last * w + (1 - w) * x;  smoothed = last / (1 - w ** n)   (TensorBoard, scalars plugin)
    Non-finite values pass through unsmoothed and leave the state as it was.
    """

    def __init__(self, weight: float):
        self.weight = float(weight)
        self._last = 0.0
        self._count = 0

    def extend(self, values: np.ndarray) -> np.ndarray:
        w = self.weight
        values = np.asarray(values, dtype=np.float64)
        out = np.empty_like(values)
        if len(values) == 0:
            return out
        finite = np.isfinite(values)
        if w <= 0:
            return values.copy()
        if finite.all():
            # Vectorised recursion with a scaled cumulative sum, done in chunks so the
            # powers of w neither overflow nor underflow.
            n0 = self._count
            for lo in range(0, len(values), 256):
                chunk = values[lo : lo + 256]
                k = np.arange(1, len(chunk) + 1)
                powers = w ** k
                acc = self._last * powers + (1 - w) * np.convolve(chunk, w ** np.arange(len(chunk)))[: len(chunk)]
                self._last = float(acc[-1])
                counts = n0 + lo + k
                debias = 1.0 - w ** counts if w < 1 else np.ones(len(chunk))
                out[lo : lo + len(chunk)] = acc / debias
            self._count += len(values)
            return out
        for i, x in enumerate(values):
            if not finite[i]:
                out[i] = x
                continue
            self._last = self._last * w + (1 - w) * x
            self._count += 1
            out[i] = self._last / (1 - w ** self._count) if w < 1 else self._last
        return out
