"""What a learner's own code imports to talk to the app, as in Jupyter, with no `ctx`:

    from studio.live import log
    log("loss", step, value)          # a point of the curve "loss" on the live chart

    from studio.live import data_path
    df = pd.read_csv(data_path("data.csv"))   # a data file shipped with the app

In a practice attempt (studio.practice.attempt) `log` streams to the app; anywhere else (a plain
`python` or Jupyter) it keeps the points in `curves`, so the same code runs unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_ctx: Any = None  # the kernel's context while an attempt runs (set by studio.practice.attempt)
curves: dict[str, list[tuple[float, float]]] = {}  # name -> (step, value), when no app listens


def log(name: str, step: float, value: float) -> None:
    """One point (step, value) of the curve `name`."""
    value = float(value)  # a 0-d tensor or numpy scalar too
    if _ctx is not None:
        _ctx.scalar(str(name), float(step), value)
    else:
        curves.setdefault(str(name), []).append((float(step), value))


def data_path(name: str) -> Path:
    """A data file shipped with the app (resources/data/NAME), e.g. "data.csv"."""
    from studio.core.paths import resources

    path = resources() / "data" / name
    if not path.is_file():
        raise FileNotFoundError(f"no data file {name!r} ships with the app (in {path.parent})")
    return path
