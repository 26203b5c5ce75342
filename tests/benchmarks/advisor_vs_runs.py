"""The advisor's estimates against measured run times and memory of the toolkit lessons.

    PYTHONPATH=. python tests/benchmarks/advisor_vs_runs.py [LESSON_ID ...]

Measures this PC first (about 10 s), then runs each lesson with its defaults and prints the
estimated and the measured seconds and the estimated memory against the process's peak
growth. A ratio within about 3x either way is what the estimate model aims at.
"""

from __future__ import annotations

import sys
import threading
import time

import psutil

from studio.core import advisor, measure
from studio.core.context import Context
from studio.core.lesson import catalog
from studio.core.runner import run_lesson

TOOLKIT = ("efficiency.vectorize", "efficiency.float32", "efficiency.gc",
           "optimize.sampling", "optimize.pca", "optimize.light_model")


def peak_rss_during(fn):
    proc, peak, done = psutil.Process(), [0], threading.Event()

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.01)

    t = threading.Thread(target=watch, daemon=True)
    start = proc.memory_info().rss
    t.start()
    try:
        out = fn()
    finally:
        done.set()
        t.join()
    return out, max(0, peak[0] - start)


def main(ids):
    m = measure.measure()
    print("\n".join(measure.summary_lines(m)), "\n")
    print(f"{'lesson':<22} {'est s':>8} {'run s':>8} {'ratio':>6}   {'est MB':>8} {'peak MB':>8}")
    for lesson_id in ids:
        lesson = catalog().get(lesson_id)
        params = lesson.resolve_params({})
        e = advisor.estimate_for(lesson, params)
        est_s, _ = advisor.seconds_for(e, m)
        ctx = Context("cpu", params)
        outcome, grown = peak_rss_during(lambda l=lesson, c=ctx, p=params: run_lesson(l, c, p))
        assert outcome.status == "done", outcome.error
        print(f"{lesson_id:<22} {est_s:8.1f} {outcome.seconds:8.1f} {est_s / outcome.seconds:6.2f}   "
              f"{e.bytes / 1e6:8.1f} {grown / 1e6:8.1f}")


if __name__ == "__main__":
    main(sys.argv[1:] or TOOLKIT)
