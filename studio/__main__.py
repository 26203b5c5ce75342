"""`studio` / `python -m studio`: the window, or a command when one is given; `studio-gui`: the window.

`studio` is a console script (its output shows on Windows too); `studio-gui` is a GUI script,
which Windows starts without a console window.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("--") and argv[0] not in ("--help", "-h", "--version"):
        return gui(argv)
    from studio.cli import main as cli_main

    try:
        return cli_main(argv)
    except BrokenPipeError:  # `studio run ... | head`
        sys.stderr.close()
        return 0


def gui(argv: list[str] | None = None) -> int:
    """The window (`studio-gui`, and `studio` with options only)."""
    from studio.ui.app import main as gui_main

    return gui_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
