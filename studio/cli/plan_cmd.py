"""`studio plan check FILE` and `studio plan show [FILE]`: learning plans in the terminal."""

from __future__ import annotations

from pathlib import Path

from studio.cli.common import fail
from studio.core.lesson import catalog
from studio.core.plan import PlanError, check_plan_file, default_plan_path, load_plan
from studio.core.text import pick

MARKS = {"todo": "[ ]", "learning": "[~]", "done": "[x]", "skipped": "[-]"}


def add_parser(sub) -> None:
    p = sub.add_parser("plan", help="check or show a learning plan")
    psub = p.add_subparsers(dest="plan_command", metavar="SUBCOMMAND")

    check = psub.add_parser("check", help="validate a plan file (exit 0 ok, 2 errors)")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument("--strict", action="store_true",
                       help="treat lessons that are not written yet as errors")
    check.set_defaults(func=run_check)

    show = psub.add_parser("show", help="print a plan as a checklist with your progress")
    show.add_argument("file", type=Path, nargs="?", metavar="FILE",
                      help="plan file (default: the article's plan)")
    show.add_argument("--lang", choices=("en", "zh"), default="en")
    show.set_defaults(func=run_show)

    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_check(args) -> int:
    result = check_plan_file(args.file, catalog().ids(), strict=args.strict)
    for line in result.lines:
        print(line)
    return 0 if result.ok else 2


def run_show(args) -> int:
    from studio.cli.progress_cmd import open_store

    path = args.file or default_plan_path()
    try:
        plan = load_plan(path, catalog().ids())
    except PlanError as exc:
        return fail(exc.summary(path))
    store = open_store(plan.id)
    statuses = store.statuses()
    progress = store.progress(plan)
    lang = args.lang
    print(pick(plan.title, lang))
    for phase in plan.phases:
        low, high = phase.months
        tally = progress.phases[phase.id]
        print(f"\n{pick(phase.title, lang)}  ({low}-{high} months, {pick(phase.hardware_label, lang)})"
              f"  {tally.line()}")
        for topic in phase.topics:
            print(f"  {pick(topic.title, lang)}")
            for item in topic.items:
                mark = MARKS[statuses.get(item.id, "todo")]
                extra = f"  <{item.lesson}>" if item.lesson else ""
                if item.needs.gpu:
                    extra += "  [GPU]"
                print(f"    {mark} {pick(item.title, lang)}  ({item.hours:g} h){extra}")
    print(f"\nTotal: {progress.total.line()}")
    nxt = plan.next_item(statuses)
    print(f"Next: {pick(nxt.title, lang)} ({nxt.id})" if nxt else "Next: nothing left, the plan is complete")
    return 0
