import pytest

from studio.core import advisor, units
from studio.core.advisor import GB, Estimate, estimate, memory
from studio.core.lesson import Lesson, Param, catalog
from studio.core.measure import Measurement
from studio.core.text import bi
from studio.core.throughput import Throughput

TOOLKIT = ("efficiency.vectorize", "efficiency.float32", "efficiency.gc",
           "optimize.sampling", "optimize.pca", "optimize.light_model")


def machine(gflops=10.0, ram_gb=8.0, vram_gb=0.0, measured=True) -> Measurement:
    """A made-up PC: every throughput `gflops`, `ram_gb` available, a GPU when `vram_gb`."""
    m = Measurement(logical_cores=4, usable_cores=4, ram_total=int(ram_gb * GB), ram_available=int(ram_gb * GB),
                    python_loops_per_s=1e6)
    if measured:
        m.throughput = [Throughput(lib, "cpu", dt, gflops, 512) for lib in ("numpy", "torch")
                        for dt in ("float32", "float64")]
    if vram_gb:
        m.gpus = [{"name": "Test GPU", "vram_total": int(vram_gb * GB), "vram_free": int(vram_gb * GB)}]
    return m


def test_time_is_flops_over_measured_throughput_plus_loops():
    e = Estimate(flops=1e12, efficiency=0.5, python_ops=2e6, overhead_s=1.0)
    seconds, measured = advisor.seconds_for(e, machine(gflops=10))
    assert measured and seconds == pytest.approx(1 + 1e12 / (10e9 * 0.5) + 2)
    seconds, measured = advisor.seconds_for(e, machine(measured=False))
    assert not measured and seconds == pytest.approx(1 + 1e12 / (estimate.ASSUMED_GFLOPS["float32"] * 1e9 * 0.5)
                                                     + 2e6 / 1e6)


def test_small_run_runs_here_with_minutes():
    v = advisor.judge(Estimate(flops=1e10, bytes=100e6), machine())
    assert v.level == "runs" and v.seconds < 60 and not v.cheaper and not v.cloud
    assert v.badge("en").startswith("Runs here") and "本机可运行" in v.badge("zh")
    assert "Runs here" in v.sentence("en") and "可在本机运行" in v.sentence("zh")


def test_long_run_is_slow_then_needs_a_gpu():
    slow = advisor.judge(Estimate(flops=10e9 * 0.2 * 3600, rows=200_000, features=100), machine())
    assert slow.level == "slow" and slow.seconds == pytest.approx(3601)
    assert {"sample", "pca"} <= {a.key for a in slow.cheaper}
    huge = advisor.judge(Estimate(flops=10e9 * 0.2 * 3600 * 24), machine())
    assert huge.level == "gpu" and {c.key for c in huge.cloud} == {"colab", "kaggle", "scnet"}


def test_the_article_rows_rule():
    v = advisor.judge(Estimate(rows=1_000_000, flops=1e9), machine())
    assert v.level == "slow" and v.rules == ["rows_1m"]
    assert v.cheaper[0].key == "sample" and v.cheaper[0].lesson == "optimize.sampling"
    assert "1,000,000" in v.sentence("en") and "100 万" in v.sentence("zh")
    assert advisor.judge(Estimate(rows=999_999, flops=1e9), machine()).level == "runs"
    assert advisor.judge(Estimate(rows=5_000_000, sampled=True, flops=1e9), machine()).level == "runs"


def test_untrimmed_gpt2_and_bert_need_a_gpu():
    for name in ("gpt2", "bert-base"):
        v = advisor.judge(advisor.WORKLOADS[name], machine(), ("cpu", "cuda"))
        assert v.level == "gpu" and "untrimmed_transformer" in v.rules, name
        assert v.cloud and "smaller_model" in {a.key for a in v.cheaper}
    assert advisor.WORKLOADS["gpt2"].params == 124_000_000 and advisor.WORKLOADS["bert-base"].params == 110_000_000


def test_bert_finetuning_needs_more_than_8_gb_of_vram():
    bert = advisor.WORKLOADS["bert-finetune"]
    assert "vram" in advisor.judge(bert, machine(vram_gb=8), ("cpu", "cuda")).rules
    big = advisor.judge(bert, machine(vram_gb=24), ("cpu", "cuda"))
    assert "vram" not in big.rules and "untrimmed_transformer" not in big.rules and big.device == "cuda:0"


def test_resnet50_on_imagenet_needs_a_gpu():
    v = advisor.judge(advisor.WORKLOADS["resnet50-imagenet"], machine(gflops=100))
    assert v.level == "gpu" and v.rules[0] == "imagenet_scale" and v.seconds > 30 * 86400
    assert "ResNet50" in v.sentence("en") and "ImageNet" in v.sentence("zh")


def test_memory_over_80_percent_of_the_available_ram():
    m = machine(ram_gb=10)
    assert advisor.judge(Estimate(bytes=7.9e9), m).level == "runs"
    v = advisor.judge(Estimate(bytes=8.1e9, dtype="float64"), m)
    assert v.level == "memory" and "float32" in {a.key for a in v.cheaper} and v.cloud
    assert "80%" in v.sentence("en")


def test_every_lesson_gets_a_verdict_and_the_toolkit_declares_estimates():
    m = machine()
    for lesson in catalog():
        v = advisor.advise_lesson(lesson, m)
        assert v.level in advisor.LEVELS and v.seconds > 0, lesson.id
        assert v.to_json("zh")["sentence"]
        assert v.coarse == (lesson.estimate is None), lesson.id
    for lesson_id in TOOLKIT:
        lesson = catalog().get(lesson_id)
        e = advisor.estimate_for(lesson)
        assert isinstance(e, Estimate) and e.bytes > 0 and e.flops > 0, lesson_id
        assert advisor.advise_lesson(lesson, m).level == "runs", lesson_id  # the defaults run on a PC


def test_the_toolkit_estimates_grow_with_their_size_parameters():
    grows = {"efficiency.vectorize": "max_size", "efficiency.float32": "rows", "efficiency.gc": "megabytes",
             "optimize.sampling": "rows", "optimize.light_model": "batch_size"}
    for lesson_id, name in grows.items():
        lesson = catalog().get(lesson_id)
        small = advisor.estimate_for(lesson)
        big = advisor.estimate_for(lesson, {name: lesson.param(name).default * 10})
        assert big.bytes > small.bytes, lesson_id


def _dtype_lesson():
    def estimate(p):
        return Estimate(bytes=p["rows"] * 100 * (8 if p["dtype"] == "float64" else 4))

    return Lesson(id="test.dtype", title=bi("t", "t"), summary=bi("s", "s"), run=lambda ctx, **p: None,
                  params=(Param("rows", "int", 1000, bi("r", "r"), min=10, max=10**9),
                          Param("epochs", "int", 5, bi("e", "e"), min=1, max=100),
                          Param("dtype", "choice", "float64", bi("d", "d"), choices=("float64", "float32"))),
                  estimate=estimate)


def test_memory_check_offers_float32_then_fewer_rows():
    lesson = _dtype_lesson()
    assert advisor.memory_check(lesson, {"rows": 1000, "epochs": 5, "dtype": "float64"}, available=1e9) is None
    # 1.2M rows x 800 B = 0.96 GB > 80% of 1 GB; float32 makes it 0.48 GB, within half of it
    r = advisor.memory_check(lesson, {"rows": 1_200_000, "epochs": 5, "dtype": "float64"}, available=1e9)
    assert r.needed == 0.96e9 and r.limit == 0.8e9 and r.suggest_limit == 0.5e9
    assert [o.params for o in r.options] == [{"dtype": "float32"}]
    # 3M rows: float32 alone is 1.2 GB; with it, rows must drop to 1.2M (0.48 GB); epochs never helps
    r = advisor.memory_check(lesson, {"rows": 3_000_000, "epochs": 5, "dtype": "float64"}, available=1e9)
    assert [o.params for o in r.options] == [{"dtype": "float32", "rows": 1_200_000}]
    assert r.options[0].text["en"] == "rows=1200000, dtype=float32 (457.8 MiB)"
    assert "2.2 GiB" in r.message("en") and "953.7 MiB" in r.message("en") and "80%" in r.message("zh")


def test_cheaper_rows_round_down_to_two_digits():
    assert memory._round_down(123_456, 10) == 120_000
    assert memory._round_down(99, 10) == 99
    assert memory._round_down(1_999, 1500) == 1_900


def test_plan_items_with_needs_get_verdicts():
    from studio.core.plan import default_plan_path, load_plan

    plan = load_plan(default_plan_path())
    m = machine()
    by_id = {item.id: item for item in plan.items()}
    bert = advisor.advise_item(by_id["bert-finetune"], m)
    assert bert.level == "gpu" and {"vram", "untrimmed_transformer"} <= set(bert.rules)
    resnet = advisor.advise_item(by_id["resnet50"], m)
    assert resnet.level == "gpu" and "imagenet_scale" in resnet.rules
    assert advisor.advise_item(by_id["bert-finetune"], machine(vram_gb=24)).level != "gpu"
    sampling = advisor.advise_item(by_id["sampling"], m)
    assert sampling.level == "runs" and sampling.seconds > 0  # its lesson's verdict
    for item in plan.items():
        v = advisor.advise_item(item, m)
        has_lesson = item.lesson in catalog().ids()
        assert (v is None) == (not item.needs and not has_lesson), item.id


def test_needs_alone():
    m = machine(ram_gb=8)
    assert advisor.advise_needs(m, ram_gb=4).level == "runs"
    assert advisor.advise_needs(m, ram_gb=32).level == "memory"
    v = advisor.advise_needs(m, gpu=True)
    assert v.level == "gpu" and v.cloud
    assert advisor.advise_needs(machine(vram_gb=12), gpu=True, vram_gb=8).level == "runs"
    assert advisor.advise_needs(machine(vram_gb=6), gpu=True, vram_gb=8).level == "gpu"


def test_durations_and_sizes_read_well():
    assert units.about(30) == "under a minute" and units.about(30, "zh") == "不到 1 分钟"
    assert units.about(180) == "about 3 min" and units.about(180, short=True) == "~3 min"
    assert units.about(5400) == "about 1.5 h" and units.about(4 * 86400, "zh") == "约 4 天"
    assert units.size(1.5 * 2**30) == "1.5 GiB" and units.size(2 * 2**20) == "2.0 MiB"


def _run(lesson_id, params, seconds, status="done", device="cpu"):
    from types import SimpleNamespace

    return SimpleNamespace(lesson=lesson_id, params=params, seconds=seconds, status=status, device=device)


def test_recorded_runs_replace_the_estimated_time_and_check_it():
    lesson = catalog().get("optimize.pca")
    defaults = lesson.defaults()
    runs = [_run("optimize.pca", defaults, s) for s in (4.0, 6.0, 5.0)]
    runs += [_run("optimize.pca", defaults, 99.0, status="failed"),
             _run("optimize.pca", {**defaults, "model": "knn"}, 1.0)]
    m = machine()
    v = advisor.advise_lesson(lesson, m, runs=runs)
    assert v.seconds == 5.0 and v.from_runs == 3 and v.same_settings
    assert "time measured in your 3 run(s) of these settings on this PC" in v.sentence("en")
    long = [_run("optimize.pca", defaults, 3 * 3600)]
    assert advisor.advise_lesson(lesson, m, runs=long).level == "slow"
    assert advisor.advise_lesson(lesson, m).from_runs == 0
    checks = advisor.check_against_history(runs, m)
    assert [(c.params["model"], c.runs, c.measured_s) for c in checks] == [("knn", 1, 1.0),
                                                                          ("logistic_regression", 3, 5.0)]
    assert all(c.estimated_s > 0 and c.ratio == c.estimated_s / c.measured_s for c in checks)


def test_deep_learning_lessons_estimate_their_training_not_a_rough_guess():
    m = machine()
    for lesson_id in ("torch.rnn_sine", "keras.rnn_sine", "torch.iris_mlp", "keras.iris_mlp",
                      "torch.mnist_mlp", "torch.model_compression", "torch.binary_classifier"):
        estimate = advisor.estimate_for(catalog().get(lesson_id))
        assert not estimate.coarse and estimate.flops > 0 and estimate.python_ops > 0, lesson_id
    rnn = advisor.advise_lesson(catalog().get("torch.rnn_sine"), m)
    fewer = advisor.advise_lesson(catalog().get("torch.rnn_sine"), m, {"epochs": 10})
    assert rnn.seconds > 5 * fewer.seconds - 30  # time follows the epochs
    keras_rnn = advisor.advise_lesson(catalog().get("keras.rnn_sine"), m)
    assert keras_rnn.seconds > 3 * rnn.seconds  # the article's Keras loop is several times slower


def test_cheaper_settings_leave_half_the_memory_to_the_machine():
    """For efficiency.float32 the rule proposed 19.6 GB of 24.7 GB available, on a machine
    with no swap: a run that fits but leaves the learner's system nothing."""
    from studio.core.lesson import catalog

    lesson = catalog().get("efficiency.float32")
    params = lesson.resolve_params({"rows": 2_000_000_000})
    r = advisor.memory_check(lesson, params, available=24.7e9)
    assert r is not None and r.options
    for option in r.options:
        assert lesson.estimate({**params, **option.params}).bytes <= 0.5 * 24.7e9
    assert r.options_heading("en").startswith(
        "cheaper settings that use at most half of the 23.0 GiB available (11.5 GiB)")


def test_the_new_lessons_run_here_and_resnet50_still_needs_a_gpu():
    from studio.core.plan import default_plan_path, load_plan

    m = machine(gflops=20)
    for lesson in catalog():
        if lesson.id.startswith("late."):
            v = advisor.advise_lesson(lesson, m)
            assert v.level == "runs" and not v.coarse, (lesson.id, v.sentence("en"))
    plan = load_plan(default_plan_path())
    assert advisor.advise_item(plan.item("onnx"), m).level == "runs"  # ONNX inference runs here
    assert advisor.advise_item(plan.item("fastapi"), m).level == "runs"  # a local API too
    resnet = advisor.advise_item(plan.item("resnet50"), m)
    assert resnet.level == "gpu" and "imagenet_scale" in resnet.rules  # ResNet50 on ImageNet does not
    assert advisor.advise_item(plan.item("bert-finetune"), m).level == "gpu"


def test_sequence_models_get_no_pca_advice_but_fewer_epochs_and_the_pytorch_version():
    """Issue 14: the advice fits the lesson: the sine RNNs' 50 inputs are time steps of one
    signal, not feature columns; a Keras lesson points to its PyTorch twin."""
    m = machine(gflops=0.5)  # slow enough that both RNNs are "slow" and get cheaper paths
    for lesson_id in ("torch.rnn_sine", "keras.rnn_sine", "late.onnx"):
        v = advisor.advise_lesson(catalog().get(lesson_id), m)
        keys = [a.key for a in v.cheaper]
        assert v.level != "runs" and "pca" not in keys and "vectorize" not in keys, (lesson_id, keys)
        if lesson_id != "late.onnx":
            assert "fewer_epochs" in keys, (lesson_id, keys)
    keras = advisor.advise_lesson(catalog().get("keras.rnn_sine"), m)
    assert keras.cheaper[0].key == "pytorch" and keras.cheaper[0].lesson == "torch.rnn_sine"
    fewer = next(a for a in keras.cheaper if a.key == "fewer_epochs")
    assert fewer.params == {"epochs": 10}
    assert "PCA" not in keras.sentence("en") and "PCA" not in keras.sentence("zh")
    table = advisor.judge(Estimate(features=64, rows=200_000, flops=1e15), m)
    assert "pca" in {a.key for a in table.cheaper}  # feature columns still get it


def test_a_lesson_without_an_estimate_shows_no_guess_then_its_measured_time():
    """Issue 14: never "320 KB (rough guess)": no figures until the first run, then the
    learner's measured time on this PC, said so in the verdict."""
    lesson = catalog().get("numpy.array_basics")
    assert lesson.estimate is None
    m = machine()
    before = advisor.advise_lesson(lesson, m)
    for lang in ("en", "zh"):
        text = before.sentence(lang) + before.badge(lang)
        assert "guess" not in text and "粗略" not in text and "KiB" not in text and "min" not in text, text
    assert "first run here measures the time" in before.sentence("en")
    runs = [_run(lesson.id, lesson.defaults(), 3.0)]
    after = advisor.advise_lesson(lesson, m, runs=runs)
    assert after.seconds == 3.0 and after.from_runs == 1
    assert "time measured in your 1 run(s) of these settings on this PC" in after.sentence("en")
    assert "本机" in after.sentence("zh") and "实测" in after.sentence("zh")


def test_runs_of_other_settings_give_a_scaled_measured_time():
    """After the first run, other settings are timed from it, scaled by the estimate."""
    lesson = catalog().get("torch.rnn_sine")
    m = machine()
    defaults = lesson.defaults()
    ten = {**defaults, "epochs": 10}
    est_ten = advisor.seconds_for(advisor.estimate_for(lesson, ten), m)[0]
    est_default = advisor.seconds_for(advisor.estimate_for(lesson, defaults), m)[0]
    v = advisor.advise_lesson(lesson, m, runs=[_run(lesson.id, ten, 60.0)])
    assert not v.same_settings and v.from_runs == 1
    assert v.seconds == pytest.approx(60.0 * est_default / est_ten)
    assert "with other settings, scaled to these" in v.sentence("en")
    on_gpu = advisor.advise_lesson(lesson, m, runs=[_run(lesson.id, ten, 60.0, device="cuda:0")])
    assert on_gpu.from_runs == 0  # another kind of device does not count


def test_a_plan_item_takes_its_lesson_s_measured_time_from_the_runs():
    from types import SimpleNamespace

    lesson = catalog().get("torch.rnn_sine")
    item = SimpleNamespace(lesson=lesson.id, needs=None, warnings=())
    m = machine(gflops=0.5)
    assert advisor.advise_item(item, m).level != "runs"
    measured = advisor.advise_item(item, m, runs=[_run(lesson.id, lesson.defaults(), 120.0)])
    assert measured.level == "runs" and measured.seconds == 120.0 and measured.from_runs == 1
