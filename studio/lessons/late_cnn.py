"""Late stage, advanced deep learning: a small CNN on the CPU, and what ResNet50 on ImageNet costs."""

import time

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._late import app_module, t
from studio.lessons._mnist import dataset_params, load
from studio.lessons._torch import prepare

# ResNet50: 4.1 G multiply-adds = 8.2 GFLOPs per 224x224 image forward, x3 to train, 1,281,167
# ImageNet images, 90 epochs: the advisor's workload "resnet50-imagenet" (tests check they agree).
RESNET50_FLOPS_PER_IMAGE = 2 * 4.1e9
RESNET50_IMAGENET_FLOPS = RESNET50_FLOPS_PER_IMAGE * 3 * 1_281_167 * 90

ARTICLE_CODE = '''\
# 二、算力环境学习阶段 / 1. 深度学习进阶
#   • 硬件需求场景
#     • 计算机视觉:ResNet50训练(ImageNet需GPU)
#   • 算力获取方式
#     • 免费资源:Google Colab(GPU/TPU限额)
'''



def count(channels: int, side: int) -> dict[str, int]:
    """Parameters and multiply-adds per image of the network `run` builds, layer by layer:
    conv 3x3 (1 -> c) at side^2, pool, conv 3x3 (c -> 2c) at (side/2)^2, pool, linear -> 10."""
    s1, s2, s3 = side, side // 2, side // 4
    c1, c2 = channels, 2 * channels
    params = (9 * c1 + c1) + (9 * c1 * c2 + c2) + (c2 * s3 * s3 * 10 + 10)
    macs = 9 * c1 * s1 * s1 + 9 * c1 * c2 * s2 * s2 + c2 * s3 * s3 * 10
    return {"params": params, "macs": macs}


def run(ctx, dataset: str, channels: int, epochs: int, batch_size: int, lr: float, samples: int, download: bool,
        seed: int):
    torch, device = prepare(ctx, seed)
    import numpy as np
    from torch.utils.flop_counter import FlopCounterMode


    nn = torch.nn
    data = load(ctx, dataset, samples, download)
    side = data.shape[0]
    print(f"Data: {data.name}")

    def images(X):
        return torch.from_numpy(X).reshape(-1, 1, side, side).to(device)

    X_train, X_test = images(data.X_train), images(data.X_test)
    y_train, y_test = torch.from_numpy(data.y_train).to(device), torch.from_numpy(data.y_test).to(device)
    model = nn.Sequential(
        nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(channels, 2 * channels, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(2 * channels * (side // 4) ** 2, 10),
    ).to(device)
    counted = count(channels, side)
    n_params = sum(p.numel() for p in model.parameters())
    assert n_params == counted["params"], (n_params, counted)
    with FlopCounterMode(display=False) as flops:  # torch counts the convolutions and the matmul itself
        model(X_train[:1])
    flops_per_image = flops.get_total_flops()
    assert flops_per_image == 2 * counted["macs"], (flops_per_image, counted)
    print(f"CNN: {n_params:,} parameters, {flops_per_image / 1e6:.2f} MFLOPs per image forward "
          f"(ResNet50: 25.6M parameters, {RESNET50_FLOPS_PER_IMAGE / 1e9:.1f} GFLOPs per 224x224 image)")

    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    n = len(X_train)
    steps = -(-n // batch_size)
    epoch_s = []
    for epoch in range(epochs):
        ctx.status(t(f"epoch {epoch + 1}/{epochs}", f"第 {epoch + 1}/{epochs} 轮"))
        start = time.perf_counter()
        order = torch.randperm(n, device=device)
        total = 0.0
        for k, begin in enumerate(range(0, n, batch_size)):
            idx = order[begin:begin + batch_size]
            loss = nn.functional.cross_entropy(model(X_train[idx]), y_train[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
            ctx.progress(epoch * steps + k + 1, epochs * steps)
        epoch_s.append(time.perf_counter() - start)
        model.eval()
        with torch.no_grad():
            accuracy = (model(X_test).argmax(1) == y_test).float().mean().item()
        model.train()
        ctx.scalar("loss", epoch + 1, total / n)
        ctx.scalar("test_accuracy", epoch + 1, accuracy)
        print(f"Epoch {epoch + 1}/{epochs}: loss {total / n:.4f}, test accuracy {accuracy:.4f} ({epoch_s[-1]:.2f} s)")

    seconds_per_epoch = float(np.median(epoch_s))
    achieved = 3 * flops_per_image * n / seconds_per_epoch  # forward + backward, per second
    at_this_speed = RESNET50_IMAGENET_FLOPS / achieved
    print(f"This CPU trained the CNN at {achieved / 1e9:.2f} GFLOP/s. ResNet50 on ImageNet needs "
          f"{RESNET50_IMAGENET_FLOPS:.1e} FLOPs for 90 epochs: {at_this_speed / 86_400:,.0f} days at that speed.")
    results = dict(test_accuracy=accuracy, parameters=n_params, flops_per_image=flops_per_image,
                   seconds_per_epoch=seconds_per_epoch, achieved_gflops=achieved / 1e9,
                   resnet50_flops_per_image=RESNET50_FLOPS_PER_IMAGE,
                   resnet50_imagenet_days_at_this_speed=at_this_speed / 86_400)
    advisor = app_module("studio.core.advisor")  # the app's "can my PC run this?" (not in a notebook)
    if advisor is not None:
        results.update(advisor_rows(ctx, advisor, seconds_per_epoch, at_this_speed,
                                    {"dataset": dataset, "channels": channels, "batch_size": batch_size,
                                     "samples": samples}))
    handoff = app_module("studio.core.handoff")
    if handoff is not None:
        path = handoff.write("resnet50-finetune", app_module("studio.core.paths").home() / "notebooks"
                             / "resnet50_finetune.ipynb")
        print(f"The full-scale version, for a GPU: {path} (upload it to Colab or Kaggle, choose a GPU runtime, "
              "run all: it fine-tunes a pre-trained ResNet50 on CIFAR-10)")
        results["notebook"] = str(path)
    ctx.result(**results)


def advisor_rows(ctx, advisor, seconds_per_epoch, at_this_speed, settings):
    """This CNN's epoch and ResNet50 on ImageNet as the advisor sees them on this PC: a table, and
    the numbers for the results."""
    import pandas as pd

    m = advisor.measurement_or_snapshot(app_module("studio.core.db").Database())
    own = (advisor.seconds_for(estimate({**settings, "epochs": 2}), m)[0]
           - advisor.seconds_for(estimate({**settings, "epochs": 1}), m)[0])  # one more epoch, without start-up
    resnet = advisor.judge(advisor.WORKLOADS["resnet50-imagenet"], m)
    gpu_s, _ = advisor.seconds_for(advisor.WORKLOADS["resnet50-imagenet"], m, "cuda:0")
    table = pd.DataFrame({
        t("what", "项目"): [t("this CNN, one epoch (measured)", "本 CNN，一轮（实测）"),
                            t("this CNN, one epoch (advisor's estimate)", "本 CNN，一轮（估计）"),
                            t("ResNet50 on ImageNet, 90 epochs, at this CNN's speed",
                              "ResNet50 + ImageNet 90 轮，按本 CNN 的速度"),
                            t("ResNet50 on ImageNet, 90 epochs (advisor, this CPU)",
                              "ResNet50 + ImageNet 90 轮（估计，本机 CPU）"),
                            t("ResNet50 on ImageNet, 90 epochs (advisor, a mid-range GPU)",
                              "ResNet50 + ImageNet 90 轮（估计，中端 GPU）")],
        "seconds": [seconds_per_epoch, own, at_this_speed, resnet.seconds, gpu_s],
    })
    table["readable"] = [app_module("studio.core.units").about(s) for s in table["seconds"]]
    ctx.table("this CNN vs ResNet50 on ImageNet", table)
    print(f"The advisor says: {resnet.sentence()}")
    return {"estimated_seconds_per_epoch": own, "resnet50_imagenet_days_here": resnet.seconds / 86_400,
            "resnet50_imagenet_gpu_hours": gpu_s / 3600, "resnet50_verdict": resnet.level}


def estimate(p):
    """The two-convolution CNN on digits (1,437 training images, 8x8) or MNIST (60,000, 28x28)."""
    from studio.lessons._training import training_estimate

    side, rows = (28, 60_000) if p["dataset"] == "mnist" else (8, 1_437)
    if p.get("samples"):
        rows = min(rows, p["samples"])
    c = count(p["channels"], side)
    return training_estimate(rows=rows, epochs=p["epochs"], batch_size=p["batch_size"], macs_per_row=c["macs"],
                             params=c["params"], features=side * side, feature_columns=False)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "this CNN vs ResNet50 on ImageNet": bi("this CNN vs ResNet50 on ImageNet", "本 CNN 与 ResNet50 + ImageNet 对比"),
    "readable": bi("readable", "易读形式"),
    "flops_per_image": bi("FLOPs per image", "每张图像的浮点运算数"),
    "seconds_per_epoch": bi("Seconds per epoch (measured)", "每轮秒数（实测）"),
    "estimated_seconds_per_epoch": bi("Seconds per epoch (advisor's estimate)", "每轮秒数（估计）"),
    "achieved_gflops": bi("Achieved GFLOP/s", "实际 GFLOP/s"),
    "resnet50_flops_per_image": bi("ResNet50 FLOPs per image", "ResNet50 每张图像的浮点运算数"),
    "resnet50_imagenet_days_at_this_speed": bi("ResNet50 on ImageNet at this speed (days)",
                                               "按此速度训练 ResNet50 + ImageNet（天）"),
    "resnet50_imagenet_days_here": bi("ResNet50 on ImageNet on this PC (days, advisor)",
                                      "本机训练 ResNet50 + ImageNet（天，估计）"),
    "resnet50_imagenet_gpu_hours": bi("ResNet50 on ImageNet on a mid-range GPU (hours)",
                                      "中端 GPU 训练 ResNet50 + ImageNet（小时）"),
    "resnet50_verdict": bi("ResNet50 verdict on this PC", "本机对 ResNet50 的结论"),
    "notebook": bi("GPU notebook", "GPU 笔记本"),
}


LESSON = Lesson(
    id="late.cnn",
    title=bi("A small CNN on the CPU, and what ResNet50 costs", "在 CPU 上训练小型 CNN，以及 ResNet50 的代价"),
    summary=bi(
        "Convolutional networks are the article's computer-vision stage. This lesson trains a "
        "small one (two 3x3 convolutions, pooling, a linear layer) on handwritten digits on your "
        "CPU: scikit-learn's 8x8 digits offline, MNIST once downloaded. It counts the network's "
        "FLOPs per image (checked by torch's own counter) and times each epoch, then puts ResNet50 "
        "on ImageNet beside it: about 4.1 GFLOPs per image, 1.28 million images, 90 epochs, which "
        "the advisor turns into days on this CPU and hours on a GPU. It also writes the full-scale "
        "version as a notebook for Colab or Kaggle: fine-tuning a pre-trained ResNet50.",
        "卷积网络是原文计算机视觉阶段的内容。本课在你的 CPU 上训练一个小型 CNN（两个 3x3 卷积、池化、一个线性层），"
        "数据是手写数字：离线时用 scikit-learn 的 8x8 数字，下载后可用 MNIST。课程计算网络每张图片的浮点运算量（用 "
        "torch 自带的计数器核对）并给每轮计时，再把 ResNet50 + ImageNet 放在旁边：每张图约 41 亿次乘加、128 万张图、"
        "90 轮，顾问据此估算在本机 CPU 上要多少天、在 GPU 上要多少小时。课程还会写出完整规模的版本——一个可在 Colab 或 "
        "Kaggle 上微调预训练 ResNet50 的 Notebook。",
    ),
    params=(
        dataset_params()[0],
        Param("channels", "int", 16, bi("Channels of the first convolution", "第一层卷积的通道数"), min=1, max=256),
        Param("epochs", "int", 10, bi("Epochs", "训练轮数"), min=1, max=1000),
        Param("batch_size", "int", 32, bi("Batch size", "批大小"), min=1, max=60_000),
        Param("lr", "float", 0.002, bi("Learning rate (Adam)", "学习率（Adam）"), min=1e-5, max=1.0, step=0.0001,
              log=True),
        *dataset_params()[1:],
        param_seed(0),
    ),
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names ResNet50 on ImageNet as a GPU workload; the lesson trains a network a "
                  "million times cheaper per image here and compares, with the advisor's estimate.",
                  "原文把 ResNet50 + ImageNet 列为需要 GPU 的场景；本课在本机训练一个每张图便宜百万倍的网络并进行比较，"
                  "同时给出顾问的估计。")),
        Change(bi("The full-scale step is handed off: the notebook resnet50_finetune.ipynb in the studio's data "
                  "folder (also `studio export-notebook resnet50-finetune`).",
                  "完整规模的一步交给云端：本软件数据目录中的 resnet50_finetune.ipynb（也可用 "
                  "`studio export-notebook resnet50-finetune` 导出）。")),
    ),
    uses_torch=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
