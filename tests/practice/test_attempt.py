"""How an attempt runs the learner's code and reports it (in this process; the kernel runs the
same function): tracebacks with the line, syntax errors, output, figures, curves, a broken check."""

import pytest

from studio import live
from studio.core.context import Cancelled, Context
from studio.core.text import bi
from studio.practice.attempt import evaluate, is_starter
from studio.practice.checks import close, figure, lines, passed
from studio.practice.exercise import Exercise, check

STARTER = "x = 0  # your code: 6 * 7\nprint(x)\n"


@check("answer", bi("x is 42", "x 为 42"))
def _answer(env):
    return close(env.number("x"), 42, what="x")


@check("printed", bi("it printed 42", "打印了 42"))
def _printed(env):
    return passed("42" in env.output.split(), "42 printed", repr(env.output.strip()))


@check("broken", bi("a check with a bug", "有缺陷的检查"))
def _broken(env):
    return 1 / 0


def exercise(*checks, starter=STARTER) -> Exercise:
    return Exercise("test.practice/answer", bi("t", "t"), bi("t", "t"), starter, "x = 6 * 7\nprint(x)\n",
                    (bi("h", "h"),), checks or (_answer, _printed), ("x = 41\n",))


def test_pass_and_fail_say_what_was_expected_and_found():
    report = evaluate(exercise(), "x = 6 * 7\nprint(x)\n")
    assert report.status == "pass" and report.output == "42\n" and report.seconds >= 0
    report = evaluate(exercise(), "x = 41\nprint('no')\n")
    assert report.status == "fail"
    assert [(c.name, c.passed) for c in report.checks] == [("answer", False), ("printed", False)]
    assert report.checks[0].expected == "x = 42" and report.checks[0].found == "x = 41"
    assert report.to_json()["checks"][0] == {"name": "answer", "passed": False, "expected": "x = 42", "found": "x = 41"}


def test_the_starter_with_other_comments_and_spacing_is_not_attempted():
    assert is_starter("x = 0\n\n\nprint( x )  # still mine?\n", STARTER)
    assert not is_starter("x = 1\nprint(x)\n", STARTER)
    assert not is_starter("x = (\n", STARTER)
    assert evaluate(exercise(), "x   =   0\nprint(x)").status == "not_attempted"


def test_an_error_gives_the_traceback_from_the_learners_code_and_its_line():
    report = evaluate(exercise(), "import math\n\nx = math.sqrt(-1)\n")
    assert report.status == "error" and report.error_line == 3
    assert "ValueError: math domain error" in report.error and 'File "<editor>", line 3' in report.error
    assert "studio/practice" not in report.error  # the job's own frames are left out
    assert report.checks == []


def test_a_syntax_error_points_at_its_line():
    report = evaluate(exercise(), "x = 1\nfor i in range(3)\n    x += i\n")
    assert report.status == "error" and report.error_line == 2 and "SyntaxError" in report.error


def test_an_error_inside_a_function_marks_the_learners_last_line():
    report = evaluate(exercise(), "def f(a):\n    return a[5]\n\nx = f([1])\n")
    assert report.error_line == 2 and "IndexError" in report.error


def test_exit_is_an_error_not_the_end_of_the_kernel():
    report = evaluate(exercise(), "import sys\nsys.exit(3)\n")
    assert report.status == "error" and "SystemExit: 3" in report.error


def test_a_broken_check_is_reported_apart():
    report = evaluate(exercise(_answer, _broken), "x = 42\n")
    assert report.status == "check_error"
    answer, broken = report.checks
    assert answer.passed is True and broken.passed is None and "ZeroDivisionError" in broken.error


def test_figures_shown_and_left_open_reach_the_context_and_the_checks():
    seen = []

    @check("figures", bi("two figures", "两张图"))
    def _two(env):
        seen.extend(env.figures)
        figure(env, 2)
        return passed(len(lines(env)) == 2, "2 lines", f"{len(lines(env))} lines")

    ctx = Context()
    code = ("import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4])\nplt.show()\n"
            "plt.figure()\nplt.plot([1, 2], [4, 3])\n")  # the second one is never shown: sent at the end
    report = evaluate(exercise(_two), code, ctx)
    assert report.status == "pass" and report.figures == 2
    assert list(ctx.figures) == ["figure 1", "figure 2"] and seen[0] is ctx.figures["figure 1"]
    import matplotlib
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == [] and "studio" not in matplotlib.get_backend()  # the backend comes back


def test_live_log_streams_to_the_context_and_works_without_one():
    ctx = Context()
    evaluate(exercise(), "from studio.live import log\nfor i in range(5):\n    log('loss', i, 1 / (i + 1))\nx = 42\n",
             ctx)
    assert ctx.scalars["loss"].pairs()[-1] == [4, 0.2]
    live.curves.clear()
    live.log("loss", 1, 0.5)  # a plain Python session: kept, not lost
    assert live.curves == {"loss": [(1.0, 0.5)]}
    live.curves.clear()


@pytest.mark.parametrize("code", ["raise KeyboardInterrupt\n", "from studio.live import log\nlog('a', 1, 1)\n"])
def test_stop_passes_through_to_the_kernel(code):
    """Stop's interrupt, and its flag seen by log(), end the job: the kernel reports them."""
    ctx = Context()
    ctx.request_stop()
    with pytest.raises((KeyboardInterrupt, Cancelled)):
        evaluate(exercise(), code, ctx)
