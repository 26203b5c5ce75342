"""The one SQLite database: progress, notes, run history, measurements.

Opening it checks the file; a corrupt file is moved aside (with a timestamp), a new one is
made, every row that can still be read is copied into it (`studio.core.db_recover`), and
`Database.recovery` tells where the old one went and how many rows were saved and lost, so
the UI and CLI can say so. The schema carries a version (`PRAGMA user_version`) and every change is
a numbered migration below, applied in order in one transaction each.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path

from studio.core import paths
from studio.core.db_recover import Recovery, recover

# version -> SQL. Append only: never edit a migration that has shipped.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE progress (
        plan_id   TEXT NOT NULL,
        item_id   TEXT NOT NULL,
        status    TEXT NOT NULL DEFAULT 'todo',
        note      TEXT NOT NULL DEFAULT '',
        started   REAL,
        finished  REAL,
        updated   REAL NOT NULL,
        run_id    INTEGER,
        PRIMARY KEY (plan_id, item_id)
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # Run history (studio.core.history). A curve is one row of three float64 blobs
    # (steps, wall seconds, values) so 10,000 points cost one row, not 10,000; listing runs
    # never touches the curves or the output text.
    2: """
    CREATE TABLE runs (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        lesson    TEXT NOT NULL,
        params    TEXT NOT NULL DEFAULT '{}',
        device    TEXT NOT NULL DEFAULT '',
        started   REAL NOT NULL,
        ended     REAL,
        seconds   REAL,
        status    TEXT NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
        error     TEXT NOT NULL DEFAULT '',
        results   TEXT NOT NULL DEFAULT '{}',
        hardware  TEXT NOT NULL DEFAULT '{}',
        versions  TEXT NOT NULL DEFAULT '{}',
        pid       INTEGER
    );
    CREATE INDEX runs_by_lesson ON runs (lesson, started);
    CREATE INDEX runs_by_status ON runs (status);
    CREATE TABLE run_curves (
        run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name    TEXT NOT NULL,
        points  INTEGER NOT NULL,
        steps   BLOB NOT NULL,
        walls   BLOB NOT NULL,
        vals    BLOB NOT NULL,
        PRIMARY KEY (run_id, name)
    );
    CREATE TABLE run_output (
        run_id  INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        text    TEXT NOT NULL
    );
    CREATE INDEX progress_by_run ON progress (run_id);
    CREATE TRIGGER runs_unlink_progress AFTER DELETE ON runs
    BEGIN
        UPDATE progress SET run_id = NULL WHERE run_id = OLD.id;
    END;
    """,
    # This PC measured (studio.core.measure): one JSON document per measurement.
    3: """
    CREATE TABLE measurements (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        taken  REAL NOT NULL,
        host   TEXT NOT NULL DEFAULT '',
        data   TEXT NOT NULL
    );
    CREATE INDEX measurements_host_taken ON measurements (host, taken);
    """,
    # Runs in a kernel process can end out_of_memory, crashed or (practice) timeout. SQLite cannot
    # change a CHECK constraint in place: the table is rebuilt (foreign keys off meanwhile, so
    # the curves and output that refer to the runs stay; see Database._migrate).
    4: """
    CREATE TABLE runs_new (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        lesson    TEXT NOT NULL,
        params    TEXT NOT NULL DEFAULT '{}',
        device    TEXT NOT NULL DEFAULT '',
        started   REAL NOT NULL,
        ended     REAL,
        seconds   REAL,
        status    TEXT NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'out_of_memory', 'crashed',
                                    'timeout', 'interrupted')),
        error     TEXT NOT NULL DEFAULT '',
        results   TEXT NOT NULL DEFAULT '{}',
        hardware  TEXT NOT NULL DEFAULT '{}',
        versions  TEXT NOT NULL DEFAULT '{}',
        pid       INTEGER
    );
    INSERT INTO runs_new SELECT * FROM runs;
    DROP TABLE runs;
    ALTER TABLE runs_new RENAME TO runs;
    CREATE INDEX runs_by_lesson ON runs (lesson, started);
    CREATE INDEX runs_by_status ON runs (status);
    CREATE TRIGGER runs_unlink_progress AFTER DELETE ON runs
    BEGIN
        UPDATE progress SET run_id = NULL WHERE run_id = OLD.id;
    END;
    """,
    # Practice (studio.practice.store): every attempt with its code and report, and per exercise
    # the editor's draft, the hints shown and when the solution was revealed.
    5: """
    CREATE TABLE practice_attempts (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        exercise       TEXT NOT NULL,
        code           TEXT NOT NULL,
        started        REAL NOT NULL,
        ended          REAL,
        status         TEXT NOT NULL DEFAULT 'running'
                       CHECK (status IN ('running', 'pass', 'fail', 'error', 'not_attempted', 'timeout',
                                         'check_error', 'stopped', 'interrupted')),
        seconds        REAL,
        source         TEXT NOT NULL DEFAULT 'window',
        solution_seen  INTEGER NOT NULL DEFAULT 0,
        report         TEXT NOT NULL DEFAULT '{}',
        pid            INTEGER
    );
    CREATE INDEX practice_attempts_by_exercise ON practice_attempts (exercise, id);
    CREATE TABLE practice_state (
        exercise       TEXT PRIMARY KEY,
        draft          TEXT,
        updated        REAL NOT NULL,
        hints          INTEGER NOT NULL DEFAULT 0,
        solution_seen  REAL
    );
    """,
    # Study time (studio.core.study.log): seconds per item and local day; day 'adjust' holds the
    # correction that makes an item's total what the learner set. (5 is practice's.)
    6: """
    CREATE TABLE study_time (
        plan_id  TEXT NOT NULL,
        item_id  TEXT NOT NULL,
        day      TEXT NOT NULL,
        seconds  REAL NOT NULL,
        PRIMARY KEY (plan_id, item_id, day)
    );
    """,
}
# Migrations that rebuild a table others refer to: foreign keys are off while they run (SQLite
# ignores that pragma inside a transaction, so it is set around it) and checked before commit.
REBUILDS = {4}


class Database:
    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else paths.database()
        self.recovery: Recovery | None = None
        self._lock = threading.RLock()
        self.conn = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = self._connect()
            # quick_check reads every page (0.2-0.4 s at 250 MB of run history); above that
            # size reading the schema still catches a file that is not a database at all.
            check = "PRAGMA quick_check" if _size(self.path) < QUICK_CHECK_LIMIT else "PRAGMA schema_version"
            ok = conn.execute(check).fetchone()[0]
            if check.endswith("quick_check") and ok != "ok":
                raise sqlite3.DatabaseError(ok)
            self._migrate(conn)
            return conn
        except sqlite3.DatabaseError:
            with contextlib.suppress(Exception):
                conn.close()
            stamp = time.strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            self.path.replace(aside)
            for suffix in ("-wal", "-shm", "-journal"):
                extra = self.path.with_name(self.path.name + suffix)
                if extra.exists():
                    extra.replace(aside.with_name(aside.name + suffix))
            conn = self._connect()
            self._migrate(conn)
            self.recovery = recover(aside, conn)
            return conn

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection, upto: int | None = None) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for target in sorted(MIGRATIONS):
            if target <= version or (upto is not None and target > upto):
                continue
            rebuild = target in REBUILDS
            if rebuild:
                conn.execute("PRAGMA foreign_keys=OFF")
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[target]):
                    conn.execute(statement)
                if rebuild and conn.execute("PRAGMA foreign_key_check").fetchall():
                    raise sqlite3.DatabaseError(f"migration {target} broke a foreign key")
                conn.execute(f"PRAGMA user_version = {int(target)}")
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise
            finally:
                if rebuild:
                    conn.execute("PRAGMA foreign_keys=ON")

    @property
    def recovered_from(self) -> Path | None:
        """Where a damaged file was moved when this one was opened (else None)."""
        return self.recovery.aside if self.recovery else None

    def damage_note(self) -> str | None:
        """One line for the learner when a damaged file was moved aside, else None."""
        if self.recovery is None:
            return None
        return (f"the database was damaged; it was moved to {self.recovery.aside} and a new one was "
                f"started: {self.recovery.line()}")

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextlib.contextmanager
    def transaction(self):
        """`with db.transaction() as conn:` runs its statements atomically."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, args=()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self.conn.close()


QUICK_CHECK_LIMIT = 64 * 1024 * 1024


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (sqlite3.complete_statement-aware)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out
