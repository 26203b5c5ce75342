"""`studio run LESSON_ID`: run one lesson in the terminal."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from studio.cli.common import fail
from studio.cli.runs_cmd import open_store
from studio.core import devices, safe_write
from studio.core.context import Context, Event
from studio.core.lesson import LessonError, catalog, parse_assignments
from studio.core.runner import run_lesson


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
        device = devices.resolve(args.device, lesson.devices)
    except LessonError as exc:
        return fail(str(exc))
    if args.out is not None and (problem := out_folder_problem(args.out)):
        return fail(problem)  # before the run starts: nothing is recorded
    if not args.force and (refused := _memory_refusal(args, lesson, params)) is not None:
        return refused
    ctx = CliContext(device, params, quiet=args.json, out=args.out)
    with open_store().record(lesson.id, ctx) as record:  # run history (`studio runs`)
        outcome = run_lesson(lesson, ctx, params)
        record.finish(outcome)
    if args.json:
        print(json.dumps({"run_id": record.run_id, **outcome.to_json(ctx)}, ensure_ascii=False))
    else:
        print(f"[studio] {lesson.id}: {outcome.status} in {outcome.seconds:.2f} s on {device}"
              f" (run {record.run_id})")
        for key, value in outcome.results.items():
            print(f"  {key} = {value}")
    if ctx.write_errors and outcome.status == "done":
        return 2
    return {"done": 0, "cancelled": 130, "failed": 1}[outcome.status]


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
