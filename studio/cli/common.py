"""Helpers shared by the command modules."""

from __future__ import annotations

import sys


def fail(message: str) -> int:
    """One clear line on stderr and exit code 2: the learner's input was wrong."""
    print(f"studio: error: {message}", file=sys.stderr)
    return 2


def open_database():
    """The user's database; when a damaged file was moved aside, says so (and what was saved) on stderr."""
    from studio.core.db import Database

    db = Database()
    note = db.damage_note()
    if note:
        print(f"studio: note: {note}", file=sys.stderr)
    return db
