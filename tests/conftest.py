"""Fixtures every test folder shares: its own STUDIO_HOME, a database in it, one torch thread,
and a main window."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KERAS_BACKEND", "torch")

import pytest


@pytest.fixture(autouse=True)
def studio_home(tmp_path, monkeypatch):
    """Every test gets its own user data directory (database, settings, downloads)."""
    home = tmp_path / "studio-home"
    monkeypatch.setenv("STUDIO_HOME", str(home))
    return home


@pytest.fixture
def database(studio_home):
    """The test's database (in its STUDIO_HOME), closed afterwards."""
    from studio.core.db import Database

    db = Database()
    yield db
    db.close()


@pytest.fixture(scope="module")
def one_torch_thread():
    """As in a kernel on a 2-core machine: one torch compute thread (faster and steadier here).
    Modules that train in-process use it: `pytestmark = pytest.mark.usefixtures("one_torch_thread")`."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def make_window(qtbot):
    """make_window(lessons=None, show=True, **kw): a MainWindow on the catalog (or `lessons`),
    without a spare kernel unless warm=True, closed with the test."""
    from studio.core.lesson import catalog
    from studio.ui.window.main_window import MainWindow

    def make(lessons=None, show=True, **kw):
        window = MainWindow(catalog() if lessons is None else lessons, **{"warm": False, **kw})
        qtbot.addWidget(window)
        if show:
            window.show()
        return window

    return make
