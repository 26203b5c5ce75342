"""Start the window: `studio`, `python -m studio`, or `studio --screenshot PATH`."""

from __future__ import annotations

import argparse
import math
import os
import sys
import time


def window_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="studio", description="Open the Zero-Compute ML Studio window.")
    p.add_argument("--lang", choices=("en", "zh"), help="interface language (default: saved choice or system)")
    p.add_argument("--lesson", metavar="ID", help="open this lesson")
    p.add_argument("--screenshot", metavar="PATH", help="render the window to a PNG and exit")
    p.add_argument("--run", action="store_true", help="with --screenshot: run the lesson to the end first")
    p.add_argument("--at", type=float, metavar="SECONDS",
                   help="with --run: take the picture this long into the run (mid-run), then stop it")
    p.add_argument("--stop-at", type=float, metavar="SECONDS",
                   help="with --run: press Stop this long into the run, and take the picture once it stopped")
    p.add_argument("--memory-limit", metavar="SIZE",
                   help="memory cap of lesson runs in this session, e.g. 500M (default: the saved share of free RAM)")
    p.add_argument("--force", action="store_true", help="run despite the memory rule (as 'Run anyway' does)")
    p.add_argument("--set", dest="assign", action="append", default=[], metavar="NAME=VALUE",
                   help="set a parameter of the lesson before running")
    p.add_argument("--size", default="1500x940", help="window size WxH (default 1500x940)")
    p.add_argument("--plan", metavar="FILE", help="open the window on this plan, as File > Open plan does")
    p.add_argument("--install-desktop-entry", action="store_true",
                   help="add the app to this user's applications menu (Linux) and exit")
    return p


def parse_args(argv: list[str]) -> argparse.Namespace:
    return window_parser().parse_args(argv)


SIZE_RANGE = (200, 16384)  # pixels, each side


def check_args(args: argparse.Namespace) -> str | None:
    """What is wrong with the options, in one line (None: nothing)."""
    w, x, h = args.size.partition("x")
    if not (x and w.isdecimal() and h.isdecimal()) or not all(SIZE_RANGE[0] <= int(v) <= SIZE_RANGE[1] for v in (w, h)):
        return (f"--size expects WIDTHxHEIGHT in pixels, each {SIZE_RANGE[0]}-{SIZE_RANGE[1]} "
                f"(like 1500x940), got {args.size!r}")
    if args.at is not None and not (math.isfinite(args.at) and args.at > 0):
        return f"--at expects a number of seconds greater than 0, got {args.at:g}"
    return None


def configure_process() -> None:
    """Process-wide settings that keep the GUI responsive while lessons compute (DESIGN)."""
    os.environ.setdefault("KERAS_BACKEND", "torch")  # Keras 3 reads it once, at first import
    # Lessons draw on matplotlib Figures in worker threads; pandas' plot() would otherwise make
    # pyplot pick a Qt backend from that thread. The GUI wraps finished Figures in QtAgg canvases.
    os.environ.setdefault("MPLBACKEND", "Agg")
    # DESIGN suggested sys.setswitchinterval(0.001) for pure-Python lesson loops. Measured here
    # it made torch.binary_classifier (thousands of tiny ops, each dropping and retaking the
    # GIL) train 1.3-1.5x slower in the app, while Python's default 5 ms keeps a pure-Python
    # loop's GUI stall within the 10 ms p99 budget. So the default stays unless set.
    if os.environ.get("STUDIO_SWITCH_INTERVAL"):
        sys.setswitchinterval(float(os.environ["STUDIO_SWITCH_INTERVAL"]))


def close_on_ctrl_c(window) -> None:
    """Ctrl-C in the terminal closes the window as File > Quit does (without asking: the
    terminal's user asked already). Qt's event loop runs in C++, where Python never looks at
    signals: the wakeup fd wakes a socket notifier, whose slot lets the handler run."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, window.quit_now))
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)
    notifier.activated.connect(lambda *_: reader.recv(64))
    window._ctrl_c = (reader, writer, notifier)  # kept alive with the window


def make_app(argv: list[str] | None = None):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from studio.core import desktop_entry, paths
    from studio.ui import gc_guard

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Zero-Compute ML Studio")
    app.setOrganizationName("ZeroComputeMLStudio")
    app.setDesktopFileName(desktop_entry.APP_ID)  # Wayland: the window belongs to the installed entry
    app.setWindowIcon(QIcon(str(paths.resources() / "icons" / desktop_entry.ICONS["256x256"])))
    gc_guard.install(app)
    return app


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    problem = check_args(args)
    if problem:
        print(f"studio: error: {problem}", file=sys.stderr)
        return 2
    if args.install_desktop_entry:
        from studio.core import desktop_entry

        return desktop_entry.main()
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studio.ui.display import display_problem

    if problem := display_problem():  # one line instead of Qt's plugin dump and abort
        print(f"studio: error: {problem}", file=sys.stderr)
        return 2
    configure_process()
    app = make_app()

    from studio.core.lesson import LessonError, catalog, parse_assignments
    from studio.core.plan import PlanError, load_plan
    from studio.ui import i18n
    from studio.ui.window.main_window import MainWindow

    plan = None
    if args.plan:
        try:
            plan = load_plan(args.plan, catalog().ids())
        except PlanError as exc:
            print(f"studio: error: {exc.summary(args.plan)}", file=sys.stderr)
            return 2
    lang = i18n.install(app, args.lang or i18n.chosen_language())
    window = MainWindow(catalog(), lang=lang, warm=not args.screenshot, plan=plan)
    if args.memory_limit:
        from studio.kernel.run import parse_size

        try:
            window.memory_cap_bytes = parse_size(args.memory_limit)
        except ValueError:
            print(f"studio: error: --memory-limit expects a size such as 500M or 2G; got {args.memory_limit!r}",
                  file=sys.stderr)
            return 2
    w, _, h = args.size.partition("x")
    window.resize(int(w), int(h))
    if args.lesson:
        try:
            view = window.show_lesson(args.lesson)
            view.form.set_values(view.lesson.resolve_params(parse_assignments(args.assign)))
            if args.force:
                view.confirm_run = None
        except LessonError as exc:
            print(f"studio: error: {exc}", file=sys.stderr)
            return 2
    window.show()
    if not args.screenshot:
        close_on_ctrl_c(window)
        return app.exec()
    return screenshot(app, window, args.screenshot, run=args.run, at=args.at, stop_at=args.stop_at)


def screenshot(app, window, path: str, run: bool = False, at: float | None = None,
               stop_at: float | None = None, timeout: float = 600) -> int:
    """Render `window` to a PNG, after running its current lesson to the end (or for `at`
    seconds: the picture is then taken mid-run and the run stopped; or until `stop_at`
    seconds, when Stop is pressed and the picture taken once it stopped) if asked."""
    view = window.views.get(window.current_lesson_id() or "")
    if run and view is not None:
        if not view.start():
            print(f"studio: error: could not start: {view.state.text()}", file=sys.stderr)
            return 2
        started = time.monotonic()
        deadline = started + (at if at is not None else timeout)
        while view.run.running and time.monotonic() < deadline:
            if stop_at is not None and time.monotonic() - started >= stop_at and not view.run.stopping:
                view.stop_button.click()
            app.processEvents()
            time.sleep(0.01)
    for _ in range(20):  # let layouts and charts settle
        app.processEvents()
        time.sleep(0.01)
    from studio.ui.save_image import save_png

    try:
        save_png(window, path)
        error = None
    except OSError as exc:
        error = exc.strerror or str(exc)
    window.quit_now()  # stops a run still going (mid-run pictures) and waits for its thread
    if error:
        print(f"studio: error: cannot write {path}: {error}", file=sys.stderr)
        return 2
    print(path)
    return 0
