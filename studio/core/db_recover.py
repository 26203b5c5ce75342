"""Rows saved from a damaged database file, after `studio.core.db` has moved it aside.

One bad page should cost the rows on that page, not the whole file. Each table is read in
rowid order through its own b-tree; where a read fails, the reader steps over the damaged
part (doubling the jump until a read succeeds, then narrowing it back) and goes on. The
table's indexes live on other pages: the rowids they list tell which rows existed, so rows
they name that could not be read count as lost, and each is tried once more on its own.
Rows are copied into the new file in one transaction, parents first (a curve whose run was
lost cannot be kept), and each is checked against the new schema on the way in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# parents before children: run_curves and run_output reference runs
TABLES = ("settings", "progress", "runs", "run_curves", "run_output", "measurements", "practice_attempts",
          "practice_state", "study_time")
NAMES = {"settings": "settings", "progress": "progress records", "runs": "runs", "run_curves": "curves",
         "run_output": "run outputs", "measurements": "measurements", "practice_attempts": "practice attempts",
         "practice_state": "practice drafts", "study_time": "study times"}
STATUSES = ("todo", "learning", "done", "skipped")
MAX_ROWID = 2**63 - 1
MIN_ROWID = -(2**63)


@dataclass
class Recovery:
    """What was saved from the file moved aside to `aside`."""

    aside: Path
    recovered_rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied
    lost_rows: dict[str, int] = field(default_factory=dict)  # table -> rows known to exist, not copied
    unreadable: bool = False  # not even the list of tables could be read

    @property
    def recovered(self) -> int:
        return sum(self.recovered_rows.values())

    @property
    def lost(self) -> int:
        return sum(self.lost_rows.values())

    def line(self) -> str:
        """'recovered 41 rows (progress records 30, runs 4, curves 7); 3 lost (progress records 3)'."""
        if self.unreadable:
            return "nothing in it could be read"

        def detail(counts: dict[str, int]) -> str:
            parts = [f"{NAMES[t]} {n}" for t, n in counts.items() if n]
            return f" ({', '.join(parts)})" if parts else ""

        return (f"recovered {self.recovered} row{'s' * (self.recovered != 1)}{detail(self.recovered_rows)}; "
                f"{self.lost} lost{detail(self.lost_rows)}")


def recover(aside: Path, target: sqlite3.Connection) -> Recovery:
    """Copy every readable row of the damaged file `aside` into `target` (the new, empty database)."""
    result = Recovery(aside)
    try:
        source = sqlite3.connect(f"{aside.as_uri()}?mode=ro", uri=True)
        present = {name for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        result.unreadable = True
        return result
    try:
        target.execute("BEGIN IMMEDIATE")
        for table in TABLES:
            if table in present:
                saved, lost = _copy_table(source, target, table)
                result.recovered_rows[table], result.lost_rows[table] = saved, lost
        target.execute("COMMIT")
    finally:
        source.close()
    return result


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> tuple[int, int]:
    try:
        old = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return 0, 0
    new = [row[1] for row in target.execute(f"PRAGMA table_info({table})")]
    columns = [c for c in new if c in old]
    if not columns:
        return 0, 0
    select = f"SELECT rowid, {', '.join(columns)} FROM {table}"
    insert = (f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
              f"VALUES ({', '.join('?' * len(columns))})")
    seen: set[int] = set()
    saved = 0

    def keep(row) -> None:
        nonlocal saved
        seen.add(row[0])
        values = row[1:]
        if table == "progress" and not _valid_progress(dict(zip(columns, values))):
            return
        try:
            saved += target.execute(insert, values).rowcount
        except sqlite3.DatabaseError:  # a constraint of the schema (a run's status, a lost parent)
            pass

    for row in _readable_rows(source, select):
        keep(row)
    known = _indexed_rowids(source, table)
    for rowid in sorted(known - seen):  # rows an index names that the scan stepped over
        try:
            row = source.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None:
            keep(row)
    return saved, len(known | seen) - saved


def _readable_rows(source: sqlite3.Connection, select: str) -> Iterator[tuple]:
    """Every row that can be read, in rowid order, stepping over damaged pages."""
    start = MIN_ROWID
    while True:
        try:
            for row in source.execute(f"{select} WHERE rowid >= ? ORDER BY rowid", (start,)):
                yield row
                if row[0] == MAX_ROWID:
                    return
                start = row[0] + 1
            return
        except sqlite3.DatabaseError:
            pass
        start = _next_readable_start(source, select, start)
        if start is None:
            return


def _next_readable_start(source: sqlite3.Connection, select: str, bad: int) -> int | None:
    """The smallest start past `bad` (where reading failed) from which a read succeeds; None
    when nothing further can be read."""

    def readable(start: int) -> bool:
        try:
            source.execute(f"{select} WHERE rowid >= ? ORDER BY rowid LIMIT 1", (start,)).fetchall()
            return True
        except sqlite3.DatabaseError:
            return False

    step = 1
    while True:
        good = min(MAX_ROWID, bad + step)
        if readable(good):
            break
        if good == MAX_ROWID:
            return None
        bad, step = good, step * 2
    while good - bad > 1:  # narrow it back: rows just past the damage are readable too
        mid = (bad + good) // 2
        if readable(mid):
            good = mid
        else:
            bad = mid
    return good


def _indexed_rowids(source: sqlite3.Connection, table: str) -> set[int]:
    """The rowids that the table's indexes list (each index read as far as it can be)."""
    out: set[int] = set()
    try:
        indexes = [row[1] for row in source.execute(f"PRAGMA index_list({table})")]
    except sqlite3.DatabaseError:
        return out
    for index in indexes:
        try:
            for (rowid,) in source.execute(f'SELECT rowid FROM {table} INDEXED BY "{index}"'):
                out.add(rowid)
        except sqlite3.DatabaseError:
            continue
    return out


def _valid_progress(row: dict) -> bool:
    """A progress row as `studio.core.progress` writes it (a damaged page can hold anything)."""
    times = [row.get(k) for k in ("started", "finished")]
    return (isinstance(row.get("plan_id"), str) and isinstance(row.get("item_id"), str)
            and row.get("status") in STATUSES and isinstance(row.get("note", ""), str)
            and isinstance(row.get("updated"), (int, float))
            and all(t is None or isinstance(t, (int, float)) for t in times))
