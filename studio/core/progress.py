"""The learner's progress through a plan: status, note and timestamps per item, in SQLite.

Records are keyed by (plan id, item id) in the `progress` table of `studio.core.db`, and
every change is written in its own transaction the moment it is made. Records are never
deleted: an item that disappears from an edited plan keeps its record (see `orphans`), and
comes back with it if the item returns.

Timestamps (seconds since the epoch, UTC): `started` is set when an item first becomes
`learning` or `done`, `finished` when it becomes `done`; going back to `todo` clears both,
`learning` and `skipped` clear `finished`. `updated` is the time of the last change to the
status or the note, and decides which side wins when progress files are merged.

Export/import: a JSON file (format below); import merges item by item, the newer `updated`
wins, and the report says what changed. The local `run_id` link is neither exported nor
overwritten by an import.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from psygnal import Signal, SignalGroup

from studio.core import safe_write
from studio.core.db import Database
from studio.core.plan import ID_RE, PLAN_ID_RE, Item, Plan
from studio.core.progress_tally import PlanProgress, compute_progress
from studio.core.text import short_repr

STATUSES = ("todo", "learning", "done", "skipped")
FILE_KIND = "zero-compute-ml-studio/progress"
FILE_VERSION = 1


class ProgressError(Exception):
    """Bad input: an unknown status, or a progress file that cannot be imported."""


@dataclass(frozen=True)
class Record:
    plan_id: str
    item_id: str
    status: str = "todo"
    note: str = ""
    started: float | None = None
    finished: float | None = None
    updated: float = 0.0
    run_id: int | None = None




@dataclass(frozen=True)
class Change:
    plan_id: str
    item_id: str
    fields: Mapping[str, tuple[Any, Any]]  # name -> (old, new)

    def describe(self) -> str:
        parts = []
        for name, (old, new) in self.fields.items():
            if name == "note":
                parts.append("note changed" if old else "note added")
            elif name == "status":
                parts.append(f"status {old} -> {new}" if old else f"status {new}")
            else:
                parts.append(f"{name} {_iso(old) or '-'} -> {_iso(new) or '-'}")
        return f"{self.plan_id}/{self.item_id}: " + ", ".join(parts)


@dataclass
class ImportReport:
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # "plan/item" whose local record is newer
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return len(self.added) + len(self.updated)

    def line(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.kept)} kept (newer here), {self.unchanged} unchanged"
        )

    def lines(self) -> list[str]:
        out = [self.line()]
        out += ["added   " + c.describe() for c in self.added]
        out += ["updated " + c.describe() for c in self.updated]
        out += [f"kept    {key} (the record here is newer)" for key in self.kept]
        return out


class ProgressEvents(SignalGroup):
    """`changed(item_id)` after each change; `changed(None)` after an import (anything may have changed)."""

    changed = Signal(object)


class ProgressStore:
    """Progress of one plan (`plan_id`) in the database; export/import span all plans.
    Views subscribe to `store.events.changed` (emitted on the thread that made the change)."""

    def __init__(self, db: Database | None = None, plan_id: str = "zero-compute",
                 clock: Callable[[], float] = time.time):
        self.db = db if db is not None else Database()
        self.plan_id = plan_id
        self.clock = clock
        self.events = ProgressEvents()

    @property
    def recovered_from(self) -> Path | None:
        """Where a corrupt database file was moved when this one was opened (else None)."""
        return self.db.recovered_from

    # --- reading -------------------------------------------------------------------------
    def get(self, item_id: str) -> Record:
        rows = self.db.query(
            "SELECT * FROM progress WHERE plan_id = ? AND item_id = ?", (self.plan_id, item_id)
        )
        return _record(rows[0]) if rows else Record(self.plan_id, item_id)

    def records(self) -> dict[str, Record]:
        rows = self.db.query("SELECT * FROM progress WHERE plan_id = ? ORDER BY item_id", (self.plan_id,))
        return {row["item_id"]: _record(row) for row in rows}

    def statuses(self) -> dict[str, str]:
        rows = self.db.query("SELECT item_id, status FROM progress WHERE plan_id = ?", (self.plan_id,))
        return {row["item_id"]: row["status"] for row in rows}

    def status(self, item_id: str) -> str:
        return self.get(item_id).status

    def note(self, item_id: str) -> str:
        return self.get(item_id).note

    def progress(self, plan: Plan) -> PlanProgress:
        return compute_progress(plan, self.statuses())

    def next_item(self, plan: Plan) -> Item | None:
        return plan.next_item(self.statuses())

    def orphans(self, plan: Plan) -> list[Record]:
        """Records kept for items that the plan no longer has."""
        ids = {item.id for item in plan.items()}
        return [r for item_id, r in self.records().items() if item_id not in ids]

    # --- writing -------------------------------------------------------------------------
    def set_status(self, item_id: str, status: str) -> Record:
        if status not in STATUSES:
            raise ProgressError(f"unknown status {status!r} (expected one of: {', '.join(STATUSES)})")
        with self.db.transaction() as conn:
            old = self._get_in(conn, item_id)
            if old.status == status and (old.updated or status == "todo"):
                return old  # no change: nothing to write
            now = self.clock()
            started, finished = old.started, old.finished
            if status == "todo":
                started = finished = None
            elif status == "learning":
                started, finished = started or now, None
            elif status == "done":
                started, finished = started or now, now
            else:  # skipped
                finished = None
            new = Record(self.plan_id, item_id, status, old.note, started, finished, now, old.run_id)
            self._put(conn, new)
        self.events.changed.emit(item_id)
        return new

    def set_note(self, item_id: str, note: str) -> Record:
        if not _is_text(note):
            raise ProgressError("the note is not valid text (it holds a lone surrogate, such as an undecodable byte)")
        with self.db.transaction() as conn:
            old = self._get_in(conn, item_id)
            if old.note == note:
                return old
            new = Record(self.plan_id, item_id, old.status, note, old.started, old.finished,
                         self.clock(), old.run_id)
            self._put(conn, new)
        self.events.changed.emit(item_id)
        return new

    def link_run(self, item_id: str, run_id: int | None) -> Record:
        """Remember the run that completed an item (run history links it)."""
        with self.db.transaction() as conn:
            old = self._get_in(conn, item_id)
            new = Record(self.plan_id, item_id, old.status, old.note, old.started, old.finished,
                         old.updated or self.clock(), run_id)
            self._put(conn, new)
        self.events.changed.emit(item_id)
        return new

    def _get_in(self, conn, item_id: str, plan_id: str | None = None) -> Record:
        plan_id = plan_id or self.plan_id
        row = conn.execute(
            "SELECT * FROM progress WHERE plan_id = ? AND item_id = ?", (plan_id, item_id)
        ).fetchone()
        return _record(row) if row else Record(plan_id, item_id)

    @staticmethod
    def _put(conn, r: Record) -> None:
        conn.execute(
            """INSERT INTO progress (plan_id, item_id, status, note, started, finished, updated, run_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (plan_id, item_id) DO UPDATE SET
                 status = excluded.status, note = excluded.note, started = excluded.started,
                 finished = excluded.finished, updated = excluded.updated, run_id = excluded.run_id""",
            (r.plan_id, r.item_id, r.status, r.note, r.started, r.finished, r.updated, r.run_id),
        )

    # --- export / import -----------------------------------------------------------------
    def export_data(self, all_plans: bool = True) -> dict:
        if all_plans:
            rows = self.db.query("SELECT * FROM progress ORDER BY plan_id, item_id")
        else:
            rows = self.db.query("SELECT * FROM progress WHERE plan_id = ? ORDER BY item_id", (self.plan_id,))
        return {
            "kind": FILE_KIND,
            "version": FILE_VERSION,
            "exported": _iso(self.clock()),
            "records": [
                {
                    "plan": r.plan_id,
                    "item": r.item_id,
                    "status": r.status,
                    "note": r.note,
                    "started": _iso(r.started),
                    "finished": _iso(r.finished),
                    "updated": _iso(r.updated),
                }
                for r in map(_record, rows)
            ],
        }

    def export(self, path: Path | str, all_plans: bool = True) -> int:
        """Write the progress to a JSON file; returns the number of records written."""
        data = self.export_data(all_plans)
        safe_write.write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return len(data["records"])

    def import_file(self, path: Path | str) -> ImportReport:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ProgressError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ProgressError(f"{path}: not a progress file (invalid JSON: {exc})") from None
        except RecursionError:
            raise ProgressError(f"{path}: not a progress file (arrays or objects nested too deeply)") from None
        try:
            return self.import_data(data)
        except ProgressError as exc:
            raise ProgressError(f"{path}: {exc}") from None

    def import_data(self, data: Any) -> ImportReport:
        """Merge exported records: per item, the newer `updated` wins. All or nothing."""
        incoming = _parse_file(data, self.clock())
        report = ImportReport()
        with self.db.transaction() as conn:
            for new in incoming:
                old = self._get_in(conn, new.item_id, new.plan_id)
                key = f"{new.plan_id}/{new.item_id}"
                exists = bool(old.updated)
                diff = {
                    name: (getattr(old, name), getattr(new, name))
                    for name in ("status", "note", "started", "finished")
                    if not _same(getattr(old, name), getattr(new, name))
                }
                if exists and new.updated <= old.updated + 1e-5:  # ISO keeps microseconds
                    if diff:
                        report.kept.append(key)
                    else:
                        report.unchanged += 1
                    continue
                self._put(conn, Record(new.plan_id, new.item_id, new.status, new.note, new.started,
                                       new.finished, new.updated, old.run_id))
                if not exists:
                    report.added.append(Change(new.plan_id, new.item_id,
                                               {"status": (None, new.status)}
                                               | ({"note": ("", new.note)} if new.note else {})))
                elif diff:
                    report.updated.append(Change(new.plan_id, new.item_id, diff))
                else:
                    report.unchanged += 1
        if report.changed:
            self.events.changed.emit(None)
        return report


RECORD_FIELDS = ("plan", "item", "status", "note", "started", "finished", "updated")
CLOCK_SLACK = 86_400.0  # a time up to a day ahead of this computer's clock (another machine's clock)


def _parse_file(data: Any, now: float) -> list[Record]:
    """The records of an exported file, each field checked for type and range (a record dated
    far ahead, like `"updated": 1e308`, would win every later merge): all or nothing."""
    if not isinstance(data, dict) or data.get("kind") != FILE_KIND:
        raise ProgressError(f"not a progress file (expected \"kind\": \"{FILE_KIND}\")")
    version = data.get("version")
    if type(version) is not int or version != FILE_VERSION:
        raise ProgressError(f"unsupported progress file version {short_repr(version)} "
                            f"(this version reads {FILE_VERSION})")
    records = data.get("records")
    if not isinstance(records, list):
        raise ProgressError("\"records\" must be a list")
    out, seen = [], set()
    for i, raw in enumerate(records):
        at = f"records[{i}]"
        if not isinstance(raw, dict):
            raise ProgressError(f"{at}: expected an object")
        unknown = [key for key in raw if key not in RECORD_FIELDS]
        if unknown:
            raise ProgressError(f"{at}: unknown field {short_repr(unknown[0])} (expected: {', '.join(RECORD_FIELDS)})")
        for key, pattern in (("plan", PLAN_ID_RE), ("item", ID_RE)):
            if not isinstance(raw.get(key), str) or not pattern.fullmatch(raw[key]):
                raise ProgressError(f"{at}.{key}: expected a {key} id like those of plan files "
                                    f"(lowercase letters, digits, '-' and '_'), got {short_repr(raw.get(key))}")
        status = raw.get("status", "todo")
        if not isinstance(status, str) or status not in STATUSES:
            raise ProgressError(f"{at}.status: unknown status {short_repr(status)} "
                                f"(expected one of: {', '.join(STATUSES)})")
        note = raw.get("note", "")
        if not isinstance(note, str) or not _is_text(note):
            raise ProgressError(f"{at}.note: expected text, got {short_repr(note)}")
        times = {key: _checked_time(raw.get(key), f"{at}.{key}", now) for key in ("started", "finished", "updated")}
        if times["updated"] is None:
            raise ProgressError(f"{at}.updated: missing (it decides which change is newer)")
        if None not in (times["started"], times["finished"]) and times["finished"] < times["started"]:
            raise ProgressError(f"{at}.finished: before started")
        if (raw["plan"], raw["item"]) in seen:
            raise ProgressError(f"{at}: {raw['plan']}/{raw['item']} appears twice")
        seen.add((raw["plan"], raw["item"]))
        out.append(Record(raw["plan"], raw["item"], status, note, times["started"], times["finished"],
                          times["updated"]))
    return out


def _checked_time(value: Any, at: str, now: float) -> float | None:
    """A time of the file (ISO 8601, or seconds since 1970) as seconds, between 1970 and a day from now."""
    try:
        t = _parse_time(value)
    except (ValueError, OverflowError):
        raise ProgressError(f"{at}: not a time: {short_repr(value)}") from None
    if t is not None and not (math.isfinite(t) and 0 <= t <= now + CLOCK_SLACK):
        raise ProgressError(f"{at}: {short_repr(value)} is not between 1970 and now "
                            f"(this computer's clock says {_iso(now)})")
    return t


def _is_text(text: str) -> bool:
    """Text SQLite can store: no lone surrogates (JSON allows "\\ud800")."""
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _record(row) -> Record:
    return Record(row["plan_id"], row["item_id"], row["status"], row["note"], row["started"],
                  row["finished"], row["updated"], row["run_id"])


def _iso(t: float | None) -> str | None:
    if t is None:
        return None
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="microseconds")


def _parse_time(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        dt = datetime.fromisoformat(value)
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        return dt.timestamp()
    raise ValueError(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-3  # ISO files keep microseconds
    return a == b
