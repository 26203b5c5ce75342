"""A store event emitted on a worker thread reaches a widget on the GUI thread; one emitted on
the GUI thread arrives at once; a deleted widget gets nothing."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from studio.core.db import Database
from studio.core.history import RunStore
from studio.ui.store_events import on_gui_thread


def test_events_reach_the_widget_on_the_gui_thread(qtbot):
    store = RunStore(Database())
    widget = QWidget()
    qtbot.addWidget(widget)
    seen = []
    on_gui_thread(store.events.added, lambda run_id, lesson: seen.append((run_id, lesson, threading.get_ident())),
                  widget)
    first = store.start("demo.lesson", {}, "cpu")  # on the GUI thread: delivered at once
    assert seen == [(first, "demo.lesson", threading.get_ident())]
    worker = threading.Thread(target=lambda: store.start("other.lesson", {}, "cpu"))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen[1][1:] == ("other.lesson", threading.get_ident())  # the GUI thread's, not the worker's


def test_a_subscription_ends_with_its_widget_or_when_asked(qtbot):
    store = RunStore(Database())
    seen = []
    widget = QWidget()
    on_gui_thread(store.events.added, lambda *args: seen.append(args), widget)
    other = QWidget()
    qtbot.addWidget(other)
    unsubscribe = on_gui_thread(store.events.added, lambda *args: seen.append(("other", *args)), other)
    widget.deleteLater()
    qtbot.waitUntil(lambda: len(store.events.added) == 1, timeout=5000)
    unsubscribe()
    store.start("demo.lesson", {}, "cpu")
    assert seen == [] and len(store.events.added) == 0
