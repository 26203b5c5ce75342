"""Can this PC run it? Estimates, verdicts, the article's pitfalls as rules, and the memory rule.

The estimate model
------------------
A lesson (or a plan item) describes what one run needs as an `Estimate`:

- `flops`: floating-point operations of the whole run = FLOPs per sample x samples x epochs.
  A dense layer n_in -> n_out costs 2 n_in n_out FLOPs per sample forward, and about three
  times that with the backward pass; a k x k convolution c_in -> c_out on an h x w output costs
  2 k^2 c_in c_out h w; an n x n matrix product 2 n^3.
- `bytes`: peak memory of the run's own data: arrays and tensors (elements x 4 bytes for
  float32, x 8 for float64), model parameters with their gradients and optimiser state,
  activations kept for the backward pass. The interpreter and imported libraries are not
  counted (they are already loaded in the app).
- `rows`, `features`, `params`: training rows, input dimensions, model parameters: they drive
  the article's rules and pick the cheaper paths that fit.
- `python_ops`: iterations of plain-Python loops, which run at the measured loop speed, not
  at BLAS speed.
- `traffic`: bytes that memory-bound array work reads and writes (element-wise NumPy:
  about one read and one write of every array it touches per pass); it moves at the measured
  memory bandwidth, not at matmul speed.

Time = `overhead_s` + `flops` / (measured matmul GFLOP/s x `efficiency`) + `python_ops` /
(measured loop speed) + `traffic` / (measured memory bandwidth). The matmul figure (see
`studio.core.measure`) is the machine's peak; `efficiency` is the share of it that the real
work reaches: about 1 for big matrix products, 0.03-0.3 for small layers and sklearn's tree
building. `tests/benchmarks/advisor_vs_runs.py` compares the six toolkit lessons' estimates
with their measured run times (within 0.6-2.6x here), and `studio advise` compares every
lesson's estimate with its recorded runs (run history); a recorded run of the same settings
replaces the estimated time in the verdict.

Adding an estimator to a lesson
-------------------------------
Write a function `estimate(params) -> Estimate` in the lesson module (no heavy imports: it is
called to advise, before anything runs) and pass it as `Lesson(..., estimate=estimate)`.
`params` is the dict of resolved parameters. Count what the run allocates and computes from
them; see `studio/lessons/optimize_light_model.py` (a CNN counted layer by layer) or
`studio/lessons/efficiency_float32.py` (arrays and matrix products). A lesson without an
estimator gets `coarse_estimate`, a rough guess from parameters named like samples/rows and
epochs, marked coarse in the verdict.

Verdicts
--------
`runs` (here, in about N minutes), `slow` (runs, but takes longer than `SLOW_MINUTES`, or an
article rule says so: with the cheaper paths that fit), `gpu` (longer than `GPU_HOURS` on this
CPU, or a rule that needs a GPU: with the free-compute options) and `memory` (more than
`MEMORY_SHARE` of the available RAM: with the cheaper settings that would fit).
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from studio.core.lesson import LessonError
from studio.core.measure import Measurement
from studio.core.text import bi, pick
from studio.core.units import about, size

Text = Mapping[str, str]

SLOW_MINUTES = 15.0  # longer than this on this PC: "runs, but slowly"
GPU_HOURS = 8.0  # longer than this on this CPU: "needs a GPU" (a working day)
MEMORY_SHARE = 0.8  # a run may use at most this share of the available RAM
SUGGEST_SHARE = 0.5  # cheaper settings offered instead use at most this share: the machine keeps room
ASSUMED_GFLOPS = {"float32": 20.0, "float64": 10.0}  # a modest 4-core laptop, when not measured
ASSUMED_GPU_GFLOPS = {"float32": 8000.0, "float64": 250.0}  # a mid-range consumer GPU
ASSUMED_LOOPS_PER_S = 5e6  # a plain Python loop step on a modest PC (6e6 measured on the 2-core dev VM)
ASSUMED_GBPS = 5.0  # memory bandwidth NumPy reaches on a modest PC
GB = 1e9
MB = 1e6


@dataclass(frozen=True)
class Estimate:
    """What one run needs; see the module docstring for how to count each field."""

    flops: float = 0.0
    bytes: float = 0.0
    rows: int = 0
    features: int = 0
    params: int = 0
    dtype: str = "float32"
    library: str = "numpy"  # whose measured throughput applies: numpy | torch
    efficiency: float = 0.2
    python_ops: float = 0.0
    traffic: float = 0.0  # bytes moved by memory-bound array work
    overhead_s: float = 1.0
    vram_bytes: float = 0.0  # GPU memory the work needs when it runs on a GPU
    sampled: bool = False  # trains on a sample already (meets the 1M-rows rule)
    coarse: bool = False  # a default guess, not the lesson's own count


@dataclass
class Advice:
    """One cheaper path or free-compute option."""

    key: str
    text: Text
    lesson: str = ""  # the lesson that shows this path
    params: dict[str, Any] = field(default_factory=dict)  # settings to apply

    def to_json(self, lang: str | None = None) -> dict:
        out = {"key": self.key, "text": pick(self.text, lang)}
        if self.lesson:
            out["lesson"] = self.lesson
        if self.params:
            out["params"] = dict(self.params)
        return out


@dataclass
class Verdict:
    level: str  # runs | slow | gpu | memory
    seconds: float | None = None
    bytes: float = 0.0
    available: float = 0.0  # RAM available when advised
    device: str = "cpu"
    reasons: list[Text] = field(default_factory=list)
    cheaper: list[Advice] = field(default_factory=list)
    cloud: list[Advice] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    coarse: bool = False
    measured: bool = False  # throughput from a measurement of this PC
    from_runs: int = 0  # the time is the median of this many recorded runs with these settings

    def badge(self, lang: str | None = None) -> str:
        time_text = f" {about(self.seconds, lang, short=True)}" if self.seconds is not None else ""
        return pick({
            "runs": bi(f"Runs here{time_text}", f"本机可运行{time_text}"),
            "slow": bi(f"Slow here{time_text}", f"本机较慢{time_text}"),
            "gpu": bi("Needs a GPU", "需要 GPU"),
            "memory": bi("Needs more memory", "需要更多内存"),
        }[self.level], lang)

    def sentence(self, lang: str | None = None) -> str:
        """One sentence for the item: the verdict, why, and what to do."""
        t = about(self.seconds, lang) if self.seconds is not None else None
        mem = size(self.bytes)
        why = pick(bi("; ", "；"), lang).join(pick(r, lang) for r in self.reasons[:2])
        first = pick(self.cheaper[0].text, lang) if self.cheaper else ""
        clouds = ", ".join(pick(c.text, lang).split(":")[0].split("：")[0] for c in self.cloud)
        if self.level == "runs":
            text = pick(bi(
                f"Runs here: {t} on {self.device}" + (f", {mem} of memory." if self.bytes else "."),
                f"可在本机运行：在 {self.device} 上{t}" + (f"，内存约 {mem}。" if self.bytes else "。"),
            ), lang) if t else pick(bi("Runs here.", "可在本机运行。"), lang)
        elif self.level == "slow":
            text = pick(bi(f"Runs here, but slowly ({t or 'long'}): {why}. Cheaper: {first}",
                           f"可以运行，但很慢（{t or '耗时长'}）：{why}。更省的做法：{first}"), lang)
        elif self.level == "gpu":
            text = pick(bi(f"Needs a GPU: {why}. Free GPUs: {clouds}.",
                           f"需要 GPU：{why}。免费算力：{clouds}。"), lang)
        else:
            text = pick(bi(f"Needs more memory: {why}. " + (f"Cheaper: {first}" if first else ""),
                           f"需要更多内存：{why}。" + (f"更省的做法：{first}" if first else "")), lang)
        if self.from_runs:
            text += pick(bi(f" (time measured in {self.from_runs} earlier run(s))",
                            f"（时间取自之前 {self.from_runs} 次运行的实测）"), lang)
        elif self.coarse:
            text += pick(bi(" (rough guess: this lesson declares no estimate)",
                            "（粗略估计：本课没有声明资源估计）"), lang)
        return text

    def to_json(self, lang: str | None = None) -> dict:
        return {
            "level": self.level,
            "badge": self.badge(lang),
            "sentence": self.sentence(lang),
            "minutes": None if self.seconds is None else round(self.seconds / 60, 3),
            "memory_mb": round(self.bytes / MB, 1),
            "available_mb": round(self.available / MB, 1),
            "device": self.device,
            "rules": list(self.rules),
            "reasons": [pick(r, lang) for r in self.reasons],
            "cheaper": [a.to_json(lang) for a in self.cheaper],
            "cloud": [a.to_json(lang) for a in self.cloud],
            "coarse": self.coarse,
            "measured": self.measured,
            "from_runs": self.from_runs,
        }


# -- the article's pitfalls, with their numbers -------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    level: str  # the verdict it forces at least
    text: Text
    applies: Callable[[Estimate, Measurement], bool]


ROWS_LIMIT = 1_000_000  # 避免直接跑通100万+条数据的全量训练
TRANSFORMER_PARAMS = 100_000_000  # GPT-2 small 124M, BERT-base 110M parameters
BERT_FINETUNE_VRAM = 8 * GB  # BERT微调(>8GB显存需求)
# ResNet50: 4.1 G multiply-adds per 224x224 image forward (torchvision's "4.09 GFLOPS" counts a
# multiply-add as one), i.e. 8.2 GFLOPs as the matmul benchmark and torch's FlopCounterMode count;
# x3 for training (forward + backward), 1,281,167 ImageNet images, 90 epochs.
RESNET50_FLOPS_PER_IMAGE = 2 * 4.1e9
IMAGENET_IMAGES = 1_281_167
RESNET50_IMAGENET_FLOPS = RESNET50_FLOPS_PER_IMAGE * 3 * IMAGENET_IMAGES * 90

RULES: tuple[Rule, ...] = (  # most specific first: a sentence shows the first two reasons
    Rule("imagenet_scale", "gpu", bi(
        "ImageNet-scale training (the article: ResNet50 on ImageNet needs a GPU; about 2.8e18 FLOPs)",
        "ImageNet 规模的训练（原文：ResNet50 训练 ImageNet 需 GPU，约 2.8e18 次浮点运算）"),
        lambda e, m: e.flops >= RESNET50_IMAGENET_FLOPS / 10 and not m.gpus),
    Rule("vram", "gpu", bi(
        "it needs more GPU memory than this PC has (the article: BERT fine-tuning needs more than 8 GB)",
        "所需显存超过本机（原文：BERT 微调需要 8GB 以上显存）"),
        lambda e, m: e.vram_bytes > 0 and e.vram_bytes > m.vram_total),
    Rule("untrimmed_transformer", "gpu", bi(
        "the article: never try an untrimmed GPT-2 (124M parameters) or BERT-base (110M) on an "
        "ordinary PC",
        "原文：普通电脑禁止尝试未裁剪的 GPT-2（1.24 亿参数）/ BERT-base（1.1 亿参数）模型"),
        lambda e, m: e.params >= TRANSFORMER_PARAMS and m.vram_total < max(e.vram_bytes, 4 * GB)),
    Rule("rows_1m", "slow", bi(
        "the article: avoid full training on 1,000,000+ rows on an ordinary PC",
        "原文：普通电脑避免直接跑通 100 万+ 条数据的全量训练"),
        lambda e, m: e.rows >= ROWS_LIMIT and not e.sampled),
)

# The article's plan items and pitfalls as workloads, for plan items that name one.
WORKLOADS: dict[str, Estimate] = {
    "gpt2": Estimate(params=124_000_000, flops=6 * 124e6 * 1e9, bytes=124e6 * 16, rows=1_000_000,
                     library="torch", vram_bytes=6 * GB),
    "bert-base": Estimate(params=110_000_000, flops=6 * 110e6 * 128 * 100_000 * 3,
                          bytes=110e6 * 16, library="torch", vram_bytes=BERT_FINETUNE_VRAM + 1),
    "bert-finetune": Estimate(params=110_000_000, flops=6 * 110e6 * 128 * 100_000 * 3,
                              bytes=110e6 * 16, library="torch", vram_bytes=BERT_FINETUNE_VRAM + 1),
    "resnet50-imagenet": Estimate(params=25_600_000, flops=RESNET50_IMAGENET_FLOPS, rows=1_281_167,
                                  features=3 * 224 * 224, bytes=25.6e6 * 16 + 256 * 3 * 224 * 224 * 4 * 20,
                                  library="torch", efficiency=0.3),
    "mnist-mlp": Estimate(params=50_890, flops=6 * 50_890 * 60_000 * 5, rows=60_000, features=784,
                          bytes=60_000 * 784 * 4, library="torch", efficiency=0.05),
}

# -- cheaper paths and free compute (the article's sections 三 and 五) ----------------------

CLOUD = (
    Advice("colab", bi("Google Colab: free GPU/TPU, 12-hour sessions; mount Google Drive to keep data",
                       "Google Colab：免费 GPU/TPU，单次会话 12 小时；挂载 Google Drive 保存数据")),
    Advice("kaggle", bi("Kaggle Kernel: about 30 GPU hours a week, enough for small projects",
                        "Kaggle Kernel：每周约 30 小时 GPU 额度，足够小型项目")),
    Advice("scnet", bi("National Supercomputing Internet Platform (scnet.cn): free compute offers, "
                       "domestic accelerator cards, 64 GB cards at a discount",
                       "国家超算互联网平台（scnet.cn）：免费计算资源抢购，国产加速卡，64GB 显存卡特惠")),
)


def cheaper_paths(e: Estimate) -> list[Advice]:
    """The article's cheaper paths that fit this estimate, most effective first."""
    out = []
    if e.rows >= 100_000 and not e.sampled:
        out.append(Advice("sample", bi("train on a random 10% of the rows first (about 90% less time)",
                                       "先随机抽样 10% 的数据训练（约减少 90% 计算时间）"),
                          "optimize.sampling"))
    if e.params >= 1_000_000:
        out.append(Advice("smaller_model", bi(
            "use a lighter model: MobileNet-style depthwise-separable layers have 5-10x fewer parameters",
            "换用轻量模型：MobileNet 式深度可分离卷积，参数量减少 5-10 倍"), "optimize.light_model"))
    if e.features >= 50:
        out.append(Advice("pca", bi("reduce the inputs with PCA keeping 95% of the variance",
                                    "用 PCA 保留 95% 方差，降低输入维度"), "optimize.pca"))
    if e.dtype == "float64":
        out.append(Advice("float32", bi("use float32 instead of float64: half the memory",
                                        "用 float32 替代 float64：内存减半"), "efficiency.float32"))
    if e.python_ops >= 1e6:
        out.append(Advice("vectorize", bi("replace the Python loop with NumPy vectorised operations",
                                          "用 NumPy 向量化运算替代 Python 循环"), "efficiency.vectorize"))
    if e.bytes >= 1 * GB:
        out.append(Advice("free_memory", bi("free what you no longer need: del + gc.collect()",
                                            "及时释放不用的变量：del + gc.collect()"), "efficiency.gc"))
    return out


# -- estimating -----------------------------------------------------------------------------

_SIZE_NAMES = ("rows", "samples", "n_samples", "num_samples", "n", "size", "max_size")
_EPOCH_NAMES = ("epochs", "num_epochs", "n_epochs", "iterations")
_FEATURE_NAMES = ("features", "n_features", "input_size", "dims")


def coarse_estimate(lesson, params: Mapping[str, Any]) -> Estimate:
    """A rough guess for a lesson without an estimator: rows x epochs x a small model."""
    rows = next((int(params[n]) for n in _SIZE_NAMES if isinstance(params.get(n), (int, float))), 1000)
    epochs = next((int(params[n]) for n in _EPOCH_NAMES if isinstance(params.get(n), (int, float))), 1)
    features = next((int(params[n]) for n in _FEATURE_NAMES if isinstance(params.get(n), (int, float))), 10)
    per_sample = 6 * 5_000  # a 5,000-parameter model, forward and backward
    return Estimate(flops=rows * epochs * per_sample, bytes=rows * features * 8 * 4, rows=rows,
                    features=features, library="torch" if lesson.uses_torch else "numpy",
                    dtype="float32" if lesson.uses_torch else "float64", efficiency=0.05,
                    overhead_s=2.0, coarse=True)


def estimate_for(lesson, params: Mapping[str, Any] | None = None) -> Estimate:
    """The lesson's own estimate for `params` (defaults when None), or the coarse default."""
    params = lesson.resolve_params(params)
    if lesson.estimate is None:
        return coarse_estimate(lesson, params)
    return lesson.estimate(params)


def _gflops(m: Measurement, e: Estimate, device: str) -> tuple[float, bool]:
    if device.startswith("cuda"):
        got = m.gflops("torch", device, e.dtype)
        return (got, True) if got else (ASSUMED_GPU_GFLOPS.get(e.dtype, 1000.0), False)
    got = m.gflops(e.library, "cpu", e.dtype) or m.best_gflops("cpu", e.dtype)
    return (got, True) if got else (ASSUMED_GFLOPS.get(e.dtype, 10.0), False)


def seconds_for(e: Estimate, m: Measurement, device: str = "cpu") -> tuple[float, bool]:
    """(estimated seconds, measured?) of a run on `device` of this machine."""
    gflops, measured = _gflops(m, e, device)
    loops = m.python_loops_per_s or ASSUMED_LOOPS_PER_S
    gbps = m.memory_gbps or ASSUMED_GBPS
    compute = e.flops / (gflops * 1e9 * max(e.efficiency, 1e-6))
    return e.overhead_s + compute + e.python_ops / loops + e.traffic / (gbps * 1e9), measured


def judge(e: Estimate, m: Measurement, devices: tuple[str, ...] = ("cpu",),
          available: float | None = None, seconds: float | None = None) -> Verdict:
    """The verdict on machine `m` for a run that needs `e`; `seconds`: a measured time that
    replaces the estimated one."""
    available = m.ram_available if available is None else available
    device = "cuda:0" if "cuda" in devices and m.gpus else "cpu"
    estimated, measured = seconds_for(e, m, device)
    if seconds is None:
        seconds = estimated
    else:
        measured = True
    v = Verdict("runs", seconds, e.bytes, available, device, coarse=e.coarse, measured=measured)

    def raise_to(level: str, reason: Text, rule: str = "") -> None:
        if LEVELS.index(level) > LEVELS.index(v.level):
            v.level = level
        v.reasons.append(reason)
        if rule:
            v.rules.append(rule)

    for rule in RULES:
        if rule.applies(e, m):
            raise_to(rule.level, rule.text, rule.id)
    if seconds > GPU_HOURS * 3600 and not device.startswith("cuda"):
        raise_to("gpu", bi(f"{about(seconds, 'en')} on this CPU",
                           f"在本机 CPU 上需{about(seconds, 'zh')}"))
    elif seconds > SLOW_MINUTES * 60:
        raise_to("slow", bi(f"{about(seconds, 'en')} here", f"在本机需{about(seconds, 'zh')}"))
    if available and e.bytes > MEMORY_SHARE * available:
        raise_to("memory", bi(
            f"about {size(e.bytes)} of memory against {size(available)} available "
            f"(at most {MEMORY_SHARE:.0%})",
            f"约需内存 {size(e.bytes)}，可用 {size(available)}（最多使用 {MEMORY_SHARE:.0%}）"))
    if v.level != "runs":
        v.cheaper = cheaper_paths(e)
    if v.level in ("gpu", "memory") or (v.level == "slow" and seconds > 3600):
        v.cloud = list(CLOUD)
    return v


def measurement_or_snapshot(db=None) -> Measurement:
    """The newest stored measurement of this PC with live memory figures, or a snapshot."""
    from studio.core import measure

    m = measure.latest(db) if db is not None else None
    live = measure.snapshot()
    if m is None:
        return live
    m.ram_total, m.ram_available, m.ram_limit = live.ram_total, live.ram_available, live.ram_limit
    return m


def advise_lesson(lesson, m: Measurement, params: Mapping[str, Any] | None = None,
                  runs: Iterable | None = None) -> Verdict:
    """The lesson's verdict for `params` (defaults when None). With `runs` (run history,
    `studio.core.history.Run`s), a finished run of the same settings on the same kind of
    device replaces the estimated time by the measured one (the median)."""
    params = lesson.resolve_params(params)
    device = "cuda:0" if "cuda" in lesson.devices and m.gpus else "cpu"
    times = _recorded_seconds(runs or (), lesson.id, params, device)
    seconds = statistics.median(times) if times else None
    v = judge(estimate_for(lesson, params), m, lesson.devices, seconds=seconds)
    v.from_runs = len(times)
    return v


def _same_params(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return json.dumps(dict(a), sort_keys=True, default=str) == json.dumps(dict(b), sort_keys=True, default=str)


def _recorded_seconds(runs: Iterable, lesson_id: str, params: Mapping[str, Any], device: str) -> list[float]:
    kind = device.split(":")[0]
    return [r.seconds for r in runs
            if r.lesson == lesson_id and r.status == "done" and r.seconds
            and (r.device or "cpu").split(":")[0] == kind and _same_params(r.params, params)]


@dataclass
class HistoryCheck:
    """The estimate model against the recorded runs of one lesson with one set of settings."""

    lesson: str
    params: dict[str, Any]
    device: str
    estimated_s: float
    measured_s: float  # median of the runs
    runs: int

    @property
    def ratio(self) -> float:
        return self.estimated_s / self.measured_s

    def to_json(self) -> dict:
        return {"lesson": self.lesson, "params": self.params, "device": self.device, "runs": self.runs,
                "estimated_s": round(self.estimated_s, 3), "measured_s": round(self.measured_s, 3),
                "ratio": round(self.ratio, 3)}


def check_against_history(runs: Iterable, m: Measurement, lessons=None) -> list[HistoryCheck]:
    """Estimated against measured run times, for every lesson and settings with finished runs."""
    if lessons is None:
        from studio.core.lesson import catalog

        lessons = catalog()
    groups: dict[tuple[str, str, str], list] = {}
    for r in runs:
        if r.status == "done" and r.seconds and r.lesson in lessons.ids():
            key = (r.lesson, json.dumps(r.params, sort_keys=True, default=str), (r.device or "cpu").split(":")[0])
            groups.setdefault(key, []).append(r)
    out = []
    for (lesson_id, _, kind), group in sorted(groups.items()):
        lesson = lessons.get(lesson_id)
        try:
            params = lesson.resolve_params(group[0].params)
        except LessonError:
            continue  # settings the lesson no longer accepts
        estimated, _ = seconds_for(estimate_for(lesson, params), m, "cuda:0" if kind == "cuda" else "cpu")
        out.append(HistoryCheck(lesson_id, params, kind, estimated,
                                statistics.median(r.seconds for r in group), len(group)))
    return out


def advise_needs(m: Measurement, ram_gb: float | None = None, gpu: bool = False,
                 vram_gb: float | None = None, workload: str | None = None) -> Verdict:
    """A verdict for a plan item that states hardware needs (and optionally an article workload)."""
    if workload:
        v = judge(WORKLOADS[workload], m, ("cpu", "cuda"))
    else:
        v = Verdict("runs", None, 0.0, m.ram_available, "cuda:0" if m.gpus else "cpu",
                    measured=bool(m.throughput))

    def at_least(level: str, reason: Text) -> None:
        if LEVELS.index(level) > LEVELS.index(v.level):
            v.level = level
        v.reasons.append(reason)

    if ram_gb and ram_gb * GB > m.ram_total:
        at_least("memory", bi(f"needs {ram_gb:g} GB of RAM; this PC has {size(m.ram_total)}",
                              f"需要 {ram_gb:g} GB 内存；本机共 {size(m.ram_total)}"))
    if gpu and not m.gpus:
        at_least("gpu", bi("needs a GPU; this PC has none", "需要 GPU；本机没有"))
    if vram_gb and vram_gb * GB > m.vram_total and "vram" not in v.rules:
        at_least("gpu", bi(f"needs {vram_gb:g} GB of GPU memory; this PC has {size(m.vram_total)}",
                           f"需要 {vram_gb:g} GB 显存；本机有 {size(m.vram_total)}"))
    if v.level in ("gpu", "memory"):
        v.cloud = list(CLOUD)
    return v


# The plan's warnings (plans/*.toml [warnings]) that name one of the article's workloads.
WARNING_WORKLOADS = {"imagenet-gpu": "resnet50-imagenet", "bert-vram": "bert-finetune"}
LEVELS = ("runs", "slow", "gpu", "memory")  # mildest first


def merge(a: Verdict, b: Verdict) -> Verdict:
    """The harsher of two verdicts on the same thing, with the reasons and advice of both (a new
    Verdict: neither is changed, so one lesson's verdict can be shared by all its plan items)."""
    worst, other = (a, b) if LEVELS.index(a.level) >= LEVELS.index(b.level) else (b, a)
    keys = {x.key for x in worst.cheaper}
    return replace(
        worst,
        cheaper=worst.cheaper + [x for x in other.cheaper if x.key not in keys],
        cloud=list(worst.cloud or other.cloud),
        reasons=worst.reasons + [r for r in other.reasons if r not in worst.reasons],
        rules=worst.rules + [r for r in other.rules if r not in worst.rules],
        seconds=worst.seconds if worst.seconds is not None else other.seconds,
        bytes=max(worst.bytes, other.bytes),
    )


def advise_item(item, m: Measurement, lessons=None, lesson_verdicts: dict | None = None) -> Verdict | None:
    """A plan item's verdict: its lesson's (if it has one) and its stated hardware needs, with
    the article workload its warnings name (ResNet50 on ImageNet, BERT fine-tuning). None for
    an item with neither a lesson nor needs. `lessons`: the catalog (default: the app's);
    `lesson_verdicts`: a dict kept across the items of a plan, so each lesson is judged once."""
    if lessons is None:
        from studio.core.lesson import catalog

        lessons = catalog()
    verdict = None
    if item.lesson and item.lesson in lessons.lessons:
        cache = lesson_verdicts if lesson_verdicts is not None else {}
        if item.lesson not in cache:
            cache[item.lesson] = advise_lesson(lessons.get(item.lesson), m)
        verdict = cache[item.lesson]
    needs = item.needs
    if needs:
        workload = next((WARNING_WORKLOADS[w.id] for w in item.warnings if w.id in WARNING_WORKLOADS), None)
        stated = advise_needs(m, needs.ram_gb, needs.gpu, needs.vram_gb, workload)
        verdict = stated if verdict is None else merge(verdict, stated)
    return verdict


# -- the memory rule before a run -------------------------------------------------------------


@dataclass
class Refusal:
    """A run not started: it would use more than MEMORY_SHARE of the available RAM."""

    lesson: str
    needed: float
    available: float
    options: list[Advice]  # cheaper settings that fit, each with `params` to apply

    @property
    def limit(self) -> float:
        return MEMORY_SHARE * self.available

    @property
    def suggest_limit(self) -> float:
        """What the cheaper settings offered may use: half the available RAM, so the system,
        the app and the learner's browser keep the rest (80% barely fit: 19.6 of 24.7 GB)."""
        return SUGGEST_SHARE * self.available

    def options_heading(self, lang: str | None = None) -> str:
        return pick(bi(
            f"cheaper settings that use at most half of the {size(self.available)} available "
            f"({size(self.suggest_limit)}), leaving the rest to the rest of the machine",
            f"更省的设置（最多占用可用内存 {size(self.available)} 的一半，即 {size(self.suggest_limit)}，"
            f"其余留给系统和其他程序）"), lang)

    def message(self, lang: str | None = None) -> str:
        return pick(bi(
            f"{self.lesson} would need about {size(self.needed)} of memory, more than "
            f"{MEMORY_SHARE:.0%} of the {size(self.available)} available",
            f"{self.lesson} 约需 {size(self.needed)} 内存，超过可用内存 {size(self.available)} "
            f"的 {MEMORY_SHARE:.0%}"), lang)

    def to_json(self, lang: str | None = None) -> dict:
        return {"lesson": self.lesson, "needed_mb": round(self.needed / MB, 1),
                "available_mb": round(self.available / MB, 1), "message": self.message(lang),
                "options": [o.to_json(lang) for o in self.options]}


def memory_check(lesson, params: Mapping[str, Any], available: float | None = None) -> Refusal | None:
    """None when the run fits in MEMORY_SHARE of the available RAM, else a Refusal with cheaper settings."""
    if available is None:
        from studio.core.measure import available_memory

        available = available_memory()
    params = dict(params)
    e = estimate_for(lesson, params)
    if e.bytes <= MEMORY_SHARE * available:
        return None
    return Refusal(lesson.id, e.bytes, available, cheaper_settings(lesson, params, SUGGEST_SHARE * available))


def cheaper_settings(lesson, params: Mapping[str, Any], limit: float) -> list[Advice]:
    """Settings that bring the estimated memory under `limit`: float32 where a dtype can be
    chosen, and for each whole-number parameter that drives memory, the largest value that fits."""
    if lesson.estimate is None:
        return []
    params = dict(params)
    out: list[Advice] = []
    base = dict(params)
    for p in lesson.params:  # float32 first: it halves memory without losing rows
        if p.kind == "choice" and "float32" in p.choices and params.get(p.name) != "float32":
            trial = {**params, p.name: "float32"}
            base = trial
            bytes32 = lesson.estimate(trial).bytes
            if bytes32 <= limit:
                text = bi(f"use float32 ({size(bytes32)})", f"改用 float32（{size(bytes32)}）")
                out.append(Advice("float32", text, "efficiency.float32", {p.name: "float32"}))
                return out
    for p in lesson.params:
        if p.kind != "int" or p.min is None:
            continue
        low = {**base, p.name: int(p.min)}
        if lesson.estimate(low).bytes >= lesson.estimate(base).bytes or lesson.estimate(low).bytes > limit:
            continue  # this parameter does not drive memory, or even its minimum is too much
        value = _largest_fitting(lambda v, p=p: lesson.estimate({**base, p.name: v}).bytes, int(p.min),
                                 int(base[p.name]), limit)
        value = _round_down(value, int(p.min))
        changes = {k: v for k, v in {**base, p.name: value}.items() if params.get(k) != v}
        fits = lesson.estimate({**base, p.name: value}).bytes
        label = ", ".join(f"{k}={v}" for k, v in changes.items())
        out.append(Advice(p.name, bi(f"{label} ({size(fits)})", f"{label}（{size(fits)}）"),
                          params=changes))
    return out


def _largest_fitting(bytes_at: Callable[[int], float], lo: int, hi: int, limit: float) -> int:
    """Largest v in [lo, hi] with bytes_at(v) <= limit (bytes grow with v)."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bytes_at(mid) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _round_down(value: int, floor: int) -> int:
    """Two significant digits, rounded down (123456 -> 120000), never below `floor`."""
    if value < 100:
        return value
    step = 10 ** (int(math.log10(value)) - 1)
    return max(floor, value // step * step)


# -- text -------------------------------------------------------------------------------------

