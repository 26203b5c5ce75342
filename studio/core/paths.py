"""Where the studio keeps the learner's files (STUDIO_HOME, or the platform's user data dir) and
where it finds the files it ships (plans, data, translations, icons)."""

from __future__ import annotations

import importlib.resources
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


def shipped(folder: str) -> Path:
    """A folder the app ships, `"resources"` or `"plans"`: the package `studio._resources` or
    `studio._plans` (setup.py maps the repository's top-level folders to them), on disk in an
    editable install (the folder itself) and in a wheel (its copy under studio/) alike."""
    return Path(str(importlib.resources.files(f"studio._{folder}")))


def resources() -> Path:
    """Data files, translations and icons shipped with the app."""
    return shipped("resources")


def plans() -> Path:
    """The roadmap files shipped with the app."""
    return shipped("plans")
