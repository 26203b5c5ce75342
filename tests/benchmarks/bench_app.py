"""Foundation benchmarks: in-app vs bare-script training time, GUI stalls while training,
and time to show the window.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_app.py [--lesson ID] [--repeat 3]

Numbers go to the README. Budgets (DESIGN.md): ratio <= 1.10; event-loop lateness of a 10 ms
timer p99 <= 10 ms, max <= 20 ms; window shown <= 2x a bare PySide6 + pyqtgraph window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import textwrap

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE_CLASSIFIER = """
import time, numpy as np, torch, torch.nn as nn, torch.optim as optim
torch.set_num_threads({threads})
p = nn.Parameter(torch.zeros(1)); optim.Adam([p]).step()  # same warm imports as the app
torch.manual_seed(0); np.random.seed(0)
t0 = time.perf_counter()
x_np = np.random.rand(100, 1)
x_data = torch.tensor(x_np, dtype=torch.float32)
y_data = torch.tensor(x_np < 0.5, dtype=torch.float32)
class SimpleNeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(1, 10); self.relu = nn.ReLU(); self.fc2 = nn.Linear(10, 1); self.sigmoid = nn.Sigmoid()
    def forward(self, x):
        return self.sigmoid(self.fc2(self.relu(self.fc1(x))))
model = SimpleNeuralNetwork()
criterion = nn.BCELoss(); optimizer = optim.SGD(model.parameters(), lr=0.1)
losses, accuracies = [], []  # the lesson's own per-epoch work, minus the app's ctx calls
for epoch in range(1000):
    outputs = model(x_data); loss = criterion(outputs, y_data)
    optimizer.zero_grad(); loss.backward(); optimizer.step()
    losses.append(loss.item())
    if (epoch + 1) % 10 == 0:
        accuracies.append((outputs.detach().round() == y_data).float().mean().item())
    if (epoch + 1) % 100 == 0:
        print(f'Epoch [{{epoch + 1}}/1000], Loss: {{loss.item()}}')
with torch.no_grad():
    predictions = model(x_data); correct = (predictions.round() == y_data).sum().item()
print(f'Accuracy: {{correct / len(y_data)}}')
print('SECONDS', time.perf_counter() - t0)
"""

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
from studio.ui.main_window import MainWindow
w = MainWindow(catalog(), warm=False); w.show_lesson('torch.binary_classifier'); w.show(); app.processEvents()
print('SECONDS', time.perf_counter() - t0)
print('HEAVY', sorted(m for m in ('torch', 'sklearn', 'pandas') if m in __import__('sys').modules))
"""


def _seconds(code: str) -> tuple[float, str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.getcwd()}).stdout
    line = next(l for l in out.splitlines() if l.startswith("SECONDS"))
    return float(line.split()[1]), out


def bare_times(repeat: int, threads: int) -> list[float]:
    return [_seconds(textwrap.dedent(BARE_CLASSIFIER.format(threads=threads)))[0] for _ in range(repeat)]


def app_run(lesson_id: str, params: dict, repeat: int, probe: bool):
    """Run the lesson `repeat` times through the real LessonView, measuring its run time or
    (`probe`) how late a 10 ms QTimer fires on the GUI thread meanwhile. The probe is a Python
    slot taking the GIL 100 times a second, so it slows training itself: the two are measured
    in separate runs."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from studio.core.lesson import catalog
    from studio.ui.app import configure_process, make_app
    from studio.ui.lesson_view import LessonView
    from studio.ui.warmup import warm_up

    configure_process()
    make_app()
    warm_up()  # the app does this in the background after the window shows
    view = LessonView(catalog().get(lesson_id))
    view.resize(1200, 800)
    view.show()
    view.form.set_values(params)
    seconds, lateness = [], []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)
    last = [0]

    def on_tick():
        now = clock.nsecsElapsed()
        if last[0]:
            lateness.append(max(0.0, (now - last[0]) / 1e6 - 10))
        last[0] = now

    if probe:
        timer.timeout.connect(on_tick)
    done: list = []
    view.run_finished.connect(lambda outcome, _run: done.append(outcome))
    loop = QEventLoop()
    view.run_finished.connect(loop.quit)
    for _ in range(repeat):
        done.clear()
        clock.start()
        last[0] = 0
        timer.start()
        view.start()
        loop.exec()  # the app's event loop, as in `studio`
        timer.stop()
        assert done[0].status == "done", done[0].error
        seconds.append(done[0].seconds)
    return seconds, lateness


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from studio.core.devices import kernel_threads

    threads = kernel_threads()
    print(f"cores: {os.cpu_count()}, torch threads in the app: {threads}")
    bare_app_threads = bare_times(args.repeat, threads)
    bare_default = bare_times(args.repeat, os.cpu_count() or 1)
    in_app, _ = app_run("torch.binary_classifier", {"epochs": 1000}, args.repeat, probe=False)
    _, lateness = app_run("torch.binary_classifier", {"epochs": 1000}, args.repeat, probe=True)
    med = statistics.median
    print(f"torch.binary_classifier bare script, {threads} thread(s): median {med(bare_app_threads):.3f} s "
          f"{[round(s, 3) for s in bare_app_threads]}")
    print(f"torch.binary_classifier bare script, {os.cpu_count()} threads: median {med(bare_default):.3f} s")
    print(f"torch.binary_classifier in the app: median {med(in_app):.3f} s {[round(s, 3) for s in in_app]}")
    print(f"RATIO in-app / bare (same threads): {med(in_app) / med(bare_app_threads):.3f}")
    print(f"RATIO in-app / bare (bare's default threads): {med(in_app) / med(bare_default):.3f}")
    lat = sorted(lateness)
    p99 = lat[int(0.99 * (len(lat) - 1))]
    print(f"GUI 10 ms timer lateness while training: n={len(lat)} p50 {lat[len(lat) // 2]:.2f} ms, "
          f"p99 {p99:.2f} ms, max {lat[-1]:.2f} ms")
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
