"""Hardware > Measure this PC: runs `studio.core.measure.measure` off the GUI thread with a
progress bar, shows the figures, and hands the result to `save` (the database)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)
from superqt.utils import create_worker

from studio.core.measure import Measurement, summary_lines


class _Bridge(QObject):
    """Carries progress from the worker thread to the dialog (a queued signal)."""

    step = Signal(int, int, str)


class MeasureDialog(QDialog):
    """Closing the dialog while it measures does not stop the measurement (10-15 s): it
    finishes in the background, is saved, and `measured` is still emitted."""

    measured = Signal(object)  # Measurement, after `save`

    def __init__(self, measure_fn: Callable[..., Measurement],
                 save: Callable[[Measurement], object] | None = None,
                 previous: Measurement | None = None, parent=None):
        """`measure_fn(progress=callback)` measures (studio.core.measure.measure); `save` stores
        the result; `previous` is shown until a new measurement replaces it."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Measure this PC"))
        self.measure_fn = measure_fn
        self.save = save
        self.measurement = previous
        self.worker = None
        self._bridge = _Bridge(self)
        self._bridge.step.connect(self._on_step)

        intro = QLabel(self.tr("Times matrix multiplications in float32 and float64 with NumPy and torch "
                               "(and CUDA when there is a GPU), and reads the cores, memory and GPU. "
                               "It takes about 10 seconds; the figures feed the advisor's estimates."))
        intro.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.state = QLabel()
        self.figures = QTextBrowser()
        self.figures.setMinimumSize(480, 220)
        self.measure_button = QPushButton(self.tr("Measure"))
        self.measure_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.addButton(self.measure_button, QDialogButtonBox.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.measure_button.clicked.connect(self.start)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(self.figures, 1)
        layout.addWidget(self.buttons)
        self._show(previous)
        if previous is None:
            self.state.setText(self.tr("Not measured yet."))

    @property
    def running(self) -> bool:
        return self.worker is not None

    def start(self) -> None:
        if self.running:
            return
        self.measure_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.state.setText(self.tr("Measuring…"))
        worker = create_worker(self.measure_fn, progress=self._bridge.step.emit, _start_thread=False,
                               _connect={"returned": self._on_done, "errored": self._on_error,
                                         "finished": self._on_finished})
        self.worker = worker
        worker.start()

    def _on_step(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.state.setText(self.tr("Measuring: {what}").format(what=text))

    def _on_done(self, m: Measurement) -> None:
        self.measurement = m
        if self.save is not None:
            self.save(m)
        self._show(m)
        self.state.setText(self.tr("Measured in {seconds:.1f} s.").format(seconds=m.seconds))
        self.measured.emit(m)

    def _on_error(self, exc: Exception) -> None:
        self.state.setText(self.tr("Measuring failed: {error}").format(error=exc))

    def _on_finished(self) -> None:
        self.worker = None
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if self.measurement else 0)
        self.measure_button.setEnabled(True)
        self.measure_button.setText(self.tr("Measure again"))

    def _show(self, m: Measurement | None) -> None:
        self.figures.setPlainText("\n".join(summary_lines(m)) if m else "")
