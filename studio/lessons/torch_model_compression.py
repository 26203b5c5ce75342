"""The article's "model compression": a wide MLP against the compressed 784-64-10 one."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._mnist import dataset_params, load
from studio.lessons._torch import prepare
from studio.lessons.torch_mnist_mlp import ARTICLE_CODE, evaluate, fit


def run(ctx, dataset: str, epochs: int, batch_size: int, lr: float, wide1: int, wide2: int,
        hidden: int, samples: int, download: bool, seed: int):
    torch, device = prepare(ctx, seed)
    import pandas as pd

    from studio.lessons._training import batches_per_epoch

    nn = torch.nn
    data = load(ctx, dataset, samples, download)
    print(f"Data: {data.name}")
    n_in = data.inputs

    def wide():
        return nn.Sequential(nn.Linear(n_in, wide1), nn.ReLU(), nn.Linear(wide1, wide2), nn.ReLU(),
                             nn.Linear(wide2, 10))

    def small():  # the article's compressed network
        return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, 10))

    models = [("wide", f"{n_in}-{wide1}-{wide2}-10", wide), ("small", f"{n_in}-{hidden}-10", small)]
    total = 2 * epochs * batches_per_epoch(len(data.X_train), batch_size)
    X_test = torch.from_numpy(data.X_test).to(device)
    y_test = torch.from_numpy(data.y_test).to(device)
    rows, results = [], {}
    for k, (tag, layers, build) in enumerate(models):
        torch.manual_seed(seed)  # each network starts from the same random state
        model = build().to(device)
        params = sum(p.numel() for p in model.parameters())
        nbytes = sum(p.numel() * p.element_size() for p in model.parameters())
        print(f"--- {tag} network {layers}: {params:,} parameters, {nbytes / 1024:.1f} KiB ---")
        seconds = fit(ctx, torch, model, data, epochs=epochs, batch_size=batch_size, lr=lr, seed=seed,
                      tag=tag, done=k * total // 2, total=total)
        test_loss, test_accuracy, _ = evaluate(torch, model, X_test, y_test)
        per_epoch = sum(seconds) / len(seconds)
        print(f"{tag}: Test Accuracy: {test_accuracy:.4f}")
        rows.append({"network": tag, "layers": layers, "parameters": params,
                     "memory (KiB)": round(nbytes / 1024, 1), "s / epoch": round(per_epoch, 3),
                     "test loss": round(test_loss, 4), "test accuracy": round(test_accuracy, 4)})
        results.update({f"{tag}_parameters": params, f"{tag}_bytes": nbytes,
                        f"{tag}_seconds_per_epoch": per_epoch, f"{tag}_test_accuracy": test_accuracy})

    table = pd.DataFrame(rows).set_index("network")
    ctx.table("wide vs small", table)
    ratio = results["wide_parameters"] / results["small_parameters"]
    speedup = results["wide_seconds_per_epoch"] / results["small_seconds_per_epoch"]
    drop = results["wide_test_accuracy"] - results["small_test_accuracy"]
    print(f"The small network has {ratio:.1f}x fewer parameters, trains {speedup:.1f}x faster per epoch, "
          f"and its test accuracy is {100 * abs(drop):.2f} points {'below' if drop >= 0 else 'above'} "
          "the wide one's.")
    ctx.result(**results, parameter_ratio=ratio, speedup=speedup)


def estimate(p):
    """Both networks, one after the other, on the same data."""
    from studio.lessons._training import mlp_macs, training_estimate

    inputs, rows = (784, 60_000) if p["dataset"] == "mnist" else (64, 1_437)
    if p.get("samples"):
        rows = min(rows, p["samples"])
    macs = mlp_macs(inputs, p["wide1"], p["wide2"], 10) + mlp_macs(inputs, p["hidden"], 10)
    return training_estimate(rows=rows, epochs=p["epochs"], batch_size=p["batch_size"], macs_per_row=macs,
                             params=macs, features=inputs)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "wide vs small": bi("wide vs small", "宽网络与小网络对比"),
    "network": bi("network", "网络"),
    "layers": bi("layers", "层"),
    "memory (KiB)": bi("memory (KiB)", "内存（KiB）"),
    "s / epoch": bi("s / epoch", "秒/轮"),
    "test loss": bi("test loss", "测试损失"),
    "test accuracy": bi("test accuracy", "测试准确率"),
    "{}_wide": bi("{} (wide)", "{}（宽网络）"),
    "{}_small": bi("{} (small)", "{}（小网络）"),
    "wide": bi("wide", "宽网络"),
    "small": bi("small", "小网络"),
    "{}_parameters": bi("Parameters, {}", "参数量，{}"),
    "{}_bytes": bi("Memory, {} (bytes)", "内存，{}（字节）"),
    "{}_seconds_per_epoch": bi("Seconds per epoch, {}", "每轮秒数，{}"),
    "{}_test_accuracy": bi("Test accuracy, {}", "测试准确率，{}"),
    "parameter_ratio": bi("Parameters, wide / small", "参数量之比（宽 / 小）"),
    "speedup": bi("Speed-up of the small network", "小网络的加速比"),
}


LESSON = Lesson(
    id="torch.model_compression",
    title=bi("PyTorch: model compression, wide vs small", "PyTorch：模型压缩，宽网络与小网络对比"),
    summary=bi(
        "The article's 'model compression' advice measured on your PC: a wide 784-512-256-10 "
        "network and the compressed 784-64-10 one train on the same digits with the same "
        "settings; a table sets their parameters, memory, time per epoch and test accuracy side "
        "by side. Works offline on scikit-learn's 8x8 digits (64 inputs) or on the real MNIST.",
        "在你自己的电脑上验证原文“模型压缩”的建议：宽的 784-512-256-10 网络和压缩后的 784-64-10 网络"
        "用同样的数据、同样的设置训练，表格并排列出两者的参数量、内存占用、每轮耗时和测试准确率。"
        "默认使用 scikit-learn 自带的 8x8 手写数字（64 个输入），无需联网；也可选用真正的 MNIST。",
    ),
    params=(
        dataset_params()[0],
        Param("epochs", "int", 10, bi("Epochs (each network)", "训练轮数（每个网络）"), min=1, max=1000),
        Param("batch_size", "int", 32, bi("Batch size", "批大小"), min=1, max=60_000),
        Param("lr", "float", 0.001, bi("Learning rate (Adam)", "学习率（Adam）"),
              min=1e-5, max=1.0, step=0.0001, log=True),
        Param("wide1", "int", 512, bi("Wide network: first hidden layer", "宽网络：第一隐藏层"), min=1, max=8192),
        Param("wide2", "int", 256, bi("Wide network: second hidden layer", "宽网络：第二隐藏层"), min=1, max=8192),
        Param("hidden", "int", 64, bi("Small network: hidden layer", "小网络：隐藏层"), min=1, max=8192),
        *dataset_params()[1:],
        param_seed(0),
    ),
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article shows only the compressed network; the lesson trains it next to a "
                  "wide 784-512-256-10 network so that the saving can be measured.",
                  "原文只给出压缩后的网络；本课把它和一个宽的 784-512-256-10 网络放在一起训练，"
                  "以便实际测量节省了多少。")),
        Change(bi("Both use the training loop of torch.mnist_mlp: Adam (lr 0.001), cross-entropy, "
                  "batches of 32, 10 epochs each, the same seed and data.",
                  "两者都使用 torch.mnist_mlp 的训练循环：Adam（学习率 0.001）、交叉熵、每批 32 张、"
                  "各训练 10 轮，随机种子和数据相同。")),
        Change(bi("Memory is the bytes of the parameters (float32: 4 bytes each); time per epoch "
                  "counts training only, not validation.",
                  "内存指参数所占字节数（float32 每个 4 字节）；每轮耗时只计训练，不含验证。")),
        Change(bi("The default data set is scikit-learn's 8x8 digits (64 inputs instead of 784); "
                  "choose `mnist` for the real images.",
                  "默认数据集是 scikit-learn 自带的 8x8 手写数字（64 个输入而不是 784）；"
                  "选择 `mnist` 使用真正的图片。")),
    ),
    uses_torch=True,
    related=("torch.mnist_mlp",),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
