"""Practice in SQLite: every attempt (its code, how it ended, its report), and per exercise the
editor's draft, how many hints were shown and when the solution was revealed.

Nothing the learner typed is lost: the draft is saved at every run, on close and a moment after
each edit, and every run keeps its code as an attempt. An attempt still `running` whose process
is gone (the app or terminal was killed) becomes `interrupted` at the next start. The window and
`studio practice check` write the same rows (only `source` tells them apart).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

from studio.core.db import Database
from studio.core.history import process_alive
from studio.practice.report import Report


@dataclass(frozen=True)
class Attempt:
    id: int
    exercise: str
    started: float
    status: str
    seconds: float | None
    source: str
    solution_seen: bool
    code: str = ""
    report: Report | None = None


@dataclass(frozen=True)
class ExerciseStatus:
    """An exercise as the list shows it."""

    exercise: str
    status: str  # pass once any attempt passed; else the latest attempt's; else not_attempted
    attempts: int = 0
    passed: bool = False
    passed_with_solution: bool = False  # every pass came after the solution was shown
    solution_seen: bool = False
    hints: int = 0


class AttemptStore:
    def __init__(self, db: Database | None = None, clock=time.time):
        self.db = db if db is not None else Database()
        self.clock = clock

    # -- attempts ------------------------------------------------------------------------------
    def start(self, exercise: str, code: str, source: str = "window") -> int:
        """Record an attempt (`running`) with its code; the code is the exercise's draft too."""
        now = self.clock()
        with self.db.transaction() as conn:
            seen = conn.execute("SELECT solution_seen FROM practice_state WHERE exercise = ?", (exercise,)).fetchone()
            cur = conn.execute(
                "INSERT INTO practice_attempts (exercise, code, started, source, solution_seen, pid)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (exercise, code, now, source, int(bool(seen and seen[0])), os.getpid()))
            if source == "window":
                self._put_draft(conn, exercise, code, now)
        return int(cur.lastrowid)

    def finish(self, attempt_id: int, report: Report) -> None:
        """How it ended; an attempt no longer `running` (interrupted by a close) stays as it is."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE practice_attempts SET status = ?, ended = ?, seconds = ?, report = ?"
                         " WHERE id = ? AND status = 'running'",
                         (report.status, self.clock(), report.seconds, json.dumps(report.to_record(),
                                                                                   ensure_ascii=False), attempt_id))

    def interrupt(self, attempt_id: int, reason: str) -> None:
        report = {"status": "interrupted", "error": reason}
        with self.db.transaction() as conn:
            conn.execute("UPDATE practice_attempts SET status = 'interrupted', ended = ?, report = ?"
                         " WHERE id = ? AND status = 'running'", (self.clock(), json.dumps(report), attempt_id))

    def recover_interrupted(self) -> int:
        """Attempts left `running` by a process that is gone become `interrupted`; how many."""
        rows = self.db.query("SELECT id, pid, started FROM practice_attempts WHERE status = 'running'")
        dead = [r["id"] for r in rows if not process_alive(r["pid"], r["started"])]
        for attempt_id in dead:
            self.interrupt(attempt_id, "the app or terminal closed before the attempt finished")
        return len(dead)

    def attempts(self, exercise: str) -> list[Attempt]:
        """The exercise's attempts, newest first, without code or report."""
        rows = self.db.query("SELECT id, exercise, started, status, seconds, source, solution_seen"
                             " FROM practice_attempts WHERE exercise = ? ORDER BY id DESC", (exercise,))
        return [Attempt(r["id"], r["exercise"], r["started"], r["status"], r["seconds"], r["source"],
                        bool(r["solution_seen"])) for r in rows]

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt with its code and report."""
        rows = self.db.query("SELECT * FROM practice_attempts WHERE id = ?", (attempt_id,))
        if not rows:
            return None
        r = rows[0]
        record = json.loads(r["report"] or "{}")
        report = Report.from_record(record) if "exercise" in record else None
        return Attempt(r["id"], r["exercise"], r["started"], r["status"], r["seconds"], r["source"],
                       bool(r["solution_seen"]), r["code"], report)

    def latest(self, exercise: str) -> Attempt | None:
        rows = self.db.query("SELECT id FROM practice_attempts WHERE exercise = ? ORDER BY id DESC LIMIT 1",
                             (exercise,))
        return self.attempt(rows[0]["id"]) if rows else None

    # -- drafts, hints, the solution ---------------------------------------------------------------
    def save_draft(self, exercise: str, code: str) -> None:
        with self.db.transaction() as conn:
            self._put_draft(conn, exercise, code, self.clock())

    @staticmethod
    def _put_draft(conn, exercise: str, code: str, now: float) -> None:
        conn.execute("INSERT INTO practice_state (exercise, draft, updated) VALUES (?, ?, ?)"
                     " ON CONFLICT (exercise) DO UPDATE SET draft = excluded.draft, updated = excluded.updated",
                     (exercise, code, now))

    def draft(self, exercise: str) -> str | None:
        """The editor's last code: the draft, else the latest attempt's (from the CLI), else None."""
        rows = self.db.query("SELECT draft FROM practice_state WHERE exercise = ?", (exercise,))
        if rows and rows[0]["draft"] is not None:
            return rows[0]["draft"]
        latest = self.latest(exercise)
        return latest.code if latest is not None else None

    def hints_shown(self, exercise: str) -> int:
        rows = self.db.query("SELECT hints FROM practice_state WHERE exercise = ?", (exercise,))
        return int(rows[0]["hints"]) if rows else 0

    def show_hints(self, exercise: str, count: int) -> int:
        """Hints 1..count are shown (never fewer than before); the number shown now."""
        now = self.clock()
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO practice_state (exercise, updated, hints) VALUES (?, ?, ?)"
                         " ON CONFLICT (exercise) DO UPDATE SET hints = max(hints, excluded.hints),"
                         " updated = excluded.updated", (exercise, now, count))
        return self.hints_shown(exercise)

    def solution_seen(self, exercise: str) -> bool:
        rows = self.db.query("SELECT solution_seen FROM practice_state WHERE exercise = ?", (exercise,))
        return bool(rows and rows[0]["solution_seen"])

    def reveal_solution(self, exercise: str) -> None:
        """The solution was shown: later attempts are marked as made after seeing it."""
        now = self.clock()
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO practice_state (exercise, updated, solution_seen) VALUES (?, ?, ?)"
                         " ON CONFLICT (exercise) DO UPDATE SET solution_seen ="
                         " coalesce(solution_seen, excluded.solution_seen), updated = excluded.updated",
                         (exercise, now, now))

    # -- status ------------------------------------------------------------------------------------------
    def statuses(self) -> dict[str, ExerciseStatus]:
        """Every exercise that has attempts or state, by id (the rest are not attempted)."""
        rows = self.db.query("""
            SELECT exercise, COUNT(*) AS n, SUM(status = 'pass') AS passes,
                   MIN(CASE WHEN status = 'pass' THEN solution_seen END) AS pass_seen,
                   (SELECT b.status FROM practice_attempts b WHERE b.exercise = a.exercise
                     AND b.status != 'running' ORDER BY b.id DESC LIMIT 1) AS latest
            FROM practice_attempts a GROUP BY exercise""")
        state = {r["exercise"]: r for r in self.db.query("SELECT exercise, hints, solution_seen FROM practice_state")}
        out: dict[str, ExerciseStatus] = {}
        for ex in {r["exercise"] for r in rows} | set(state):
            row = next((r for r in rows if r["exercise"] == ex), None)
            st = state.get(ex)
            passed = bool(row and row["passes"])
            status = "pass" if passed else (row["latest"] if row and row["latest"] else "not_attempted")
            out[ex] = ExerciseStatus(ex, status, row["n"] if row else 0, passed, passed and bool(row["pass_seen"]),
                                     bool(st and st["solution_seen"]), int(st["hints"]) if st else 0)
        return out

    def status(self, exercise: str) -> ExerciseStatus:
        return self.statuses().get(exercise, ExerciseStatus(exercise, "not_attempted"))
