"""`studio practice`: the exercises, headless.

    studio practice list [LESSON] [--json]       every exercise (or a lesson's) with its status
    studio practice show ID [--json]             the task and the starter code
    studio practice hint ID [N]                  the next hint (or hint N)
    studio practice solution ID                  the solution's code (recorded as seen)
    studio practice check ID FILE.py [--json] [--timeout S] [--memory-limit SIZE]

`check` runs the file in a kernel and checks it: exit 0 on pass, 1 on fail, error, not_attempted,
timeout or a broken check, 130 when Ctrl-C stopped it, 2 on bad input. The attempt is recorded in
the same store as the window's, which shows it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from studio.cli.common import fail
from studio.core.db import Database
from studio.core.lesson import LessonError, catalog
from studio.core.text import pick, set_language
from studio.practice.exercise import Exercise, for_lesson, get
from studio.practice.exercise import catalog as exercises
from studio.practice.report import EXIT_CODES, Report
from studio.practice.store import AttemptStore


def add_parser(sub) -> None:
    p = sub.add_parser("practice", help="exercises: list, show, hint, solution, check your code")
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
    commands = p.add_subparsers(dest="practice_command", metavar="COMMAND")

    def command(name: str, text: str, func, *, json_flag: bool = True):
        c = commands.add_parser(name, help=text)
        c.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the texts (default en)")
        if json_flag:
            c.add_argument("--json", action="store_true", help="print JSON")
        c.set_defaults(func=func)
        return c

    command("list", "exercises with their status", list_cmd).add_argument("lesson", nargs="?", metavar="LESSON")
    command("show", "an exercise's task and starter code", show_cmd).add_argument("id", metavar="ID")
    hint = command("hint", "the next hint (or hint N)", hint_cmd, json_flag=False)
    hint.add_argument("id", metavar="ID")
    hint.add_argument("n", nargs="?", type=int, metavar="N")
    command("solution", "print the solution's code", solution_cmd, json_flag=False).add_argument("id", metavar="ID")
    check = command("check", "run FILE.py in a kernel and check it", check_cmd)
    check.add_argument("id", metavar="ID")
    check.add_argument("file", type=Path, metavar="FILE.py")
    check.add_argument("--timeout", type=float, metavar="SECONDS",
                       help="stop the code after this long (default: the exercise's, 60 s for most)")
    check.add_argument("--memory-limit", metavar="SIZE",
                       help="end the attempt past this much memory, e.g. 500M (default: 90%% of the available RAM)")


def _store() -> AttemptStore:
    store = AttemptStore(Database())
    store.recover_interrupted()
    return store


def list_cmd(args) -> int:
    if args.lesson is not None:
        try:
            catalog().get(args.lesson)
        except LessonError as exc:
            return fail(str(exc))
    order = {lesson_id: i for i, lesson_id in enumerate(catalog().ids())}
    chosen = for_lesson(args.lesson) if args.lesson else sorted(exercises().values(), key=lambda e: order[e.lesson])
    statuses = _store().statuses()
    rows = [(e, statuses.get(e.id)) for e in chosen]
    if args.json:
        print(json.dumps([{
            "id": e.id, "lesson": e.lesson, "title": pick(e.title, args.lang),
            "status": s.status if s else "not_attempted", "attempts": s.attempts if s else 0,
            "passed": bool(s and s.passed), "passed_with_solution": bool(s and s.passed_with_solution),
            "solution_seen": bool(s and s.solution_seen), "hints_shown": s.hints if s else 0, "hints": len(e.hints),
        } for e, s in rows], ensure_ascii=False, indent=2))
        return 0
    width = max((len(e.id) for e in chosen), default=0)
    for e, s in rows:
        status = s.status if s else "not_attempted"
        if s and s.passed_with_solution:
            status += " (solution seen)"
        print(f"{e.id:<{width}}  {status:<16}  {pick(e.title, args.lang)}")
    passed = sum(1 for _, s in rows if s and s.passed)
    print(f"{len(rows)} exercises, {passed} passed")
    return 0


def _exercise(args) -> Exercise | None:
    try:
        return get(args.id)
    except LessonError as exc:
        fail(str(exc))
        return None


def show_cmd(args) -> int:
    exercise = _exercise(args)
    if exercise is None:
        return 2
    if args.json:
        print(json.dumps({"id": exercise.id, "lesson": exercise.lesson, "title": pick(exercise.title, args.lang),
                          "task": pick(exercise.task, args.lang), "starter": exercise.starter,
                          "hints": len(exercise.hints), "timeout": exercise.timeout}, ensure_ascii=False, indent=2))
        return 0
    print(f"{exercise.id}: {pick(exercise.title, args.lang)}\n\n{pick(exercise.task, args.lang)}\n")
    print(f"Hints: {len(exercise.hints)} (`studio practice hint {exercise.id}`). Starter code:\n")
    print(exercise.starter)
    return 0


def hint_cmd(args) -> int:
    exercise = _exercise(args)
    if exercise is None:
        return 2
    store = _store()
    count = len(exercise.hints)
    n = args.n if args.n is not None else min(store.hints_shown(exercise.id) + 1, count)
    if not 1 <= n <= count:
        return fail(f"{exercise.id} has hints 1 to {count}; got {n}")
    store.show_hints(exercise.id, n)
    print(f"Hint {n}/{count}: {pick(exercise.hints[n - 1], args.lang)}")
    return 0


def solution_cmd(args) -> int:
    exercise = _exercise(args)
    if exercise is None:
        return 2
    _store().reveal_solution(exercise.id)
    print("[studio] solution shown: a pass from now on is marked as made after seeing it", file=sys.stderr)
    print(exercise.solution, end="" if exercise.solution.endswith("\n") else "\n")
    return 0


def check_cmd(args) -> int:
    from studio.cli.run_cmd import CliContext, ctrl_c_stops
    from studio.core import devices
    from studio.kernel.process import KernelProcess
    from studio.kernel.run import parse_size
    from studio.practice.coordinator import AttemptCoordinator

    exercise = _exercise(args)
    if exercise is None:
        return 2
    try:
        code = args.file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return fail(f"no such file: {args.file}")
    except IsADirectoryError:
        return fail(f"{args.file} is a folder, not a Python file")
    except (UnicodeDecodeError, OSError) as exc:
        return fail(f"cannot read {args.file}: {exc}")
    if args.timeout is not None and not (0 < args.timeout < float("inf")):
        return fail(f"--timeout expects a positive number of seconds; got {args.timeout:g}")
    try:
        limit = parse_size(args.memory_limit) if args.memory_limit else None
    except ValueError:
        return fail(f"--memory-limit expects a size such as 500M or 2G; got {args.memory_limit!r}")
    set_language(args.lang)
    ctx = CliContext("cpu", {}, quiet=args.json, out=None)
    threads = devices.kernel_threads()
    run = AttemptCoordinator(exercise, code, ctx, store=_store(), kernels=lambda: KernelProcess(threads).start(),
                             memory_limit=limit, timeout=args.timeout, source="cli", filename=str(args.file))
    with ctrl_c_stops(run):
        report = run.run()
    if args.json:
        print(json.dumps({**report.to_json(args.lang), "attempt": run.run_id}, ensure_ascii=False))
    else:
        print_report(report, exercise, args.lang, run.run_id)
    if report.detail.get("ending") in ("out_of_memory", "crashed"):
        print(f"studio: {report.error.splitlines()[0]}", file=sys.stderr)  # one line, no traceback
    return EXIT_CODES.get(report.status, 1)


MARKS = {True: "PASS", False: "FAIL", None: "BROKEN"}


def print_report(report: Report, exercise: Exercise, lang: str, attempt: int | None) -> None:
    for c in report.checks:
        print(f"  {MARKS[c.passed]:<6} {pick(c.text, lang)}")
        if c.passed is None:
            print("         the check itself could not run (a bug of the exercise, not yours):")
            print("\n".join("         " + line for line in c.error.strip().splitlines()[-3:]))
        else:
            print(f"         expected {pick(c.expected, lang)}; found {pick(c.found, lang)}")
    if report.status == "error" and report.detail.get("ending") not in ("out_of_memory", "crashed"):
        print(report.error.rstrip())
        if report.error_line is not None:
            print(f"  (line {report.error_line} of your code)")
    elif report.status in ("timeout", "check_error") and report.error:
        print(report.error.rstrip())
    elif report.status == "not_attempted":
        print("  This is still the starter code: change it, then check again.")
    counts = f" ({report.passed_count}/{len(report.checks)} checks)" if report.checks else ""
    print(f"[studio] {exercise.id}: {report.status}{counts} in {report.seconds:.2f} s (attempt {attempt})")
