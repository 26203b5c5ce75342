"""Time to show the window, against a bare PySide6 + pyqtgraph window.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_app.py [--repeat 3]

Numbers go to the README. Budget (DESIGN.md): window shown <= 1.5x a bare PySide6 + pyqtgraph
window, with torch, scikit-learn and pandas not imported before it shows. Training speed and
GUI lateness while lessons train: bench_kernel.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE_WINDOW = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication([]); w = QMainWindow(); w.setCentralWidget(pg.PlotWidget()); w.show(); app.processEvents()
print('SECONDS', time.perf_counter() - t0)
"""

STUDIO_WINDOW = """
import time; t0 = time.perf_counter()
from studio.ui.app import make_app, configure_process
configure_process(); app = make_app()
from studio.core.lesson import catalog
from studio.ui.window.main_window import MainWindow
w = MainWindow(catalog(), warm=False); w.show_lesson('torch.binary_classifier'); w.show(); app.processEvents()
print('SECONDS', time.perf_counter() - t0)
print('HEAVY', sorted(m for m in ('torch', 'sklearn', 'pandas') if m in __import__('sys').modules))
"""


def _seconds(code: str) -> tuple[float, str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.getcwd()}).stdout
    line = next(l for l in out.splitlines() if l.startswith("SECONDS"))
    return float(line.split()[1]), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    med = statistics.median
    bare_window = [_seconds(BARE_WINDOW)[0] for _ in range(args.repeat)]
    studio_window = []
    for _ in range(args.repeat):
        s, out = _seconds(STUDIO_WINDOW)
        studio_window.append(s)
    print(f"window shown: bare PySide6+pyqtgraph {med(bare_window):.2f} s, studio {med(studio_window):.2f} s "
          f"(x{med(studio_window) / med(bare_window):.2f}); heavy modules imported before show: "
          f"{out.split('HEAVY')[1].strip()}")


if __name__ == "__main__":
    main()
