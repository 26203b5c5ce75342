"""The foundation's two PyTorch lessons, reproducing the article's examples."""

import pytest

from studio.core.context import Context
from studio.core.lesson import catalog
from studio.core.runner import run_lesson


def _run(lesson_id, **given):
    lesson = catalog().get(lesson_id)
    params = lesson.resolve_params(given)
    ctx = Context("cpu", params)
    return run_lesson(lesson, ctx, params), ctx


def test_linear_regression_learns_y_equals_2x():
    out, ctx = _run("torch.linear_regression")
    assert out.status == "done", out.error
    assert out.results["final_loss"] < 0.01
    assert out.results["weight"] == pytest.approx(2.0, abs=0.15)
    loss = ctx.scalars["loss"].snapshot()
    assert len(loss) == 100 and loss[-1, 2] < loss[0, 2] / 100
    assert sum(line.startswith("Epoch [") for line in ctx.output) == 10  # printed every 10 epochs
    assert "fit" in ctx.plots


@pytest.mark.slow
def test_binary_classifier_reaches_the_accuracy_floor():
    out, ctx = _run("torch.binary_classifier")
    assert out.status == "done", out.error
    assert out.results["accuracy"] >= 0.95
    assert ctx.output[-1].startswith("Accuracy: ")
    loss = ctx.scalars["loss"].snapshot()
    assert len(loss) == 1000 and loss[-1, 2] < 0.5 * loss[0, 2]
    assert len(ctx.scalars["accuracy"]) == 100


def test_binary_classifier_stops_between_epochs():
    lesson = catalog().get("torch.binary_classifier")
    params = lesson.resolve_params({"epochs": 100000})

    class StopAt(Context):
        def scalar(self, name, step, value):
            if step == 50:
                self.request_stop()
            super().scalar(name, step, value)

    ctx = StopAt("cpu", params)
    out = run_lesson(lesson, ctx, params)
    assert out.status == "cancelled"
    assert len(ctx.scalars["loss"]) == 50
