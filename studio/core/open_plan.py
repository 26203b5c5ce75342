"""The plan open in the window and its progress store, as one object whose events outlive a
change of plan: `opened(plan)` when another plan is opened (File > Open plan), and
`item_changed(item_id)` for a change in the progress of whichever plan is open, so a
subscriber (the link from a finished run to the item ticked done) never has to re-subscribe."""

from __future__ import annotations

from psygnal import Signal, SignalGroup

from studio.core.db import Database
from studio.core.plan import Plan
from studio.core.progress import ProgressStore


class OpenPlanEvents(SignalGroup):
    opened = Signal(object)  # the Plan now open
    item_changed = Signal(object)  # an item id, or None after an import


class OpenPlan:
    def __init__(self, db: Database, plan: Plan):
        self.db = db
        self.events = OpenPlanEvents()
        self.plan = plan
        self.store = self._store_for(plan)

    def open(self, plan: Plan) -> ProgressStore:
        """Make `plan` the open one, with its own progress store; announces `opened(plan)`."""
        self.store.events.changed.disconnect(self.events.item_changed)
        self.plan, self.store = plan, self._store_for(plan)
        self.events.opened.emit(plan)
        return self.store

    def _store_for(self, plan: Plan) -> ProgressStore:
        store = ProgressStore(self.db, plan.id)
        store.events.changed.connect(self.events.item_changed)
        return store
