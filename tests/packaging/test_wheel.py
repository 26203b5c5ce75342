"""The app as a user installs it: a wheel in a fresh venv, run from a folder that is not the repo.

The wheel is built from a copy of the source tree (a `build/` folder left in the repo could
otherwise add modules that no longer exist). The fresh venv gets no packages of its own but
the wheel: a .pth file lends it this venv's site-packages (numpy, torch, PySide6...) so nothing
is downloaded. Lines of a .pth only add folders to sys.path, they do not run the .pth files in
them, so this venv's editable install of the project is not among what is lent: the `studio`
found is the wheel's (checked below).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".ruff_cache", ".hypothesis", "out")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=SKIP)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(source)],
                   check=True, cwd=root)
    (built,) = (root / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The fresh venv's bin/ folder, with the wheel installed."""
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "lent-from-project-venv.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    return python.parent


def studio(bin_dir: Path, *args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([bin_dir / "studio", *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, **(env or {})})


def test_the_wheel_has_a_console_studio_and_a_gui_studio_gui(wheel):
    with zipfile.ZipFile(wheel) as z:
        (entry_points,) = [n for n in z.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = z.read(entry_points).decode()
        names = set(z.namelist())
    console, gui = text.split("[gui_scripts]")
    assert "studio = studio.__main__:main" in console and "studio-gui" not in console
    assert "studio-gui = studio.__main__:gui" in gui
    assert {"studio/_plans/zero-compute.toml", "studio/_resources/data/boston_house_prices.csv",
            "studio/_resources/i18n/studio_zh_CN.qm", "studio/_resources/icons/zero-compute-ml-studio.png",
            "studio/_resources/zero-compute-ml-studio.desktop"} <= names


def test_the_installed_app_works_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    python = installed / "python"
    where = subprocess.run(
        [python, "-c", "import studio; from studio.core import paths, plan; "
                       "print(studio.__file__); print(paths.resources()); print(plan.default_plan_path())"],
        capture_output=True, text=True, check=True, cwd=elsewhere).stdout.split()
    venv_root = installed.parent
    assert all(Path(p).is_relative_to(venv_root) for p in where), where  # the wheel's, not the repo's
    resources, shipped_plan = Path(where[1]), Path(where[2])
    assert (resources / "data" / "boston_house_prices.csv").is_file() and shipped_plan.is_file()

    listed = studio(installed, "lessons", cwd=elsewhere)
    assert listed.returncode == 0, listed.stderr
    assert "sklearn.boston_housing" in listed.stdout

    checked = studio(installed, "plan", "check", str(shipped_plan), cwd=elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    run = studio(installed, "run", "sklearn.boston_housing", "--json", cwd=elsewhere)
    assert run.returncode == 0, run.stdout + run.stderr
    out = json.loads(run.stdout)
    assert out["status"] == "done" and out["lesson"] == "sklearn.boston_housing"

    shot = studio(installed, "--screenshot", "out.png", "--lang", "zh", cwd=elsewhere)
    assert shot.returncode == 0, shot.stderr
    assert (elsewhere / "out.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_installed_app_finds_its_translations_and_desktop_entry(installed, tmp_path):
    chinese = subprocess.run(
        [installed / "python", "-c",
         "from PySide6.QtCore import QCoreApplication\n"
         "from PySide6.QtWidgets import QApplication\n"
         "from studio.ui import i18n\n"
         "app = QApplication([])\n"
         "i18n.install(app, 'zh')\n"
         "print(QCoreApplication.translate('MainWindow', 'Zero-Compute ML Studio'))\n"],
        capture_output=True, text=True, check=True, cwd=tmp_path, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert chinese.stdout.strip() == "零算力机器学习工作室"

    data_home = tmp_path / "xdg"
    entry = studio(installed, "--install-desktop-entry", cwd=tmp_path, env={"XDG_DATA_HOME": str(data_home)})
    if not sys.platform.startswith("linux"):
        assert entry.returncode == 2 and "Linux" in entry.stderr
        return
    assert entry.returncode == 0, entry.stderr
    desktop = (data_home / "applications" / "zero-compute-ml-studio.desktop").read_text()
    assert f"Exec={installed / 'python'} -m studio" in desktop.splitlines()
    assert (data_home / "icons/hicolor/256x256/apps/zero-compute-ml-studio.png").stat().st_size > 0
