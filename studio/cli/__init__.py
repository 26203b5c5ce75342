"""`studio` on the command line: the same core and lessons as the window, headless.

Each command lives in its own module with `add_parser(subparsers)`; the parser's `func`
returns the exit code (0 ok, 1 the lesson failed, 2 the learner's input was wrong).
"""

from __future__ import annotations

import argparse
import sys

from studio import __version__
from studio.cli import (
    advise_cmd,
    data_cmd,
    home_cmd,
    hw_cmd,
    lessons_cmd,
    notebook_cmd,
    plan_cmd,
    practice_cmd,
    progress_cmd,
    run_cmd,
    runs_cmd,
)

COMMANDS = [home_cmd, lessons_cmd, run_cmd, runs_cmd, plan_cmd, progress_cmd, data_cmd, hw_cmd, advise_cmd,
            notebook_cmd, practice_cmd]


def build_parser() -> argparse.ArgumentParser:
    from studio.ui.app import window_parser  # argparse only: no Qt

    parser = argparse.ArgumentParser(
        prog="studio",
        description="Zero-Compute ML Studio. With no command, opens the window.",
        epilog="The window (`studio-gui` opens it without a console on Windows): "
               + window_parser().format_usage().removeprefix("usage: "),
    )
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)
