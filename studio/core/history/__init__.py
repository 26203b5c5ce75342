"""Run history: every lesson run remembered, compared and exported.

- `store`: `RunStore`, the runs table (record, list, compare, delete, export).
- `records`: `RunRecord`, a stored run, and its `Curve`s.
- `recording`: what a headless run used (`ProcessMeter`, `versions`).
- `formatting`: run values as text and strict JSON.
"""

from studio.core.history.formatting import format_params, format_value, iso_time, local_time, strict_json
from studio.core.history.recording import ProcessMeter, Recording, versions
from studio.core.history.records import STATUSES, Curve, RunRecord, UnknownRun
from studio.core.history.store import RunStore, process_alive

__all__ = [
    "STATUSES", "Curve", "ProcessMeter", "Recording", "RunRecord", "RunStore", "UnknownRun",
    "format_params", "format_value", "iso_time", "local_time", "process_alive", "strict_json", "versions",
]
