"""Loading a plan: a TOML file of phases > topics > items, read and checked.

The format is documented in `plans/README.md`. `load_plan(path)` returns a `Plan` or raises
`PlanError` carrying every problem found, each naming the file, the place inside it
(`phases[1].topics[0].items[3].lesson`) and what is wrong.

Lesson ids: an item may name a lesson (`lesson = "torch.linear_regression"`). A malformed id
is an error. A well-formed id that the lesson catalog does not (yet) have is *not* an error:
plans are written ahead of their lessons, so such ids are reported as "missing lessons" in
the summary, where `studio plan check` lists them. `strict=True` turns them into errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tomli

from studio.core.plan.checker import PlanError, Problem, _Checker
from studio.core.plan.model import Plan


def load_plan(
    path: Path | str,
    known_lessons: Iterable[str] | None = None,
    *,
    strict: bool = False,
    display_name: str | None = None,
) -> Plan:
    """Read and check a plan file. `known_lessons`: the catalog's lesson ids (None: not checked)."""
    path = Path(path)
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(name, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanError([Problem(name, "", f"not UTF-8 text (byte {exc.start})")]) from None
    return parse_plan(text, name, known_lessons, strict=strict, path=path)


def parse_plan(
    text: str,
    file: str = "<plan>",
    known_lessons: Iterable[str] | None = None,
    *,
    strict: bool = False,
    path: Path | None = None,
) -> Plan:
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise PlanError([_syntax_problem(file, exc)]) from None
    except RecursionError:  # tomli refuses arrays or inline tables nested over 400 deep
        raise PlanError([Problem(file, "", "arrays or tables are nested too deeply to be a plan")]) from None
    known = frozenset(known_lessons) if known_lessons is not None else None
    checker = _Checker(file, known, strict)
    plan = checker.plan(data, path)
    if checker.problems:
        raise PlanError(checker.problems)
    return plan


def _syntax_problem(file: str, exc: tomli.TOMLDecodeError) -> Problem:
    """tomli says where: '... (at line 2, column 5)' or '... (at end of document)'."""
    message = str(exc)
    match = re.search(r"\s*\(at (?:line (\d+), column (\d+)|(end of document))\)\s*$", message)
    where = ""
    if match:
        message = message[: match.start()]
        where = "end of file" if match.group(3) else f"line {match.group(1)}, column {match.group(2)}"
    return Problem(file, where, f"TOML syntax error: {message}")
