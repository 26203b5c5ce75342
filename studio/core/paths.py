"""Where the studio keeps the learner's files: STUDIO_HOME, or the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "zero-compute-ml-studio"


def home() -> Path:
    """The user data directory (created on first use). `STUDIO_HOME` overrides it."""
    override = os.environ.get("STUDIO_HOME")
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database() -> Path:
    return home() / "studio.sqlite3"


def datasets() -> Path:
    path = home() / "datasets"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources() -> Path:
    """The `resources/` folder shipped beside the package."""
    return Path(__file__).resolve().parents[2] / "resources"
