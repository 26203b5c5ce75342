"""Benchmark: the Runs view over 1,000 runs of 10,000 points each (target: opens in < 1 s).

    PYTHONPATH=. python tests/benchmarks/bench_runs_view.py [--runs 1000] [--points 10000]

Builds the history in a temporary STUDIO_HOME through the real `RunStore.finish` path
(a 10,000-point `loss` and a 1,000-point `accuracy` curve per run), then times: opening
the database, listing the runs, constructing the Runs view and its first paint, and
overlaying the curves of 2 and 20 selected runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _Buffer:
    def __init__(self, rows: np.ndarray):
        self.rows = rows

    def snapshot(self) -> np.ndarray:
        return self.rows


class _Ctx:
    """Stands in for a finished Context: scalars with a snapshot() and output lines."""

    def __init__(self, scalars: dict[str, np.ndarray], output: list[str]):
        self.scalars = {name: _Buffer(rows) for name, rows in scalars.items()}
        self.output = output


def build(store, runs: int, points: int) -> None:
    from studio.core.runner import Outcome

    rng = np.random.default_rng(0)
    steps = np.arange(1, points + 1, dtype=np.float64)
    walls = steps * 0.01
    acc_steps = steps[9::10]
    lessons = ["torch.binary_classifier", "torch.linear_regression", "sklearn.svm", "keras.sine_rnn"]
    for i in range(runs):
        lr = float(rng.choice([0.001, 0.01, 0.1, 0.5]))
        params = {"epochs": points, "lr": lr, "samples": 100, "hidden": 10, "seed": i % 7}
        lesson = lessons[i % len(lessons)]
        run_id = store.start(lesson, params, "cpu")
        loss = np.exp(-lr * steps / 100) + rng.normal(0, 0.01, points)
        acc = 1 - loss[9::10] / 2
        ctx = _Ctx({"loss": np.column_stack([steps, walls, loss]),
                    "accuracy": np.column_stack([acc_steps, walls[9::10], acc])},
                   [f"Epoch [{e}/{points}], Loss: {loss[e - 1]}" for e in range(100, points + 1, 100)])
        outcome = Outcome(lesson, "done", "cpu", params,
                          {"final_loss": float(loss[-1]), "accuracy": float(acc[-1])}, seconds=points * 0.01)
        store.finish(run_id, outcome, ctx, {"hw_peak_process_rss_mb": 300.0, "hw_mean_process_cpu_percent": 48.0})


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    """Median seconds of `repeat` calls (the machine may be busy: the median, not the mean)."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--points", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        os.environ["STUDIO_HOME"] = home
        from studio.core import paths
        from studio.core.db import Database
        from studio.core.history import RunStore

        t0 = time.perf_counter()
        db = Database()
        build(RunStore(db), args.runs, args.points)
        db.close()
        size_mb = paths.database().stat().st_size / 2**20
        print(f"built {args.runs} runs x {args.points} points in {time.perf_counter() - t0:.1f} s; "
              f"database {size_mb:.0f} MB")

        open_s, db = timed(Database, repeat=3)
        store = RunStore(db)
        list_s, runs = timed(store.list, repeat=5)
        assert len(runs) == args.runs

        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from studio.ui.runs_view import RunsView

        def open_view():
            view = RunsView(store)
            view.resize(1200, 800)
            view.show()
            app.processEvents()
            view.grab()  # forces a full paint of the table and the chart
            return view

        first_s, view = timed(open_view)
        view.close()

        warm_s, view = timed(open_view, repeat=5)

        def overlay(n):
            selection = view.table.selectionModel()
            view.table.clearSelection()
            for row in range(n):
                selection.select(view.proxy.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
            view.update_overlay()
            view.grab()
            return len(view.overlay_items())

        two_s, two = timed(lambda: overlay(2), repeat=3)
        twenty_s, twenty = timed(lambda: overlay(20), repeat=3)
        assert (two, twenty) == (2, 20), (two, twenty)

        print(f"open database (integrity check):      {open_s * 1000:7.1f} ms")
        print(f"RunStore.list() of {args.runs} runs:     {list_s * 1000:7.1f} ms")
        print(f"Runs view construct + first paint: {first_s * 1000:7.1f} ms (first in the process)")
        print(f"Runs view construct + first paint: {warm_s * 1000:7.1f} ms (again, median of 5)")
        print(f"overlay 2 selected runs:           {two_s * 1000:7.1f} ms")
        print(f"overlay 20 selected runs:          {twenty_s * 1000:7.1f} ms")
        total = open_s + first_s
        print(f"open database + view:              {total * 1000:7.1f} ms "
              f"({'within' if total < 1 else 'OVER'} the 1 s budget)")
        view.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
