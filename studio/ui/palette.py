"""The app's colours, in one place: matplotlib's "tab10" series colours and what each means.

Charts cycle through `SERIES`; statuses, levels and the hardware panel's figures take the
named colours, so a colour means the same thing in every view.
"""

from __future__ import annotations

BLUE = "#1f77b4"
ORANGE = "#ff7f0e"
GREEN = "#2ca02c"
RED = "#d62728"
PURPLE = "#9467bd"
BROWN = "#8c564b"
PINK = "#e377c2"
GREY = "#7f7f7f"
OLIVE = "#bcbd22"
CYAN = "#17becf"
AMBER = "#c77c02"  # a warning: between fine and red

SERIES = (BLUE, ORANGE, GREEN, RED, PURPLE, BROWN, PINK, CYAN, OLIVE, GREY)

# matplotlib's colour names and letters, as lessons pass them to `ctx.plot`
NAMED = {"b": BLUE, "blue": BLUE, "orange": ORANGE, "g": GREEN, "green": GREEN, "r": RED, "red": RED,
         "c": CYAN, "y": OLIVE}

# run statuses (runs, lesson view)
STATUS = {"failed": RED, "out_of_memory": RED, "crashed": RED, "timeout": AMBER, "interrupted": AMBER,
          "cancelled": GREY, "running": BLUE}

# the hardware panel: each figure's colour, on its bar and its curve
CPU = BLUE
RAM = GREEN
APP = ORANGE
LESSON = CYAN
GPU = PURPLE
GPU_MEMORY = PINK
RUN_BAND = (250, 204, 21)  # the runs' bands on the usage chart (RGB, drawn translucent)


def series(i: int) -> str:
    """The `i`-th chart series' colour (cycling)."""
    return SERIES[i % len(SERIES)]
