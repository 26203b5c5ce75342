"""One roadmap item: its text, estimate, hardware needs, warnings, resources, status and notes.

Links open in the browser, http and https only. Notes are saved to the progress store
shortly after typing stops (and at once when another item is shown or the view closes).
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studio.core.plan import Item, Plan
from studio.core.progress import STATUSES, ProgressStore
from studio.core.text import pick
from studio.ui.lazy_retranslate import LazyRetranslate
from studio.ui.plan_model import kind_names, needs_text, status_icon, status_names
from studio.ui.store_events import on_gui_thread
from studio.ui.verdict_badge import VerdictBadge

NOTE_DELAY_MS = 600
SAFE_SCHEMES = ("http", "https")


class ItemView(LazyRetranslate, QWidget):
    lesson_requested = Signal(str)  # lesson id
    link_refused = Signal(str)  # a link that was not opened (not http/https)
    time_edit_requested = Signal(str)  # item id: the learner wants to set its studied time

    def __init__(self, plan: Plan, store: ProgressStore, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.store = store
        self.item: Item | None = None
        self._loading = False

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet("color: palette(mid)")

        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for status in STATUSES:
            button = QPushButton()
            button.setCheckable(True)
            button.setIcon(status_icon(status))
            button.clicked.connect(lambda _=False, s=status: self._set_status(s))
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.lesson_button = QPushButton()
        self.lesson_button.clicked.connect(self._request_lesson)
        buttons.addWidget(self.lesson_button)
        self.dates = QLabel()
        self.dates.setStyleSheet("color: palette(mid)")
        self.dates.setTextFormat(Qt.RichText)
        self.dates.linkActivated.connect(lambda _: self.item and self.time_edit_requested.emit(self.item.id))
        self.studied = lambda item_id: 0.0  # seconds logged on an item (the window's study log)

        self.needs = QLabel()
        self.needs.setWordWrap(True)
        self.needs.setStyleSheet("background: #fdebd0; color: #6e2c00; padding: 4px; border-radius: 3px")
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.RichText)
        self.warnings.setStyleSheet("background: #fff3cd; color: #664d03; padding: 4px; border-radius: 3px")
        self.lesson_note = QLabel()
        self.lesson_note.setWordWrap(True)
        self.lesson_note.setStyleSheet("color: palette(mid)")

        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.setOpenExternalLinks(False)
        self.body.anchorClicked.connect(self.open_link)

        self.notes_label = QLabel()
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: palette(mid)")
        self.notes = QPlainTextEdit()
        self.notes.textChanged.connect(self._on_notes_changed)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_head = QHBoxLayout()
        notes_head.addWidget(self.notes_label)
        notes_head.addStretch(1)
        notes_head.addWidget(self.saved_label)
        notes_layout.addLayout(notes_head)
        notes_layout.addWidget(self.notes)

        split = QSplitter(Qt.Vertical)
        split.addWidget(self.body)
        split.addWidget(notes_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(buttons)
        layout.addWidget(self.dates)
        layout.addWidget(self.needs)
        self.verdicts: dict = {}  # item id -> advisor Verdict ("can my PC run this?")
        self.verdict_badge = VerdictBadge()
        self.verdict_text = QLabel()
        self.verdict_text.setWordWrap(True)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_badge, 0, Qt.AlignTop)
        verdict_row.addWidget(self.verdict_text, 1)
        layout.addLayout(verdict_row)
        layout.addWidget(self.warnings)
        layout.addWidget(self.lesson_note)
        layout.addWidget(split, 1)

        self._unsubscribe = on_gui_thread(self.store.events.changed, self._on_store_change, self)
        self.retranslate()
        self._show_nothing()

    # -- showing ----------------------------------------------------------------------------
    def set_plan(self, plan: Plan, store: ProgressStore | None = None) -> None:
        self.save_note()
        if store is not None and store is not self.store:
            self._unsubscribe()
            self.store = store
            self._unsubscribe = on_gui_thread(self.store.events.changed, self._on_store_change, self)
        self.plan = plan
        self.item = None
        self._show_nothing()

    def show_item(self, item_id: str) -> None:
        self.save_note()
        self.item = self.plan.item(item_id)
        self._render()

    def _show_nothing(self) -> None:
        self.setEnabled(self.item is not None)
        if self.item is None:
            self.title.setText(self.tr("Choose an item on the roadmap."))
            for w in (self.meta, self.dates, self.needs, self.warnings, self.lesson_note, self.lesson_button):
                w.hide()
            self._loading = True
            self.body.clear()
            self.notes.clear()
            self._loading = False

    def _render(self) -> None:
        item = self.item
        if item is None:
            self._show_nothing()
            return
        self.setEnabled(True)
        phase = self.plan.phase_of(item.id)
        low, high = phase.months
        months = (self.tr("{n} months").format(n=low) if low == high
                  else self.tr("{low}-{high} months").format(low=low, high=high))
        self.title.setText(pick(item.title))
        self.meta.setText(" · ".join([
            kind_names().get(item.kind, item.kind),
            self.tr("about {hours} h").format(hours=f"{item.hours:g}"),
            f"{pick(phase.title)} ({months}, {pick(phase.hardware_label)})",
        ]))
        self.meta.show()
        need = needs_text(item)
        self.needs.setText(need)
        self.needs.setVisible(bool(need))
        verdict = self.verdicts.get(item.id)
        self.verdict_badge.set_verdict(verdict)
        self.verdict_text.setText(verdict.sentence() if verdict else "")
        self.verdict_text.setVisible(verdict is not None)
        if item.warnings:
            self.warnings.setText("<br>".join(f"⚠ {_html(pick(w.text))}" for w in item.warnings))
        self.warnings.setVisible(bool(item.warnings))
        exists = bool(item.lesson) and (self.plan.known_lessons is None or item.lesson in self.plan.known_lessons)
        self.lesson_button.setVisible(exists)
        if exists:  # an item that is more than its lesson names the lesson to do first
            self.lesson_button.setText(self.tr("Open the lesson") if item.kind == "lesson" else
                                       self.tr("Start with the lesson {id}").format(id=item.lesson))
        self.lesson_note.setVisible(bool(item.lesson) and not exists)
        if item.lesson and not exists:
            self.lesson_note.setText(self.tr("The lesson {id} is not written yet.").format(id=item.lesson))
        self.body.setMarkdown(self.markdown(item))
        record = self.store.get(item.id)
        self._loading = True
        self.notes.setPlainText(record.note)
        self._loading = False
        self.saved_label.clear()
        self._show_status(record)

    def set_verdicts(self, verdicts: dict) -> None:
        self.verdicts = verdicts
        if self.item is not None:
            self._render()

    def markdown(self, item: Item) -> str:
        """The body, then the resources as a list of links."""
        text = pick(item.body)
        if item.resources:
            names = self.resource_names()
            heading = self.tr("Resources")
            lines = [f"\n\n#### {heading}\n"]
            for r in item.resources:
                title = pick(r.title).replace("[", "\\[").replace("]", "\\]")
                url = r.url_for()
                link = f"[{title}]({url})" if url else title
                lines.append(f"- *{names.get(r.type, r.type)}*: {link}")
            text += "\n".join(lines)
        return text

    def resource_names(self) -> dict[str, str]:
        return {"course": self.tr("Course"), "book": self.tr("Book"), "docs": self.tr("Docs"),
                "tool": self.tr("Tool"), "video": self.tr("Video")}

    def _show_status(self, record) -> None:
        self.status_buttons[record.status].setChecked(True)
        parts = []
        if record.started:
            parts.append(self.tr("Started {when}").format(when=_when(record.started)))
        if record.finished:
            parts.append(self.tr("Finished {when}").format(when=_when(record.finished)))
        if self.item is not None:
            parts.append(self.tr("studied {h:.1f} h of {planned:g} h").format(
                h=self.studied(self.item.id) / 3600, planned=self.item.hours)
                + f' (<a href="edit">{self.tr("edit")}</a>)')
        self.dates.setText(" · ".join(parts))
        self.dates.setVisible(bool(parts))

    def retranslate(self) -> None:
        names = status_names()
        keys = {"todo": "T", "learning": "L", "done": "Space", "skipped": "S"}
        for status, button in self.status_buttons.items():
            button.setText(names[status])
            button.setToolTip(self.tr("Mark this item: {status} (key {key} on the roadmap)").format(
                status=names[status], key=keys[status]))
        self.lesson_button.setText(self.tr("Open the lesson"))
        self.notes_label.setText(self.tr("Your notes"))
        self.notes.setPlaceholderText(self.tr("Write what you learned, questions, settings that worked…"))
        if self.item is not None:
            self._render()
        else:
            self._show_nothing()

    # -- acting -------------------------------------------------------------------------------
    def _set_status(self, status: str) -> None:
        if self.item is not None:
            self.store.set_status(self.item.id, status)

    def _request_lesson(self) -> None:
        if self.item is not None and self.item.lesson:
            self.lesson_requested.emit(self.item.lesson)

    def open_link(self, url: QUrl) -> bool:
        """Open an http(s) link in the browser; anything else is refused."""
        if url.scheme().lower() in SAFE_SCHEMES and url.isValid():
            QDesktopServices.openUrl(url)
            return True
        self.link_refused.emit(url.toString())
        return False

    def _on_notes_changed(self) -> None:
        if self._loading or self.item is None:
            return
        self.saved_label.setText(self.tr("Editing…"))
        self._note_timer.start()

    def save_note(self) -> None:
        """Write the note now if it changed (the debounce timer calls this too)."""
        self._note_timer.stop()
        if self.item is None or not shiboken6.isValid(self.notes):
            return
        text = self.notes.toPlainText()
        if text != self.store.note(self.item.id):
            self.store.set_note(self.item.id, text)
            self.saved_label.setText(self.tr("Saved"))

    @property
    def note_pending(self) -> bool:
        return self._note_timer.isActive()

    def _on_store_change(self, item_id: str | None) -> None:
        if self.item is None or item_id not in (None, self.item.id):
            return
        record = self.store.get(self.item.id)
        self._show_status(record)
        if not self.note_pending and record.note != self.notes.toPlainText():
            self._loading = True
            self.notes.setPlainText(record.note)
            self._loading = False

    def hideEvent(self, event) -> None:
        self.save_note()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        self.save_note()
        super().closeEvent(event)


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
