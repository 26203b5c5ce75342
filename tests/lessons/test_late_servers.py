"""late.serving, late.streamlit, late.spark: real servers and processes on 127.0.0.1 that end
with their lesson, done or stopped (proved with psutil)."""

import urllib.request

import pytest

from studio.core.context import Context
from studio.lessons import _servers


def test_a_free_port_binds_localhost_and_stop_ends_a_process_tree(tmp_path, leftovers):
    port = _servers.free_port()
    assert not _servers.port_open(port)
    # a shell that starts a child: both must end
    proc = _servers.start(["sh", "-c", "sleep 60 & sleep 60"], tmp_path / "log")
    assert proc.poll() is None
    _servers.stop(proc)
    assert proc.returncode is not None
    leftovers.assert_none(port)


def test_serving_answers_every_request_and_the_server_ends(run_ok, leftovers):
    ctx = run_ok("late.serving", requests=200, concurrency=8)
    r = ctx.results
    assert r["errors"] == 0 and r["requests"] == 200
    assert 0 < r["p50_ms"] <= r["p99_ms"] and r["requests_per_s"] > 0
    assert 0 < r["server_p50_ms"] < r["p50_ms"]  # the middleware's own time is part of the round trip
    assert r["openapi_paths"] == 2  # /health and /predict in the generated OpenAPI schema
    assert len(ctx.scalars["latency_ms"]) == 200 and len(ctx.scalars["requests_per_s"]) >= 1
    assert any(f"http://127.0.0.1:{r['port']}/docs" in line for line in ctx.output)
    assert any("FROM python:3.11-slim" in line for line in ctx.output)  # the Dockerfile, as text
    assert any("tensorflow/serving" in line for line in ctx.output)
    leftovers.assert_none(r["port"])


def test_serving_stopped_mid_load_test_leaves_nothing(run, leftovers, stop_when):
    class Recording(Context):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            stop_when(self, lambda: "latency_ms" in self.scalars, delay=0.3)

    outcome, ctx = run("late.serving", ctx_class=Recording, requests=1_000_000, concurrency=8)
    assert outcome.status == "cancelled"
    assert 0 < len(ctx.scalars["latency_ms"]) < 1_000_000
    up = next(line for line in ctx.output if line.startswith("Server up"))
    leftovers.assert_none(int(up.split("127.0.0.1:")[1].split()[0]))


def test_streamlit_dashboard_checked_served_and_stopped(run_ok, leftovers, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url))
    ctx = run_ok("late.streamlit", keep_open_s=0)
    r = ctx.results
    assert r["health_ok"] == 1 and r["url"] == f"http://127.0.0.1:{r['port']}"
    assert r["dashboard_elements"] >= 6  # four sliders, the prediction, the chart
    assert opened == []  # the browser opens only when asked
    assert any("with longer, wider petals 'virginica'" in line for line in ctx.output)
    leftovers.assert_none(r["port"])
    ctx = run_ok("late.streamlit", keep_open_s=0, open_browser=True)
    assert opened == [ctx.results["url"]]


def test_streamlit_runs_until_stop_then_ends(run, leftovers, stop_when):
    seen = {}

    class Recording(Context):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            stop_when(self, lambda: "url" in self.results, delay=0.5)

        def result(self, **numbers):
            super().result(**numbers)
            with urllib.request.urlopen(numbers["url"] + "/_stcore/health", timeout=5) as answer:
                seen["health"] = answer.read().decode()

    outcome, ctx = run("late.streamlit", ctx_class=Recording, keep_open_s=600)
    assert outcome.status == "cancelled" and seen["health"] == "ok"
    leftovers.assert_none(ctx.results["port"])


@pytest.mark.slow
def test_spark_groupby_and_mllib_beside_pandas_and_sklearn(run_ok, leftovers):
    ctx = run_ok("late.spark", rows=20_000, max_iter=20)
    r = ctx.results
    assert r["java_version"] >= 17 and r["spark_cores"] >= 1 and r["spark_start_s"] > 0
    assert r["pandas_groupby_s"] > 0 and r["spark_groupby_s"] > 0 and r["groupby_slowdown"] > 0
    assert r["sklearn_accuracy"] > 0.9 and r["spark_accuracy"] > 0.85
    assert any("Math  86.25" in line for line in ctx.output)  # the article's subject means, from Spark
    assert list(ctx.tables)[0] == "pandas/scikit-learn vs Spark"
    leftovers.assert_none()  # the JVM and the accumulator server ended with the lesson


@pytest.mark.slow
def test_spark_stopped_while_running_ends_the_jvm(run, leftovers, stop_when):
    class Recording(Context):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            stop_when(self, lambda: any(line.startswith("Spark ") and "started" in line for line in self.output),
                      delay=0.2)

    outcome, _ = run("late.spark", ctx_class=Recording, rows=20_000, max_iter=20)
    assert outcome.status == "cancelled"
    leftovers.assert_none()
