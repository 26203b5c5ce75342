"""CPU and process counters read straight from /proc on Linux, psutil elsewhere.

psutil is portable but costs per call: `cpu_percent(percpu=True)` builds named tuples for
every core, and a process's `oneshot()` + `memory_info()` + `cpu_percent()` opens several
files. One read of /proc/stat, /proc/meminfo and /proc/<pid>/stat gives the same figures
for a fraction of the cost (tests/benchmarks/bench_hardware.py). Every reader falls back to
psutil where /proc is missing or unreadable.
"""

from __future__ import annotations

import os
import re
import time
import weakref
from pathlib import Path

import psutil

from studio.core.hardware.snapshot import NA, Memory, na

PROC = Path("/proc")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class Gone(Exception):
    """The process exited (or its PID now belongs to another one)."""


def _read(path) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


class ProcFile:
    """A /proc file read again and again through one descriptor (`os.pread` at offset 0:
    a third of an open-read-close). Closed by `close()` or when garbage collected."""

    SIZE = 1 << 16

    def __init__(self, path: str | Path):
        self.path = path
        self._fd: int | None = None
        self._closer = None

    def read(self) -> bytes | None:
        if not hasattr(os, "pread"):
            return _read(self.path)
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDONLY)
                self._closer = weakref.finalize(self, os.close, self._fd)
            return os.pread(self._fd, self.SIZE, 0)
        except OSError:
            self.close()
            return None

    def close(self) -> None:
        if self._closer is not None:
            self._closer()
        self._fd = self._closer = None


# -- the machine's CPU ------------------------------------------------------------------
class CoreLoad:
    """Each logical core's busy percentage since the previous `percent()` call.

    Busy is everything but idle and iowait, as psutil counts it (guest time is already in
    user time, so it is not added again).
    """

    def __init__(self, stat_file: str | Path = PROC / "stat"):
        self.stat_file = ProcFile(stat_file)
        self._last: list[tuple[int, int]] | None = None  # (busy, total) per core
        self._percent: tuple[float, ...] = ()
        self._proc = self.stat_file.read() is not None
        self.percent()  # prime: the first window starts now

    def percent(self) -> tuple[float, ...]:
        if not self._proc:
            return tuple(psutil.cpu_percent(percpu=True))
        data = self.stat_file.read()
        if data is None:
            self._proc = False
            psutil.cpu_percent(percpu=True)
            return self._percent
        now = _core_times(data)
        last = self._last
        if last is None or len(last) != len(now):
            self._last, self._percent = now, tuple(0.0 for _ in now)
            return self._percent
        if any(t1 <= t0 for (_, t0), (_, t1) in zip(last, now, strict=True)):
            return self._percent  # within a clock tick of the last call: no window yet, not 0 %
        self._last = now
        self._percent = tuple(min(100.0, max(0.0, 100.0 * (b1 - b0) / (t1 - t0)))
                              for (b0, t0), (b1, t1) in zip(last, now, strict=True))
        return self._percent


def _core_times(data: bytes) -> list[tuple[int, int]]:
    """(busy, total) jiffies of each 'cpuN' line of /proc/stat."""
    out = []
    for line in data.split(b"\n"):
        if not line.startswith(b"cpu"):
            if out:
                break  # the cpu lines come first, together
            continue
        if line[3:4] == b" ":
            continue  # the 'cpu' line: all cores together
        v = [int(x) for x in line.split()[1:]]
        v += [0] * (10 - len(v))
        user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice = v[:10]
        total = user + nice + system + idle + iowait + irq + softirq + steal
        out.append((total - idle - iowait, total))
    return out


# -- one process ------------------------------------------------------------------------
class ProcessLoad:
    """A process's resident memory and CPU percentage (of one core) since the last read."""

    def __init__(self, pid: int):
        self.pid = pid
        self._stat = ProcFile(PROC / str(pid) / "stat")
        self._psutil: psutil.Process | None = None
        first = self._read_stat()
        if first is None:  # not Linux, or /proc hidden: psutil (raises NoSuchProcess if gone)
            self._psutil = psutil.Process(pid)
            self._psutil.cpu_percent()
            return
        self._start, _, self._cpu_s = first
        self._at = time.monotonic()

    def _read_stat(self) -> tuple[int, int, float] | None:
        """(start time, rss, CPU seconds) from /proc/<pid>/stat, or None."""
        data = self._stat.read()
        if not data:
            return None
        fields = data[data.rindex(b")") + 2:].split()  # the name may hold spaces and ')'
        if fields[0] in (b"Z", b"X"):  # exited, not yet reaped
            raise Gone(self.pid)
        cpu_s = (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # utime + stime
        return int(fields[19]), int(fields[21]) * _PAGE, cpu_s

    def read(self) -> tuple[int, float]:
        """(rss bytes, CPU percent of one core); raises Gone once the process has exited."""
        if self._psutil is not None:
            try:
                with self._psutil.oneshot():
                    return self._psutil.memory_info().rss, self._psutil.cpu_percent()
            except psutil.Error as exc:
                raise Gone(self.pid) from exc
        now_stat = self._read_stat()
        if now_stat is None or now_stat[0] != self._start:  # gone, or the PID was reused
            raise Gone(self.pid)
        _, rss, cpu_s = now_stat
        now = time.monotonic()
        window, self._at = now - self._at, now
        used, self._cpu_s = cpu_s - self._cpu_s, cpu_s
        return rss, 100.0 * used / window if window > 0 else 0.0


# -- memory, load -----------------------------------------------------------------------
def memory(meminfo: ProcFile | str | Path = PROC / "meminfo") -> Memory:
    """RAM and swap. On Linux one read of /proc/meminfo (psutil reads it twice, plus
    /proc/vmstat for swap: a third of a sample's cost); elsewhere psutil."""
    fields_kb = _meminfo(meminfo)
    if fields_kb is not None:
        total, avail = fields_kb["MemTotal"], fields_kb["MemAvailable"]
        swap_total, swap_free = fields_kb["SwapTotal"], fields_kb["SwapFree"]
    else:
        vm = psutil.virtual_memory()
        total, avail = vm.total, vm.available
        try:
            sw = psutil.swap_memory()
            swap_total, swap_free = sw.total, sw.free
        except Exception:
            swap_total = swap_free = 0
    used, swap_used = total - avail, swap_total - swap_free
    return Memory(int(total), int(avail), int(used), 100.0 * used / total if total else 0.0,
                  int(swap_total), int(swap_used), 100.0 * swap_used / swap_total if swap_total else 0.0)


_MEMINFO = re.compile(rb"^(MemTotal|MemAvailable|SwapTotal|SwapFree):\s+(\d+)", re.MULTILINE)


def _meminfo(path: ProcFile | str | Path) -> dict[str, int] | None:
    """The four /proc/meminfo fields in bytes, or None (not Linux, or a kernel before 3.14)."""
    data = path.read() if isinstance(path, ProcFile) else _read(path)
    if data is None:
        return None
    found = {key.decode(): int(kb) * 1024 for key, kb in _MEMINFO.findall(data)}
    return found if len(found) == 4 else None


def load_avg() -> tuple[float, float, float] | NA:
    # os.getloadavg, not psutil's: on Windows psutil emulates it with a background thread.
    if not hasattr(os, "getloadavg"):
        return na("Windows has no load average", "Windows 没有平均负载")
    try:
        return tuple(round(x, 2) for x in os.getloadavg())
    except OSError as exc:
        return NA(str(exc))


def cpus_allowed(pid: int) -> int | NA:
    """How many CPUs the process may run on (its affinity, a container's cpuset)."""
    if hasattr(os, "sched_getaffinity"):
        try:
            return len(os.sched_getaffinity(pid))
        except OSError:
            pass
    try:
        return len(psutil.Process(pid).cpu_affinity())
    except (AttributeError, psutil.Error, OSError):
        return na("the OS does not report CPU affinity", "系统不报告 CPU 亲和性")
