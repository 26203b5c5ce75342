"""The app's QSettings, kept in the user data directory (so STUDIO_HOME isolates tests)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from studio.core import paths


def settings() -> QSettings:
    return QSettings(str(paths.home() / "settings.ini"), QSettings.IniFormat)
