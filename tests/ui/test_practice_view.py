"""The Practice tab, driven as a learner would: type into the editor, run (Ctrl+Enter), see the
checks, reveal a hint and the solution, and find the code again after the window is reopened."""

import time

import psutil
from PySide6.QtCore import Qt

from studio.practice.exercise import get
from studio.ui.code_editor import CodeEditor, EditorPane

EX = "pandas.groupby/by_gender"
ANSWER = "gender_avg = df.groupby('Gender')['Score'].mean()"


def practice(window, exercise=EX):
    view = window.show_lesson(exercise.partition("/")[0])
    view.show_practice()
    view.practice.select(exercise)
    return view.practice


def type_lines(qtbot, editor, *lines):
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for line in lines:
        qtbot.keyClick(editor, Qt.Key_Return)
        qtbot.keyClicks(editor, line)


def run(qtbot, p, ctrl_enter=True):
    with qtbot.waitSignal(p.attempt_finished, timeout=90_000) as blocker:
        if ctrl_enter:
            qtbot.keyClick(p.editor, Qt.Key_Return, Qt.ControlModifier)
        else:
            assert p.start()
    return blocker.args[0]


def kernels() -> list:
    return [k for k in psutil.Process().children(recursive=True)
            if "studio.kernel" in " ".join(k.cmdline()) and k.status() != psutil.STATUS_ZOMBIE]


def test_type_run_pass_hint_solution_and_find_the_code_after_reopening(qtbot, make_window):
    window = make_window()
    p = practice(window)
    assert p.editor.code() == get(EX).starter and p.list.count() == 2
    type_lines(qtbot, p.editor, ANSWER, "print(gender_avg)")
    typed = p.editor.code()
    assert typed.endswith(f"\n{ANSWER}\nprint(gender_avg)")
    report = run(qtbot, p)
    assert report.status == "pass"
    assert p.state.text() == "Passed: all 3 checks pass."
    assert [row[0][0] for row in p.checks.rows()] == ["✓", "✓", "✓"]
    assert "85.0" in p.console.toPlainText()
    assert "passed" in p.list.item(0).text() and window.practice_progress.counts["plan"].passed == 1
    assert window.views["pandas.groupby"].run_button.isEnabled()  # the lesson's one job slot is free again

    hints = get(EX).hints
    p.hint_button.click()
    assert hints[0]["en"] in p.task.toPlainText() and hints[1]["en"] not in p.task.toPlainText()
    p.hint_button.click()
    assert hints[1]["en"].strip("`") in p.task.toPlainText() and not p.hint_button.isEnabled()
    p.solution_button.click()  # asks first (answered Yes in tests)
    assert p.code_tabs.tabText(1) == "Solution" and p.solution_view.toPlainText() == get(EX).solution
    assert p.code_tabs.currentWidget() is p.solution_view
    p.code_tabs.setCurrentIndex(0)

    type_lines(qtbot, p.editor, "# typed after the run, never run")
    window.close()

    again = make_window()
    q = practice(again)
    assert q.editor.code() == typed + "\n# typed after the run, never run"
    assert q.state.text() == "Passed: all 3 checks pass."  # the latest attempt's report
    assert q.code_tabs.tabText(1) == "Solution" and not q.hint_button.isEnabled()
    assert [a.status for a in again.attempts.attempts(EX)] == ["pass"]
    assert again.attempts.attempt(again.attempts.attempts(EX)[0].id).code == typed


def test_a_failed_check_and_an_error_marked_in_the_editor(qtbot, make_window):
    window = make_window()
    p = practice(window)
    type_lines(qtbot, p.editor, "gender_avg = df.groupby('Gender')['Score'].sum()")
    assert run(qtbot, p).status == "fail"
    assert p.state.text().startswith("Not yet: 1 of 3 checks fail.")
    failed = [row for row in p.checks.rows() if row[0].startswith("✗")]
    assert failed == [("✗  F 89.333..., M 85.0: the mean of each group's scores", "[F, M] = [89.33333333, 85]",
                       "[F, M] = [268, 425]")]
    p.editor.set_code("import pandas as pd\n\ndf = pd.DataFrame({'Score': [1]})\ngender_avg = df['Gender']\n")
    report = run(qtbot, p, ctrl_enter=False)
    assert report.status == "error" and report.error_line == 4
    assert p.editor.error_line == 4 and p.state.text().startswith("Error on line 4 (marked in the editor): KeyError")
    assert "KeyError" in p.console.toPlainText()
    qtbot.keyClicks(p.editor, " ")  # editing clears the mark
    assert p.editor.error_line is None
    assert "error" in p.list.item(0).text()


def test_stop_ends_an_endless_loop_and_its_kernel(qtbot, make_window):
    window = make_window()
    p = practice(window)
    view = window.views["pandas.groupby"]
    p.editor.set_code("n = 0\nwhile True:\n    n += 1\n")
    assert p.start()
    assert not view.run_button.isEnabled() and view.busy and not view.start()  # one job at a time
    qtbot.waitUntil(lambda: bool(kernels()), timeout=30_000)
    time.sleep(0.3)
    with qtbot.waitSignal(p.attempt_finished, timeout=15_000) as blocker:
        p.stop_button.click()
    assert blocker.args[0].status == "stopped" and p.state.text() == "Stopped."
    qtbot.waitUntil(lambda: not kernels(), timeout=10_000)
    assert view.run_button.isEnabled() and p.run_button.isEnabled()


def test_passing_every_exercise_offers_to_tick_the_roadmap_item(qtbot, make_window):
    window = make_window()
    item = next(i for i in window.plan.items() if i.lesson == "pandas.groupby")
    p = practice(window)
    p.editor.set_code(get(EX).solution)
    run(qtbot, p, ctrl_enter=False)
    assert p.offer_box.isHidden()  # one of two
    p.select("pandas.groupby/best_per_subject")
    p.editor.set_code(get("pandas.groupby/best_per_subject").solution)
    run(qtbot, p, ctrl_enter=False)
    assert p.offer_box.isVisible() and item.title["en"] in p.offer.text()
    p.offer_button.click()
    assert window.store.status(item.id) == "done" and p.offer_box.isHidden()
    counts = window.practice_progress.counts
    assert counts[item.id].text() == "2/2" and counts["plan"].passed == 2


def test_the_code_survives_a_language_switch(qtbot, make_window):
    window = make_window()
    p = practice(window)
    type_lines(qtbot, p.editor, "# mine")
    window.set_language("zh")
    try:
        q = practice(window)
        assert q is not p and q.editor.code().endswith("# mine") and q.run_button.text() == "运行并检查"
    finally:
        window.set_language("en")


def test_the_editor_indents_runs_finds_and_marks(qtbot):
    pane = EditorPane()
    qtbot.addWidget(pane)
    pane.show()
    editor: CodeEditor = pane.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "for i in range(3):")
    qtbot.keyClick(editor, Qt.Key_Return)  # auto-indent after the colon
    qtbot.keyClicks(editor, "x = i")
    qtbot.keyClick(editor, Qt.Key_Return)  # keeps the indentation
    qtbot.keyClick(editor, Qt.Key_Tab)  # four spaces
    assert editor.code() == "for i in range(3):\n    x = i\n        "
    qtbot.keyClick(editor, Qt.Key_Backtab)
    assert editor.code().endswith("\n    ")
    with qtbot.waitSignal(editor.run_requested, timeout=1000):
        qtbot.keyClick(editor, Qt.Key_Return, Qt.ControlModifier)
    qtbot.keyClick(editor, Qt.Key_F, Qt.ControlModifier)
    assert pane.find_bar.isVisible()
    qtbot.keyClicks(pane.find_box, "x = ")
    assert editor.textCursor().selectedText() == "x = " and editor.textCursor().blockNumber() == 1
    qtbot.keyClicks(pane.find_box, "nowhere")
    assert pane.find_status.text() == "not found"
    editor.mark_line(2)
    assert editor.error_line == 2 and editor.extraSelections() and editor.numbers_width() > 0
    editor.set_code("y = 1\n")
    qtbot.keyClick(editor, Qt.Key_Z, Qt.ControlModifier)  # a reset can be undone
    assert editor.code().startswith("for i in range(3):")
