"""A stored run (`RunRecord`) and its curves, as the run store gives them back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from studio.core.history.formatting import iso_time, strict_json
from studio.core.runner import STATUSES as RUN_ENDINGS

# a run's row: `running` while it runs, then how it ended (studio.core.runner.STATUSES), or
# `interrupted` when the app ended first (closed mid-run, killed)
STATUSES = ("running", *RUN_ENDINGS, "interrupted")
_F8 = np.dtype("<f8")



class UnknownRun(LookupError):
    """Asked for run ids that are not in the history."""

    def __init__(self, ids: Iterable[int]):
        self.ids = sorted(ids)
        names = ", ".join(str(i) for i in self.ids)
        super().__init__(f"no run with id {names}" if len(self.ids) == 1 else f"no runs with ids {names}")


@dataclass
class Curve:
    """One recorded curve: steps, wall seconds since the run started, values."""

    name: str
    steps: np.ndarray
    walls: np.ndarray
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.values)

    def summary(self) -> dict[str, Any]:
        finite = self.values[np.isfinite(self.values)]
        return {
            "points": len(self),
            "first_step": _num(self.steps[0]) if len(self) else None,
            "last_step": _num(self.steps[-1]) if len(self) else None,
            "first": _num(self.values[0]) if len(self) else None,
            "last": _num(self.values[-1]) if len(self) else None,
            "min": _num(finite.min()) if len(finite) else None,
            "max": _num(finite.max()) if len(finite) else None,
        }


@dataclass
class RunRecord:
    id: int
    lesson: str
    params: dict[str, Any]
    device: str
    started: float  # epoch seconds
    ended: float | None
    seconds: float | None  # the lesson's own run time
    status: str
    error: str = ""
    results: dict[str, Any] = field(default_factory=dict)
    hardware: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, Any] = field(default_factory=dict)
    curves: dict[str, Curve] = field(default_factory=dict)  # filled by RunStore.get
    output: str = ""  # filled by RunStore.get

    @property
    def duration(self) -> float | None:
        if self.seconds is not None:
            return self.seconds
        return self.ended - self.started if self.ended is not None else None

    def to_json(self, details: bool = True) -> dict[str, Any]:
        """Plain, strict JSON (non-finite numbers become null)."""
        out = {
            "id": self.id, "lesson": self.lesson, "params": self.params, "device": self.device,
            "started": self.started, "started_iso": iso_time(self.started),
            "ended": self.ended, "seconds": self.seconds, "status": self.status,
            "error": self.error, "results": self.results, "hardware": self.hardware,
            "versions": self.versions,
        }
        if details:
            out["output"] = self.output
            out["curves"] = {
                c.name: {"step": c.steps.tolist(), "wall": c.walls.tolist(), "value": c.values.tolist()}
                for c in self.curves.values()
            }
        return strict_json(out)



def _num(x: Any) -> int | float:
    x = float(x)
    return int(x) if x.is_integer() else x
