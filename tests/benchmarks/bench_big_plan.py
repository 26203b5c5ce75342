"""Start-up with a large plan: load and check it, then show the window on it.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_big_plan.py [--items 100000] [--repeat 3]

Each repeat is a fresh process with its own STUDIO_HOME: interpreter start to the window shown,
split into loading the plan (TOML parse + checks) and making and showing the window; then one
search over the roadmap and one click on an item. Before the plan was indexed, start-up grew
with the square of the items (20,000 items 42.8 s, 100,000 about 17 minutes). Numbers go to
the README's performance table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: plan_factory
from plan_factory import big_plan_text  # noqa: E402

CHILD = """
import json, sys, time
t0 = time.perf_counter()
from studio.ui.app import configure_process, make_app
configure_process(); app = make_app()
from studio.core.lesson import catalog
from studio.core.plan import load_plan
from studio.ui.window.main_window import MainWindow
t1 = time.perf_counter()
plan = load_plan(sys.argv[1], catalog().ids())
t2 = time.perf_counter()
w = MainWindow(catalog(), warm=False, plan=plan); w.show(); app.processEvents()
t3 = time.perf_counter()
w.roadmap.search.setText("item 4321"); app.processEvents()
t4 = time.perf_counter()
w.roadmap.search.clear(); w.roadmap.select_item("i4321"); app.processEvents()
t5 = time.perf_counter()
w.roadmap.set_done("i4321", True); app.processEvents()
t6 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "window": t3 - t2, "shown": t3 - t0,
                  "search": t4 - t3, "click": t6 - t5, "items": len(plan.items())}))
"""


def one(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "STUDIO_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                             env=env, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.toml"
        path.write_text(big_plan_text(args.items), encoding="utf-8")
        print(f"plan: {args.items:,} items, {path.stat().st_size / 1e6:.1f} MB of TOML")
        runs = [one(path) for _ in range(args.repeat)]
    for key, label in [("shown", "process start to window shown"), ("imports", "  imports and QApplication"),
                       ("load", "  load and check the plan"), ("window", "  make and show the window"),
                       ("search", "search the roadmap"), ("click", "tick one item (progress recounted)")]:
        values = [r[key] for r in runs]
        print(f"{label:<36} median {statistics.median(values):6.2f} s  (min {min(values):.2f}, "
              f"max {max(values):.2f})")


if __name__ == "__main__":
    main()
