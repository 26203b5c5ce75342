"""Home: the window opens on it, Continue lands where the learner left off, time is logged."""

import json

from studio.cli import main
from studio.core.lesson import catalog
from studio.core.study import home
from studio.ui.window.main_window import MainWindow


def _window(qtbot, **kw):
    window = MainWindow(catalog(), warm=False, **kw)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_opens_on_home_and_continue_lands_on_the_last_lesson(qtbot):
    first = _window(qtbot)
    assert first.pages.currentWidget() is first.companion.view
    assert first.companion.view.continue_button.text() == "Start with the first item"
    first.show_lesson("sklearn.iris_svc")
    first.close()

    again = _window(qtbot, db=first.db)  # the next start
    assert again.pages.currentWidget() is again.companion.view
    button = again.companion.view.continue_button
    assert button.text() == "Continue: " + again.companion.title("lesson", "sklearn.iris_svc")
    button.click()
    assert again.current_lesson_id() == "sklearn.iris_svc" and again.pages.currentWidget() is again.central
    again.show_home()  # View > Home
    assert again.pages.currentWidget() is again.companion.view


def test_a_new_weekly_goal_re_plans_at_once(qtbot):
    window = _window(qtbot)
    view = window.companion.view
    before = view.home.at_goal.finish
    view.goal.setValue(12.0)
    view.goal.editingFinished.emit()
    assert home.weekly_goal(window.db) == 12.0
    assert view.home.goal_hours == 12.0 and view.home.at_goal.finish < before


def test_the_item_page_shows_and_edits_its_time(qtbot):
    window = _window(qtbot)
    window.show_item("numpy-array-basics")
    window.edit_study_time("numpy-array-basics", 1.5)
    assert "studied 1.5 h of" in window.item_view.dates.text()
    window.show_home()
    assert window.companion.view.home.studied["plan"] == 1.5 * 3600


def test_studio_home_and_progress_time(capsys):
    assert main(["progress", "time", "numpy-array-basics", "3"]) == 0
    assert main(["progress", "time", "numpy-array-basics", "lots"]) == 2
    assert main(["progress", "time", "no-such-item", "3"]) == 2
    capsys.readouterr()
    assert main(["progress", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert items["numpy-array-basics"]["hours_studied"] == 3.0
    assert main(["home", "--json", "--goal", "3"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["week"]["goal"] == 3.0 and facts["studied_hours"]["plan"] == 3.0
    assert facts["projection"]["at_goal"]["source"] == "goal" and len(facts["next"]) == 3
    assert facts["pc"]["items"] > 0
    assert main(["home", "--goal", "500"]) == 2
