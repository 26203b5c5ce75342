"""Labels for the names the core and lessons emit: result keys, curve names, table, plot and
figure names, devices.

A name stays what the CLI's JSON and the tests read (`hw_peak_ram_used_mb`, `val_loss`); the
window shows its label ("Peak RAM used" / "内存峰值") with the name in a tooltip. A lesson
declares labels for its own names (`Lesson.labels`); the common ones are here. A label's name
may hold one `{}` for names a run makes (`"loss_{}": bi("Loss, {}", "损失，{}")` labels `loss_mlp`).
A name without a label shows in a readable form (`peak_speedup` -> "peak speedup").
"""

from __future__ import annotations

from collections.abc import Mapping

from studio.core.text import bi

Text = Mapping[str, str]

COMMON: dict[str, Text] = {
    # training curves and the usual results
    "loss": bi("Loss", "损失"),
    "batch_loss": bi("Batch loss", "批次损失"),
    "log_loss": bi("Log loss", "对数损失"),
    "accuracy": bi("Accuracy", "准确率"),
    "r2": bi("R²", "R²（决定系数）"),
    "mse": bi("Mean squared error", "均方误差"),
    "rmse": bi("Root mean squared error", "均方根误差"),
    "mae": bi("Mean absolute error", "平均绝对误差"),
    "seconds": bi("Seconds", "秒数"),
    "epochs": bi("Epochs", "训练轮数"),
    "parameters": bi("Parameters", "参数量"),
    "data": bi("data", "数据"),
    "rows": bi("Rows", "行数"),
    "features": bi("Features", "特征数"),
    "dataset": bi("Data set", "数据集"),
    "port": bi("Port", "端口"),
    "memory": bi("memory", "内存"),
    "final_loss": bi("Final loss", "最终损失"),
    # scikit-learn's classification report
    "precision": bi("precision", "精确率"),
    "recall": bi("recall", "召回率"),
    "f1-score": bi("f1-score", "F1 分数"),
    "support": bi("support", "样本数"),
    "macro avg": bi("macro avg", "宏平均"),
    "weighted avg": bi("weighted avg", "加权平均"),
    # what the hardware monitor adds to a run's results (studio.core.hardware, the kernel)
    "hw_cores": bi("CPU cores", "CPU 核心数"),
    "hw_duration_s": bi("Monitored time (s)", "监测时长（秒）"),
    "hw_samples": bi("Hardware samples", "硬件采样次数"),
    "hw_mean_cpu_percent": bi("Mean CPU use (%)", "平均 CPU 占用（%）"),
    "hw_peak_ram_percent": bi("Peak RAM use (%)", "内存占用峰值（%）"),
    "hw_peak_ram_used_mb": bi("Peak RAM used (MiB)", "内存峰值（MiB）"),
    "hw_peak_swap_used_mb": bi("Peak swap used (MiB)", "交换区峰值（MiB）"),
    "hw_peak_app_rss_mb": bi("Peak app memory (MiB)", "应用内存峰值（MiB）"),
    "hw_peak_lesson_rss_mb": bi("Peak lesson memory (MiB)", "课程进程内存峰值（MiB）"),
    "hw_lesson_cpu_s": bi("Lesson CPU time (s)", "课程进程 CPU 时间（秒）"),
    "hw_mean_lesson_cpu_percent": bi("Lesson mean CPU use (%)", "课程进程平均 CPU 占用（%）"),
    "hw_mean_process_cpu_percent": bi("Process mean CPU use (%)", "进程平均 CPU 占用（%）"),
    "hw_peak_process_rss_mb": bi("Peak process memory (MiB)", "进程内存峰值（MiB）"),
    "hw_peak_process_gpu_memory_mb": bi("Peak process GPU memory (MiB)", "进程显存峰值（MiB）"),
    "hw_peak_gpu_memory_mb": bi("Peak GPU memory (MiB)", "显存峰值（MiB）"),
    "hw_peak_gpu_utilization_percent": bi("Peak GPU use (%)", "GPU 占用峰值（%）"),
}

# `val_loss` is "Validation loss": a prefix and a labelled rest
PREFIXES: dict[str, Text] = {
    "val_": bi("Validation {}", "验证{}"),
    "train_": bi("Training {}", "训练{}"),
    "test_": bi("Test {}", "测试{}"),
}

DEVICES: dict[str, Text] = {
    "auto": bi("Auto", "自动"),
    "cpu": bi("CPU", "CPU"),
    "cuda": bi("GPU (CUDA)", "GPU（CUDA）"),
}


def find(name: str, own: Mapping[str, Text] | None = None) -> Text | None:
    """The label of `name`: the lesson's own, a common one, or a prefix and a labelled rest."""
    if own and name in own:
        return own[name]
    if name in COMMON:
        return COMMON[name]
    for pattern, text in (own or {}).items():
        head, hole, tail = pattern.partition("{}")
        if hole and len(name) > len(head) + len(tail) and name.startswith(head) and name.endswith(tail):
            part = name[len(head):len(name) - len(tail)]
            inner = find(part, own) or {}  # `val_loss_light`: the label of `val_loss`, then "(light)"
            return {lang: words.format(inner.get(lang, part)) for lang, words in text.items()}
    for prefix, pattern in PREFIXES.items():
        rest = find(name[len(prefix):], own) if name.startswith(prefix) else None
        if rest is not None:
            return {lang: pattern[lang].format(_lower(rest[lang], lang)) for lang in pattern}
    return None


def label(name: str, own: Mapping[str, Text] | None = None) -> Text:
    """`find`, or the name in a readable form when it has no label."""
    found = find(name, own)
    if found is not None:
        return found
    text = readable(name)
    return bi(text, text)


def readable(name: str) -> str:
    """`peak_speedup` -> "peak speedup": what shows for a name without a label."""
    return name.replace("_", " ").strip() or name


def device_label(device: str) -> Text:
    """"cuda:1" -> "GPU (CUDA) 1"; "cpu" -> "CPU"."""
    kind, _, index = (device or "").partition(":")
    known = DEVICES.get(kind)
    if known is None:
        return bi(device, device)
    return {lang: f"{text} {index}".strip() if index else text for lang, text in known.items()}


def _lower(text: str, lang: str) -> str:
    """"Loss" -> "loss" inside "Validation loss" (English only; R² and CPU keep their case)."""
    if lang != "en" or len(text) < 2 or text[:2].isupper():
        return text
    return text[0].lower() + text[1:]
