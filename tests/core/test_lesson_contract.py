import threading

import numpy as np
import pytest

from studio.core.buffers import EmaSmoother, ScalarBuffer, ema
from studio.core.context import Context
from studio.core.lesson import Catalog, Lesson, Param, ParamError, catalog, parse_assignments
from studio.core.runner import run_lesson
from studio.core.text import bi


def _lesson(run, params=()):
    return Lesson(id="test.lesson", title=bi("T", "T"), summary=bi("S", "S"), run=run, params=params)


def test_params_parse_and_check_bounds():
    p = Param("epochs", "int", 10, bi("Epochs", "轮数"), min=1, max=100)
    assert p.parse("42") == 42
    with pytest.raises(ParamError, match="must be >= 1"):
        p.parse("0")
    with pytest.raises(ParamError, match="must be <= 100"):
        p.parse(101)
    with pytest.raises(ParamError, match="expects a whole number"):
        p.parse("1.5")
    f = Param("lr", "float", 0.1, bi("lr", "lr"), min=0, max=1)
    assert f.parse("0.25") == 0.25
    with pytest.raises(ParamError, match="expects a number"):
        f.parse("fast")
    c = Param("kernel", "choice", "linear", bi("k", "k"), choices=("linear", "rbf"))
    with pytest.raises(ParamError, match="one of linear, rbf"):
        c.parse("poly")
    b = Param("shuffle", "bool", True, bi("s", "s"))
    assert b.parse("no") is False
    with pytest.raises(ParamError):
        b.parse("maybe")


def test_resolve_params_overlays_defaults_and_names_unknown_ones():
    lesson = _lesson(lambda ctx, a, b: None, (
        Param("a", "int", 1, bi("a", "a")), Param("b", "float", 2.0, bi("b", "b"))))
    assert lesson.resolve_params({"b": "3.5"}) == {"a": 1, "b": 3.5}
    with pytest.raises(ParamError, match="no parameter 'c'"):
        lesson.resolve_params({"c": "1"})
    assert parse_assignments(["a=1", "b = 2"]) == {"a": "1", "b": " 2"}
    with pytest.raises(ParamError, match="NAME=VALUE"):
        parse_assignments(["a"])


def test_catalog_finds_the_lessons_with_bilingual_text():
    cat = catalog()
    assert {"torch.linear_regression", "torch.binary_classifier"} <= set(cat.ids())
    for lesson in cat:
        assert lesson.title["en"] and lesson.title["zh"], lesson.id
        assert lesson.summary["en"] and lesson.summary["zh"], lesson.id
        for p in lesson.params:
            assert p.label["en"] and p.label["zh"], (lesson.id, p.name)
            p.check(p.default)  # defaults are within bounds
        source = lesson.source()
        assert "def run" in source and "ARTICLE_CODE = '''" not in source


def test_unknown_lesson_is_a_clear_error():
    with pytest.raises(Exception, match="unknown lesson 'nope'"):
        Catalog.discover().get("nope")


def test_run_lesson_reports_done_failed_and_cancelled():
    def good(ctx):
        print("hello from the lesson")
        ctx.scalar("loss", 1, 0.5)
        ctx.result(answer=42)

    ctx = Context()
    out = run_lesson(_lesson(good), ctx, {})
    assert out.status == "done" and out.results == {"answer": 42}
    assert "hello from the lesson" in ctx.output
    assert ctx.scalars["loss"].pairs() == [[1, 0.5]]

    def bad(ctx):
        raise ValueError("broken on purpose")

    ctx = Context()
    out = run_lesson(_lesson(bad), ctx, {})
    assert out.status == "failed" and "ValueError: broken on purpose" in out.error
    assert any("Traceback" in line for line in ctx.output)

    def forever(ctx):
        step = 0
        while True:
            step += 1
            ctx.scalar("x", step, step)
            if step == 100:
                ctx.request_stop()

    ctx = Context()
    out = run_lesson(_lesson(forever), ctx, {})
    assert out.status == "cancelled" and len(ctx.scalars["x"]) == 101  # the point that saw Stop is kept


def test_print_from_another_thread_is_not_captured(capsys):
    seen = []

    def lesson(ctx):
        t = threading.Thread(target=lambda: print("outside"))
        t.start()
        t.join()
        print("inside")
        seen.extend(ctx.output)

    run_lesson(_lesson(lesson), Context(), {})
    assert seen == ["inside"]
    assert "outside" in capsys.readouterr().out


def test_scalar_buffer_grows_and_is_thread_safe():
    buf = ScalarBuffer("loss", capacity=4)

    def writer(offset):
        for i in range(1000):
            buf.append(offset + i, float(i))

    threads = [threading.Thread(target=writer, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = buf.snapshot()
    assert rows.shape == (4000, 3)
    assert sorted(rows[:, 0]) == list(range(4000))
    assert len(buf.snapshot(3990)) == 10


def _tensorboard_ema(values, w):
    last, n, out = 0.0, 0, []
    for v in values:
        last = last * w + (1 - w) * v
        n += 1
        out.append(last / (1 - w**n))
    return np.array(out)


@pytest.mark.parametrize("w", [0.0, 0.6, 0.9, 0.999])
def test_ema_matches_tensorboard_formula_in_one_go_and_incrementally(w):
    values = np.random.default_rng(0).normal(size=1000).cumsum()
    expected = _tensorboard_ema(values, w) if w else values
    np.testing.assert_allclose(ema(values, w), expected, rtol=1e-9, atol=1e-9)
    s = EmaSmoother(w)
    parts = [s.extend(values[i : i + 7]) for i in range(0, 1000, 7)]
    np.testing.assert_allclose(np.concatenate(parts), expected, rtol=1e-9, atol=1e-9)


def test_ema_passes_non_finite_values_through():
    out = ema(np.array([1.0, np.nan, 3.0]), 0.5)
    assert out[0] == 1.0 and np.isnan(out[1])
    assert out[2] == pytest.approx(_tensorboard_ema([1.0, 3.0], 0.5)[1])
