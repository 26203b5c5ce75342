"""The article's MNIST advice: a compressed 784-64-10 network, batches of 32."""

import time

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._mnist import dataset_params, load
from studio.lessons._torch import prepare

ARTICLE_CODE = '''\
# 限制数据量：MNIST手写数字识别（6万条，单批次32条可运行）
# 模型压缩：
# PyTorch简化网络示例
model = nn.Sequential(
    nn.Linear(784, 64),  # 输入层→隐藏层(大幅减少参数)
    nn.ReLU(),
    nn.Linear(64, 10)  # 输出层
)
'''


def evaluate(torch, model, X, y, chunk=4096):
    """Mean cross-entropy, accuracy and predicted classes of `model` on (X, y)."""
    model.eval()
    total, predictions = 0.0, []
    with torch.no_grad():
        for start in range(0, len(X), chunk):
            logits = model(X[start:start + chunk])
            total += torch.nn.functional.cross_entropy(logits, y[start:start + chunk], reduction="sum").item()
            predictions.append(logits.argmax(1))
    model.train()
    predicted = torch.cat(predictions)
    return total / len(X), (predicted == y).float().mean().item(), predicted


def fit(ctx, torch, model, data, *, epochs, batch_size, lr, seed, tag="", done=0, total=None):
    """Train `model` with Adam and cross-entropy in shuffled mini-batches, streaming loss,
    val_loss and val_accuracy per epoch (names end in `_tag` when given) and progress per
    batch. Returns the training seconds of each epoch."""
    device = next(model.parameters()).device
    X, y = torch.from_numpy(data.X_train).to(device), torch.from_numpy(data.y_train).to(device)
    X_val, y_val = torch.from_numpy(data.X_val).to(device), torch.from_numpy(data.y_val).to(device)
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    n = len(X)
    steps = -(-n // batch_size)
    total = total or epochs * steps
    suffix = f"_{tag}" if tag else ""
    seconds = []
    for epoch in range(epochs):
        head = f"{tag}: " if tag else ""
        ctx.status(bi(f"{head}epoch {epoch + 1}/{epochs}", f"{head}第 {epoch + 1}/{epochs} 轮"))
        start_time = time.perf_counter()
        order = torch.randperm(n, generator=generator).to(device)
        running = 0.0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            loss = criterion(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item() * len(idx)
            done += 1
            ctx.progress(done, total)  # also raises Cancelled once Stop is pressed
        seconds.append(time.perf_counter() - start_time)
        val_loss, val_accuracy, _ = evaluate(torch, model, X_val, y_val)
        ctx.scalar("loss" + suffix, epoch + 1, running / n)
        ctx.scalar("val_loss" + suffix, epoch + 1, val_loss)
        ctx.scalar("val_accuracy" + suffix, epoch + 1, val_accuracy)
        print(f"{tag + ' ' if tag else ''}Epoch [{epoch + 1}/{epochs}] loss: {running / n:.4f} "
              f"val_loss: {val_loss:.4f} val_accuracy: {val_accuracy:.4f} ({seconds[-1]:.2f} s)")
    return seconds


def misclassified_figure(images, true, predicted, shape, limit=16):
    """A grid of up to `limit` test images the model got wrong, titled 'true -> predicted'."""
    from matplotlib.figure import Figure

    all_wrong = [i for i in range(len(true)) if true[i] != predicted[i]]
    wrong = all_wrong[:limit]
    cols = 4
    rows = max(1, -(-len(wrong) // cols))
    fig = Figure(figsize=(2 * cols, 2.1 * rows))
    for k, i in enumerate(wrong):
        ax = fig.add_subplot(rows, cols, k + 1)
        ax.imshow(images[i].reshape(shape), cmap="gray_r")
        ax.set_title(f"{true[i]} -> {predicted[i]}", fontsize=10, color="red")
        ax.set_axis_off()
    fig.suptitle(f"Misclassified test images (true -> predicted): {len(wrong)} of {len(all_wrong)}")
    fig.tight_layout()
    return fig


def run(ctx, dataset: str, epochs: int, batch_size: int, lr: float, hidden: int,
        samples: int, download: bool, seed: int):
    torch, device = prepare(ctx, seed)
    import pandas as pd

    nn = torch.nn
    data = load(ctx, dataset, samples, download)
    print(f"Data: {data.name}")
    print(f"Training on {len(data.X_train):,} images, validating on {len(data.X_val):,}, "
          f"testing on {len(data.X_test):,}; batches of {batch_size}.")

    model = nn.Sequential(
        nn.Linear(data.inputs, hidden),  # input layer -> hidden layer (far fewer parameters)
        nn.ReLU(),
        nn.Linear(hidden, 10),  # output layer
    ).to(device)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"Network {data.inputs}-{hidden}-10: {n_params:,} parameters")

    seconds = fit(ctx, torch, model, data, epochs=epochs, batch_size=batch_size, lr=lr, seed=seed)

    X_test = torch.from_numpy(data.X_test).to(device)
    y_test = torch.from_numpy(data.y_test).to(device)
    test_loss, test_accuracy, predicted = evaluate(torch, model, X_test, y_test)
    predicted = predicted.cpu().numpy()
    print(f"Test Loss: {test_loss:.4f}")
    print(f"Test Accuracy: {test_accuracy:.4f}")

    per_class = pd.DataFrame({"digit": range(10)})
    per_class["test images"] = [int((data.y_test == d).sum()) for d in range(10)]
    per_class["correct"] = [int(((data.y_test == d) & (predicted == d)).sum()) for d in range(10)]
    per_class["accuracy"] = (per_class["correct"] / per_class["test images"].clip(lower=1)).round(4)
    ctx.table("per-class accuracy", per_class)
    ctx.figure("misclassified", misclassified_figure(data.X_test, data.y_test, predicted, data.shape))
    ctx.result(test_loss=test_loss, test_accuracy=test_accuracy, parameters=n_params,
               seconds_per_epoch=sum(seconds) / len(seconds),
               worst_digit=int(per_class["accuracy"].idxmin()),
               worst_digit_accuracy=float(per_class["accuracy"].min()))


def estimate(p):
    """The inputs-hidden-10 MLP on digits (1,437 training images) or MNIST (60,000)."""
    from studio.lessons._training import mlp_macs, training_estimate

    inputs, rows = (784, 60_000) if p["dataset"] == "mnist" else (64, 1_437)
    if p.get("samples"):
        rows = min(rows, p["samples"])
    macs = mlp_macs(inputs, p["hidden"], 10)
    return training_estimate(rows=rows, epochs=p["epochs"], batch_size=p["batch_size"], macs_per_row=macs,
                             params=macs, features=inputs)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "per-class accuracy": bi("per-class accuracy", "每个数字的准确率"),
    "misclassified": bi("misclassified", "分错的图像"),
    "{}_light": bi("{} (light)", "{}（轻量）"),
    "digit": bi("digit", "数字"),
    "test images": bi("test images", "测试图像"),
    "correct": bi("correct", "正确数"),
    "seconds_per_epoch": bi("Seconds per epoch", "每轮秒数"),
    "worst_digit": bi("Hardest digit", "最难识别的数字"),
    "worst_digit_accuracy": bi("Hardest digit's accuracy", "最难识别数字的准确率"),
}


LESSON = Lesson(
    id="torch.mnist_mlp",
    title=bi("PyTorch: handwritten digits with a small network", "PyTorch：用小网络识别手写数字"),
    summary=bi(
        "The article's advice for an ordinary PC: MNIST handwritten digits (60,000 images) in "
        "batches of 32, with the compressed 784-64-10 network. MNIST itself is read from the "
        "data folder (or downloaded on request, about 11 MB); the default works offline with "
        "scikit-learn's bundled 8x8 digits, so the network becomes 64-64-10. Shows per-digit "
        "accuracy and the test images the network got wrong.",
        "原文给普通电脑的建议：用 MNIST 手写数字（6 万张）、每批 32 张，配上压缩后的 784-64-10 网络。"
        "MNIST 从数据目录读取（也可按需下载，约 11 MB）；默认使用 scikit-learn 自带的 8x8 手写数字，"
        "无需联网，此时网络为 64-64-10。结果给出每个数字的准确率，并展示识别错误的测试图片。",
    ),
    params=(
        dataset_params()[0],
        Param("epochs", "int", 10, bi("Epochs", "训练轮数"), min=1, max=1000),
        Param("batch_size", "int", 32, bi("Batch size", "批大小"), min=1, max=60_000),
        Param("lr", "float", 0.001, bi("Learning rate (Adam)", "学习率（Adam）"),
              min=1e-5, max=1.0, step=0.0001, log=True),
        Param("hidden", "int", 64, bi("Hidden neurons", "隐藏层神经元"), min=1, max=4096),
        *dataset_params()[1:],
        param_seed(0),
    ),
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article gives only the network; the lesson adds the data, an Adam optimiser "
                  "(lr 0.001), cross-entropy loss and 10 epochs (the article names no epoch count), "
                  "with the article's batch size of 32.",
                  "原文只给出网络结构；本课补上数据、Adam 优化器（学习率 0.001）、交叉熵损失和 10 轮训练"
                  "（原文没有给出轮数），批大小沿用原文的 32。")),
        Change(bi("The default data set is scikit-learn's 8x8 digits, which ship with scikit-learn, "
                  "so the input layer has 64 neurons instead of 784; choose `mnist` for the real "
                  "28x28 images.",
                  "默认数据集是 scikit-learn 自带的 8x8 手写数字，因此输入层是 64 个神经元而不是 784；"
                  "选择 `mnist` 即可使用真正的 28x28 图片。")),
        Change(bi("Pixels are scaled to 0-1 and images flattened to rows; the last 10% of the "
                  "training images are kept for validation.",
                  "像素缩放到 0-1，图片展平成一行；训练图片的最后 10% 留作验证。")),
        Change(bi("The hidden width, the number of training images and the seed are parameters; "
                  "the model and data go to the chosen device.",
                  "隐藏层宽度、训练图片数量和随机种子成为参数；模型和数据放到所选设备上。")),
    ),
    uses_torch=True,
    related=("torch.model_compression",),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
