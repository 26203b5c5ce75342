"""A small coloured badge with the advisor's verdict ("Runs here ~3 min", "Needs a GPU"), its
sentence as the tooltip. For roadmap rows and the item view."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from studio.core.advisor import Verdict

COLOURS = {  # background, text
    "runs": ("#d8f0d8", "#1f5f1f"),
    "slow": ("#fcebc8", "#7a4b00"),
    "gpu": ("#e6dcf5", "#4b2a85"),
    "memory": ("#f8d7d7", "#8a1c1c"),
}


class VerdictBadge(QLabel):
    def __init__(self, verdict: Verdict | None = None, parent=None):
        super().__init__(parent)
        self.verdict: Verdict | None = None
        self.set_verdict(verdict)

    def set_verdict(self, verdict: Verdict | None) -> None:
        self.verdict = verdict
        self.refresh()

    def refresh(self) -> None:
        """Render again (after a language change)."""
        v = self.verdict
        self.setVisible(v is not None)
        if v is None:
            self.clear()
            self.setToolTip("")
            return
        background, text = COLOURS[v.level]
        self.setText(v.badge())
        self.setToolTip(v.sentence())
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {text}; border-radius: 6px; "
                           "padding: 1px 6px; }")
