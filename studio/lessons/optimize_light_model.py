"""The article's third cheaper path: a lighter model. A standard CNN against a MobileNet-style
depthwise-separable CNN of the same depth and widths: parameters, FLOPs, time per batch, accuracy."""

import time

from studio.core.advisor import Estimate
from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._torch import prepare

ARTICLE_CODE = '''\
# 三、无算力环境的替代方案 / 1. 算法层面的优化
# 策略: 模型轻量化    实现方式: 使用MobileNetV3(专为端侧设计)    效果: 参数量减少5-10倍
'''

CLASSES = 10


def blocks(width: int, depth: int) -> list[tuple[int, int, int]]:
    """(channels in, channels out, stride) of each block: the width doubles and the image
    halves after the first block, as in VGG and MobileNet."""
    out, c_in = [], 1
    for i in range(depth):
        c_out = width * 2**i
        out.append((c_in, c_out, 1 if i == 0 else 2))
        c_in = c_out
    return out


def count(width: int, depth: int, image: int, separable: bool) -> dict[str, int]:
    """Parameters, multiply-adds and stored activations per image, counted layer by layer.

    A standard 3x3 block: conv (9 c_in c_out weights) + BatchNorm (2 c_out).
    A separable block: depthwise 3x3 (9 c_in) + BatchNorm (2 c_in) + pointwise 1x1 (c_in c_out)
    + BatchNorm (2 c_out). For c_in = c_out = C that is 9C^2 against C^2 + 9C: 9C / (C + 9) fewer.
    """
    params = macs = acts = 0
    h = image
    for c_in, c_out, stride in blocks(width, depth):
        h = (h - 1) // stride + 1  # 3x3 kernel, padding 1
        if separable:
            params += 9 * c_in + 2 * c_in + c_in * c_out + 2 * c_out
            macs += (9 * c_in + c_in * c_out) * h * h
            acts += 2 * (c_in + c_out) * h * h  # conv and BatchNorm outputs of both convs
        else:
            params += 9 * c_in * c_out + 2 * c_out
            macs += 9 * c_in * c_out * h * h
            acts += 2 * c_out * h * h
    c_last = blocks(width, depth)[-1][1]
    params += c_last * CLASSES + CLASSES
    macs += c_last * CLASSES
    return {"params": params, "macs": macs, "activations": acts}


def run(ctx, width: int, depth: int, image_size: int, batch_size: int, epochs: int, lr: float, seed: int):
    torch, device = prepare(ctx, seed)
    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    nn, F = torch.nn, torch.nn.functional

    def build(separable: bool):
        layers = []
        for c_in, c_out, stride in blocks(width, depth):
            if separable:  # MobileNet: filter each channel alone, then mix channels with 1x1
                layers += [nn.Conv2d(c_in, c_in, 3, stride, 1, groups=c_in, bias=False),
                           nn.BatchNorm2d(c_in), nn.ReLU(inplace=True),
                           nn.Conv2d(c_in, c_out, 1, bias=False),
                           nn.BatchNorm2d(c_out), nn.ReLU(inplace=True)]
            else:  # a standard convolution filters and mixes in one step
                layers += [nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False),
                           nn.BatchNorm2d(c_out), nn.ReLU(inplace=True)]
        c_last = blocks(width, depth)[-1][1]
        return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c_last, CLASSES))

    # sklearn's handwritten digits (8x8, 0-16), scaled to 0-1 and enlarged to image_size
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=seed, stratify=y)

    def images(a):
        t = torch.tensor(a / 16.0, dtype=torch.float32).reshape(-1, 1, 8, 8)
        big = F.interpolate(t, size=(image_size, image_size), mode="bilinear", align_corners=False)
        return big.to(device)

    Xtr, Xte = images(X_train), images(X_test)
    ytr, yte = torch.tensor(y_train, device=device), torch.tensor(y_test, device=device)
    batches = (len(Xtr) + batch_size - 1) // batch_size
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    print(f"digits: {len(Xtr)} train / {len(Xte)} test images, {image_size}x{image_size}, "
          f"{batches} batches of {batch_size} per epoch")

    found = {}
    total_steps, step = 2 * epochs * batches, 0
    for name, separable in (("standard", False), ("light", True)):
        torch.manual_seed(seed)
        model = build(separable).to(device)
        counted = count(width, depth, image_size, separable)
        n_params = sum(p.numel() for p in model.parameters())
        assert n_params == counted["params"], (n_params, counted)  # the estimator counts what torch builds
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
        times = []
        model.train()
        for _epoch in range(epochs):
            order = torch.randperm(len(Xtr), device=device)
            for b in range(batches):
                idx = order[b * batch_size:(b + 1) * batch_size]
                sync()
                start = time.perf_counter()
                loss = F.cross_entropy(model(Xtr[idx]), ytr[idx])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                sync()
                times.append(time.perf_counter() - start)
                step += 1
                ctx.scalar(f"loss_{name}", step, loss.item())
                ctx.progress(step, total_steps)
        model.eval()
        with torch.no_grad():
            accuracy = (model(Xte).argmax(1) == yte).float().mean().item()
            probe = Xte[:batch_size]
            model(probe)
            infer = []
            for _ in range(5):
                sync()
                start = time.perf_counter()
                model(probe)
                sync()
                infer.append(time.perf_counter() - start)
        steady = times[2:] if len(times) > 4 else times  # the first steps warm up allocators and kernels
        found[name] = {
            "model": name, "parameters": n_params, "mflops_per_image": 2 * counted["macs"] / 1e6,
            "train_ms_per_batch": 1000 * float(np.median(steady)),
            "infer_ms_per_batch": 1000 * min(infer), "test_accuracy": accuracy,
        }
        f = found[name]
        print(f"{name:>8}: {n_params:>9,} parameters, {f['mflops_per_image']:.2f} MFLOPs/image, "
              f"train {f['train_ms_per_batch']:.1f} ms/batch, infer {f['infer_ms_per_batch']:.1f} ms/batch, "
              f"accuracy {accuracy:.4f}")

    std, light = found["standard"], found["light"]
    ratio = std["parameters"] / light["parameters"]
    print(f"the light model has {ratio:.1f}x fewer parameters (article: 5-10x), "
          f"{std['mflops_per_image'] / light['mflops_per_image']:.1f}x fewer FLOPs, and trains "
          f"{std['train_ms_per_batch'] / light['train_ms_per_batch']:.2f}x as fast on {device}")
    ctx.table("standard_vs_light", pd.DataFrame(list(found.values())).set_index("model"))
    ctx.plot("parameters", Plot(
        title=bi(f"Parameters: {ratio:.1f}x fewer in the depthwise-separable CNN",
                 f"参数量：深度可分离 CNN 少 {ratio:.1f} 倍"),
        xlabel=bi("0 = standard, 1 = light", "0 = 标准，1 = 轻量"), ylabel=bi("parameters", "参数量"),
        series=[Series([0, 1], [std["parameters"], light["parameters"]], bi("parameters", "参数量"), style="bar")],
    ))
    ctx.result(
        params_standard=std["parameters"], params_light=light["parameters"], params_ratio=ratio,
        flops_ratio=std["mflops_per_image"] / light["mflops_per_image"],
        train_ms_standard=std["train_ms_per_batch"], train_ms_light=light["train_ms_per_batch"],
        train_speedup=std["train_ms_per_batch"] / light["train_ms_per_batch"],
        infer_ms_standard=std["infer_ms_per_batch"], infer_ms_light=light["infer_ms_per_batch"],
        infer_speedup=std["infer_ms_per_batch"] / light["infer_ms_per_batch"],
        accuracy_standard=std["test_accuracy"], accuracy_light=light["test_accuracy"],
    )


def estimate(p) -> Estimate:
    std = count(p["width"], p["depth"], p["image_size"], False)
    light = count(p["width"], p["depth"], p["image_size"], True)
    train_rows = 1437  # 80% of the 1,797 digits
    images = p["epochs"] * train_rows
    flops = 3 * 2 * (std["macs"] + light["macs"]) * images  # forward + backward of both models
    batch_acts = max(std["activations"], light["activations"]) * p["batch_size"]
    return Estimate(
        flops=flops,
        # activations and their gradients for a batch (float32), the weights with gradients and
        # momentum, the enlarged images, and one forward pass over the 360 test images
        bytes=4 * (4 * batch_acts + 3 * std["params"] + 1797 * p["image_size"] ** 2
                   + 360 * max(std["activations"], light["activations"])),
        rows=train_rows, features=p["image_size"] ** 2, params=std["params"],
        dtype="float32", library="torch", efficiency=0.03, overhead_s=3.0,
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "standard_vs_light": bi("standard vs light", "标准与轻量对比"),
    "loss_{}": bi("Loss, {}", "损失，{}"),
    "standard": bi("standard", "标准"),
    "light": bi("light", "轻量"),
    "mflops_per_image": bi("MFLOPs per image", "每张图像的 MFLOPs"),
    "train_ms_per_batch": bi("training (ms per batch)", "训练（毫秒/批）"),
    "infer_ms_per_batch": bi("inference (ms per batch)", "推理（毫秒/批）"),
    "params_{}": bi("Parameters, {}", "参数量，{}"),
    "params_ratio": bi("Parameters, standard / light", "参数量之比（标准 / 轻量）"),
    "flops_ratio": bi("FLOPs, standard / light", "浮点运算量之比（标准 / 轻量）"),
    "train_ms_{}": bi("Training, {} (ms per batch)", "训练，{}（毫秒/批）"),
    "infer_ms_{}": bi("Inference, {} (ms per batch)", "推理，{}（毫秒/批）"),
    "train_speedup": bi("Training speed-up", "训练加速比"),
    "infer_speedup": bi("Inference speed-up", "推理加速比"),
    "accuracy_{}": bi("Accuracy, {}", "准确率，{}"),
}


LESSON = Lesson(
    id="optimize.light_model",
    title=bi("Cheaper path: a light model (depthwise-separable CNN)", "省算力：轻量化模型（深度可分离卷积）"),
    summary=bi(
        "The article's third no-compute strategy: a lighter model such as MobileNet, claimed to "
        "have 5-10x fewer parameters. A standard CNN and a MobileNet-style CNN with the same "
        "blocks and widths, whose 3x3 convolutions are split into a depthwise 3x3 and a pointwise "
        "1x1, are trained on sklearn's handwritten digits: parameters, FLOPs, time per batch and "
        "accuracy side by side.",
        "原文的第三种无算力策略：换用 MobileNet 等轻量模型，据称参数量减少 5-10 倍。用相同块数和"
        "通道数的标准 CNN 与 MobileNet 式 CNN（把 3x3 卷积拆成逐通道 3x3 卷积和 1x1 逐点卷积）"
        "在 sklearn 手写数字上训练，并排比较参数量、计算量、每批耗时和准确率。",
    ),
    params=(
        Param("width", "int", 32, bi("Channels of the first block", "第一块的通道数"), min=4, max=256,
              help=bi("Each block doubles it.", "之后每块加倍。")),
        Param("depth", "int", 4, bi("Blocks", "块数"), min=1, max=7),
        Param("image_size", "int", 16, bi("Image size (pixels)", "图像边长（像素）"), min=8, max=512),
        Param("batch_size", "int", 64, bi("Batch size", "批大小"), min=1, max=4096),
        Param("epochs", "int", 2, bi("Epochs", "训练轮数"), min=1, max=100),
        Param("lr", "float", 0.05, bi("Learning rate", "学习率"), min=1e-5, max=1.0, step=0.01, log=True),
        param_seed(),
    ),
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names MobileNetV3; the lesson builds its core idea, MobileNet's "
                  "depthwise-separable block, into a CNN with the same blocks and widths as the "
                  "standard one, so the comparison isolates the layer type. MobileNetV3 adds "
                  "inverted residuals, squeeze-and-excitation and h-swish on top.",
                  "原文提到 MobileNetV3；本课把它的核心思想——MobileNet 的深度可分离卷积块——搭成与"
                  "标准 CNN 块数、通道数都相同的网络，使比较只反映卷积层类型的差别。MobileNetV3 在此"
                  "基础上还加了倒残差结构、SE 注意力和 h-swish 激活。")),
        Change(bi("Parameters and FLOPs are counted by a formula (also the advisor's estimate) and "
                  "checked against the parameters torch builds.",
                  "参数量和计算量按公式计算（也用于资源估计），并与 torch 实际构建的参数量核对。")),
        Change(bi("Time per batch is measured, not assumed: on a CPU, depthwise convolutions are "
                  "limited by memory traffic, so the time falls less than the parameter count, or "
                  "not at all; MobileNet was designed for phone inference engines.",
                  "每批耗时是实测的，而非假设：在 CPU 上逐通道卷积受内存带宽限制，耗时的下降幅度小于"
                  "参数量，甚至不降；MobileNet 是为手机推理引擎设计的。")),
        Change(bi("Data: sklearn's 8x8 handwritten digits, enlarged to the image size, so both "
                  "models learn a real task and their accuracy can be compared.",
                  "数据：sklearn 自带的 8x8 手写数字，放大到设定的图像尺寸，使两个模型学习真实任务，"
                  "准确率可以比较。")),
    ),
    uses_torch=True,
    related=("optimize.sampling", "optimize.pca"),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
