"""In-app / bare-script time for torch.rnn_sine (budget in DESIGN.md: <= 1.10, stretch 1.05).

    python tests/benchmarks/bench_rnn_sine.py [--epochs 2] [--sequences 2000] [--repeat 3]

"Bare" is a plain script doing the lesson's work with nothing around it: the article's data
generator, the two-layer RNN trained in shuffled batches of 32, validation each epoch, the
train-loss evaluation and the 10-point forecast. "In-app" is `run_lesson` on a worker thread
with a `QueueContext` whose events the main thread drains at 20 Hz, as the window does.
Each run is a fresh process; both use the torch thread count the app uses and warm the same
imports first. Runs alternate (bare, app, bare, app...) so a busy machine slows both alike;
on a shared machine compare the minimums.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import textwrap
import time

BARE = """
import time, numpy as np, torch, torch.nn as nn
torch.set_num_threads({threads})
p = nn.Parameter(torch.zeros(1)); torch.optim.Adam([p]).step()  # same warm imports as the app
t0 = time.perf_counter()
torch.manual_seed({seed}); np.random.seed({seed})
def generate_sine_wave(batch_size, n_steps):
    freq1, freq2, offsets1, offsets2 = np.random.rand(4, batch_size, 1)
    time_ = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time_ - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((time_ - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (np.random.rand(batch_size, n_steps) - 0.5)
    return series[..., np.newaxis].astype(np.float32)
X, y = [], []
for _ in range({sequences}):
    x = generate_sine_wave(1, 51)[0]; X.append(x[:50]); y.append(x[50])
X, y = torch.from_numpy(np.array(X)), torch.from_numpy(np.array(y))
class SineRNN(nn.Module):
    def __init__(self):
        super().__init__(); self.rnn = nn.RNN(1, 50, num_layers=2, batch_first=True); self.dense = nn.Linear(50, 1)
    def forward(self, x):
        out, _ = self.rnn(x); return self.dense(out[:, -1, :])
model = SineRNN(); criterion = nn.MSELoss(); optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
split = int({sequences} * 0.8); Xf, yf, Xv, yv = X[:split], y[:split], X[split:], y[split:]
def evaluate(X_, y_):
    model.eval()
    with torch.no_grad():
        total = sum(criterion(model(X_[s:s + 1024]), y_[s:s + 1024]).item() * len(X_[s:s + 1024])
                    for s in range(0, len(X_), 1024))
    model.train(); return total / len(X_)
g = torch.Generator().manual_seed({seed})
for epoch in range({epochs}):
    order = torch.randperm(split, generator=g); total = 0.0
    for s in range(0, split, 32):
        idx = order[s:s + 32]
        loss = criterion(model(Xf[idx]), yf[idx]); optimizer.zero_grad(); loss.backward(); optimizer.step()
        total += loss.item() * len(idx)
    print(f"Epoch {{epoch + 1}} - loss: {{total / split:.4f}} - val_loss: {{evaluate(Xv, yv):.4f}}")
print("Train loss:", evaluate(X, y))
x = generate_sine_wave(1, 50)[0]
model.eval()
with torch.no_grad():
    for _ in range(10):
        x = np.concatenate([x, model(torch.from_numpy(x[None])).numpy()], axis=0)
print("SECONDS", time.perf_counter() - t0)
"""


APP = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEventLoop
from studio.core.lesson import catalog
from studio.ui.app import configure_process, make_app
from studio.ui.lesson_view import LessonView
from studio.ui.warmup import warm_up
configure_process(); app = make_app(); warm_up()  # as the window does after it shows
view = LessonView(catalog().get("torch.rnn_sine")); view.resize(1200, 800); view.show()
view.form.set_values(dict(epochs={epochs}, sequences={sequences}, seed={seed}))
loop = QEventLoop(); view.run_finished.connect(loop.quit)
view.start(); loop.exec()  # the real lesson view: worker thread, 20 Hz drain, live curves painted
out = view.last_outcome
assert out.status == "done", out.error
print("SECONDS", out.seconds)
"""


def _seconds(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                         check=True).stdout
    return float(next(l for l in out.splitlines() if l.startswith("SECONDS")).split()[1])


def streaming_overhead_us(n: int = 20_000) -> float:
    """What the lesson adds per batch over the bare loop: a batch_loss scalar and a progress
    event on a QueueContext (microseconds per batch)."""
    from studio.core.context import QueueContext

    ctx = QueueContext("cpu", {})
    t0 = time.perf_counter()
    for i in range(n):
        ctx.scalar("batch_loss", i, 0.5)
        ctx.progress(i, n)
    return (time.perf_counter() - t0) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--sequences", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, root)
    from studio.core.devices import kernel_threads

    threads = kernel_threads()
    fill = dict(threads=threads, epochs=args.epochs, sequences=args.sequences, seed=0, root=root)
    print(f"cores: {os.cpu_count()}, torch threads: {threads}, torch.rnn_sine "
          f"epochs={args.epochs} sequences={args.sequences}, {args.repeat} runs each, alternating")
    bare, app = [], []
    for _ in range(args.repeat):
        bare.append(_seconds(BARE.format(**fill)))
        app.append(_seconds(APP.format(**fill)))
    med = statistics.median
    for name, runs in (("bare script", bare), ("in the app ", app)):
        print(f"{name}: median {med(runs):.3f} s, min {min(runs):.3f} s, "
              f"per epoch (min) {min(runs) / args.epochs:.3f} s  {[round(s, 3) for s in runs]}")
    print(f"RATIO in-app / bare: median {med(app) / med(bare):.3f}, min {min(app) / min(bare):.3f}")
    batches = args.epochs * -(-int(args.sequences * 0.8) // 32)
    per_batch_ms = min(bare) / batches * 1e3
    overhead = streaming_overhead_us()
    print(f"streaming per batch (scalar + progress): {overhead:.1f} us, "
          f"{overhead / 10 / per_batch_ms:.2f}% of a bare batch ({per_batch_ms:.2f} ms incl. its share of the rest)")


if __name__ == "__main__":
    main()
