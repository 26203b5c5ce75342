"""The lesson view's "Export notebook…" button: the lesson as a Jupyter notebook for Colab/Kaggle."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from studio.core import notebook
from studio.core.lesson import LessonError


class ExportNotebookButton(QPushButton):
    exported = Signal(str)  # the written path

    def __init__(self, lesson, params: Callable[[], dict] | None = None, folder: Path | None = None, parent=None):
        """`params()` gives the form's current values (the notebook's run cell uses them)."""
        super().__init__(parent)
        self.lesson = lesson
        self.params = params or (lambda: {})
        self.folder = folder or Path.home()
        self.setText(self.tr("Export notebook…"))
        self.setToolTip(self.tr("Save this lesson as a Jupyter notebook that runs in Colab or Kaggle "
                                "(free GPUs) without this app"))
        self.clicked.connect(self.export)

    def export(self) -> str | None:
        suggested = str(self.folder / (self.lesson.id.replace(".", "_") + ".ipynb"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export notebook"), suggested,
                                              self.tr("Jupyter notebooks (*.ipynb)"))
        if not path:
            return None
        if not path.endswith(".ipynb"):
            path += ".ipynb"
        try:
            written = notebook.write(self.lesson, path, self.params())
        except (LessonError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export notebook"),
                                self.tr("Could not export the notebook: {error}").format(error=exc))
            return None
        self.folder = Path(written).parent
        self.exported.emit(str(written))
        return str(written)
