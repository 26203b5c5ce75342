"""Render the window offscreen with a lesson's Practice tab after checking some code, to a PNG.

    python tests/benchmarks/render_practice.py OUT.png EXERCISE_ID (--solution | --wrong N | --code FILE)
                                              [--lang zh] [--size 1500x940]

The code goes into the editor and is run and checked in a kernel, as the Run button does; the
picture is taken when the checks are done (the README's Practice screenshots).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("exercise")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--solution", action="store_true")
    which.add_argument("--wrong", type=int, metavar="N")
    which.add_argument("--code", type=Path)
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--size", default="1500x940")
    parser.add_argument("--results-tab", type=int, default=None, help="show this results tab (0 checks, 2 chart)")
    args = parser.parse_args()

    from studio.ui.app import configure_process, make_app

    configure_process()
    app = make_app()
    from studio.core.lesson import catalog
    from studio.practice.exercise import get
    from studio.ui import i18n
    from studio.ui.window.main_window import MainWindow

    exercise = get(args.exercise)
    code = exercise.solution if args.solution else args.code.read_text() if args.code else exercise.wrong[args.wrong]
    i18n.install(app, args.lang)
    window = MainWindow(catalog(), lang=args.lang, warm=False)
    w, _, h = args.size.partition("x")
    window.resize(int(w), int(h))
    view = window.show_lesson(exercise.lesson)
    window.show()
    view.show_practice()
    practice = view.practice
    practice.select(exercise.id)
    practice.editor.set_code(code)
    practice.start()
    deadline = time.monotonic() + 300
    while practice.running and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if args.results_tab is not None:
        practice.results.setCurrentIndex(args.results_tab)
    for _ in range(30):
        app.processEvents()
        time.sleep(0.01)
    ok = window.grab().save(args.out, "PNG")
    print(args.out, practice.last_report.status if practice.last_report else "?")
    window.quit_now()
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
