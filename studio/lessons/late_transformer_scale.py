"""Late stage, advanced deep learning: Transformer encoders from tiny to the BERT-base shape, measured."""

import time

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._late import PeakMemory, t
from studio.lessons._torch import prepare

ARTICLE_CODE = '''\
# 二、算力环境学习阶段 / 1. 深度学习进阶
#   • 硬件需求场景
#     • 自然语言处理:BERT微调(>8GB显存需求)
# 五、避坑指南 / 1. 普通电脑禁忌
#   • 禁止尝试未裁剪的GPT-2/BERT-base模型
'''

SIZES = ("2x128", "4x256", "6x512", "12x768")  # layers x width; 12x768 is BERT-base's (and GPT-2 small's) shape
VOCAB = 30_522  # BERT's word pieces
GPT2 = {"layers": 12, "width": 768, "vocab": 50_257, "seq": 1024}
BERT_FINETUNE_EXAMPLES = 3 * 67_349  # three epochs of SST-2, the usual first fine-tuning


def shape(size: str) -> tuple[int, int]:
    layers, width = size.split("x")
    return int(layers), int(width)


def counts(layers: int, width: int, vocab: int, seq: int, classes: int = 2) -> dict[str, float]:
    """Parameters and training FLOPs per token of an encoder: token and position embeddings, then
    per layer attention (4 width^2 + 4 width) and a 4x feed-forward (8 width^2 + 5 width) and two
    LayerNorms (4 width); a final LayerNorm and a classifier. FLOPs: 6 per weight and token
    (forward + backward) for the layers, plus the attention scores (12 x seq x width per layer)."""
    per_layer = 12 * width * width + 13 * width
    embeddings = vocab * width + seq * width
    params = embeddings + layers * per_layer + 2 * width + width * classes + classes
    flops = 6 * layers * per_layer + 12 * layers * seq * width
    return {"params": params, "flops_per_token": flops, "layer_params": layers * per_layer}


def build(torch, layers: int, width: int, vocab: int, seq: int, classes: int):
    """Token + position embeddings, nn.TransformerEncoder (pre-norm, GELU, 4x feed-forward),
    a mean-pooled classifier."""
    nn = torch.nn

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.tokens = nn.Embedding(vocab, width)
            self.positions = nn.Embedding(seq, width)
            layer = nn.TransformerEncoderLayer(width, max(1, width // 64), 4 * width, dropout=0.0,
                                               activation="gelu", batch_first=True, norm_first=True)
            self.encoder = nn.TransformerEncoder(layer, layers, norm=nn.LayerNorm(width), enable_nested_tensor=False)
            self.head = nn.Linear(width, classes)

        def forward(self, x, pool=True):
            h = self.encoder(self.tokens(x) + self.positions(torch.arange(x.shape[1], device=x.device)))
            return self.head(h.mean(1) if pool else h)

    return Encoder()


def time_steps(ctx, torch, model, batch: int, seq: int, vocab: int, steps: int) -> float:
    """Median seconds of one Adam training step on random tokens (after one warm-up step)."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    x = torch.randint(0, vocab, (batch, seq))
    y = torch.randint(0, 2, (batch,))
    times = []
    for i in range(steps + 1):
        ctx.check()
        start = time.perf_counter()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if i:
            times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def train_tiny(ctx, torch, steps: int, seed: int) -> dict[str, float]:
    """A 2-layer, 64-wide encoder learns to reverse sequences of 12 tokens (16 symbols): each
    position must attend to its mirror position, so the loss falls only as attention learns."""
    vocab, seq, batch = 16, 12, 64
    model = build(torch, 2, 64, vocab, seq, vocab)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    generator = torch.Generator().manual_seed(seed)
    first = last = accuracy = 0.0
    for step in range(1, steps + 1):
        x = torch.randint(0, vocab, (batch, seq), generator=generator)
        logits = model(x, pool=False)
        target = x.flip(1)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, vocab), target.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        accuracy = (logits.argmax(-1) == target).float().mean().item()
        first = first or loss.item()
        last = loss.item()
        ctx.scalar("tiny_loss", step, last)
        ctx.scalar("tiny_accuracy", step, accuracy)
        ctx.progress(step, steps)
    return {"first": first, "last": last, "accuracy": accuracy}


def run(ctx, largest: str, batch: int, seq: int, steps: int, tiny_steps: int, seed: int):
    torch, _ = prepare(ctx, seed)
    import pandas as pd
    import psutil

    from studio.core.units import about

    ctx.status(t("training a tiny Transformer to reverse sequences…", "正在训练一个微型 Transformer 反转序列…"))
    tiny = train_tiny(ctx, torch, tiny_steps, seed)
    print(f"Tiny encoder (2 x 64) reversing 12-token sequences: loss {tiny['first']:.3f} -> {tiny['last']:.3f}, "
          f"token accuracy {tiny['accuracy']:.3f} after {tiny_steps} steps")

    rows = []
    tokens = batch * seq
    for size in SIZES[:SIZES.index(largest) + 1]:
        layers, width = shape(size)
        c = counts(layers, width, VOCAB, seq)
        need_mb = c["params"] * 16 / 1e6 + tokens * width * layers * 40 * 4 / 1e6  # weights, grads, Adam; activations
        if need_mb > psutil.virtual_memory().available / 2e6:
            print(f"{size}: skipped, it would need about {need_mb:,.0f} MB")
            continue
        ctx.status(t(f"{size}: {c['params'] / 1e6:.1f}M parameters, timing {steps} steps…",
                     f"{size}：{c['params'] / 1e6:.1f}M 参数，计时 {steps} 步…"))
        with PeakMemory() as memory:
            torch.manual_seed(seed)
            model = build(torch, layers, width, VOCAB, seq, 2)
            n_params = sum(p.numel() for p in model.parameters())
            assert n_params == c["params"], (size, n_params, c["params"])  # the count matches what torch builds
            step_s = time_steps(ctx, torch, model, batch, seq, VOCAB, steps)
            del model
        rows.append({"size": size, "layers": layers, "width": width, "parameters": n_params,
                     "step_s": step_s, "memory_mb": memory.added_mb,
                     "gflops_per_s": c["flops_per_token"] * tokens / step_s / 1e9})
        r = rows[-1]
        print(f"{size:>7}: {n_params / 1e6:7.1f}M parameters, {step_s:7.3f} s per step of {batch} x {seq} tokens, "
              f"+{r['memory_mb']:,.0f} MB, {r['gflops_per_s']:.1f} GFLOP/s")

    best = max(rows, key=lambda r: r["parameters"])  # the largest measured: the best estimate of big-model speed
    rate = best["gflops_per_s"] * 1e9
    mb_per_param = best["memory_mb"] / best["parameters"]
    bert = counts(12, 768, VOCAB, seq)
    gpt2 = counts(GPT2["layers"], GPT2["width"], GPT2["vocab"], GPT2["seq"], classes=0)
    gpt2_flops_per_token = gpt2["flops_per_token"] + 6 * GPT2["vocab"] * GPT2["width"]  # the language-model head
    bert_step = next((r["step_s"] for r in rows if r["size"] == "12x768"), bert["flops_per_token"] * tokens / rate)
    finetune_s = bert_step * BERT_FINETUNE_EXAMPLES / batch
    gpt2_step = gpt2_flops_per_token * 8 * GPT2["seq"] / rate
    gpt2_pretrain_s = gpt2_flops_per_token * 1e9 / rate  # one pass over a billion tokens (small for GPT-2)
    for name, p, step, memory_mb in (("BERT-base", bert["params"], bert_step, bert["params"] * mb_per_param),
                                     ("GPT-2 small", gpt2["params"], gpt2_step, gpt2["params"] * mb_per_param)):
        measured = name == "BERT-base" and any(r["size"] == "12x768" for r in rows)
        rows.append({"size": name, "layers": 12, "width": 768, "parameters": p, "step_s": step,
                     "memory_mb": memory_mb, "gflops_per_s": best["gflops_per_s"],
                     "measured": measured})
    frame = pd.DataFrame(rows).set_index("size")
    frame["measured"] = frame["measured"].fillna(True).astype(bool)
    ctx.table("Transformer sizes on this PC", frame.round(4))
    measured = frame[frame["measured"]]
    ctx.plot("step_time", Plot(
        title=bi("Seconds per training step against parameters", "每个训练步的秒数与参数量"),
        series=[Series(list(measured["parameters"] / 1e6), list(measured["step_s"]), bi("measured", "实测"),
                       style="scatter"),
                Series(list(frame["parameters"] / 1e6), list(frame["step_s"]),
                       bi("measured + extrapolated", "实测 + 外推"))],
        xlabel=bi("parameters (millions)", "参数量（百万）"), ylabel=bi("s per step", "秒/步")))
    print(f"BERT-base ({bert['params'] / 1e6:.0f}M parameters): {bert_step:.1f} s per step of {batch} x {seq} tokens "
          f"here, so fine-tuning on SST-2 (3 epochs) would take {about(finetune_s)} on this CPU, and it needs "
          f"about {bert['params'] * mb_per_param / 1e3:.1f} GB at this batch size. GPT-2 small "
          f"({gpt2['params'] / 1e6:.0f}M, 1,024-token context): {gpt2_step:.0f} s per step of 8 sequences, and "
          f"{about(gpt2_pretrain_s)} for one pass over a billion tokens. This is why the article forbids "
          "untrimmed GPT-2/BERT-base on a PC: learn the mechanics small (as above), fine-tune big on a GPU.")
    ctx.result(tiny_loss_first=tiny["first"], tiny_loss_last=tiny["last"], tiny_accuracy=tiny["accuracy"],
               **{f"params_{r['size']}": r["parameters"] for r in rows[:-2]},
               **{f"step_s_{r['size']}": r["step_s"] for r in rows[:-2]},
               **{f"memory_mb_{r['size']}": r["memory_mb"] for r in rows[:-2]},
               bert_base_params=bert["params"], bert_base_step_s=bert_step, bert_finetune_hours_here=finetune_s / 3600,
               gpt2_small_params=gpt2["params"], gpt2_small_step_s=gpt2_step,
               gpt2_billion_tokens_days_here=gpt2_pretrain_s / 86_400, gflops_per_s=best["gflops_per_s"])


def estimate(p):
    """The tiny model's steps, then `steps` + 1 timed steps of each size up to `largest`. Only the
    tiny model is trained: its parameters are the ones the article's size rule looks at (timing
    two steps of the BERT-base shape is not training an untrimmed model)."""
    from studio.core.advisor import Estimate

    tokens = p["batch"] * p["seq"]
    flops, biggest = 0.0, 0.0
    for size in SIZES[:SIZES.index(p["largest"]) + 1]:
        c = counts(*shape(size), VOCAB, p["seq"])
        flops += (p["steps"] + 1) * c["flops_per_token"] * tokens
        biggest = max(biggest, c["params"] * 16 + tokens * shape(size)[1] * shape(size)[0] * 40 * 4)
    tiny = counts(2, 64, 16, 12, 16)
    flops += p["tiny_steps"] * tiny["flops_per_token"] * 64 * 12
    return Estimate(flops=flops, bytes=biggest + 200e6, params=tiny["params"], library="torch", efficiency=0.8,
                    python_ops=p["tiny_steps"] * 5_000, overhead_s=3.0)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "Transformer sizes on this PC": bi("Transformer sizes on this PC", "本机上的各种 Transformer 规模"),
    "step_time": bi("step time", "每步耗时"),
    "tiny_loss": bi("Tiny Transformer: loss", "微型 Transformer：损失"),
    "tiny_accuracy": bi("Tiny Transformer: accuracy", "微型 Transformer：准确率"),
    "tiny_loss_first": bi("Tiny Transformer: first loss", "微型 Transformer：初始损失"),
    "tiny_loss_last": bi("Tiny Transformer: last loss", "微型 Transformer：最终损失"),
    "params_{}": bi("Parameters, {}", "参数量，{}"),
    "step_s_{}": bi("Seconds per step, {}", "每步秒数，{}"),
    "memory_mb_{}": bi("Memory, {} (MB)", "内存，{}（MB）"),
    "step_s": bi("s per step", "每步秒数"),
    "memory_mb": bi("memory (MB)", "内存（MB）"),
    "bert_base_params": bi("BERT-base parameters", "BERT-base 参数量"),
    "bert_base_step_s": bi("BERT-base seconds per step", "BERT-base 每步秒数"),
    "bert_finetune_hours_here": bi("BERT-base fine-tuning here (hours)", "本机微调 BERT-base（小时）"),
    "gpt2_small_params": bi("GPT-2 small parameters", "GPT-2 small 参数量"),
    "gpt2_small_step_s": bi("GPT-2 small seconds per step", "GPT-2 small 每步秒数"),
    "gpt2_billion_tokens_days_here": bi("GPT-2 small, a billion tokens here (days)",
                                        "本机用十亿 token 训练 GPT-2 small（天）"),
    "gflops_per_s": bi("GFLOP/s", "GFLOP/s"),
}


LESSON = Lesson(
    id="late.transformer_scale",
    title=bi("Transformers from tiny to BERT-base: what scale costs", "从微型到 BERT-base 的 Transformer：规模的代价"),
    summary=bi(
        "Why the article forbids untrimmed GPT-2 and BERT-base on a PC, in numbers measured here. "
        "A tiny Transformer encoder (2 layers x 64) first learns to reverse sequences, so its loss "
        "visibly falls. Then encoders built with torch.nn at growing sizes, from 2 layers x 128 up "
        "to the BERT-base shape (12 x 768, 110M parameters), are timed for a few training steps "
        "each, with their parameters and memory; the largest measured speed is extrapolated to "
        "fine-tuning BERT-base and to GPT-2 small. Learn the mechanics small here; fine-tune big "
        "models on a GPU (the bert-finetune notebook).",
        "用本机实测的数字说明原文为何禁止在普通电脑上尝试未裁剪的 GPT-2 和 BERT-base。先训练一个微型 Transformer "
        "编码器（2 层 x 64）学习反转序列，损失明显下降。然后用 torch.nn 搭建逐渐增大的编码器，从 2 层 x 128 到 "
        "BERT-base 的形状（12 x 768，1.1 亿参数），每种规模计时几个训练步，并记录参数量和内存；再用实测的最快速度"
        "外推 BERT-base 微调和 GPT-2 small 的开销。机制在本机用小模型学，大模型到 GPU 上微调（bert-finetune 笔记本）。",
    ),
    params=(
        Param("largest", "choice", "12x768", bi("Largest size to measure", "测量的最大规模"), choices=SIZES,
              help=bi("layers x width; 12x768 is BERT-base (about 10-30 s a step on a laptop CPU).",
                      "层数 x 宽度；12x768 即 BERT-base（笔记本 CPU 上每步约 10-30 秒）。")),
        Param("batch", "int", 8, bi("Sequences per step", "每步的序列数"), min=1, max=512),
        Param("seq", "int", 128, bi("Tokens per sequence", "每条序列的词元数"), min=8, max=1024),
        Param("steps", "int", 2, bi("Timed steps per size", "每种规模的计时步数"), min=1, max=100),
        Param("tiny_steps", "int", 400, bi("Training steps of the tiny model", "微型模型的训练步数"), min=10,
              max=100_000),
        param_seed(0),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article states the rule; the lesson measures it. Encoders are nn.TransformerEncoder with "
                  "BERT's shape rules (heads of 64, a 4x feed-forward, BERT's 30,522-word vocabulary) and a "
                  "small classifier instead of BERT's pre-training heads.",
                  "原文给出规则；本课实测。编码器使用 nn.TransformerEncoder，遵循 BERT 的形状规则（每个注意力头 64 维、"
                  "4 倍前馈层、BERT 的 30,522 个词表），用一个小分类头代替 BERT 的预训练输出头。")),
        Change(bi("Steps run on random tokens: the time of a step does not depend on what the tokens say.",
                  "计时用随机词元：一个训练步的耗时与词元内容无关。")),
    ),
    uses_torch=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
