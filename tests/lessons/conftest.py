import pytest

from studio.core.context import Context
from studio.core.lesson import catalog
from studio.core.runner import run_lesson


@pytest.fixture
def run():
    """run(lesson_id, **params) -> (outcome, recording context)."""

    def _run(lesson_id, ctx_class=Context, **given):
        lesson = catalog().get(lesson_id)
        params = lesson.resolve_params(given)
        ctx = ctx_class("cpu", params)
        return run_lesson(lesson, ctx, params), ctx

    return _run


@pytest.fixture
def run_ok(run):
    """Like `run`, and asserts the lesson finished."""

    def _run_ok(lesson_id, **given):
        outcome, ctx = run(lesson_id, **given)
        assert outcome.status == "done", outcome.error
        return ctx

    return _run_ok

