"""late.onnx, late.explain, late.out_of_core, late.cnn, late.transformer_scale: each measures what
the issue asks for, with small parameters."""

import json
import subprocess
import sys

import nbformat
import pytest

from studio.core import advisor
from studio.core.advisor import rules
from studio.lessons import late_cnn, late_transformer_scale


@pytest.mark.slow
def test_onnx_matches_torch_and_times_both(run_ok, studio_home):
    ctx = run_ok("late.onnx", epochs=1, sequences=200, repeats=50)
    r = ctx.results
    assert r["max_abs_diff"] < 1e-4 and r["max_abs_diff"] == max(r["mlp_max_abs_diff"], r["rnn_max_abs_diff"])
    for name in ("mlp", "rnn"):
        for runtime in ("torch", "onnx"):
            assert 0 < r[f"{name}_{runtime}_p50_ms"] <= r[f"{name}_{runtime}_p99_ms"], (name, runtime)
        assert (studio_home / "late" / "onnx" / f"{name}.onnx").stat().st_size == pytest.approx(
            1024 * r[f"{name}_file_kb"])
    assert r["rnn_file_kb"] > r["mlp_file_kb"] and r["rnn_nodes"] > r["mlp_nodes"]
    assert r["mlp_test_accuracy"] > 0.8
    assert len(ctx.scalars["loss_mlp"]) == 50 and len(ctx.scalars["loss_rnn"]) == 1


def test_explain_contributions_add_up_to_the_model_output(run_ok):
    ctx = run_ok("late.explain", n_estimators=50, row=3)
    r = ctx.results
    assert r["additivity_error"] < 1e-4  # base value + contributions = the model's log-odds
    assert r["shap_vs_xgboost_max_diff"] < 1e-4  # SHAP agrees with XGBoost's own TreeSHAP
    assert r["accuracy"] > 0.9 and r["roc_auc"] > 0.95 and r["row"] == 3
    importance = ctx.tables["global importance"]
    assert len(importance) == 30 and importance.index[0] == r["top_feature"]
    assert set(ctx.figures) == {"global importance", "test row"}
    assert len(ctx.scalars["loss"]) == 50 and ctx.scalars["val_loss"].pairs()[-1][1] < 0.3


def test_explain_titles_follow_the_language(run_ok):
    from studio.core.text import set_language

    set_language("zh")
    try:
        ctx = run_ok("late.explain", n_estimators=10)
    finally:
        set_language("en")
    assert set(ctx.figures) == {"global importance", "test row"}  # names stay; the window shows labels
    assert ctx.figures["global importance"].texts[0].get_text() == "全局特征重要性：两种算法"


@pytest.mark.slow
def test_out_of_core_memory_stays_flat_while_the_full_load_grows(run_ok, studio_home):
    ctx = run_ok("late.out_of_core", megabytes=40)
    r = ctx.results
    assert r["results_match"] == 1  # DuckDB, chunked pandas and the full load computed the same features
    assert r["disk_mb"] == pytest.approx(40, rel=0.5) and r["pandas_full_rows"] == r["rows"]
    assert r["peak_rss_mb_duckdb"] < r["peak_rss_mb_pandas_full"]
    table = ctx.tables["rows/s and peak memory"]
    assert len(table) == 4 and list(table.index) == sorted(table.index)
    # 8x the rows: the full load needs several times more memory, DuckDB does not
    full, duck = table["pandas_full_peak_mb"], table["duckdb_peak_mb"]
    assert full.iloc[-1] > 2 * full.iloc[0] and duck.iloc[-1] < full.iloc[-1]
    assert r["duckdb_rows_per_s"] > 0 and r["pandas_chunked_rows_per_s"] > 0
    assert not [p for p in studio_home.iterdir() if p.name.startswith("late-out-of-core-")]  # files deleted


def test_out_of_core_skips_the_full_load_over_its_limit(run_ok):
    ctx = run_ok("late.out_of_core", megabytes=4, full_load_limit_mb=10)
    assert "peak_rss_mb_pandas_full" not in ctx.results or ctx.results["pandas_full_rows"] < ctx.results["rows"]
    assert any("pandas_full     skipped" in line for line in ctx.output)


@pytest.mark.slow
def test_cnn_counts_its_flops_and_hands_resnet50_to_a_gpu(run_ok, studio_home):
    ctx = run_ok("late.cnn", epochs=2)
    r = ctx.results
    counted = late_cnn.count(16, 8)
    assert r["parameters"] == counted["params"] and r["flops_per_image"] == 2 * counted["macs"]
    assert r["test_accuracy"] > 0.5 and r["seconds_per_epoch"] > 0 and r["estimated_seconds_per_epoch"] > 0
    assert r["resnet50_verdict"] == "gpu" and r["resnet50_imagenet_days_here"] > 30
    assert r["resnet50_imagenet_gpu_hours"] < 24 * r["resnet50_imagenet_days_here"]
    nb = nbformat.read(studio_home / "notebooks" / "resnet50_finetune.ipynb", as_version=4)
    nbformat.validate(nb)
    assert "resnet50(weights=weights)" in nb.cells[-1].source and nb.metadata["accelerator"] == "GPU"


def test_cnn_uses_the_advisors_resnet50_numbers():
    assert late_cnn.RESNET50_IMAGENET_FLOPS == rules.RESNET50_IMAGENET_FLOPS
    assert advisor.WORKLOADS["resnet50-imagenet"].flops == rules.RESNET50_IMAGENET_FLOPS


@pytest.mark.slow
def test_transformer_tiny_loss_falls_and_sizes_are_measured():
    # Through the CLI in its own process: freeing this lesson's 30 MB embeddings raises glibc's
    # mmap threshold for the rest of a process, which would skew the RSS-measuring lessons
    # (efficiency.float32, efficiency.gc) tested after it in the same pytest process.
    args = ["largest=4x256", "seq=32", "steps=1", "tiny_steps=150"]
    proc = subprocess.run([sys.executable, "-m", "studio", "run", "late.transformer_scale", "--json",
                           *[x for a in args for x in ("--set", a)]], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    r = out["results"]
    assert out["status"] == "done" and out["scalars"]["tiny_loss"][0][1] == r["tiny_loss_first"]
    assert r["tiny_loss_last"] < r["tiny_loss_first"] / 4 and r["tiny_accuracy"] > 0.8
    for size in ("2x128", "4x256"):
        assert r[f"params_{size}"] == late_transformer_scale.counts(*late_transformer_scale.shape(size),
                                                                    late_transformer_scale.VOCAB, 32)["params"]
        assert r[f"step_s_{size}"] > 0 and r[f"memory_mb_{size}"] > 0
    assert "params_12x768" not in r  # not measured: extrapolated
    assert 100e6 < r["bert_base_params"] < 115e6 and 120e6 < r["gpt2_small_params"] < 130e6
    assert r["gpt2_small_step_s"] > r["bert_base_step_s"] > r["step_s_4x256"]
    assert r["bert_finetune_hours_here"] > 1
    assert "[Transformer sizes on this PC]" in proc.stderr  # the table, printed as it comes
    assert "BERT-base" in proc.stderr and "GPT-2 small" in proc.stderr


def test_transformer_counts_match_bert_base():
    c = late_transformer_scale.counts(12, 768, late_transformer_scale.VOCAB, 512)
    assert abs(c["params"] - 109.5e6) < 1.5e6  # BERT-base: about 110M with its pooler and heads
