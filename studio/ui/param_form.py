"""A form built from a lesson's declared parameters, plus the device choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from studio.core.lesson import Lesson, Param
from studio.core.text import pick

INT_LIMIT = 2**31 - 1


class PathEdit(QWidget):
    def __init__(self, value: str, parent=None):
        super().__init__(parent)
        self.line = QLineEdit(value)
        self.line.setPlaceholderText(self.tr("(built-in file)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(browse)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"))
        if path:
            self.line.setText(path)


class ParamForm(QWidget):
    changed = Signal()

    def __init__(self, lesson: Lesson, cuda_available: bool = False, parent=None):
        super().__init__(parent)
        self.lesson = lesson
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for p in lesson.params:
            editor = self._editor(p)
            if p.help:
                editor.setToolTip(pick(p.help))
            self.editors[p.name] = editor
            form.addRow(pick(p.label), editor)
        self.device = QComboBox()
        self.device.addItem(self.tr("Auto"), "auto")
        self.device.addItem(self.tr("CPU"), "cpu")
        self.device.addItem(self.tr("CUDA (GPU)"), "cuda")
        form.addRow(self.tr("Device"), self.device)
        self.set_cuda_available(cuda_available)

    def set_cuda_available(self, available: bool) -> None:
        """Enable the CUDA choice only when torch sees a GPU and the lesson can use it."""
        item = self.device.model().item(2) if isinstance(self.device.model(), QStandardItemModel) else None
        usable = available and "cuda" in self.lesson.devices
        if item is not None:
            item.setEnabled(usable)
            if "cuda" not in self.lesson.devices:
                item.setToolTip(self.tr("This lesson runs on the CPU only"))
            elif not available:
                item.setToolTip(self.tr("No CUDA GPU found (no NVIDIA GPU, no driver, or a CPU-only torch)"))
            else:
                item.setToolTip("")
        if not usable and self.device.currentData() == "cuda":
            self.device.setCurrentIndex(0)
        self.device.setToolTip(item.toolTip() if item is not None else "")

    def _editor(self, p: Param) -> QWidget:
        if p.kind == "int":
            w = QSpinBox()
            w.setRange(int(p.min if p.min is not None else -INT_LIMIT), int(p.max if p.max is not None else INT_LIMIT))
            w.setValue(int(p.default))
            w.setGroupSeparatorShown(True)
            w.valueChanged.connect(self.changed)
        elif p.kind == "float":
            w = QDoubleSpinBox()
            decimals = 6 if p.log else 4
            w.setDecimals(decimals)
            w.setRange(p.min if p.min is not None else -1e12, p.max if p.max is not None else 1e12)
            w.setSingleStep(p.step or 0.1)
            w.setValue(float(p.default))
            w.valueChanged.connect(self.changed)
        elif p.kind == "bool":
            w = QCheckBox()
            w.setChecked(bool(p.default))
            w.toggled.connect(self.changed)
        elif p.kind == "choice":
            w = QComboBox()
            w.addItems(list(p.choices))
            w.setCurrentText(str(p.default))
            w.currentIndexChanged.connect(self.changed)
        elif p.kind == "path":
            w = PathEdit(str(p.default or ""))
            w.line.textChanged.connect(self.changed)
        else:
            w = QLineEdit(str(p.default))
            w.textChanged.connect(self.changed)
        return w

    def values(self) -> dict:
        out = {}
        for name, w in self.editors.items():
            if isinstance(w, (QSpinBox, QDoubleSpinBox)):
                out[name] = w.value()
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[name] = w.currentText()
            elif isinstance(w, PathEdit):
                out[name] = w.line.text()
            else:
                out[name] = w.text()
        return out

    def set_values(self, values: dict) -> None:
        for name, value in values.items():
            w = self.editors.get(name)
            if isinstance(w, (QSpinBox, QDoubleSpinBox)):
                w.setValue(value)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                w.setCurrentText(str(value))
            elif isinstance(w, PathEdit):
                w.line.setText(str(value))
            elif isinstance(w, QLineEdit):
                w.setText(str(value))

    def set_enabled(self, on: bool) -> None:
        for w in self.editors.values():
            w.setEnabled(on)
        self.device.setEnabled(on)
