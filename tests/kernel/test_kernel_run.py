"""A run in a kernel process: where it runs, the three-step Stop, the memory cap, crashes."""

import os
import time

import psutil
import pytest

from studio.core.context import Context
from studio.kernel.coordinator import RunCoordinator

import fake_lessons

MiB = 2**20


def relay(lesson, stop_after=None, memory_limit=None, **given):
    """Run `lesson` in a fresh kernel; Stop it `stop_after` seconds after its first point."""
    params = lesson.resolve_params(given)
    ctx = Context("cpu", params)
    run = RunCoordinator(lesson, params, "cpu", ctx, memory_limit=memory_limit)
    if stop_after is not None:
        import threading

        def stop_later():
            deadline = time.monotonic() + 60
            while not ctx.scalars and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(stop_after)
            run.stop()

        threading.Thread(target=stop_later, daemon=True).start()
    outcome = run.relay()
    return outcome, ctx, run


def test_a_lesson_runs_in_another_process_and_leaves_the_app_alone():
    import numpy as np

    np.random.seed(7)
    before = np.random.get_state()[1][:5].copy()
    outcome, ctx, run = relay(fake_lessons.WHOAMI)
    assert outcome.status == "done", outcome.error
    assert ctx.results["pid"] != os.getpid() and ctx.results["pid"] == run.kernel_run.kernel.pid
    assert (np.random.get_state()[1][:5] == before).all()  # the kernel's seeding is its own
    assert not psutil.pid_exists(ctx.results["pid"])  # every run gets a fresh process, and it ends


def test_output_curves_and_results_stream_back():
    outcome, ctx, _ = relay(fake_lessons.COUNT, steps=50, delay=0.001)
    assert outcome.status == "done" and ctx.results == {"steps": 50}
    assert len(ctx.scalars["loss"]) == 50 and ctx.scalars["loss"].snapshot()[-1][2] == pytest.approx(1 / 50)
    assert ctx.output[:2] == ["step 0", "step 10"]


def test_stop_a_lesson_that_checks_takes_one_step():
    outcome, ctx, _ = relay(fake_lessons.COUNT, stop_after=0.3, steps=100_000, delay=0.01)
    assert outcome.status == "cancelled"
    assert outcome.detail["stop_steps"] == ["stop"]  # the flag, before the interrupt at 1 s
    assert 5 < len(ctx.scalars["loss"]) < 100_000 and ctx.output[-1] == "Stopped."


def test_stop_interrupts_a_call_that_does_not_check():
    outcome, ctx, _ = relay(fake_lessons.SLEEP, stop_after=0.1, seconds=60)
    assert outcome.status == "cancelled"
    assert outcome.detail["stop_steps"] == ["stop", "interrupt"]  # KeyboardInterrupt ended time.sleep
    assert ctx.output[-1] == "Stopped."


def test_stop_kills_a_long_native_call():
    """A regex that backtracks for most of an hour holds the GIL and never sees a signal: the
    third step kills it (3 s after Stop; bench_kernel.py times it)."""
    outcome, ctx, run = relay(fake_lessons.LONG_CALL, stop_after=0.2, length=36)
    assert outcome.status == "cancelled"
    assert outcome.detail["stop_steps"] == ["stop", "interrupt", "kill"]
    assert "matching" in ctx.output and len(ctx.scalars["loss"]) == 1  # what it sent before stays
    assert not psutil.pid_exists(run.kernel_run.kernel.pid)


def test_a_run_over_its_memory_cap_ends_out_of_memory_and_the_app_lives():
    outcome, ctx, run = relay(fake_lessons.HOG, memory_limit=300 * MiB, megabytes=4000)
    assert outcome.status == "out_of_memory"
    detail = outcome.detail
    assert detail["memory_limit_mb"] == 300 and detail["peak_rss_mb"] > 300
    assert detail["available_mb"] > 0
    assert outcome.error.startswith("Out of memory: the run reached") and "limit of 300.0 MiB" in outcome.error
    assert ctx.output and ctx.output[0] == "10 MB"  # partial output kept
    assert len(ctx.scalars["mb"]) > 5
    assert not psutil.pid_exists(run.kernel_run.kernel.pid)


def test_a_memory_error_ends_out_of_memory():
    outcome, ctx, _ = relay(fake_lessons.MEMORY_ERROR)
    assert outcome.status == "out_of_memory"
    assert outcome.error.startswith("Out of memory: an allocation failed")
    assert "asking for an exabyte" in ctx.output


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_a_segfault_ends_crashed_with_its_signal():
    outcome, ctx, _ = relay(fake_lessons.SEGFAULT)
    assert outcome.status == "crashed"
    assert outcome.detail["exit"] == "signal SIGSEGV"
    assert outcome.error == "The lesson's process crashed (signal SIGSEGV)."
    assert outcome.detail["stderr"].startswith("Fatal Python error: Segmentation fault")
    assert "about to crash" in ctx.output and len(ctx.scalars["loss"]) == 1


def test_a_process_the_lesson_started_ends_with_it():
    outcome, ctx, _ = relay(fake_lessons.SPAWNS, stop_after=0.5, seconds=60)
    assert outcome.status == "cancelled"
    child = ctx.results["child"]
    deadline = time.monotonic() + 10
    while psutil.pid_exists(child) and psutil.Process(child).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the lesson's child process outlived the run"
        time.sleep(0.05)


def test_a_failing_lesson_reports_its_traceback():
    outcome, ctx, _ = relay(fake_lessons.BROKEN)
    assert outcome.status == "failed" and "RuntimeError: the lesson broke" in outcome.error
    assert "about to fail" in ctx.output


def test_tables_plots_and_figures_travel():
    outcome, ctx, _ = relay(fake_lessons.TABLES_AND_PLOTS)
    assert outcome.status == "done"
    assert list(ctx.tables["scores"]["b"]) == [3.5, 4.5]
    assert ctx.plots["line"].series[0].y == [1, 2]
