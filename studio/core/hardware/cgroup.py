"""cgroup limits: what a container really allows (v2, else v1), where psutil reports the host."""

from __future__ import annotations

import sys
from pathlib import Path

from studio.core.hardware.snapshot import NA, available, na

UNLIMITED = 2**60  # cgroup v1 writes "no limit" as a number near 2**63

NO_MEMORY_LIMIT = na("no cgroup memory limit", "cgroup 未限制内存")
NO_CPU_LIMIT = na("no cgroup CPU limit", "cgroup 未限制 CPU")


class Cgroup:
    """Reads this process's cgroup limits (v2, else v1) below `root`.

    `root` and `proc_file` are seams: tests write a fake tree in a temporary folder.
    Limits are read once (the walk up the hierarchy takes the tightest); usage each sample.
    """

    def __init__(self, root: str | Path = "/sys/fs/cgroup", proc_file: str | Path = "/proc/self/cgroup"):
        self.root = Path(root)
        self.proc_file = Path(proc_file)
        self.version: str | NA = (na("no cgroup (not Linux)", "没有 cgroup（不是 Linux）")
                                  if not sys.platform.startswith("linux")
                                  else na("no cgroup filesystem", "没有 cgroup 文件系统"))
        self.memory_limit: int | NA = NO_MEMORY_LIMIT
        self.cpu_limit: float | NA = NO_CPU_LIMIT
        self._usage_file: Path | None = None
        try:
            self._read()
        except OSError as exc:  # unreadable files: keep the NAs, say why
            self.version = na(f"cgroup unreadable: {exc}", f"cgroup 无法读取：{exc}")

    def _paths(self) -> dict[str, str]:
        """controller -> path inside its hierarchy ('' is the v2 unified one)."""
        paths: dict[str, str] = {}
        if not self.proc_file.is_file():
            return paths
        for line in self.proc_file.read_text().splitlines():
            parts = line.split(":", 2)
            if len(parts) == 3:
                for controller in parts[1].split(",") if parts[1] else [""]:
                    paths[controller] = parts[2]
        return paths

    @staticmethod
    def _chain(mount: Path, inner: str) -> list[Path]:
        """The process's group and its ancestors up to the mount, innermost first.

        Inside a container with a cgroup namespace the path is '/', or names a folder
        that is not mounted here: then the mount itself is the group.
        """
        group = mount / inner.strip("/") if inner.strip("/") else mount
        if not group.is_dir():
            group = mount
        chain = [group]
        while chain[-1] != mount and mount in chain[-1].parents:
            chain.append(chain[-1].parent)
        return chain

    def _read(self) -> None:
        paths = self._paths()
        if (self.root / "cgroup.controllers").is_file():
            self.version = "v2"
            chain = self._chain(self.root, paths.get("", "/"))
            self._usage_file = _existing(chain[0] / "memory.current")
            memory = [_int_or_none(_text(d / "memory.max")) for d in chain]
            cpu = [_cpu_max(_text(d / "cpu.max")) for d in chain]
        else:
            mem_mount = _first_dir(self.root, "memory")
            cpu_mount = _first_dir(self.root, "cpu,cpuacct", "cpu", "cpuacct,cpu")
            if mem_mount is None and cpu_mount is None:
                return
            self.version = "v1"
            memory, cpu = [], []
            if mem_mount is not None:
                chain = self._chain(mem_mount, paths.get("memory", "/"))
                self._usage_file = _existing(chain[0] / "memory.usage_in_bytes")
                memory = [_int_or_none(_text(d / "memory.limit_in_bytes")) for d in chain]
            if cpu_mount is not None:
                chain = self._chain(cpu_mount, paths.get("cpu", "/"))
                cpu = [_cfs(_text(d / "cpu.cfs_quota_us"), _text(d / "cpu.cfs_period_us")) for d in chain]
        limits = [m for m in memory if m is not None and m < UNLIMITED]
        if limits:
            self.memory_limit = min(limits)
        quotas = [c for c in cpu if c is not None]
        if quotas:
            self.cpu_limit = min(quotas)

    def memory_usage(self) -> int | NA:
        if not available(self.memory_limit):
            return NO_MEMORY_LIMIT
        if self._usage_file is None:
            return na("cgroup memory usage file missing", "cgroup 内存用量文件不存在")
        try:
            with open(self._usage_file, "rb") as f:
                return int(f.read())
        except (OSError, ValueError) as exc:
            return na(f"cgroup memory usage unreadable: {exc}", f"cgroup 内存用量无法读取：{exc}")


def _text(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def _first_dir(root: Path, *names: str) -> Path | None:
    return next((root / n for n in names if (root / n).is_dir()), None)


def _int_or_none(text: str | None) -> int | None:
    if text is None or text == "max":
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _cpu_max(text: str | None) -> float | None:
    """v2 cpu.max: 'max 100000' (no limit) or '150000 100000' (1.5 cores)."""
    if not text:
        return None
    parts = text.split()
    if len(parts) != 2 or parts[0] == "max":
        return None
    return _cfs(parts[0], parts[1])


def _cfs(quota: str | None, period: str | None) -> float | None:
    """v1 cpu.cfs_quota_us / cpu.cfs_period_us; a quota of -1 means no limit."""
    q, p = _int_or_none(quota), _int_or_none(period)
    if q is None or p is None or q <= 0 or p <= 0:
        return None
    return q / p
