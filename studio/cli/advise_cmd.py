"""`studio advise [--measure] [--json]`: measure this PC, or say what it can run."""

from __future__ import annotations

import json
import sys

from studio.cli.common import open_database
from studio.core import advisor, measure
from studio.core.history import RunStore
from studio.core.lesson import catalog
from studio.core.text import pick


def add_parser(sub) -> None:
    p = sub.add_parser(
        "advise", help="can this PC run it? a verdict for every lesson and plan item",
        description="Without --measure: a verdict for every lesson (and every plan item with "
                    "hardware needs) on this PC, from its last measurement. With --measure: time "
                    "this PC (cores, RAM, GPU, matmul GFLOP/s; about 10 s), store and print it.")
    p.add_argument("--measure", action="store_true", help="measure this PC now and print the measurements")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.set_defaults(func=run)


def _progress(done: int, total: int, text: str) -> None:
    if sys.stderr.isatty():
        print(f"\r[{done}/{total}] {text:<30}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def run(args) -> int:
    db = open_database()
    try:
        if args.measure:
            m = measure.measure(progress=_progress)
            measure.save(db, m)
            if args.json:
                print(json.dumps({"measurement": m.to_dict()}, ensure_ascii=False, indent=2))
            else:
                print("\n".join(measure.summary_lines(m)))
            return 0
        m = advisor.measurement_or_snapshot(db)
        runs = RunStore(db).list(details=False)
    finally:
        db.close()
    lessons = [(lesson, advisor.advise_lesson(lesson, m, runs=runs)) for lesson in catalog()]
    plan = plan_verdicts(m)
    checks = advisor.check_against_history(runs, m)
    if args.json:
        print(json.dumps({
            "measured": bool(m.throughput),
            "machine": m.to_dict(),
            "lessons": [{"id": lesson.id, **v.to_json(args.lang)} for lesson, v in lessons],
            "plan": [{"id": item_id, "title": pick(title, args.lang), **v.to_json(args.lang)}
                     for item_id, title, v in plan],
            "history_check": [c.to_json() for c in checks],
        }, ensure_ascii=False, indent=2))
        return 0
    print("\n".join(measure.summary_lines(m)))
    print()
    width = max((len(lesson.id) for lesson, _ in lessons), default=0)
    for lesson, v in lessons:
        print(f"{lesson.id:<{width}}  [{v.badge(args.lang)}] {v.sentence(args.lang)}")
    for item_id, title, v in plan:
        print(f"{item_id:<{width}}  [{v.badge(args.lang)}] {pick(title, args.lang)}: {v.sentence(args.lang)}")
    if checks:
        print("\nestimated against recorded runs (median):")
        for c in checks:
            print(f"  {c.lesson:<{width}} {c.device:<4} estimated {c.estimated_s:8.1f} s, measured "
                  f"{c.measured_s:8.1f} s ({c.runs} run(s)), ratio {c.ratio:.2f}")
    return 0


def plan_verdicts(m) -> list[tuple[str, dict, advisor.Verdict]]:
    """(item id, title, verdict) for every item of the default plan that states hardware needs."""
    from studio.core.plan import default_plan_path, load_plan

    plan = load_plan(default_plan_path())
    return [(item.id, item.title, advisor.advise_item(item, m)) for item in plan.items() if item.needs]


def refusal_lines(refusal: advisor.Refusal, given: dict[str, str], lang: str = "en") -> list[str]:
    """What `studio run` prints when the memory rule refuses a run; `given` = the --set values."""

    def command(settings):
        return " ".join(["studio run", refusal.lesson] + [f"--set {k}={v}" for k, v in settings.items()])

    lines = [f"studio: refused: {refusal.message(lang)}."]
    if refusal.options:
        lines.append(f"{refusal.options_heading(lang)}:")
        for option in refusal.options:
            lines.append(f"  {command({**given, **option.params})}    # {pick(option.text, lang)}")
    else:
        lines.append("no cheaper settings of this lesson fit; free GPUs and more memory: "
                     + ", ".join(pick(c.text, lang).split(":")[0] for c in advisor.CLOUD))
    lines.append(f"to run it anyway: {command(given)} --force")
    return lines
