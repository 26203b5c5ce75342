"""GUI stalls over a scripted session: a 10 ms timer on the GUI thread measures how late its
ticks come while the window opens every lesson view and every one of its tabs, the roadmap,
the run history and the hardware panel, and runs three short lessons through the real kernel.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui_stalls.py [--profile]

Prints the open time of each lesson view (the slot that opens it, then until its heavy parts
are made), the time to show a view again, the worst stalls with the step they came in, and
`STALL max <ms> p99 <ms>`. Budget: max <= 100 ms. `--why` samples the GUI thread's stack
every 5 ms while a tick is over 30 ms late and prints where the stalls spend their time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["STUDIO_HOME"] = tempfile.mkdtemp(prefix="bench-stalls-")

import numpy as np  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 10
GAP_MS = 60  # between two clicks of the script
RUNS = (("numpy.array_basics", {}), ("sklearn.iris_svc", {}), ("torch.linear_regression", {"epochs": 100}))


class Lateness:
    """How late each tick of a 10 ms timer comes, and during which step of the script."""

    def __init__(self):
        self.step = "start"
        self.late: list[float] = []
        self.late_cpu: list[float] = []  # the GUI thread's CPU time between ticks, less the interval
        self.steps: list[str] = []
        self._last: float | None = None
        self._last_cpu = 0.0
        self.stopped = False
        self.timer = QTimer()
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def watch(self, every_s: float = 0.005, late_s: float = 0.030) -> Counter:
        """Sample the GUI thread's stack from another thread while a tick is late: where stalls go."""
        gui = threading.get_ident()
        seen: Counter = Counter()

        def sample() -> None:
            while not self.stopped:
                time.sleep(every_s)
                last = self._last
                if last is not None and time.perf_counter() - last > late_s + TICK_MS / 1000:
                    frame = sys._current_frames().get(gui)
                    if frame is not None:
                        stack = traceback.extract_stack(frame)
                        ours = [f for f in stack if "/studio/" in f.filename] or stack[-3:]
                        where = " < ".join(f"{Path(f.filename).stem}.{f.name}:{f.lineno}" for f in ours[::-1][:4])
                        seen[where or "(in Qt, no Python frame)"] += 1

        threading.Thread(target=sample, daemon=True).start()
        return seen

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self._last is not None:
            self.late.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
            self.late_cpu.append(max(0.0, (cpu - self._last_cpu) * 1000 - TICK_MS))
            self.steps.append(self.step)
        self._last, self._last_cpu = now, cpu


def session(window, lateness: Lateness, report: dict):
    """The script: each `yield` hands the event loop back (a predicate: until it is true)."""
    from studio.core.lesson import catalog
    from studio.ui.code_view import CodeView
    from studio.ui.lazy_page import LazyPage
    from studio.ui.results_view import ResultsView

    lateness.step = "kernel warm-up"
    yield lambda: window.kernels is not None and window.kernels.spare_pid is not None

    lateness.step = "roadmap"
    window.left_tabs.setCurrentIndex(0)
    yield None
    for item in [i for i in window.plan.items() if not i.lesson][:12]:  # lesson items: below
        window.roadmap.select_item(item.id)
        yield None

    for lesson in catalog():
        lateness.step = f"open {lesson.id}"
        t = time.perf_counter()
        view = window.show_lesson(lesson.id)
        opened = (time.perf_counter() - t) * 1000
        yield lambda v=view: bool(v.findChildren(CodeView)) and bool(v.findChildren(ResultsView))
        report["open"][lesson.id] = (opened, (time.perf_counter() - t) * 1000)
        for tabs in (view.code_tabs, view.pages):
            for i in range(tabs.count()):
                lateness.step = f"tab {lesson.id} {tabs.tabText(i)}"
                tabs.setCurrentIndex(i)
                page = tabs.widget(i)
                yield (lambda p=page: p.is_built) if isinstance(page, LazyPage) else None
            tabs.setCurrentIndex(0)

    lateness.step = "show again"
    for lesson in list(catalog())[:10]:
        window.show_home()
        yield None
        t = time.perf_counter()
        window.show_lesson(lesson.id)
        report["again"][lesson.id] = (time.perf_counter() - t) * 1000
        yield None

    lateness.step = "lessons list"
    window.left_tabs.setCurrentIndex(1)
    yield None
    window.left_tabs.setCurrentIndex(0)
    lateness.step = "run history"
    window.runs_dock.show()
    yield None
    window.hardware_dock.show()

    for lesson_id, params in RUNS:
        lateness.step = f"run {lesson_id}"
        view = window.show_lesson(lesson_id)
        view.form.set_values(params)
        assert view.start(), view.state.text()
        yield lambda v=view: not v.busy
        report["runs"].append((lesson_id, view.last_outcome.status, view.last_outcome.seconds))

    lateness.step = "compare runs"
    window.runs_view.table.selectAll()
    yield None
    deadline = time.perf_counter() + 1.0
    yield lambda: time.perf_counter() > deadline
    lateness.step = "home"
    window.show_home()
    yield None


def drive(app, steps, lateness: Lateness, timeout_s: float = 600) -> None:
    """Run the script on the event loop: one step per GAP_MS, polling a step's predicate. The
    measure ends with the script: quitting closes the window (Qt 6), which is not the session."""
    start = time.perf_counter()

    def next_step() -> None:
        if time.perf_counter() - start > timeout_s:
            raise SystemExit("the session took too long")
        try:
            wait = next(steps)
        except StopIteration:
            lateness.stopped = True
            lateness.timer.stop()
            app.quit()
            return
        poll(wait)

    def poll(wait) -> None:
        if wait is None or wait():
            QTimer.singleShot(GAP_MS, next_step)
        else:
            QTimer.singleShot(20, lambda: poll(wait))

    QTimer.singleShot(GAP_MS, next_step)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--why", action="store_true", help="sample the GUI thread's stack during stalls")
    args = parser.parse_args()

    app = QApplication([])
    from studio.core.lesson import catalog
    from studio.ui import gc_guard
    from studio.ui.window.main_window import MainWindow

    gc_guard.install(app)
    lateness = Lateness()
    lateness.timer.start()
    window = MainWindow(catalog(), warm=True)
    window.resize(1500, 940)
    window.show()
    report: dict = {"open": {}, "again": {}, "runs": []}
    stalls = lateness.watch() if args.why else None
    drive(app, session(window, lateness, report), lateness)
    app.exec()
    window.quit_now()

    opened = report["open"]
    slot = np.array([o for o, _ in opened.values()])
    ready = np.array([r for _, r in opened.values()])
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    print(f"lesson views opened: {len(opened)}; the opening slot: median {np.median(slot):.0f} ms, "
          f"max {slot.max():.0f} ms; until the heavy parts are made: median {np.median(ready):.0f} ms")
    for lesson_id, (o, r) in sorted(opened.items(), key=lambda kv: -kv[1][0])[:5]:
        print(f"  {lesson_id}: {o:.0f} ms, ready after {r:.0f} ms")
    again = np.array(list(report["again"].values()))
    print(f"shown again: median {np.median(again):.0f} ms, max {again.max():.0f} ms")
    for lesson_id, status, seconds in report["runs"]:
        print(f"run {lesson_id}: {status} in {seconds:.2f} s")
    late = np.array(lateness.late)
    worst = np.argsort(late)[::-1][:8]
    print("worst stalls: " + "; ".join(f"{late[i]:.0f} ms ({lateness.steps[i]})" for i in worst))
    print(f"ticks: {len(late)}")
    cpu = np.array(lateness.late_cpu)
    print(f"(the GUI thread's own CPU time over the same ticks, what a quiet machine would see less "
          f"disk waits: max {cpu.max():.0f} ms p99 {np.percentile(cpu, 99):.0f} ms)")
    print(f"STALL max {late.max():.0f} ms p99 {np.percentile(late, 99):.0f} ms")
    if stalls:
        print("where the GUI thread was during stalls (5 ms samples):")
        for where, n in stalls.most_common(15):
            print(f"  {n * 5:5d} ms  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
