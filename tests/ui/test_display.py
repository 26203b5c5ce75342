"""Without a usable display, `studio` says in one line what is missing instead of Qt's plugin dump."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from studio.ui.display import XCB_LIBRARIES, display_problem

ALL = {"DISPLAY": ":0"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb platform is Linux's")
def test_studio_without_a_display_is_one_line_and_exit_2(studio_home):
    """Before: Qt's plugin dump (naming only libxcb-cursor0), then an abort."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "studio"], capture_output=True, text=True, env=env, timeout=120)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("studio: error: ") and "qt.qpa" not in done.stderr
    assert "sudo apt-get install" in lines[0] or "DISPLAY is not set" in lines[0]


def test_missing_libraries_are_named_with_their_packages():
    lacking = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    problem = display_problem(ALL, "linux", loads=lambda name: name not in lacking, connects=lambda d: True)
    assert "(libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1)" in problem
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in problem


def test_no_display_and_an_unreachable_one():
    assert "DISPLAY is not set" in display_problem({}, "linux", loads=lambda n: True)
    assert "cannot connect to the X display ':9'" in display_problem(
        {"DISPLAY": ":9"}, "linux", loads=lambda n: True, connects=lambda d: False)


@pytest.mark.parametrize("environ, platform", [
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),  # --screenshot and the tests
    ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),  # a Wayland session: Qt takes its platform
    ({}, "win32"),
    ({}, "darwin"),
])
def test_it_never_blocks_another_platform(environ, platform):
    assert display_problem(environ, platform, loads=lambda n: False, connects=lambda d: False) is None


def test_a_working_display_or_a_broken_check_is_never_blocked():
    assert display_problem(ALL, "linux", loads=lambda n: True, connects=lambda d: True) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", **ALL}, "linux", loads=lambda n: True,
                           connects=lambda d: True) is None

    def broken(_name):
        raise RuntimeError("ctypes is not usable here")

    assert display_problem(ALL, "linux", loads=broken) is None
    assert display_problem(ALL, "linux", loads=lambda n: True, connects=broken) is None
    assert set(XCB_LIBRARIES.values()) >= {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"}
