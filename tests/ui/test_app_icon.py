"""The app's icon: shipped as SVG and a 256 px PNG, set on the application (so on every window)."""

import subprocess
import sys

from PySide6.QtGui import QImage

from studio.core import desktop_entry, paths


def test_the_shipped_icons_are_a_256_px_png_and_an_svg():
    png = QImage(str(paths.resources() / "icons" / desktop_entry.ICONS["256x256"]))
    assert (png.width(), png.height()) == (256, 256) and png.hasAlphaChannel()
    svg = (paths.resources() / "icons" / desktop_entry.ICONS["scalable"]).read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and 'viewBox="0 0 256 256"' in svg


def test_the_window_has_the_icon(tmp_path):
    """A real start-up (make_app, as `studio` does), in a process of its own."""
    script = ("from studio.ui.app import make_app\n"
              "from studio.core.lesson import catalog\n"
              "from studio.ui.window.main_window import MainWindow\n"
              "app = make_app()\n"
              "w = MainWindow(catalog(), warm=False)\n"
              "print(app.windowIcon().isNull(), w.windowIcon().isNull(), app.desktopFileName())\n"
              "w.close()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", desktop_entry.APP_ID]
