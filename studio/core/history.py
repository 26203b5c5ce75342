"""Run history: every lesson run remembered, compared and exported.

`RunStore(db)` records a run when it starts (status `running`) and completes it when it
ends with its results, curves, output text, hardware summary and versions. A run still
`running` whose process is gone (the app was killed) becomes `interrupted` on the next
start. Curves are stored as float64 blobs, one row per (run, curve), so the list of runs
stays cheap however long the curves are.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import importlib.metadata
import json
import math
import os
import platform
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

import studio
from studio.core import safe_write
from studio.core.db import Database
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
class Run:
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


class RunStore:
    """The runs table of one `Database`. Thread-safe through the database's lock."""

    def __init__(self, db: Database | None = None):
        self.db = db if db is not None else Database()

    # -- recording ------------------------------------------------------------------------
    def start(self, lesson_id: str, params: Mapping[str, Any], device: str) -> int:
        """Record a run that starts now; returns its id (status `running`)."""
        with self.db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO runs (lesson, params, device, started, status, versions, pid)"
                " VALUES (?, ?, ?, ?, 'running', ?, ?)",
                (lesson_id, _dumps(dict(params)), device, time.time(), _dumps(versions()), os.getpid()),
            )
            return int(cur.lastrowid)

    def checkpoint(self, run_id: int, ctx) -> None:
        """Save the curves and output a running `ctx` has so far (kept if the app dies)."""
        with self.db.transaction() as conn:
            self._save_streams(conn, run_id, ctx)

    def finish(self, run_id: int, outcome, ctx, hardware_summary: Mapping[str, Any] | None = None) -> bool:
        """Complete a run from its `Outcome` and `Context`: status, error, results, curves, output.
        Only a run still `running` is finished: one already `interrupted` (the window closed
        mid-run) keeps that status and its checkpointed curves. True when it was finished."""
        if outcome.status not in RUN_ENDINGS:
            raise ValueError(f"unknown run status {outcome.status!r}")
        with self.db.transaction() as conn:
            self._require(conn, [run_id])
            cur = conn.execute(  # the device too: "auto" is resolved only once the run starts
                "UPDATE runs SET ended = ?, seconds = ?, status = ?, error = ?, results = ?, hardware = ?,"
                " device = ? WHERE id = ? AND status = 'running'",
                (time.time(), outcome.seconds, outcome.status, outcome.error or "",
                 _dumps(outcome.results), _dumps(dict(hardware_summary or {})), outcome.device, run_id),
            )
            if cur.rowcount:
                self._save_streams(conn, run_id, ctx)
            return bool(cur.rowcount)

    def interrupt(self, run_id: int, ctx=None, reason: str = "") -> None:
        """Mark a run that ended without an outcome (Ctrl-C, the window closed mid-run)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE runs SET ended = ?, status = 'interrupted', error = ?"
                " WHERE id = ? AND status = 'running'",
                (time.time(), reason, run_id),
            )
            if ctx is not None:
                self._save_streams(conn, run_id, ctx)

    @contextlib.contextmanager
    def record(self, lesson_id: str, ctx):
        """`with store.record(lesson.id, ctx) as rec: outcome = run_lesson(...); rec.finish(outcome)`.

        Measures this process (peak RAM, mean CPU, peak GPU memory) for the hardware summary,
        and keeps the run as `interrupted` with its curves so far if the block raises.
        """
        rec = Recording(self, self.start(lesson_id, ctx.params, ctx.device), ctx)
        try:
            yield rec
        except BaseException as exc:
            if not rec.finished:
                self.interrupt(rec.run_id, ctx, reason=f"stopped by {type(exc).__name__}")
            raise

    def recover_interrupted(self) -> int:
        """Runs left `running` by a process that is gone become `interrupted`; returns how many."""
        rows = self.db.query("SELECT id, pid, started FROM runs WHERE status = 'running'")
        dead = [r["id"] for r in rows if not _process_alive(r["pid"], r["started"])]
        if dead:
            with self.db.transaction() as conn:
                conn.executemany(
                    "UPDATE runs SET status = 'interrupted',"
                    " error = 'the app or terminal closed before the run finished' WHERE id = ?",
                    [(i,) for i in dead],
                )
        return len(dead)

    # -- reading ----------------------------------------------------------------------------
    def list(self, lesson: str | None = None, details: bool = True) -> list[Run]:
        """Runs, newest first, without curves or output (cheap for thousands of runs).
        `details=False` also leaves out the hardware summary and versions (for tables)."""
        columns = "*" if details else _BRIEF_COLUMNS
        sql = f"SELECT {columns} FROM runs"
        args: tuple = ()
        if lesson is not None:
            sql, args = sql + " WHERE lesson = ?", (lesson,)
        return [_run(row) for row in self.db.query(sql + " ORDER BY started DESC, id DESC", args)]

    def ids(self, lesson: str | None = None) -> list[int]:
        sql, args = "SELECT id FROM runs", ()
        if lesson is not None:
            sql, args = sql + " WHERE lesson = ?", (lesson,)
        return [row[0] for row in self.db.query(sql + " ORDER BY started DESC, id DESC", args)]

    def latest(self, lesson: str, status: str = "done") -> int | None:
        """The newest run of `lesson` with `status`: what ticking its roadmap item done links
        (`progress.run_id`; deleting the run clears the link)."""
        rows = self.db.query("SELECT id FROM runs WHERE lesson = ? AND status = ?"
                             " ORDER BY started DESC, id DESC LIMIT 1", (lesson, status))
        return rows[0][0] if rows else None

    def get(self, run_id: int) -> Run:
        """One run with its curves and output text; `UnknownRun` if there is none."""
        rows = self.db.query("SELECT * FROM runs WHERE id = ?", (run_id,))
        if not rows:
            raise UnknownRun([run_id])
        run = _run(rows[0])
        run.curves = self.curves([run_id])[run_id]
        out = self.db.query("SELECT text FROM run_output WHERE run_id = ?", (run_id,))
        run.output = out[0]["text"] if out else ""
        return run

    def curves(self, ids: Iterable[int], name: str | None = None) -> dict[int, dict[str, Curve]]:
        """{run id: {curve name: Curve}} for `ids` (only curve `name` when given)."""
        ids = [int(i) for i in ids]
        out: dict[int, dict[str, Curve]] = {i: {} for i in ids}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT run_id, name, steps, walls, vals FROM run_curves WHERE run_id IN ({marks})"
            args: list = list(chunk)
            if name is not None:
                sql += " AND name = ?"
                args.append(name)
            for row in self.db.query(sql + " ORDER BY run_id, rowid", args):
                out[row["run_id"]][row["name"]] = Curve(
                    row["name"], _array(row["steps"]), _array(row["walls"]), _array(row["vals"])
                )
        return out

    def curve_names(self, ids: Iterable[int]) -> list[str]:
        """The curve names any of `ids` has, in first-recorded order."""
        names: dict[str, None] = {}
        for chunk in _chunks([int(i) for i in ids]):
            marks = ",".join("?" * len(chunk))
            rows = self.db.query(
                f"SELECT name FROM run_curves WHERE run_id IN ({marks}) ORDER BY run_id, rowid", chunk
            )
            names.update((r["name"], None) for r in rows)
        return list(names)

    # -- comparing ------------------------------------------------------------------------
    def differing_params(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """For each run, the parameters (and device) whose values are not the same in all `ids`."""
        runs = self._runs(ids)
        keys: dict[str, None] = {}
        for run in runs:
            keys.update((k, None) for k in run.params)
        values = {run.id: {**run.params, "device": run.device} for run in runs}
        keys["device"] = None
        missing = object()
        differ = [
            k for k in keys
            if len({_hashable(v.get(k, missing)) for v in values.values()}) > 1
        ]
        return {run.id: {k: values[run.id][k] for k in differ if k in values[run.id]} for run in runs}

    def legend(self, ids: Iterable[int]) -> dict[int, str]:
        """A legend label per run: 'run 12: lr=0.1, device=cpu' (only what differs)."""
        ids = [int(i) for i in ids]
        differing = self.differing_params(ids)
        lessons = {run.id: run.lesson for run in self._runs(ids)}
        several_lessons = len(set(lessons.values())) > 1
        labels = {}
        for run_id in ids:
            parts = ([lessons[run_id]] if several_lessons else []) + [format_params(differing[run_id])]
            detail = ", ".join(p for p in parts if p)
            labels[run_id] = f"run {run_id}: {detail}" if detail else f"run {run_id}"
        return labels

    # -- deleting and exporting ---------------------------------------------------------------
    def delete(self, ids: Iterable[int]) -> int:
        """Delete runs (curves and output go with them); all or nothing. Returns how many."""
        ids = sorted({int(i) for i in ids})
        with self.db.transaction() as conn:
            self._require(conn, ids)
            for chunk in _chunks(ids):
                conn.execute(f"DELETE FROM runs WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        return len(ids)

    def export_json(self, ids: Iterable[int], path: Path | str) -> Path:
        """Everything about the runs (params, results, hardware, versions, output, curves) as JSON."""
        runs = [self.get(i) for i in self._checked(ids)]
        doc = {"format": "zero-compute-ml-studio/runs", "version": 1,
               "exported": iso_time(time.time()), "runs": [run.to_json() for run in runs]}
        return safe_write.write_text(path, json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False))

    def export_csv(self, ids: Iterable[int], path: Path | str) -> Path:
        """The runs' curves as long-format CSV: run_id,name,step,wall,value."""
        ids = self._checked(ids)
        path = Path(path)
        with safe_write.atomic_open(path, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["run_id", "name", "step", "wall", "value"])
            for run_id in ids:
                for curve in self.curves([run_id])[run_id].values():
                    writer.writerows(
                        (run_id, curve.name, _num(s), repr(float(w)), repr(float(v)))
                        for s, w, v in zip(curve.steps, curve.walls, curve.values, strict=True)
                    )
        return path

    # -- helpers ----------------------------------------------------------------------------
    def _checked(self, ids: Iterable[int]) -> list[int]:
        ids = list(dict.fromkeys(int(i) for i in ids))
        self._require(self.db.conn, ids)
        return ids

    def _require(self, conn, ids: list[int]) -> None:
        with self.db._lock:
            found = set()
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in conn.execute(f"SELECT id FROM runs WHERE id IN ({marks})", chunk))
        missing = set(ids) - found
        if missing:
            raise UnknownRun(missing)

    def _runs(self, ids: Iterable[int]) -> list[Run]:
        ids = self._checked(ids)
        rows: dict[int, Run] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found = self.db.query(f"SELECT * FROM runs WHERE id IN ({marks})", chunk)
            rows.update((r["id"], _run(r)) for r in found)
        return [rows[i] for i in ids]

    @staticmethod
    def _save_streams(conn, run_id: int, ctx) -> None:
        rows = []
        for name, buf in list(ctx.scalars.items()):
            data = buf.snapshot()
            rows.append((run_id, name, len(data), *(_blob(data[:, col]) for col in range(3))))
        conn.executemany("INSERT OR REPLACE INTO run_curves VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.execute("INSERT OR REPLACE INTO run_output VALUES (?, ?)", (run_id, "\n".join(ctx.output)))


class Recording:
    """A run being recorded by `RunStore.record`."""

    def __init__(self, store: RunStore, run_id: int, ctx):
        self.store, self.run_id, self.ctx = store, run_id, ctx
        self.meter = ProcessMeter()
        self.finished = False

    def finish(self, outcome) -> None:
        self.store.finish(self.run_id, outcome, self.ctx, self.meter.summary())
        self.finished = True


class ProcessMeter:
    """This process's resources between construction and `summary()`: what a headless run
    reports as its hardware summary (the window's hardware panel gives its own)."""

    def __init__(self):
        import psutil

        self._proc = psutil.Process()
        self._wall = time.perf_counter()
        self._cpu = sum(self._proc.cpu_times()[:2])
        torch = sys.modules.get("torch")
        if torch is not None and torch.cuda.is_initialized():
            torch.cuda.reset_peak_memory_stats()

    def summary(self) -> dict[str, Any]:
        wall = time.perf_counter() - self._wall
        cpu = sum(self._proc.cpu_times()[:2]) - self._cpu
        cores = os.cpu_count() or 1
        out: dict[str, Any] = {
            # the same keys as the window's hardware panel (studio.core.hardware.RunUsage.summary)
            "hw_mean_process_cpu_percent": round(100 * cpu / wall / cores, 1) if wall > 0 else None,
            "hw_cores": cores,
            "hw_peak_process_rss_mb": _peak_rss_mb(self._proc),
        }
        torch = sys.modules.get("torch")
        if torch is not None and torch.cuda.is_initialized():
            out["hw_peak_process_gpu_memory_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
        return out


# -- formatting shared by the CLI and the Runs view ---------------------------------------------
def format_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def format_params(params: Mapping[str, Any]) -> str:
    """{'lr': 0.1, 'epochs': 50} -> 'lr=0.1, epochs=50'."""
    return ", ".join(f"{k}={format_value(v)}" for k, v in params.items())



def local_time(epoch: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch)) if epoch is not None else ""


def iso_time(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(epoch))


@functools.cache
def _package_versions() -> dict[str, str]:
    out = {}
    for key, dist, module in (("numpy", "numpy", "numpy"), ("torch", "torch", "torch"),
                              ("sklearn", "scikit-learn", "sklearn"), ("pandas", "pandas", "pandas")):
        loaded = sys.modules.get(module)
        version = getattr(loaded, "__version__", None)
        if version is None:
            try:  # reads the installed metadata; never imports the package
                version = importlib.metadata.version(dist)
            except importlib.metadata.PackageNotFoundError:
                continue
        out[key] = str(version)
    return out


def versions() -> dict[str, str]:
    """The app, Python, platform and library versions a run used."""
    out = {"app": studio.__version__, "python": platform.python_version(),
           "platform": platform.platform(terse=True), **_package_versions()}
    torch = sys.modules.get("torch")
    cuda = getattr(getattr(torch, "version", None), "cuda", None)
    if cuda:
        out["cuda"] = str(cuda)
    return out


def strict_json(value: Any) -> Any:
    """numpy values as plain ones, NaN and infinities as None (valid JSON)."""
    if isinstance(value, dict):
        return {str(k): strict_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_json(v) for v in value]
    if hasattr(value, "tolist"):
        return strict_json(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# -- private ----------------------------------------------------------------------------------
_BRIEF_COLUMNS = "id, lesson, params, device, started, ended, seconds, status, error, results"


def _run(row) -> Run:
    keys = row.keys()
    return Run(
        id=row["id"], lesson=row["lesson"], params=json.loads(row["params"]), device=row["device"],
        started=row["started"], ended=row["ended"], seconds=row["seconds"], status=row["status"],
        error=row["error"], results=json.loads(row["results"]),
        hardware=json.loads(row["hardware"]) if "hardware" in keys else {},
        versions=json.loads(row["versions"]) if "versions" in keys else {},
    )


def _dumps(value: Any) -> str:
    """JSON for the database: numpy values made plain; NaN kept (Python's json reads it back)."""
    def plain(v):
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v.tolist() if hasattr(v, "tolist") else v

    return json.dumps(plain(value), ensure_ascii=False, default=str)


def _blob(column: np.ndarray) -> bytes:
    return np.ascontiguousarray(column, dtype=_F8).tobytes()


def _array(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=_F8)


def _num(x: Any) -> int | float:
    x = float(x)
    return int(x) if x.is_integer() else x


def _hashable(value: Any) -> Any:
    return json.dumps(value, sort_keys=True, default=str) if isinstance(value, (dict, list)) else value


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _process_alive(pid: int | None, started: float) -> bool:
    """Whether the process that started a run (at epoch `started`) still runs."""
    if pid is None:
        return False
    if pid == os.getpid():
        return True
    import psutil

    try:  # a pid reused by a process born after the run started is not that run's
        return psutil.Process(pid).create_time() <= started + 1.0
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:  # exists, but we may not look: leave it running
        return True


def _peak_rss_mb(proc) -> float | None:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / 2**20 if sys.platform == "darwin" else peak / 1024, 1)
    except ImportError:  # Windows
        peak = getattr(proc.memory_info(), "peak_wset", None)
        return round(peak / 2**20, 1) if peak else None
