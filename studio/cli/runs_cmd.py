"""`studio runs`: the run history (list, show, export, delete)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from studio.cli.common import fail, open_database
from studio.core.history import (
    RunStore,
    UnknownRun,
    format_params,
    local_time,
    strict_json,
)
from studio.core.text import short_repr
from studio.core.units import clock


def add_parser(sub) -> None:
    p = sub.add_parser("runs", help="list, show, export or delete recorded runs")
    p.add_argument("--lesson", metavar="ID", help="only the runs of this lesson")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=list_runs)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    # Options repeated on the actions default to SUPPRESS, so `runs --json show 3` works too.
    keep = argparse.SUPPRESS

    show = actions.add_parser("show", help="a run's output, results and curves")
    show.add_argument("run_id", metavar="RUN_ID")
    show.add_argument("--json", action="store_true", default=keep, help="print JSON (with the curves)")
    show.set_defaults(func=show_run)

    export = actions.add_parser("export", help="write runs to FILE.json (everything) or FILE.csv (curves)")
    export.add_argument("run_ids", nargs="*", metavar="RUN_ID", help="default: all runs (of --lesson)")
    export.add_argument("--lesson", metavar="ID", default=keep, help="the runs of this lesson")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.set_defaults(func=export_runs)

    delete = actions.add_parser("delete", help="delete runs")
    delete.add_argument("run_ids", nargs="+", metavar="RUN_ID")
    delete.set_defaults(func=delete_runs)


def open_store() -> RunStore:
    """The run history in the user's database; says so when a damaged file was moved aside,
    and marks runs whose process died as interrupted."""
    store = RunStore(open_database())
    store.recover_interrupted()
    return store


def list_runs(args) -> int:
    runs = open_store().list(args.lesson)
    if args.lesson and not runs and (unknown := _unknown_lesson(args.lesson)):
        return fail(unknown)
    if args.json:
        print(json.dumps([run.to_json(details=False) for run in runs], ensure_ascii=False, indent=1))
        return 0
    if not runs:
        print(f"no runs of {args.lesson} yet" if args.lesson
              else "no runs yet; `studio run LESSON_ID` makes one")
        return 0
    rows = [("id", "lesson", "started", "duration", "status", "device", "params", "results")]
    rows += [
        (str(r.id), r.lesson, local_time(r.started), clock(r.duration), r.status, r.device,
         format_params(r.params), format_params(r.results))
        for r in runs
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    return 0


def show_run(args) -> int:
    try:
        (run_id,) = _parse_ids([args.run_id])
        run = open_store().get(run_id)
    except (ValueError, UnknownRun) as exc:
        return fail(_hint(exc))
    if args.json:
        print(json.dumps(run.to_json(), ensure_ascii=False))
        return 0
    print(f"run {run.id}: {run.lesson}, {run.status} on {run.device or '?'}, "
          f"started {local_time(run.started)}, {clock(run.duration) or 'duration unknown'}")
    print(f"params: {format_params(run.params)}")
    if run.results:
        print("results:")
        for key, value in run.results.items():
            print(f"  {key} = {value}")
    if run.hardware:
        print(f"hardware: {format_params(run.hardware)}")
    print(f"versions: {format_params(run.versions)}")
    if run.curves:
        print("curves:")
        for curve in run.curves.values():
            s = strict_json(curve.summary())
            print(f"  {curve.name}: {s['points']} points, steps {s['first_step']}..{s['last_step']}, "
                  f"first {_g(s['first'])}, last {_g(s['last'])}, min {_g(s['min'])}, max {_g(s['max'])}")
    if run.error and run.status != "failed":  # a failure's traceback is in the output already
        print(f"error: {run.error}")
    print("output:")
    print(run.output if run.output else "  (none)")
    return 0


def export_runs(args) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in (".json", ".csv"):
        return fail(f"the output file must end in .json or .csv, got {args.output.name!r}")
    lesson = getattr(args, "lesson", None)
    store = open_store()
    try:
        ids = _parse_ids(args.run_ids) if args.run_ids else store.ids(lesson)
        if not ids:
            if not lesson:
                return fail("no runs to export")
            return fail(_unknown_lesson(lesson) or f"no runs of lesson {lesson!r} to export")
        if suffix == ".json":
            store.export_json(ids, args.output)
        else:
            store.export_csv(ids, args.output)
    except (ValueError, UnknownRun) as exc:
        return fail(_hint(exc))
    except OSError as exc:
        return fail(f"cannot write {args.output}: {exc.strerror or exc}")
    print(f"[studio] wrote {len(ids)} run{'s' if len(ids) != 1 else ''} to {args.output}")
    return 0


def delete_runs(args) -> int:
    try:
        count = open_store().delete(_parse_ids(args.run_ids))
    except (ValueError, UnknownRun) as exc:
        return fail(_hint(exc))
    print(f"[studio] deleted {count} run{'s' if count != 1 else ''}")
    return 0


MAX_RUN_ID = 2**63 - 1  # SQLite's largest integer


def _parse_ids(raw: list[str]) -> list[int]:
    out = []
    for text in raw:
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"a run id is a positive whole number, got {short_repr(text)}") from None
        if not 1 <= value <= MAX_RUN_ID:
            raise ValueError(f"a run id is a whole number from 1 to {MAX_RUN_ID}, got {short_repr(text)}")
        out.append(value)
    return out


def _unknown_lesson(lesson_id: str) -> str | None:
    """The message for a lesson id the catalog does not have (its runs may outlive it: then None)."""
    from studio.core.lesson import catalog

    if lesson_id in catalog().lessons:
        return None
    return f"unknown lesson {lesson_id!r}; `studio lessons` lists them"


def _hint(exc: Exception) -> str:
    return f"{exc}; `studio runs` lists them" if isinstance(exc, UnknownRun) else str(exc)


def _g(value) -> str:
    return "n/a" if value is None else f"{value:.4g}" if isinstance(value, float) else str(value)
