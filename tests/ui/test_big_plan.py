"""A large plan opens in time that grows with its size, not its square; a plan that fails or
whose start never finished is not opened again; `studio --plan FILE` opens the window on it.
(The 100,000-item timings: tests/benchmarks/bench_big_plan.py and the README.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from plan_factory import big_plan_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from studio.core import plan as plan_module
from studio.core.lesson import catalog
from studio.core.plan import load_plan
from studio.ui.app import main as app_main
from studio.ui.settings import settings
from studio.ui.window.main_window import MainWindow

TINY = Path(__file__).parents[1] / "data" / "tiny_plan.toml"


class CountedItems(tuple):
    """A topic's items that count how often anything walks over them."""

    walks = 0

    def __iter__(self):
        CountedItems.walks += 1
        return super().__iter__()


def test_start_up_walks_each_topic_a_fixed_number_of_times(qtbot, tmp_path, monkeypatch, make_window):
    """Before the plan was indexed, each item's verdict looked the item up by walking the whole
    plan: 5,000 items made 5,000 walks of every topic (20,000 items took 43 s to start)."""
    path = tmp_path / "big.toml"
    path.write_text(big_plan_text(5_000), encoding="utf-8")
    real_topic = plan_module.Topic
    monkeypatch.setattr(plan_module, "Topic", lambda i, t, items, s=None: real_topic(i, t, CountedItems(items), s))
    s = settings()
    s.setValue("plan/path", str(path))
    s.sync()
    CountedItems.walks = 0
    window = make_window()  # opens the plan saved last time
    qtbot.wait(10)
    topics = sum(len(p.topics) for p in window.plan.phases)
    assert window.plan.id == "big" and len(window.plan.items()) == 5_000
    assert CountedItems.walks <= 10 * topics, f"{CountedItems.walks} walks over {topics} topics"
    # a click on an item recounts the progress once, not once per item
    CountedItems.walks = 0
    window.roadmap.select_item("i4321")
    window.roadmap.set_done("i4321", True)
    assert window.roadmap.store.status("i4321") == "done" and window.roadmap.is_checked("i4321")
    assert CountedItems.walks <= 5 * topics


def test_clicking_an_items_checkbox_marks_it_done(qtbot):
    window = MainWindow(catalog(), warm=False, plan=load_plan(TINY, catalog().ids()))
    qtbot.addWidget(window)
    window.show()
    tree = window.roadmap.tree
    index = window.roadmap.model.index_of("a")
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    box = rect.left() + tree.style().pixelMetric(tree.style().PixelMetric.PM_IndicatorWidth) // 2 + 4
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=QPoint(box, rect.center().y()))
    assert window.roadmap.store.status("a") == "done" and window.roadmap.is_checked("a")


def _saved_plan(path: str | Path, opening: bool) -> None:
    s = settings()
    s.setValue("plan/path", str(path))
    if opening:
        s.setValue("plan/opening", str(path))
    s.sync()


def test_a_plan_whose_start_never_finished_is_not_opened_again(qtbot, make_window):
    _saved_plan(TINY.resolve(), opening=True)  # the learner gave up on that start (it hung)
    window = make_window()
    assert window.plan.id == "zero-compute"  # the article's plan
    said = window.roadmap.banner.text()
    assert "was not opened again: the last start with it did not finish" in said and str(TINY.resolve()) in said
    assert window.roadmap.banner.isVisible() and str(TINY.resolve()) in window.statusBar().currentMessage()
    assert settings().value("plan/path", "") == ""  # asked for again only through File > Open plan…
    # a start that finishes is remembered, and its plan opens next time
    window.open_plan(TINY)
    assert settings().value("plan/opening", "") == ""
    window.close()
    again = make_window(show=False)
    assert again.plan.id == "tiny"


def test_a_saved_plan_that_no_longer_checks_opens_the_articles_and_says_so(qtbot, tmp_path, make_window):
    bad = tmp_path / "bad.toml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace('kind = "reading"', 'kind = "lecture"'),
                   encoding="utf-8")
    _saved_plan(bad, opening=False)
    window = make_window()
    assert window.plan.id == "zero-compute"
    assert f"The plan {bad} was not opened again: it has 1 error(s) now" in window.roadmap.banner.text()
    assert settings().value("plan/path", "") == ""


def test_studio_plan_opens_the_window_on_that_plan(tmp_path, studio_home):
    png = tmp_path / "tiny.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "studio", "--plan", str(TINY), "--screenshot", str(png)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not QImage(str(png)).isNull()
    assert settings().value("plan/path", "") == str(TINY.resolve())  # as File > Open plan… does
    window = MainWindow(catalog(), warm=False)  # the next start opens it again
    assert window.plan.id == "tiny"
    window.close()


def test_studio_plan_with_errors_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    assert app_main(["--plan", str(bad), "--screenshot", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"studio: error: {bad} is not a valid plan (2 errors); `studio plan check {bad}` lists them"]
    assert not (tmp_path / "x.png").exists()


def test_bad_window_options_are_one_line_and_exit_2(tmp_path, capsys):
    """`--size abc` was a ValueError traceback; `--at -5` and `--at nan` passed silently."""
    shot = str(tmp_path / "x.png")
    size = "--size expects WIDTHxHEIGHT in pixels, each 200-16384 (like 1500x940), got "
    for args, message in [
        (["--size", "abc"], size + "'abc'"),
        (["--size", "10x99999"], size + "'10x99999'"),
        (["--run", "--at", "-5"], "--at expects a number of seconds greater than 0, got -5"),
        (["--run", "--at", "nan"], "--at expects a number of seconds greater than 0, got nan"),
    ]:
        assert app_main([*args, "--screenshot", shot]) == 2
        assert capsys.readouterr().err.splitlines() == [f"studio: error: {message}"]
    assert not (tmp_path / "x.png").exists()
