"""A practice attempt, in the kernel: run the learner's code as Jupyter would, then the checks.

`run_attempt(ctx, exercise_id, code)` is the kernel job (studio.kernel runs it in a fresh
process, with Stop, the memory cap and the time limit). It executes the code in a fresh
namespace with `__name__ == "__main__"`, while
- what it prints goes to the app's console (the kernel's stdout) and is kept for the checks;
- `plt.show()` sends its figures to the app (studio.practice.mpl_backend), and figures still
  open at the end are sent too;
- `studio.live.log(name, step, value)` streams a curve to the live chart;
then runs the exercise's checks against what it left behind. `evaluate` does the same in any
process with any context (the tests call it directly).

Stop, its interrupt and MemoryError are not the learner's errors: they pass through, and the
kernel reports the run cancelled, timed out or out of memory.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import linecache
import os
import sys
import time
import traceback

from studio.core.context import Cancelled, Context
from studio.practice.exercise import Env, Exercise, Fail, Result
from studio.practice.report import CheckOutcome, Report

EDITOR_FILE = "<editor>"
BACKEND = "module://studio.practice.mpl_backend"
PASS_THROUGH = (Cancelled, KeyboardInterrupt, MemoryError)


def run_attempt(ctx, exercise_id: str, code: str, filename: str = EDITOR_FILE) -> Report:
    """The kernel job: the learner's code for `exercise_id`, run and checked."""
    from studio.practice.exercise import get

    return evaluate(get(exercise_id), code, ctx, filename)


def evaluate(exercise: Exercise, code: str, ctx: Context | None = None, filename: str = EDITOR_FILE) -> Report:
    ctx = ctx if ctx is not None else Context()
    env, failure = execute(code, ctx, filename, exercise.trace_memory)
    report = Report(exercise.id, "pass", output=env.output, seconds=env.seconds, figures=len(env.figures))
    if is_starter(code, exercise.starter):
        report.status = "not_attempted"
        return report
    if failure is not None:
        report.status, (report.error, report.error_line) = "error", failure
        return report

    def rerun(other: str | None) -> Env:
        """Other code (None: the starter) run the same way, quietly, for comparisons."""
        return execute(exercise.starter if other is None else other, Context(), "<starter>",
                       exercise.trace_memory, quiet=True)[0]

    env.rerun = rerun
    report.checks = [run_check(c, env) for c in exercise.checks]
    if any(c.passed is None for c in report.checks):
        report.status = "check_error"
    elif not all(c.passed for c in report.checks):
        report.status = "fail"
    return report


def is_starter(code: str, starter: str) -> bool:
    """The code is the starter's, comments, blank lines and spacing aside."""
    try:
        return ast.dump(ast.parse(code)) == ast.dump(ast.parse(starter))
    except SyntaxError:
        return False


def run_check(check, env: Env) -> CheckOutcome:
    try:
        result = check.fn(env)
        if not isinstance(result, Result):
            raise TypeError(f"the check returned {type(result).__name__}, not a Result")
    except Fail as failed:
        return CheckOutcome(check.name, check.text, False, failed.expected, failed.found)
    except PASS_THROUGH:
        raise
    except Exception:  # the check itself is broken: reported apart from the learner's result
        return CheckOutcome(check.name, check.text, None, error=traceback.format_exc())
    return CheckOutcome(check.name, check.text, result.passed, result.expected, result.found)


# -- running the code ------------------------------------------------------------------------------
def execute(code: str, ctx: Context, filename: str, trace_memory: bool = False,
            quiet: bool = False) -> tuple[Env, tuple[str, int | None] | None]:
    """Run `code` in a fresh namespace; (what it left, (traceback, line) if it raised)."""
    ns = {"__name__": "__main__", "__file__": filename, "__builtins__": builtins}
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    env = Env(ns, curves=ctx.scalars)
    printed = io.StringIO()
    failure = None

    def show(fig) -> None:
        env.figures.append(fig)
        if not quiet:
            ctx.figure(f"figure {len(env.figures)}", fig)

    with _teed(printed, quiet), _live(ctx), _figures(show):
        try:
            compiled = compile(code, filename, "exec")
        except SyntaxError as exc:
            failure = ("".join(traceback.format_exception_only(type(exc), exc)), exc.lineno)
        else:
            with _traced(env, trace_memory):
                start = time.perf_counter()
                try:
                    exec(compiled, ns)
                except PASS_THROUGH:
                    raise
                except BaseException as exc:  # SystemExit too: exit() in a cell is an error
                    failure = learner_traceback(exc, filename)
                finally:
                    env.seconds = time.perf_counter() - start
    env.output = printed.getvalue()
    return env, failure


def learner_traceback(exc: BaseException, filename: str) -> tuple[str, int | None]:
    """The traceback from the learner's code down (the job's own frames left out), and the last
    line of the learner's code in it."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    text = "".join(traceback.TracebackException(type(exc), exc, tb or exc.__traceback__).format())
    lines = [frame.lineno for frame in traceback.extract_tb(tb) if frame.filename == filename]
    if isinstance(exc, SyntaxError) and exc.filename == filename:  # from exec'd code it calls
        lines.append(exc.lineno)
    return text, (lines[-1] if lines else None)


class _Tee(io.TextIOBase):
    def __init__(self, *streams):
        self.streams = [s for s in streams if s is not None]

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


@contextlib.contextmanager
def _teed(keep: io.StringIO, quiet: bool):
    """stdout and stderr kept in `keep` and (unless quiet) passed on as before (the console)."""
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout = _Tee(keep, None if quiet else old_out)
    sys.stderr = _Tee(keep, None if quiet else old_err)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout, sys.stderr = old_out, old_err


@contextlib.contextmanager
def _live(ctx: Context):
    from studio import live

    old, live._ctx = live._ctx, ctx
    try:
        yield
    finally:
        live._ctx = old


@contextlib.contextmanager
def _figures(show):
    """pyplot draws with the practice backend while the code runs; figures still open at the
    end are shown too (as a notebook cell does); the previous backend comes back after."""
    from studio.practice import mpl_backend

    old_env = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = BACKEND  # read by matplotlib when the code first imports it
    old_backend = None
    if "matplotlib" in sys.modules:
        import matplotlib

        old_backend = matplotlib.rcParams._get("backend")
        matplotlib.use(BACKEND)
    old_sink, mpl_backend.sink = mpl_backend.sink, show
    try:
        yield
    finally:
        if "matplotlib.pyplot" in sys.modules:
            mpl_backend.show()
        mpl_backend.sink = old_sink
        if old_env is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = old_env
        if "matplotlib" in sys.modules:
            import matplotlib

            matplotlib.use(old_backend if isinstance(old_backend, str) and old_backend != BACKEND else "agg")


@contextlib.contextmanager
def _traced(env: Env, on: bool):
    """The code's allocations at their peak and at the end (tracemalloc; NumPy reports its own)."""
    if not on:
        yield
        return
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        yield
    finally:
        env.current_bytes, env.peak_bytes = tracemalloc.get_traced_memory()
        tracemalloc.stop()
