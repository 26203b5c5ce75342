"""How an attempt's report shows: a verdict line and one row per check (what it checks, what it
expected, what it found), in the UI's language."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser

from studio.core.text import pick
from studio.core.units import size
from studio.practice.report import Report
from studio.ui import palette

translate = QCoreApplication.translate
COLOURS = {"pass": palette.GREEN, "fail": palette.RED, "error": palette.RED, "timeout": palette.AMBER,
           "check_error": palette.PURPLE, "not_attempted": palette.GREY, "stopped": palette.GREY,
           "interrupted": palette.GREY}
MARKS = {True: ("✓", palette.GREEN), False: ("✗", palette.RED), None: ("⚠", palette.PURPLE)}


def status_names() -> dict[str, str]:
    return {"pass": translate("Practice", "passed"), "fail": translate("Practice", "failed"),
            "error": translate("Practice", "error"), "not_attempted": translate("Practice", "not attempted"),
            "timeout": translate("Practice", "timeout"), "check_error": translate("Practice", "check broken"),
            "stopped": translate("Practice", "stopped"), "interrupted": translate("Practice", "interrupted"),
            "running": translate("Practice", "running")}


def verdict(report: Report, solution_seen: bool = False) -> str:
    """One or two sentences: how the attempt went and what to do next."""
    n, ok = len(report.checks), report.passed_count
    ending, detail, status = report.detail.get("ending"), report.detail, report.status
    if status == "pass":
        text = translate("Practice", "Passed: all {n} checks pass.").format(n=n)
        return text + (" " + translate("Practice", "(after seeing the solution)") if solution_seen else "")
    if status == "fail":
        return translate("Practice", "Not yet: {failed} of {n} checks fail. Each says what it expected and "
                                     "what it found.").format(failed=n - ok, n=n)
    if status == "error" and ending == "out_of_memory":
        return translate("Practice", "Out of memory: your code reached {peak}, over the limit of {limit}. "
                                     "The app is fine.").format(peak=_mb(detail.get("peak_rss_mb")),
                                                                 limit=_mb(detail.get("memory_limit_mb")))
    if status == "error" and ending == "crashed":
        return translate("Practice", "Your code's process crashed ({exit}); the app is fine. Its last output "
                                     "is in the console.").format(exit=detail.get("exit", "?"))
    if status == "error":
        last = report.error.strip().splitlines()[-1] if report.error.strip() else "?"
        if report.error_line:
            return translate("Practice", "Error on line {line} (marked in the editor): {error}").format(
                line=report.error_line, error=last)
        return translate("Practice", "Error: {error}").format(error=last)
    if status == "timeout":
        return translate("Practice", "Timeout: your code ran longer than {s} s and was stopped. An endless "
                                     "loop?").format(s=f"{float(detail.get('timeout_s') or report.seconds):g}")
    if status == "not_attempted":
        return translate("Practice", "This is still the starter code: change it, then run it again.")
    if status == "check_error":
        return translate("Practice", "The check itself could not run: a bug of this exercise, not yours. "
                                     "Details in the console.")
    if status == "stopped":
        return translate("Practice", "Stopped.")
    return status_names().get(status, status)


def _mb(mb) -> str:
    return size(mb * 2**20) if mb is not None else "?"


class CheckList(QTextBrowser):
    """One row per check: a mark, what it checks, what it expected and what it found (a broken
    check: that it could not run); an HTML table, so long texts wrap."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, str, str]] = []

    def show_report(self, report: Report | None) -> None:
        self._rows = []
        cells = []
        for c in report.checks if report is not None else ():
            mark, colour = MARKS[c.passed]
            found = pick(c.found) if c.passed is not None else self.tr("the check could not run")
            self._rows.append((f"{mark}  {pick(c.text)}", pick(c.expected), found))
            cells.append(f'<tr><td style="color:{colour}; font-weight:bold">{mark}</td>'
                         f'<td>{_html(pick(c.text))}</td><td>{_html(pick(c.expected))}</td>'
                         f'<td style="color:{colour}">{_html(found)}</td></tr>')
        if not cells:
            self.clear()
            return
        head = "".join(f"<th align=left>{_html(t)}</th>" for t in ("", self.tr("Check"), self.tr("Expected"),
                                                                      self.tr("Found")))
        self.setHtml(f'<table width="100%" cellspacing="0" cellpadding="4"><tr>{head}</tr>{"".join(cells)}</table>')

    def rows(self) -> list[tuple[str, str, str]]:
        return list(self._rows)


def _html(text: str) -> str:
    """Escaped, with `code` spans in a fixed font."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
