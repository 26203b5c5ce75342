"""Shared helpers of the toolkit lessons (efficiency.*, optimize.*): timing and process memory."""

from __future__ import annotations

import time

MiB = 1024 * 1024


def best_time(fn, repeats: int, check=None, min_seconds: float = 0.002) -> float:
    """Seconds one call of `fn` takes: the best of `repeats` timings. A call faster than
    `min_seconds` is repeated in a loop and averaged, so tiny times are not clock noise."""
    fn()  # warm-up: first calls allocate and load code
    number, t = 1, 0.0
    while True:
        t = _timed(fn, number)
        if t >= min_seconds or number >= 1_000_000:
            break
        number *= 10
    best = t / number
    for _ in range(repeats - 1):
        if check:
            check()
        best = min(best, _timed(fn, number) / number)
    return best


def _timed(fn, number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return time.perf_counter() - start


def rss() -> int:
    """Resident memory of this process in bytes, as the OS (and the task manager) reports it."""
    import psutil

    return psutil.Process().memory_info().rss
