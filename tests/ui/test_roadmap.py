"""The roadmap in the window: tick items, restart, and everything is back; search, what next,
import, a corrupt database, File > Open plan… with errors, and the item page."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from studio.core import paths
from studio.core.db import Database
from studio.core.lesson import catalog
from studio.core.plan import check_plan_file, default_plan_path, load_plan
from studio.core.progress import ProgressStore
from studio.ui import plan_dialogs
from studio.ui.item_view import ItemView
from studio.ui.roadmap_view import RoadmapView
from studio.ui.window.main_window import MainWindow

TINY = Path(__file__).parents[1] / "data" / "tiny_plan.toml"


@pytest.fixture
def no_modals(monkeypatch):
    """Dialogs record what they would have shown instead of blocking the test."""
    shown = []
    monkeypatch.setattr(plan_dialogs.PlanErrorDialog, "exec", lambda self: shown.append(self.lines) or 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    return shown


def make_window(qtbot, **kw) -> MainWindow:
    window = MainWindow(catalog(), warm=False, **kw)
    qtbot.addWidget(window)
    window.show()
    return window


def row_state(view: RoadmapView, item_id: str) -> tuple[bool, str]:
    return view.is_checked(item_id), view.store.status(item_id)


def figures(view: RoadmapView) -> list[str]:
    """Every progress text the view shows: phase rows, phase panel, plan line."""
    out = [view.model.phase_index(p.id).siblingAtColumn(1).data() for p in view.plan.phases]
    out += [view._phase_widgets[p.id][2].text() for p in view.plan.phases]
    return out + [view.plan_label.text()]


def test_tick_items_restart_and_everything_is_back(qtbot):
    window = make_window(qtbot)
    view = window.roadmap
    # the checkbox
    view.set_done("numpy-array-basics", True)
    assert row_state(view, "numpy-array-basics") == (True, "done")
    # the keys: L learning, S skipped, Space toggles done, T todo
    view.select_item("python-list-basics")
    qtbot.keyClick(view.tree, Qt.Key_L)
    assert view.store.status("python-list-basics") == "learning"
    view.select_item("matrix-by-hand")
    qtbot.keyClick(view.tree, Qt.Key_S)
    assert view.store.status("matrix-by-hand") == "skipped"
    view.select_item("numpy-reshape")
    qtbot.keyClick(view.tree, Qt.Key_Space)
    assert row_state(view, "numpy-reshape") == (True, "done")
    qtbot.keyClick(view.tree, Qt.Key_Space)
    assert row_state(view, "numpy-reshape") == (False, "todo")
    qtbot.keyClick(view.tree, Qt.Key_Space)
    # the context menu
    menu = view.status_menu("bert-finetune")
    [learning] = [a for a in menu.actions() if a.data() == "learning"]
    learning.trigger()
    assert view.store.status("bert-finetune") == "learning"
    # a note, typed on the item page, saved after the pause
    view.select_item("pandas-csv")
    assert window.item_view.item.id == "pandas-csv"
    qtbot.keyClicks(window.item_view.notes, "idxmax finds the oldest")
    qtbot.waitUntil(lambda: view.store.note("pandas-csv") == "idxmax finds the oldest", timeout=3000)
    assert not window.item_view.note_pending
    # the status buttons on the item page
    window.item_view.status_buttons["done"].click()
    assert row_state(view, "pandas-csv") == (True, "done")
    progress = view.store.progress(view.plan)
    assert (progress.total.done, progress.total.skipped, progress.total.learning) == (3, 1, 2)
    before = figures(view)
    assert view.plan_label.text().startswith("<b>Plan</b>: done 3/")
    window.close()

    # "restart": a new window on the same database
    again = make_window(qtbot)
    view2 = again.roadmap
    assert view2.store is not view.store
    for item_id, expected in [("numpy-array-basics", (True, "done")), ("python-list-basics", (False, "learning")),
                              ("matrix-by-hand", (False, "skipped")), ("numpy-reshape", (True, "done")),
                              ("bert-finetune", (False, "learning")), ("pandas-csv", (True, "done"))]:
        assert row_state(view2, item_id) == expected, item_id
    assert figures(view2) == before
    view2.select_item("pandas-csv")
    assert again.item_view.notes.toPlainText() == "idxmax finds the oldest"
    record = view2.store.get("pandas-csv")
    assert record.started and record.finished and "Finished" in again.item_view.dates.text()


def test_search_filters_the_tree(qtbot):
    window = make_window(qtbot)
    view = window.roadmap
    everything = view.visible_item_ids()
    assert len(everything) == len(view.plan.items())
    view.search.setText("bert")
    shown = view.visible_item_ids()
    assert "bert-finetune" in shown and "numpy-array-basics" not in shown
    assert set(shown) == {i.id for i in view.plan.items() if i.matches("bert")}
    assert view.match_label.isVisible() or not view.isVisible()
    view.search.setText("矩阵")  # Chinese text matches too, whatever the language shown
    assert "numpy-matrix-ops" in view.visible_item_ids()
    view.search.setText("no such words anywhere")
    assert view.visible_item_ids() == [] and view.match_label.text() == "No item matches."
    assert view.model.rowCount() == 0  # no phase, no topic left in the tree
    view.search.clear()
    assert view.visible_item_ids() == everything


def test_what_next_moves(qtbot):
    window = make_window(qtbot)
    view = window.roadmap
    first, second, third = [i.id for i in view.plan.items()[:3]]
    with qtbot.waitSignal(view.item_selected) as sig:
        view.next_button.click()
    assert sig.args == [first] and view.current_item_id() == first
    assert window.item_view.item.id == first
    view.store.set_status(first, "done")
    view.store.set_status(second, "skipped")
    view.store.set_status(third, "learning")  # learning is not finished: it is next
    assert view.go_next().id == third and view.current_item_id() == third
    view.store.set_status(third, "done")
    view.search.setText("bert")  # the next item is filtered out: the search is cleared to show it
    nxt = view.go_next()
    assert nxt.id == view.plan.items()[3].id and view.search.text() == ""
    assert nxt.title["en"] in view.next_button.toolTip()


def test_lesson_items_open_their_lesson(qtbot):
    window = make_window(qtbot)
    view = window.roadmap
    with qtbot.waitSignal(view.lesson_requested) as sig:
        view.select_item("torch-linear-regression")
        qtbot.keyClick(view.tree, Qt.Key_Return)
    assert sig.args == ["torch.linear_regression"]
    # selecting a lesson item shows its page above its lesson; a reading item only its page
    assert window.current_lesson_id() == "torch.linear_regression"
    assert window.stack.isVisible() and window.item_view.isVisible()
    view.select_item("pytorch-overview")
    assert not window.stack.isVisible() and window.item_view.item.id == "pytorch-overview"
    # a lesson that is not written yet cannot be opened, and says so
    view.select_item("sklearn-iris-svc")
    if "sklearn.iris_svc" not in catalog().ids():
        with qtbot.assertNotEmitted(view.lesson_requested):
            qtbot.keyClick(view.tree, Qt.Key_Return)
        assert "not written yet" in window.item_view.lesson_note.text()
        assert not window.item_view.lesson_button.isVisibleTo(window.item_view)


def test_import_merges_and_the_views_follow(qtbot, tmp_path, no_modals, monkeypatch):
    window = make_window(qtbot)
    view = window.roadmap
    view.store.set_status("os-setup", "done")
    view.store.set_status("local-tools", "learning")
    # progress made elsewhere, later
    later = time.time() + 60  # a minute ahead, as another machine's clock may be
    other = ProgressStore(Database(tmp_path / "laptop.sqlite3"), "zero-compute", clock=lambda: later)
    other.set_status("local-tools", "done")
    other.set_status("kaggle", "skipped")
    other.set_note("kaggle", "no account yet")
    path = tmp_path / "laptop.json"
    other.export(path)
    view.select_item("kaggle")
    report = window.import_progress(path)
    assert report.line() == "1 added, 1 updated, 0 kept (newer here), 0 unchanged"
    assert no_modals == [report.line()]
    assert row_state(view, "local-tools") == (True, "done")
    assert row_state(view, "os-setup") == (True, "done")
    assert view.store.status("kaggle") == "skipped"
    assert window.item_view.notes.toPlainText() == "no account yet"  # the open item follows
    assert window.item_view.status_buttons["skipped"].isChecked()
    assert view.plan_label.text().startswith("<b>Plan</b>: done 2/") and "skipped 1 (" in view.plan_label.text()
    # export from the window: a file the CLI and other machines read
    out = tmp_path / "back.json"
    assert window.export_progress(out) == 3
    assert {r["item"] for r in json.loads(out.read_text(encoding="utf-8"))["records"]} == {
        "os-setup", "local-tools", "kaggle"}
    # a broken file is refused with a message, nothing changes
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a[2])))
    assert window.import_progress(bad) is None
    assert "invalid JSON" in warnings[0]
    assert view.store.status("kaggle") == "skipped"


def test_a_corrupt_database_is_moved_aside_and_reported(qtbot):
    first = make_window(qtbot)
    first.roadmap.store.set_status("os-setup", "done")
    first.db.conn.execute("INSERT INTO settings (key, value) VALUES ('marker', 'a-page-of-its-own')")
    first.close()
    first.db.close()
    data = bytearray(paths.database().read_bytes())  # one damaged page, not the progress table's
    size = int.from_bytes(data[16:18], "big")
    page = data.index(b"a-page-of-its-own") // size
    data[page * size:(page + 1) * size] = b"\xa5" * size
    paths.database().write_bytes(bytes(data))
    window = make_window(qtbot)
    moved = window.store.recovered_from
    assert moved is not None and moved.exists() and "corrupt-" in moved.name
    banner = window.roadmap.banner
    assert banner.isVisible() and str(moved) in banner.text()
    assert "Recovered 1 record(s) from it; 1 could not be read." in banner.text()  # the progress; the marker
    assert str(moved) in window.statusBar().currentMessage()
    assert "Recovered 1 record(s) into the new one; 1 could not be read." in window.statusBar().currentMessage()
    assert window.roadmap.store.status("os-setup") == "done"  # recovered into a fresh database...
    window.roadmap.set_done("kaggle", True)  # ...that works
    assert window.roadmap.store.status("kaggle") == "done"


def test_open_plan_with_errors_keeps_the_current_plan(qtbot, tmp_path, no_modals):
    window = make_window(qtbot)
    window.roadmap.store.set_status("os-setup", "done")
    bad = tmp_path / "bad.toml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace('kind = "reading"', 'kind = "lecture"'),
                   encoding="utf-8")
    assert window.open_plan(bad) is None
    assert no_modals == [list(check_plan_file(bad, catalog().ids()).lines)]  # as `plan check` prints
    assert "unknown kind 'lecture'" in no_modals[0][0]
    assert window.plan.id == "zero-compute" and window.roadmap.plan.id == "zero-compute"
    assert row_state(window.roadmap, "os-setup") == (True, "done")
    # a good plan opens, with its own progress
    plan = window.open_plan(TINY)
    assert plan.id == "tiny" and window.roadmap.plan is plan and window.item_view.plan is plan
    assert set(window.roadmap.visible_item_ids()) == {"a", "b", "c"}
    window.roadmap.set_done("a", True)
    assert ProgressStore(Database(paths.database()), "tiny").status("a") == "done"
    assert ProgressStore(Database(paths.database()), "zero-compute").status("os-setup") == "done"
    window.close()
    # the next start opens the plan opened last
    assert make_window(qtbot).plan.id == "tiny"


def test_item_page(qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    plan = load_plan(default_plan_path(), catalog().ids())
    store = ProgressStore(Database(), plan.id)
    page = ItemView(plan, store)
    qtbot.addWidget(page)
    page.show()
    page.show_item("bert-finetune")
    assert page.needs.isVisibleTo(page) and "8 GB" in page.needs.text()
    assert page.warnings.isVisibleTo(page) and "untrimmed GPT-2 or BERT-base" in page.warnings.text()
    assert "about 20 h" in page.meta.text() and "GPU / cloud" in page.meta.text()
    assert "huggingface.co" in page.markdown(plan.item("bert-finetune"))
    assert page.open_link(QUrl("https://huggingface.co/docs/transformers/model_doc/bert"))
    with qtbot.waitSignal(page.link_refused):
        assert not page.open_link(QUrl("file:///etc/passwd"))
    assert not page.open_link(QUrl("javascript:alert(1)"))
    assert opened == ["https://huggingface.co/docs/transformers/model_doc/bert"]
    page.show_item("course-d2l")  # a resource with one address per language
    assert "https://d2l.ai/" in page.markdown(plan.item("course-d2l"))
    assert not page.needs.isVisibleTo(page) and not page.warnings.isVisibleTo(page)
    # a note left mid-typing is saved when another item is shown
    qtbot.keyClicks(page.notes, "chapter 3")
    assert page.note_pending
    page.show_item("colab")
    assert store.note("course-d2l") == "chapter 3" and not page.note_pending
    # a late-stage practice item names the lesson to do first, and opens it
    assert page.lesson_button.isVisibleTo(page) and page.lesson_button.text() == "Start with the lesson late.cnn"
    with qtbot.waitSignal(page.lesson_requested) as sig:
        page.lesson_button.click()
    assert sig.args == ["late.cnn"]
    page.show_item("sklearn-iris-svc")
    assert page.lesson_button.text() == "Open the lesson"


def test_chinese_content(qtbot):
    from studio.core.text import set_language

    set_language("zh")
    try:
        plan = load_plan(default_plan_path(), catalog().ids())
        view = RoadmapView(plan, ProgressStore(Database(), plan.id))
        qtbot.addWidget(view)
        assert view.model.phase_index("early").data().startswith("前期")
        assert view.title.text() == "机器学习快速入门--0算力起步实践篇"
        assert "普通电脑" in view._phase_widgets["early"][0].text()
    finally:
        set_language("en")
