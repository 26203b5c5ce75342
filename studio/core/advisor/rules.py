"""The article's pitfalls as rules with their numbers, and its workloads (GPT-2, BERT, ResNet50 on ImageNet)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from studio.core.advisor.advice import Text
from studio.core.advisor.estimate import GB, Estimate
from studio.core.measure import Measurement
from studio.core.text import bi


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


# The plan's warnings (plans/*.toml [warnings]) that name one of the article's workloads.
WARNING_WORKLOADS = {"imagenet-gpu": "resnet50-imagenet", "bert-vram": "bert-finetune"}
