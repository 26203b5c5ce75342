"""Helpers shared by the command modules."""

from __future__ import annotations

import sys


def fail(message: str) -> int:
    """One clear line on stderr and exit code 2: the learner's input was wrong."""
    print(f"studio: error: {message}", file=sys.stderr)
    return 2
