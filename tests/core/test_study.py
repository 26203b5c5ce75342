"""Study at your own pace: logged time, projected finish dates, reviews (with a fake clock)."""

from datetime import date, timedelta

import pytest

from studio.core.db import Database
from studio.core.plan import default_plan_path, load_plan
from studio.core.study.clock import IDLE_AFTER_S, StudyClock
from studio.core.study.log import StudyLog
from studio.core.study.pace import forecast, hours_left, recent_pace
from studio.core.study.reviews import DAY, Attempt, review

T0 = 1_790_000_000.0  # a Tuesday in 2026


class FakeTime:
    def __init__(self, t=T0):
        self.t = t

    def __call__(self):
        return self.t

    def advance(self, seconds):
        self.t += seconds


@pytest.fixture
def plan():
    return load_plan(default_plan_path())


@pytest.fixture
def log(tmp_path):
    return StudyLog(Database(tmp_path / "s.db"), "zero-compute")


def test_3_hours_a_week_against_105_hours_left_is_35_weeks(plan):
    early = plan.phases[0]
    assert sum(i.hours for t in early.topics for i in t.items) == 105
    later = {i.id: "done" for p in plan.phases[1:] for t in p.topics for i in t.items}
    today = date(2026, 12, 1)
    f = forecast(plan, later, {}, pace=3.0, goal=6.0, today=today)
    assert f.source == "pace" and f.hours_left == 105
    assert f.phases[0].finish == today + timedelta(weeks=35) == f.finish
    assert f.phases[0].months == early.months  # the article's 1-2 months beside it


def test_the_goal_plans_when_there_is_no_pace_and_a_new_goal_re_plans(plan):
    today = date(2026, 12, 1)
    total = sum(i.hours for p in plan.phases for t in p.topics for i in t.items)
    six = forecast(plan, {}, {}, pace=0.0, goal=6.0, today=today)
    twelve = forecast(plan, {}, {}, pace=0.0, goal=12.0, today=today)
    assert six.source == "goal" and six.finish == today + timedelta(weeks=total / 6)
    assert twelve.finish == today + timedelta(weeks=total / 12)
    # phases in order: each finishes after the one before
    dates = [p.finish for p in six.phases]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert forecast(plan, {}, {}, pace=0.0, goal=0.0, today=today).finish is None


def test_hours_left_count_open_items_less_their_logged_time(plan):
    item = plan.phases[0].topics[0].items[0]
    base = hours_left(plan, {}, {})[plan.phases[0].id]
    assert hours_left(plan, {}, {item.id: 3600})[plan.phases[0].id] == pytest.approx(base - min(1, item.hours))
    assert hours_left(plan, {item.id: "skipped"}, {})[plan.phases[0].id] == pytest.approx(base - item.hours)


def test_pace_is_the_last_four_weeks(log):
    now = T0
    for days_ago, hours in ((1, 2.0), (10, 4.0), (27, 6.0), (40, 100.0)):  # the last one is too old
        log.add("numpy-basics", hours * 3600, at=now - days_ago * DAY)
    assert recent_pace(log.sessions(), now) == pytest.approx(12.0 / 4)


def test_an_items_time_can_be_set_and_the_days_stay(log):
    log.add("numpy-basics", 1800, at=T0)
    log.add("numpy-basics", 1800, at=T0 - 2 * DAY)
    log.set_total("numpy-basics", 5 * 3600)
    assert log.total("numpy-basics") == pytest.approx(5 * 3600)
    assert sum(s for _, s in log.sessions()) == pytest.approx(3600)  # the rhythm is the real one
    log.add("numpy-basics", 600, at=T0)
    assert log.total("numpy-basics") == pytest.approx(5 * 3600 + 600)
    with pytest.raises(ValueError):
        log.set_total("numpy-basics", -1)


def test_the_clock_counts_presence_not_idle_time_and_runs_always(log):
    now = FakeTime()
    clock = StudyClock(log, now=now)
    clock.set_active(True)
    clock.focus("numpy-basics")
    for _ in range(12):  # two minutes with the page open
        now.advance(10)
        clock.tick()
    for _ in range(40):  # away for a while: counts until 5 minutes after the last touch
        now.advance(10)
        clock.tick()
    clock.flush()
    assert log.total("numpy-basics") == pytest.approx(120 + IDLE_AFTER_S - 120, abs=10)
    clock.run_started("torch-rnn")  # a lesson runs: its time counts while the learner is away
    for _ in range(6):
        now.advance(10)
        clock.tick()
    clock.set_active(False)
    for _ in range(6):
        now.advance(10)
        clock.tick()
    clock.run_ended("torch-rnn")
    clock.flush()
    assert log.total("torch-rnn") == pytest.approx(120)
    assert log.total("numpy-basics") == pytest.approx(300, abs=10)  # idle and inactive: nothing more


def test_reviews_come_back_after_1_3_7_and_21_days():
    assert review([Attempt(T0, passed=True)]) is None  # a clean first pass needs no review
    failed = [Attempt(T0, passed=False)]
    r = review(failed)
    assert r.step == 0 and r.due == T0 + 1 * DAY and not r.is_due(T0 + DAY - 1) and r.is_due(T0 + DAY)
    history, at = list(failed), T0
    for step, days in enumerate((1, 3, 7, 21)):
        at = review(history).due
        assert review(history).step == step and at == history[-1].at + days * DAY
        history.append(Attempt(at, passed=True))  # passed at its review: the next interval
    assert review(history) is None  # learnt


def test_a_pass_after_the_solution_or_a_fail_starts_again():
    r = review([Attempt(T0, passed=True, solution_seen=True)])
    assert r.step == 0 and r.due == T0 + DAY
    history = [Attempt(T0, passed=False), Attempt(T0 + DAY, passed=True), Attempt(T0 + 4 * DAY, passed=False)]
    r = review(history)
    assert r.step == 0 and r.due == T0 + 5 * DAY
    early = [Attempt(T0, passed=False), Attempt(T0 + 3600, passed=True)]  # passed again before the review
    assert review(early).due == T0 + DAY  # the review still comes


def test_practice_attempts_become_reviews_that_show_on_home(tmp_path):
    from studio.practice.report import Report
    from studio.practice.reviews import due, reviews
    from studio.practice.store import AttemptStore

    now = FakeTime()
    store = AttemptStore(Database(tmp_path / "p.db"), clock=now)
    ex = "pandas.groupby/by_gender"

    def attempt(status):
        store.finish(store.start(ex, "code", source="cli"), Report(ex, status))

    attempt("pass")
    assert reviews(store) == []  # a clean pass on the first try: nothing to review
    attempt("fail")
    assert due(store, now()) == [] and reviews(store)[0].review.due == T0 + DAY
    now.advance(DAY)
    assert [r.exercise for r in due(store, now())] == [ex]
    attempt("pass")  # passed at its review: next in 3 days
    assert due(store, now()) == [] and reviews(store)[0].review.due == now() + 3 * DAY
    store.reveal_solution(ex)
    now.advance(3 * DAY)
    attempt("pass")  # after the solution: starts again
    assert reviews(store)[0].review.step == 0
    attempt("stopped")  # a stop says nothing: the review stays
    assert reviews(store)[0].review.due == now() + DAY


def test_a_pace_of_seconds_gives_no_date_beyond_the_calendar(plan):
    f = forecast(plan, {}, {}, pace=1e-6, goal=1e-6, today=date(2026, 12, 1))
    assert f.finish is None and all(p.finish is None for p in f.phases)
