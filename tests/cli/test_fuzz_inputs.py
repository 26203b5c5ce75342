"""Random and malformed input (hypothesis) for `studio plan check`, `progress import` and
`studio run --set`: the exit code is 0, 1 or 2, nothing escapes as a traceback, and nothing
invalid is stored. Bounded: a few hundred examples, about 20 s in all."""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.cli import main
from studio.core.db import Database
from studio.core.plan import ID_RE, PLAN_ID_RE, parse_plan
from studio.core.progress import STATUSES

TINY = (Path(__file__).parents[1] / "data" / "tiny_plan.toml").read_text(encoding="utf-8")
BOUNDED = settings(deadline=None, database=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`studio ARGV` in this process: an exception escaping it would be a traceback for the learner."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def write(text: str | bytes, suffix: str) -> Path:
    handle = tempfile.NamedTemporaryFile("wb", suffix=suffix, delete=False)
    with handle:
        handle.write(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    return Path(handle.name)


# -- plan check -------------------------------------------------------------------------------

toml_values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.floats().map(repr),  # TOML writes inf and nan as Python does
    st.sampled_from(["1e400", "-1e400", "nan", "inf", "-0.0", "true", "[]", "{}", '""', '"   "', "[1, 2, 3]",
                     "[[1], [2]]", '{ en = "", zh = "" }', '{ en = "a" }', '"lecture"', '"GPU"', "1979-05-27",
                     "[" * 300 + "]" * 300, "{ vram_gb = 1e400 }", "{ ram_gb = nan }",
                     "{ ram_gb = 1e12 }", "{a = " * 50 + "1" + "}" * 50]),
    st.text(max_size=30).map(json.dumps),
)
LINES = TINY.splitlines()
VALUE_LINES = [i for i, line in enumerate(LINES) if re.match(r"^\w+ = ", line)]


numbers = st.one_of(st.sampled_from(["1e400", "-1e400", "nan", "inf", "-inf", "1e12", "-2", "0", "1e-300"]),
                    st.floats().map(repr), st.integers(-(2**63), 2**63 - 1).map(str))
NUMBER_LINES = [i for i, line in enumerate(LINES) if line.startswith(("hours", "needs", "months"))]


@st.composite
def mutated_plans(draw) -> str:
    lines = list(LINES)
    if draw(st.booleans()):  # one number made odd: the plan otherwise checks
        i = draw(st.sampled_from(NUMBER_LINES))
        key, x = lines[i].split(" = ", 1)[0], draw(numbers)
        memory = draw(st.sampled_from(["ram_gb", "vram_gb"]))
        value = {"hours": x, "months": f"[1, {x}]"}.get(key, f"{{ {memory} = {x} }}")
        lines[i] = f"{key} = {value}"
        return "\n".join(lines) + "\n"
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.sampled_from(VALUE_LINES))
        key = lines[i].split(" = ", 1)[0]
        lines[i] = f"{draw(st.sampled_from([key, key, 'unknown_key', 'needs']))} = {draw(toml_values)}"
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.text(max_size=40)))
    return "\n".join(lines) + "\n"


@settings(BOUNDED, max_examples=250)
@given(st.one_of(mutated_plans(), st.text(max_size=200), st.binary(max_size=200)))
def test_plan_check_answers_every_file(text):
    path = write(text, ".toml")
    try:
        code, out, err = run_cli(["plan", "check", str(path)])
    finally:
        path.unlink()
    assert code in (0, 2) and "Traceback" not in out + err
    assert out.splitlines()[-1].startswith(str(path)) and (": ok: " in out) == (code == 0)
    if code == 0:  # a plan that checks has only sane numbers
        plan = parse_plan(text if isinstance(text, str) else text.decode())
        assert all(0 <= p.months[0] <= p.months[1] <= 1200 for p in plan.phases)
        for item in plan.items():
            assert math.isfinite(item.hours) and 0 <= item.hours <= 10_000
            for gb in (item.needs.ram_gb, item.needs.vram_gb):
                assert gb is None or (math.isfinite(gb) and 0 < gb <= 100_000)


# -- progress import --------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
              st.sampled_from(["2024-02-03T04:05:06+00:00", "9999-12-31T23:59:59", "0001-01-01", "done", "todo",
                               "os-setup", "zero-compute", "\ud800", 1e308, -1e308, 10**400])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
odd_values = st.sampled_from([1e308, float("nan"), float("inf"), 10**400, -5, True, "\ud800",
                                       "9999-12-31T00:00:00", "2024-13-01", "x\n", ""])
VALID = {"plan": "zero-compute", "item": "os-setup", "status": "done", "note": "ok",
         "started": "2024-02-03T04:05:06+00:00", "finished": "2024-02-03T05:05:06+00:00",
         "updated": "2024-02-03T05:05:06+00:00"}


def mostly(valid, odd):
    """`valid` nine times in ten, else something drawn from `odd`."""
    return st.integers(0, 9).flatmap(lambda k: st.just(valid) if k else odd)


@st.composite
def records(draw) -> dict:
    """A valid record with one field (sometimes two, sometimes none) dropped or made odd, or an extra field."""
    record = dict(VALID, item=draw(st.sampled_from(["os-setup", "local-tools", "kaggle", "a"])))
    for key in draw(st.lists(st.sampled_from([*VALID, "extra"]), min_size=0, max_size=2)):
        if draw(st.integers(0, 5)) == 0:
            record.pop(key, None)
        else:
            record[key] = draw(st.one_of(odd_values, odd_values, json_values))
    return record


progress_files = st.fixed_dictionaries({
    "kind": mostly("zero-compute-ml-studio/progress", json_values),
    "version": mostly(1, json_values),
    "records": mostly(None, json_values).flatmap(
        lambda odd: st.just(odd) if odd is not None else st.lists(records(), min_size=1, max_size=3)),
})


def stored_records_are_valid() -> None:
    db = Database()
    try:
        for row in db.query("SELECT * FROM progress"):
            assert PLAN_ID_RE.fullmatch(row["plan_id"]) and ID_RE.fullmatch(row["item_id"])
            assert row["status"] in STATUSES and isinstance(row["note"], str)
            for key in ("started", "finished", "updated"):
                value = row[key]
                assert (value is None and key != "updated") or (
                    isinstance(value, float) and math.isfinite(value) and 0 <= value <= time.time() + 86_400)
    finally:
        db.close()


@settings(BOUNDED, max_examples=250)
@given(st.one_of(progress_files.map(lambda d: json.dumps(d, allow_nan=True)),
                 st.text(max_size=100), st.binary(max_size=100)))
def test_progress_import_stores_only_valid_records(text):
    path = write(text, ".json")
    try:
        code, out, err = run_cli(["progress", "import", str(path)])
    finally:
        path.unlink()
    assert code in (0, 2) and "Traceback" not in out + err
    assert code == 0 or len(err.strip().splitlines()) == 1
    stored_records_are_valid()
    target = Path(tempfile.mkdtemp()) / "out.json"
    assert run_cli(["progress", "export", str(target)])[0] == 0  # whatever was imported exports


# -- run --set -------------------------------------------------------------------------------

assignments = st.one_of(
    st.builds(lambda v: f"n={v}", st.one_of(st.integers(-10, 2_000_000).map(str), st.floats().map(repr),
                                            st.sampled_from(["", " ", "1e400", "nan", "0x10", "5.0", "5.5", "1_000",
                                                             "9" * 5000, "٣", "true"]), st.text(max_size=8))),
    st.text(max_size=12),  # no '=', an unknown name, an empty name...
)


@settings(BOUNDED, max_examples=60)
@given(st.lists(assignments, min_size=1, max_size=3), st.sampled_from(["auto", "cpu", "cuda", "tpu", ""]))
def test_run_set_refuses_bad_values_before_the_run(assign, device):
    """python.list_basics runs in milliseconds, so the values it accepts run for real."""
    before = _run_count()
    argv = ["run", "python.list_basics", "--device", device]
    for a in assign:
        argv += ["--set", a]
    code, out, err = run_cli(argv)
    assert code in (0, 1, 2) and "Traceback" not in out + err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and _run_count() == before  # refused: nothing recorded
    else:
        assert _run_count() == before + 1


def _run_count() -> int:
    db = Database()
    try:
        return db.query("SELECT count(*) AS n FROM runs")[0]["n"]
    finally:
        db.close()
