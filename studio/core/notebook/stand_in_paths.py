"""Where the notebook keeps files: in folders next to it (the app uses its user data folder)."""

from pathlib import Path

APP_NAME = "zero-compute-ml-studio"


def home() -> Path:
    path = Path("studio-data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database() -> Path:
    return home() / "studio.sqlite3"


def datasets() -> Path:
    path = home() / "datasets"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources() -> Path:
    """The app's resources/ folder; the notebook's data cell writes the files a lesson reads here."""
    return Path("resources")
