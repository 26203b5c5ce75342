"""`studio export-notebook LESSON_ID -o FILE.ipynb`: the lesson as a notebook for Jupyter, Colab or Kaggle."""

from __future__ import annotations

from pathlib import Path

from studio.cli.common import fail
from studio.core import handoff, notebook
from studio.core.lesson import LessonError, catalog, parse_assignments


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export-notebook",
        help="export a lesson as a Jupyter notebook (runs in Colab/Kaggle without this app)",
        description="Write the lesson as a Jupyter notebook: its text, an install cell, a note on "
                    "choosing a GPU runtime, and its code as plain Python (print and matplotlib "
                    "instead of the app), ready for Jupyter, Google Colab or Kaggle. Instead of a "
                    "lesson id, the name of a hand-off notebook writes a late-stage lesson's full-scale "
                    f"version for a GPU: {', '.join(handoff.NOTEBOOKS)}.")
    p.add_argument("lesson", metavar="LESSON_ID|HANDOFF")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ipynb")
    p.add_argument("--set", dest="assign", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter value for the notebook's run cell; repeat for several")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.output.suffix != ".ipynb":
        return fail(f"the output file should end in .ipynb, got {str(args.output)!r}")
    if args.lesson in handoff.NOTEBOOKS:
        if args.assign:
            return fail(f"the hand-off notebook {args.lesson!r} has no parameters to --set")
        print(f"[studio] wrote {handoff.write(args.lesson, args.output)}")
        return 0
    try:
        lesson = catalog().get(args.lesson)
        path = notebook.write(lesson, args.output, parse_assignments(args.assign))
    except LessonError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write {args.output}: {exc.strerror or exc}")
    print(f"[studio] wrote {path}")
    return 0
