"""`studio hw [--json] [--watch SECONDS]`: what the hardware panel shows, in the terminal."""

from __future__ import annotations

import json
import sys
import time

from studio.cli.common import fail
from studio.core.hardware import NA, Sampler, Snapshot, available
from studio.core.units import size

FIRST_WINDOW_S = 0.5  # CPU percentages need a window; the first sample waits this long


def add_parser(sub) -> None:
    p = sub.add_parser("hw", help="show CPU, memory, container limits and GPUs")
    p.add_argument("--json", action="store_true", help="print JSON (one object per line with --watch)")
    p.add_argument("--watch", type=float, metavar="SECONDS",
                   help="refresh every SECONDS until Ctrl-C")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.watch is not None and not args.watch > 0:
        return fail(f"--watch needs a number of seconds above 0, not {args.watch:g}")
    sampler = Sampler()
    try:
        time.sleep(FIRST_WINDOW_S)
        while True:
            snap = sampler.sample()
            if args.json:
                print(json.dumps(snap.to_dict()), flush=True)
            else:
                if args.watch and sys.stdout.isatty():
                    print("\x1b[H\x1b[2J", end="")  # clear the screen, like watch(1)
                print(render(snap), flush=True)
            if not args.watch:
                return 0
            time.sleep(args.watch)
    except KeyboardInterrupt:
        return 0
    finally:
        sampler.close()


def _v(value, fmt="{}", unit="") -> str:
    if isinstance(value, NA):
        return str(value)
    return fmt.format(value) + unit


def _bar(percent: float, width: int = 20) -> str:
    filled = round(width * min(max(percent, 0.0), 100.0) / 100)
    return "[" + "#" * filled + "." * (width - filled) + "]"


def render(snap: Snapshot) -> str:
    cpu, mem, proc, lim = snap.cpu, snap.memory, snap.process, snap.limits
    load = " ".join(f"{x:.2f}" for x in cpu.load_avg) if available(cpu.load_avg) else str(cpu.load_avg)
    freq = _v(cpu.freq_mhz, "{:.0f}", " MHz")
    if available(cpu.freq_max_mhz):
        freq += f" (max {cpu.freq_max_mhz:.0f} MHz)"
    lines = [
        f"CPU      {_bar(cpu.percent)} {cpu.percent:5.1f}%  "
        f"{cpu.logical} logical / {_v(cpu.physical)} physical cores",
        f"         frequency {freq}; load average {load}",
    ]
    for i, pct in enumerate(cpu.per_core):
        lines.append(f"  core {i:<3}{_bar(pct)} {pct:5.1f}%")
    lines += [
        f"RAM      {_bar(mem.percent)} {mem.percent:5.1f}%  {size(mem.used)} used of "
        f"{size(mem.total)}, {size(mem.available)} available",
        f"Swap     {_bar(mem.swap_percent)} {mem.swap_percent:5.1f}%  "
        f"{size(mem.swap_used)} used of {size(mem.swap_total)}" if mem.swap_total
        else "Swap     none",
        f"Process  {size(proc.rss)} (peak {size(proc.peak_rss)}), "
        f"{proc.children} tracked child process(es), CPU {proc.cpu_percent:.0f}% of one core",
        f"cgroup   {_v(lim.cgroup)}",
        f"  memory limit  {size(lim.memory_limit)}"
        + (f" (using {size(lim.memory_usage)})" if available(lim.memory_usage) else ""),
        f"  CPU limit     {_v(lim.cpu_limit, '{:g}', ' cores')}",
        f"  CPUs allowed  {_v(lim.cpus_allowed)}",
    ]
    if not available(snap.gpus):
        lines.append(f"GPU      {snap.gpus}")
    else:
        for g in snap.gpus:
            util = str(g.utilization)
            if available(g.utilization):
                util = f"{_bar(g.utilization)} {g.utilization:5.1f}%"
            mem_line = (f"{size(g.memory_used)} / {size(g.memory_total)}"
                        if available(g.memory_used) else str(g.memory_used))
            lines += [
                f"GPU {g.index}    {_v(g.name)}  (via {g.source})",
                f"  load   {util}",
                f"  memory {mem_line}; this app {size(g.process_memory)}",
                f"  temperature {_v(g.temperature_c, '{:.0f}', ' C')}; power {_v(g.power_w, '{:.0f}', ' W')}"
                f" of {_v(g.power_limit_w, '{:.0f}', ' W')}",
            ]
    return "\n".join(lines)
