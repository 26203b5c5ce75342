"""Every exercise, checked in this process through the same function the kernel job calls: its
starter is `not_attempted`, its solution passes, each wrong answer fails, and together the wrong
answers make every one of its checks fail (no check that cannot fail)."""

import shutil

import pytest

from studio.core.lesson import catalog as lessons
from studio.core.text import pick
from studio.practice.attempt import evaluate
from studio.practice.exercise import catalog, validate

pytestmark = [pytest.mark.filterwarnings("ignore:lbfgs failed to converge"),  # the starters' own warning
              pytest.mark.usefixtures("one_torch_thread")]  # as in a kernel

EXERCISES = list(catalog().values())




def test_at_least_45_exercises_cover_every_lesson_with_stable_ids():
    assert len(EXERCISES) >= 45
    assert {e.lesson for e in EXERCISES} == set(lessons().ids())
    for e in EXERCISES:
        assert validate(e) == [], e.id


REQUIRED = ["efficiency.vectorize/vectorise", "pandas.groupby/by_gender", "sklearn.iris_svc/other_kernel",
            "efficiency.float32/halve", "torch.binary_classifier/fewer_epochs"]


def test_the_five_named_exercises_exist():
    assert set(REQUIRED) <= set(catalog())


def _failing(report) -> set[str]:
    assert all(c.passed is not None for c in report.checks), [c.error for c in report.checks]
    return {c.name for c in report.checks if c.passed is False}


@pytest.fixture
def no_jvm_left():
    """Spark's exercise starts a JVM from this process (in the app, from a kernel, which ends it):
    end it here once the exercise is checked, and prove it is gone."""
    yield
    import psutil
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    if gateway is not None:
        gateway.shutdown()
        gateway.proc.kill()
        gateway.proc.wait(timeout=30)
        SparkContext._gateway = SparkContext._jvm = None
    assert not [p for p in psutil.Process().children(recursive=True) if p.name() == "java"]


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_starter_solution_and_wrong_answers(exercise, capsys, request):
    if exercise.lesson == "late.spark":
        if shutil.which("java") is None:
            pytest.skip("Spark needs Java 17+, not found on PATH")
        request.getfixturevalue("no_jvm_left")
    starter = evaluate(exercise, exercise.starter)
    assert starter.status == "not_attempted", starter.error
    solution = evaluate(exercise, exercise.solution)
    assert solution.status == "pass", (solution.error, [(c.name, pick(c.expected), pick(c.found))
                                                        for c in solution.checks if not c.passed])
    assert [c.name for c in solution.checks] == [c.name for c in exercise.checks]
    failed = set()
    for i, wrong in enumerate(exercise.wrong):
        report = evaluate(exercise, wrong)
        assert report.status == "fail", f"wrong answer {i}: {report.status} {report.error}"
        failed |= _failing(report)
    assert failed == {c.name for c in exercise.checks}, "a check that no wrong answer makes fail"
    for c in solution.checks:  # each says what it expected and found, in both languages
        for text in (c.expected, c.found):
            assert pick(text, "en") and pick(text, "zh")
