"""File > Open plan… keeps every behaviour of the plan the window started with: a finished run
is linked to the item ticked done, and the verdict dots are those of the new plan's items."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from studio.core.lesson import Catalog, catalog
from studio.ui.window.main_window import MainWindow

import fake_lessons

TINY = Path(__file__).parents[1] / "data" / "tiny_plan.toml"


def test_a_plan_opened_from_the_file_menu_links_runs_and_renews_the_verdicts(qtbot, tmp_path, monkeypatch):
    lessons = Catalog({**catalog().lessons, fake_lessons.COUNT.id: fake_lessons.COUNT})
    window = MainWindow(lessons, warm=False)
    qtbot.addWidget(window)
    window.show()
    before = set(window.roadmap.verdicts)
    assert before and "c" not in before  # the article's plan's items

    mine = tmp_path / "mine.toml"
    mine.write_text(TINY.read_text(encoding="utf-8").replace('id = "tiny"', 'id = "mine"', 1)
                    .replace('lesson = "torch.linear_regression"', 'lesson = "test.count"'), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(mine), ""))
    window.menus.open_plan_action.trigger()  # as the menu does: the file dialog, then the plan
    assert window.plan.id == "mine" and window.roadmap.plan is window.plan

    # the verdict dots are the new plan's: "c" needs 8 GB of GPU memory
    verdicts = set(window.roadmap.verdicts)
    assert "c" in verdicts and verdicts <= {item.id for item in window.plan.items()}
    assert window.item_view.verdicts == window.roadmap.verdicts

    view = window.show_lesson("test.count")
    view.form.set_values({"steps": 5, "delay": 0.0})
    with qtbot.waitSignal(view.run_finished, timeout=60_000) as finished:
        assert view.start()
    outcome, run = finished.args
    assert outcome.status == "done"
    assert view.history.model.rowCount() == 1  # the lesson's History tab follows the store

    window.roadmap.set_done("a", True)
    record = window.store.get("a")
    assert record.plan_id == "mine" and record.status == "done"
    assert record.run_id == run.history_id  # linked, as in the plan the window started with
    assert window.statusBar().currentMessage() == f"Done, completed by run {run.history_id}."
