"""`studio run LESSON_ID`: run one lesson in the terminal."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path

from studio.cli.common import fail
from studio.cli.runs_cmd import open_store
from studio.core import devices, safe_write
from studio.core.context import Context, Event
from studio.core.lesson import LessonError, catalog, parse_assignments
from studio.core.runner import EXIT_CODES, run_lesson
from studio.kernel.coordinator import RunCoordinator
from studio.kernel.process import KernelProcess
from studio.kernel.run import parse_size


def add_parser(sub) -> None:
    p = sub.add_parser("run", help="run one lesson headless")
    p.add_argument("lesson", metavar="LESSON_ID")
    p.add_argument("--device", default="auto", help="auto, cpu or cuda (default auto)")
    p.add_argument("--set", dest="assign", action="append", default=[], metavar="NAME=VALUE",
                   help="set a parameter; repeat for several")
    p.add_argument("--json", action="store_true", help="print one JSON object at the end")
    p.add_argument("--out", type=Path, help="write figures and plots as PNG files here")
    p.add_argument("--force", action="store_true",
                   help="run even when the estimated memory exceeds 80%% of the available RAM")
    p.add_argument("--memory-limit", metavar="SIZE",
                   help="end the run as out_of_memory past this much memory, e.g. 500M or 2G "
                        "(default: 90%% of the RAM available when it starts)")
    p.add_argument("--all-cores", action="store_true",
                   help="compute with every core (default: all but one, left to the rest of the PC)")
    p.add_argument("--in-process", action="store_true",
                   help="run in this process instead of a kernel process (for debugging)")
    p.set_defaults(func=run)


class CliContext(Context):
    """Prints output as it comes; a progress bar on stderr when it is a terminal."""

    def __init__(self, device, params, quiet: bool, out: Path | None):
        super().__init__(device, params)
        self.quiet = quiet
        self.out = out
        self.write_errors = 0
        self._tty = sys.stderr.isatty()

    def _emit(self, event: Event) -> None:
        stream = sys.stderr if self.quiet else getattr(sys.stdout, "real", sys.stdout)
        if event.kind == "log":
            print(event.payload, file=stream, flush=True)
        elif event.kind == "table":
            print(f"\n[{event.name}]\n{_table_text(event.payload)}\n", file=stream, flush=True)
        elif event.kind == "progress" and self._tty:
            done, total = event.payload
            frac = done / total if total else 0
            bar = "#" * int(30 * frac)
            print(f"\r[{bar:<30}] {100 * frac:5.1f}%", end="", file=sys.stderr, flush=True)
            if done >= total:
                print(file=sys.stderr)
        elif event.kind in ("figure", "plot") and self.out:
            try:
                path = save_png(self.out, event.name, event.payload)
            except OSError as exc:  # a full disk: said, and the exit code says so too
                self.write_errors += 1
                print(f"studio: error: cannot write {self.out / event.name}.png: {exc.strerror or exc}",
                      file=sys.stderr, flush=True)
            else:
                print(f"[studio] wrote {path}", file=stream, flush=True)


def _table_text(data) -> str:
    to_string = getattr(data, "to_string", None)
    return to_string() if to_string else str(data)


def save_png(folder: Path, name: str, obj) -> Path:
    """Write a matplotlib Figure or a Plot as PNG (Agg backend; no window)."""
    import io

    from studio.core.figures import plot_to_figure

    fig = obj if hasattr(obj, "savefig") else plot_to_figure(obj)
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=100)
    return safe_write.write_bytes(folder / f"{name}.png", png.getvalue())


def out_folder_problem(folder: Path) -> str | None:
    """Why `--out FOLDER` cannot take the PNG files (None: it can; it is made when missing)."""
    if folder.exists() and not folder.is_dir():
        return f"--out {folder}: not a folder (the figures are written into a folder, one PNG each)"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"--out {folder}: cannot make the folder: {exc.strerror or exc}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"--out {folder}: the folder is not writable"
    return None


def run(args) -> int:
    try:
        lesson = catalog().get(args.lesson)
        params = lesson.resolve_params(parse_assignments(args.assign))
        # "cuda" is checked here (exit 2 without a GPU); "auto" is resolved in the kernel,
        # so this process never imports torch
        device = devices.resolve(args.device, lesson.devices) if args.in_process or args.device != "auto" \
            else "auto"
        limit = parse_size(args.memory_limit) if args.memory_limit else None
    except LessonError as exc:
        return fail(str(exc))
    except ValueError:
        return fail(f"--memory-limit expects a size such as 500M or 2G; got {args.memory_limit!r}")
    if args.out is not None and (problem := out_folder_problem(args.out)):
        return fail(problem)  # before the run starts: nothing is recorded
    if not args.force and (refused := _memory_refusal(args, lesson, params)) is not None:
        return refused
    ctx = CliContext(device, params, quiet=args.json, out=args.out)
    store = open_store()  # run history (`studio runs`)
    if args.in_process:
        with store.record(lesson.id, ctx) as record:
            outcome = run_lesson(lesson, ctx, params)
            record.finish(outcome)
        run_id = record.run_id
    else:
        threads = devices.kernel_threads(all_cores=args.all_cores)
        run = RunCoordinator(lesson, params, device, ctx, store=store, memory_limit=limit,
                             kernels=lambda: KernelProcess(threads).start())
        with ctrl_c_stops(run):
            outcome = run.run()
        run_id = run.run_id
    if args.json:
        print(json.dumps({"run_id": run_id, **outcome.to_json(ctx)}, ensure_ascii=False))
    elif outcome.status == "cancelled":
        pass  # Ctrl-C: the run's last line says "Stopped." (`studio runs` has the rest)
    else:
        print(f"[studio] {lesson.id}: {outcome.status} in {outcome.seconds:.2f} s on {outcome.device}"
              f" (run {run_id})")
        for key, value in outcome.results.items():
            print(f"  {key} = {value}")
    if outcome.status in ("out_of_memory", "crashed"):
        print(f"studio: {outcome.error}", file=sys.stderr)  # one line, no traceback
    if ctx.write_errors and outcome.status == "done":
        return 2  # a figure could not be written (each said so in one line)
    return EXIT_CODES.get(outcome.status, 1)


@contextlib.contextmanager
def ctrl_c_stops(run: RunCoordinator):
    """Ctrl-C stops the run by the same three steps as the window's Stop; a second one ends
    the kernel at once. (The kernel itself ignores the terminal's Ctrl-C.)"""
    presses = []

    def on_sigint(signum, frame):
        presses.append(signum)
        if len(presses) == 1:
            run.stop()
        else:
            run.kernel_run.kill()

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread (tests call main() from threads): no handler
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _memory_refusal(args, lesson, params) -> int | None:
    """Exit code 2 with the cheaper settings when the run would not fit in memory (advisor's rule)."""
    from studio.cli.advise_cmd import refusal_lines
    from studio.core.advisor import memory_check

    refusal = memory_check(lesson, params)
    if refusal is None:
        return None
    print("\n".join(refusal_lines(refusal, parse_assignments(args.assign))), file=sys.stderr)
    if args.json:
        print(json.dumps({"lesson": lesson.id, "status": "refused", "refusal": refusal.to_json()},
                         ensure_ascii=False))
    return 2
