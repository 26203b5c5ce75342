"""Before Qt starts on Linux: can it open a window? If not, one line saying why and what to do.

Qt's X11 plugin (xcb) needs a dozen system libraries; a minimal system lacks some
(libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 on Debian/Ubuntu), and Qt then prints a
plugin dump naming only the first and aborts. Each library is tried with ctypes, as Qt's loader
would; with them all, a connection to $DISPLAY is tried through libxcb. No Qt import here.

The check never stands in the way of a display that works: it is skipped off Linux, for any
platform other than xcb (offscreen for `--screenshot` and the tests, wayland, ...), when a
Wayland session is there and no platform is forced, and when the check itself cannot run.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# What libqxcb.so and libQt6XcbQpa.so.6 link (ldd), and the Debian/Ubuntu package of each.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
HEADLESS = "or work headless: `studio --help` lists the commands, `studio --screenshot FILE` renders the window"


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
                    loads: Callable[[str], bool] | None = None,
                    connects: Callable[[str], bool] | None = None) -> str | None:
    """Why Qt could not open a window here, in one line; None when it can (or when unsure)."""
    environ = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    forced = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if forced and forced != "xcb":
        return None
    if not forced and environ.get("WAYLAND_DISPLAY"):
        return None  # Qt takes the Wayland session's own platform
    loads = loads or _loads
    try:
        missing = [name for name in XCB_LIBRARIES if not loads(name)]
    except Exception:  # noqa: BLE001 - the check is a courtesy: never block the window on it
        return None
    if missing:
        packages = " ".join(XCB_LIBRARIES[name] for name in missing)
        return (f"the window needs X11 libraries that this system lacks ({', '.join(missing)}); "
                f"install them (Debian/Ubuntu: sudo apt-get install {packages}), {HEADLESS}")
    display = environ.get("DISPLAY", "")
    if not display:
        return f"no display to open the window on (DISPLAY is not set): start studio in a desktop session, {HEADLESS}"
    try:
        ok = (connects or _connects)(display)
    except Exception:  # noqa: BLE001
        return None
    if not ok:
        return f"cannot connect to the X display {display!r}: is the X server running and allowed? {HEADLESS}"
    return None


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        return False


def _connects(display: str) -> bool:
    """Open and close a connection to the X server as Qt would (libxcb's xcb_connect)."""
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(conn) and xcb.xcb_connection_has_error(conn) == 0
    finally:
        if conn:
            xcb.xcb_disconnect(conn)
