"""`studio --install-desktop-entry`: the app in the Linux desktop's menu, for the current user.

Writes the freedesktop `.desktop` file shipped in resources/ (its `Exec` pointed at this
install's Python, so it works whether or not `studio` is on PATH) and the icon in the hicolor
theme, under `$XDG_DATA_HOME` (default `~/.local/share`). Nothing needs root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from studio.core import paths, safe_write

APP_ID = "zero-compute-ml-studio"
RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
ICONS = {"256x256": f"{APP_ID}.png", "scalable": f"{APP_ID}.svg"}


class Unsupported(Exception):
    """Desktop entries are a Linux (freedesktop) thing; the message says what to do instead."""


def data_home() -> Path:
    """`$XDG_DATA_HOME`, or `~/.local/share` when it is unset, empty or relative (the spec says so)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def exec_line(argv: list[str]) -> str:
    """A desktop entry's Exec value for `argv`, as the spec asks: `%` doubled, an argument with a
    reserved character quoted (`"`, `` ` ``, `$` and `\\` escaped inside), then every backslash
    escaped again, since a value's string escapes are undone before the quoting."""
    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if any(c in arg for c in RESERVED):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        return arg.replace("\\", "\\\\")

    return " ".join(quote(a) for a in argv)


def entry_text(python: str) -> str:
    """The shipped .desktop file with its Exec line starting the window through `python`."""
    shipped = (paths.resources() / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = [f"Exec={exec_line([python, '-m', 'studio'])}" if line.startswith("Exec=") else line
             for line in shipped.splitlines()]
    return "\n".join(lines) + "\n"


def install(python: str = sys.executable, platform: str = sys.platform) -> list[Path]:
    """Install the entry and its icons for the current user; returns the files written."""
    if not platform.startswith("linux"):
        raise Unsupported(
            "desktop entries are for Linux desktops (freedesktop); on this system start the window with "
            "`studio-gui` (or `studio`), or make a shortcut to it")
    root = data_home()
    written = [safe_write.write_text(root / "applications" / f"{APP_ID}.desktop", entry_text(python))]
    for size, name in ICONS.items():
        icon = (paths.resources() / "icons" / name).read_bytes()
        written.append(safe_write.write_bytes(root / "icons" / "hicolor" / size / "apps" / name, icon))
    return written


def main() -> int:
    """The command: one line per file written, or one line saying why not (exit 2)."""
    try:
        written = install()
    except Unsupported as exc:
        print(f"studio: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"studio: error: cannot install the desktop entry: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    print("Zero-Compute ML Studio is in your applications menu (log out and in if it does not show yet).")
    return 0
