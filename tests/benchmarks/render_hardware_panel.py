"""Render the hardware panel offscreen while real lessons train, to a PNG.

    PYTHONPATH=. python tests/benchmarks/render_hardware_panel.py OUT.png [--width 330] [--fake-gpus] [--lang zh]

Idles a few seconds, trains the PyTorch binary classifier (bigger than its default so the
CPU works for a while) in a worker thread between `begin_run` / `end_run`, idles, runs the
linear regression, then grabs the panel. `--fake-gpus` shows two GPUs from the tests' fake NVML.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=330)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--fake-gpus", action="store_true")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from studio.core.context import Context
    from studio.core.hardware import Sampler
    from studio.core.lesson import catalog
    from studio.core.runner import run_lesson
    from studio.core.text import pick
    from studio.ui import i18n
    from studio.ui.hardware import HardwarePanel

    _app = QApplication.instance() or QApplication(sys.argv)  # kept alive until the end
    i18n.install(_app, args.lang)
    nvml = {}
    if args.fake_gpus:
        from tests.core.test_hardware import fake_nvml, two_gpus

        nvml = {"nvml": fake_nvml(two_gpus(), broken={(1, "power"): 3})}
    panel = HardwarePanel(Sampler(**nvml))
    panel.set_interval(0.5)
    panel.resize(args.width, args.height)
    panel.show()

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def train(lesson_id: str, **params) -> dict:
        lesson = catalog().get(lesson_id)
        p = lesson.resolve_params(params)
        panel.begin_run(pick(lesson.title))
        done = threading.Event()
        outcome = {}

        def work():
            outcome["o"] = run_lesson(lesson, Context("cpu", p), p)
            done.set()

        threading.Thread(target=work, daemon=True).start()
        while not done.is_set():
            spin(0.1)
        summary = panel.end_run()
        print(lesson_id, outcome["o"].status, summary)
        return summary

    spin(6)
    train("torch.binary_classifier", samples=100_000, hidden=64, epochs=100)
    spin(6)
    train("torch.linear_regression", epochs=3000)
    spin(4)
    panel.grab().save(args.out)
    panel.stop()
    print("wrote", args.out)


if __name__ == "__main__":
    main()
