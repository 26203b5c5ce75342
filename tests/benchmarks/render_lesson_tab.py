"""Run a lesson in the window offscreen, show one tab of its output wide, and save the window as PNG.

    PYTHONPATH=. python tests/benchmarks/render_lesson_tab.py OUT.png LESSON_ID TAB [--lang zh] [--set NAME=VALUE]

`studio --screenshot` shows the output as the run leaves it (the Results tab); this shows a
figure or table tab (for the README's screenshots of late.explain's plots): the docks and the
live chart hidden, so the output takes the window below the code.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("lesson")
    parser.add_argument("tab")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--set", dest="assign", action="append", default=[])
    args = parser.parse_args()

    from PySide6.QtWidgets import QDockWidget

    from studio.core.lesson import catalog, parse_assignments
    from studio.ui import i18n
    from studio.ui.app import configure_process, make_app
    from studio.ui.window.main_window import MainWindow

    configure_process()
    app = make_app()
    lang = i18n.install(app, args.lang)
    window = MainWindow(catalog(), lang=lang, warm=False)
    window.resize(1500, 940)
    view = window.show_lesson(args.lesson)
    view.form.set_values(view.lesson.resolve_params(parse_assignments(args.assign)))
    window.show()
    view.start()
    while view.run.running:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    tabs = view.output
    names = tabs.tab_names()  # as the lesson names them (the tabs show their labels)
    if args.tab not in names:
        print(f"no tab {args.tab!r}; tabs: {', '.join(names)}", file=sys.stderr)
        return 2
    tabs.setCurrentIndex(names.index(args.tab))
    for dock in window.findChildren(QDockWidget):
        dock.hide()  # the roadmap and the hardware panel: the lesson takes the window
    view.chart.hide()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    ok = window.grab().save(args.out, "PNG")
    window.close()
    print(args.out if ok else f"could not write {args.out}")
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
