"""The article's cheaper paths, measured: each test asserts the direction of the effect."""

import pytest

from studio.core.context import Context
from studio.core.devices import cuda_available
from studio.core.lesson import catalog
from studio.core.runner import run_lesson
from studio.lessons.optimize_light_model import count

MiB = 1024 * 1024


def test_vectorised_is_faster_and_gives_the_same_numbers(run_ok):
    ctx = run_ok("efficiency.vectorize", max_size=20_000, steps=3, repeats=1)
    r = ctx.results
    assert r["same_result"] is True and r["size"] == 20_000
    assert r["numpy_s"] < r["python_loop_s"] and r["speedup"] > 1 and r["speedup_min"] > 1
    table = ctx.tables["loop_vs_numpy"]
    assert list(table["size"]) == [1000, 4472, 20_000]
    assert (table["numpy_s"] < table["python_loop_s"]).all()
    assert len(ctx.plots["speedup"].series[0].x) == 3
    assert any("faster" in line for line in ctx.output)


def test_float32_takes_half_the_memory(run_ok):
    # 1,000,000 x 10: 80 MB in float64, 40 MB in float32 (both large enough to be fresh pages)
    ctx = run_ok("efficiency.float32", rows=1_000_000, cols=10, matrix=128, repeats=1)
    r = ctx.results
    assert r["nbytes_float64"] == 80_000_000 and r["nbytes_float32"] == 40_000_000
    assert r["memory_ratio"] == 2.0
    assert r["rss_growth_float64_mb"] > r["rss_growth_float32_mb"] > 0
    assert 1.5 < r["rss_ratio"] < 2.5  # what the task manager would show
    assert 0 < r["max_relative_error"] < 1e-4  # float32 keeps 6-7 significant digits
    table = ctx.tables["float64_vs_float32"]
    assert list(table.index) == ["float64", "float32"] and list(table["digits"]) == [15, 6]


def test_del_frees_the_last_reference_and_gc_collect_frees_cycles(run_ok):
    ctx = run_ok("efficiency.gc", megabytes=80)
    r = ctx.results
    assert r["allocated_mb"] > 70
    assert abs(r["freed_by_del_with_alias_mb"]) < 8  # another name still refers to the array
    assert r["freed_by_last_del_mb"] > 70
    assert r["cycle_allocated_mb"] > 70
    assert abs(r["freed_by_del_cycle_mb"]) < 8  # the cycle keeps both objects alive
    assert r["freed_by_gc_collect_mb"] > 70 and r["gc_found"] >= 2
    assert len(ctx.tables["memory_by_step"]) == 8


@pytest.mark.slow
def test_sampling_trains_on_a_tenth(run_ok):
    ctx = run_ok("optimize.sampling", rows=10_000, features=10, trees=5)
    r = ctx.results
    assert r["rows_full"] == 8000 and r["rows_sample"] == 800
    assert 0.5 < r["accuracy_sample"] <= 1 and 0.5 < r["accuracy_full"] <= 1
    assert r["fit_s_sample"] > 0 and r["fit_s_full"] > 0
    assert r["time_saved"] == pytest.approx(1 - r["fit_s_sample"] / r["fit_s_full"])
    assert list(ctx.tables["sample_vs_full"].index) == ["10%", "100%"]


def test_pca_keeps_95_percent_with_fewer_dimensions(run_ok):
    ctx = run_ok("optimize.pca", model="knn", repeats=1)
    r = ctx.results
    assert r["dims_before"] == 64 and r["dims_after"] < 64
    assert 0.95 <= r["variance_kept"] < 0.96
    assert r["accuracy_after"] > 0.9 and r["accuracy_before"] > 0.9
    assert list(ctx.tables["original_vs_pca"]["dimensions"]) == [64, r["dims_after"]]
    cumulative = ctx.plots["explained_variance"].series[0].y
    assert cumulative[r["dims_after"] - 1] >= 0.95 > cumulative[r["dims_after"] - 2]


def test_pca_on_breast_cancer_scales_first(run_ok):
    ctx = run_ok("optimize.pca", dataset="breast_cancer", repeats=1)
    assert ctx.results["dims_before"] == 30 and 5 < ctx.results["dims_after"] < 30


def test_the_separable_cnn_has_at_least_5x_fewer_parameters():
    for width, depth in ((16, 3), (32, 4), (64, 5)):
        std, light = count(width, depth, 16, False), count(width, depth, 16, True)
        assert std["params"] >= 5 * light["params"] and std["macs"] > light["macs"]
    assert count(32, 4, 16, False)["params"] == 390_890  # the lesson's defaults


@pytest.mark.slow
def test_light_model_counts_match_torch_and_it_is_lighter(run_ok):
    ctx = run_ok("optimize.light_model", width=16, depth=3, image_size=8, epochs=1, batch_size=256)
    r = ctx.results
    assert r["params_standard"] == count(16, 3, 8, False)["params"]  # and the run checked torch's count
    assert r["params_ratio"] >= 5 and r["flops_ratio"] > 1
    assert r["train_ms_standard"] > 0 and r["train_ms_light"] > 0
    assert 0 <= r["accuracy_light"] <= 1
    assert {"loss_standard", "loss_light"} <= set(ctx.scalars)


@pytest.mark.cuda
@pytest.mark.skipif(not cuda_available(), reason="needs a CUDA GPU")
def test_light_model_on_cuda():
    lesson = catalog().get("optimize.light_model")
    params = lesson.resolve_params({"epochs": 1})
    ctx = Context("cuda:0", params)
    out = run_lesson(lesson, ctx, params)
    assert out.status == "done", out.error
    assert out.results["params_ratio"] >= 5


class StopAtFirstProgress(Context):
    def progress(self, done, total):
        self.request_stop()
        super().progress(done, total)


@pytest.mark.parametrize("lesson_id,params", [
    ("efficiency.vectorize", {"max_size": 200_000}),
    ("efficiency.gc", {"megabytes": 80}),
    ("efficiency.float32", {"rows": 100_000, "matrix": 64}),
])
def test_stop_ends_a_run(run, lesson_id, params):
    outcome, ctx = run(lesson_id, StopAtFirstProgress, **params)
    assert outcome.status == "cancelled" and not ctx.results


def test_lessons_declare_what_the_article_says():
    for lesson_id in ("efficiency.vectorize", "efficiency.float32", "efficiency.gc",
                      "optimize.sampling", "optimize.pca", "optimize.light_model"):
        lesson = catalog().get(lesson_id)
        assert lesson.estimate is not None and lesson.changes and lesson.article_code, lesson_id
    assert "result = data * 2" in catalog().get("efficiency.vectorize").article_code
    assert "减少90%计算时间" in catalog().get("optimize.sampling").article_code
    assert "PCA保留95%方差" in catalog().get("optimize.pca").article_code
    assert "参数量减少5-10倍" in catalog().get("optimize.light_model").article_code
    assert catalog().get("optimize.light_model").devices == ("cpu", "cuda")
