"""`studio progress`: your progress through the plan (`--json`: every item's status and time
studied); `export FILE` / `import FILE` as JSON; `set ITEM STATUS` to mark an item and
`time ITEM HOURS` to set the time studied on it from the terminal."""

from __future__ import annotations

import json
import math
from pathlib import Path

from studio.cli.common import fail, open_database
from studio.core.lesson import catalog
from studio.core.plan import PlanError, default_plan_path, load_plan
from studio.core.progress import STATUSES, ProgressError, ProgressStore
from studio.core.study.log import StudyLog
from studio.core.text import pick


def add_parser(sub) -> None:
    p = sub.add_parser("progress", help="show, export or import your progress")
    p.add_argument("--plan", type=Path, metavar="FILE", help="plan file (default: the article's plan)")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.add_argument("--json", action="store_true", help="one JSON object: phases, and every item's status and time")
    psub = p.add_subparsers(dest="progress_command", metavar="SUBCOMMAND")

    exp = psub.add_parser("export", help="write all progress to a JSON file")
    exp.add_argument("file", type=Path, metavar="FILE")
    exp.set_defaults(func=run_export)

    imp = psub.add_parser("import", help="merge a JSON progress file (the newer change wins)")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.set_defaults(func=run_import)

    st = psub.add_parser("set", help="set an item's status (and note)")
    st.add_argument("item", metavar="ITEM_ID")
    st.add_argument("status", choices=STATUSES)
    st.add_argument("--note", help="replace the item's note")
    st.set_defaults(func=run_set)

    tm = psub.add_parser("time", help="set the hours studied on an item (what the window logs by itself)")
    tm.add_argument("item", metavar="ITEM_ID")
    tm.add_argument("hours", metavar="HOURS")
    tm.set_defaults(func=run_time)

    p.set_defaults(func=run_summary)


def open_store(plan_id: str = "zero-compute") -> ProgressStore:
    """The store on the user's database (a damaged file moved aside is reported on stderr)."""
    return ProgressStore(open_database(), plan_id)


def _plan(args):
    path = args.plan or default_plan_path()
    try:
        return load_plan(path, catalog().ids())
    except PlanError as exc:
        fail(exc.summary(path))
        return None


def run_summary(args) -> int:
    plan = _plan(args)
    if plan is None:
        return 2
    store = open_store(plan.id)
    progress = store.progress(plan)
    if args.json:
        studied = StudyLog(store.db, plan.id).totals()
        statuses = store.statuses()
        nxt = store.next_item(plan)
        print(json.dumps({
            "plan": plan.id,
            "phases": [{"phase": ph.id, "items": progress.phases[ph.id].items, "done": progress.phases[ph.id].done,
                        "skipped": progress.phases[ph.id].skipped, "hours": progress.phases[ph.id].hours,
                        "hours_studied": round(sum(studied.get(i.id, 0) for t in ph.topics for i in t.items) / 3600, 3)}
                       for ph in plan.phases],
            "items": {i.id: {"status": statuses.get(i.id, "todo"), "hours": i.hours,
                             "hours_studied": round(studied.get(i.id, 0.0) / 3600, 3)} for i in plan.items()},
            "next": nxt.id if nxt else None}, ensure_ascii=False))
        return 0
    print(f"{pick(plan.title, args.lang)} ({plan.id})")
    for phase in plan.phases:
        print(f"  {pick(phase.title, args.lang)}: {progress.phases[phase.id].line()}")
    print(f"  Total: {progress.total.line()}")
    orphans = store.orphans(plan)
    if orphans:
        print(f"  Kept: {len(orphans)} records of items no longer in this plan "
              f"({', '.join(r.item_id for r in orphans)})")
    nxt = store.next_item(plan)
    print(f"Next: {pick(nxt.title, args.lang)} ({nxt.id})" if nxt else "Next: nothing left, the plan is complete")
    return 0


def run_set(args) -> int:
    plan = _plan(args)
    if plan is None:
        return 2
    try:
        item = plan.item(args.item)
    except KeyError:
        return fail(f"plan {plan.id!r} has no item {args.item!r}; `studio plan show` lists them")
    store = open_store(plan.id)
    try:
        record = store.set_note(item.id, args.note) if args.note is not None else None
    except ProgressError as exc:
        return fail(str(exc))
    record = store.set_status(item.id, args.status)
    print(f"{item.id}: {record.status}")
    return 0


def run_time(args) -> int:
    plan = _plan(args)
    if plan is None:
        return 2
    try:
        item = plan.item(args.item)
    except KeyError:
        return fail(f"plan {plan.id!r} has no item {args.item!r}; `studio plan show` lists them")
    try:
        hours = float(args.hours)
    except ValueError:
        hours = math.nan
    if not (0 <= hours <= 10_000):
        return fail(f"HOURS must be a number of hours from 0 to 10000, got {args.hours!r}")
    StudyLog(open_store(plan.id).db, plan.id).set_total(item.id, hours * 3600)
    print(f"{item.id}: {hours:g} h studied")
    return 0


def run_export(args) -> int:
    store = open_store()
    try:
        count = store.export(args.file)
    except OSError as exc:
        return fail(f"cannot write {args.file}: {exc.strerror or exc}")
    print(f"wrote {count} record{'s' * (count != 1)} to {args.file}")
    return 0


def run_import(args) -> int:
    store = open_store()
    try:
        report = store.import_file(args.file)
    except ProgressError as exc:
        return fail(str(exc))
    for line in report.lines():
        print(line)
    return 0
