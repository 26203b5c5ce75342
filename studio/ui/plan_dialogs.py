"""File > Open plan…, Export progress…, Import progress…: file dialogs and their reports.

Each action is a function taking an optional path (tests and scripts skip the file dialog).
A plan that does not check shows its errors exactly as `studio plan check` prints them, and
the caller keeps the plan it had.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.core.plan import Plan, check_plan_file, plans_dir
from studio.core.progress import ProgressError, ProgressStore


class PlanErrorDialog(QDialog):
    """The errors of a plan file, as `studio plan check` prints them."""

    def __init__(self, path: str, lines: list[str] | tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.lines = list(lines)
        self.setWindowTitle(self.tr("This plan cannot be opened"))
        self.resize(760, 360)
        intro = QLabel(self.tr("{path} has errors. The current plan stays open.").format(path=path))
        intro.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(self.lines))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def open_plan(parent: QWidget | None, known_lessons, path: str | Path | None = None) -> Plan | None:
    """Ask for a plan file (unless `path`), check it; the new Plan, or None (errors shown)."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            parent, QCoreApplication.translate("PlanDialogs", "Open plan"), str(plans_dir()),
            QCoreApplication.translate("PlanDialogs", "Learning plans (*.toml);;All files (*)"))
        if not path:
            return None
    result = check_plan_file(path, known_lessons)
    if not result.ok:
        PlanErrorDialog(str(path), result.lines, parent).exec()
        return None
    return result.plan


def export_progress(parent: QWidget | None, store: ProgressStore, path: str | Path | None = None) -> int | None:
    """Write all progress to a JSON file; the number of records, or None when cancelled/failed."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("PlanDialogs", "Export progress"), "progress.json",
            QCoreApplication.translate("PlanDialogs", "JSON (*.json)"))
        if not path:
            return None
    try:
        count = store.export(path)
    except OSError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("PlanDialogs", "Export progress"), str(exc))
        return None
    return count


def import_progress(parent: QWidget | None, store: ProgressStore, path: str | Path | None = None):
    """Merge a JSON progress file and report what changed; the ImportReport, or None."""
    title = QCoreApplication.translate("PlanDialogs", "Import progress")
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            parent, title, "", QCoreApplication.translate("PlanDialogs", "JSON (*.json);;All files (*)"))
        if not path:
            return None
    try:
        report = store.import_file(path)
    except ProgressError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    box = QMessageBox(QMessageBox.Information, title, report.line(), QMessageBox.Ok, parent)
    if len(report.lines()) > 1:
        box.setDetailedText("\n".join(report.lines()[1:]))
    box.exec()
    return report
