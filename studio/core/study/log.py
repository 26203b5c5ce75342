"""Logged study time in SQLite: seconds per (plan, item, local day).

A day's row grows as the clock ticks; `set_total` (the learner edits an item's hours) writes an
adjustment row, so the item's total is what they said while the days keep the real rhythm
that `pace` reads.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from studio.core.db import Database

ADJUST = "adjust"  # the `day` of an item's correction row


def day_of(epoch: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(epoch))


def day_start(day: str) -> float:
    return time.mktime(time.strptime(day, "%Y-%m-%d"))


class StudyLog:
    def __init__(self, db: Database, plan_id: str):
        self.db, self.plan_id = db, plan_id

    def add(self, item_id: str, seconds: float, at: float | None = None) -> None:
        if seconds <= 0:
            return
        day = day_of(time.time() if at is None else at)
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO study_time (plan_id, item_id, day, seconds) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (plan_id, item_id, day) DO UPDATE SET seconds = seconds + excluded.seconds",
                         (self.plan_id, item_id, day, float(seconds)))

    def add_many(self, spans: Iterable[tuple[str, float, float]]) -> None:
        """(item id, seconds, at) spans in one go."""
        for item_id, seconds, at in spans:
            self.add(item_id, seconds, at)

    def totals(self) -> dict[str, float]:
        """Seconds per item, corrections included."""
        rows = self.db.query("SELECT item_id, SUM(seconds) AS s FROM study_time WHERE plan_id = ?"
                             " GROUP BY item_id", (self.plan_id,))
        return {r["item_id"]: max(0.0, r["s"]) for r in rows}

    def total(self, item_id: str) -> float:
        return self.totals().get(item_id, 0.0)

    def set_total(self, item_id: str, seconds: float) -> None:
        """The learner says how long an item took: its total becomes `seconds`."""
        if not seconds >= 0:
            raise ValueError(f"time must be a number of hours >= 0, got {seconds / 3600!r}")
        with self.db.transaction() as conn:
            dated = conn.execute("SELECT COALESCE(SUM(seconds), 0) FROM study_time WHERE plan_id = ?"
                                 " AND item_id = ? AND day != ?", (self.plan_id, item_id, ADJUST)).fetchone()[0]
            conn.execute("INSERT OR REPLACE INTO study_time (plan_id, item_id, day, seconds) VALUES (?, ?, ?, ?)",
                         (self.plan_id, item_id, ADJUST, float(seconds) - dated))

    def sessions(self) -> list[tuple[float, float]]:
        """(start of the day, seconds) per logged day, all items (corrections left out)."""
        rows = self.db.query("SELECT day, SUM(seconds) AS s FROM study_time WHERE plan_id = ? AND day != ?"
                             " GROUP BY day", (self.plan_id, ADJUST))
        return [(day_start(r["day"]), r["s"]) for r in rows]

    def week_seconds(self, now: float | None = None) -> float:
        """Seconds logged this week (Monday to now, local time)."""
        now = time.time() if now is None else now
        t = time.localtime(now)
        monday = day_start(day_of(now)) - t.tm_wday * 86400
        return sum(s for start, s in self.sessions() if monday - 3600 <= start <= now)
