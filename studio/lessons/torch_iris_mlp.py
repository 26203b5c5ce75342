"""TensorFlow example 1 written in plain PyTorch: the same 4-64-3 iris network."""

from studio.core.lesson import Change, Lesson
from studio.core.text import bi
from studio.lessons._torch import prepare
from studio.lessons._training import IRIS_MLP_PARAMS
from studio.lessons.keras_iris_mlp import ARTICLE_CODE


def run(ctx, epochs: int, batch_size: int, lr: float, hidden: int, seed: int):
    torch, device = prepare(ctx, seed)
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split

    from studio.lessons._training import keras_split_at

    nn = torch.nn
    iris = load_iris()
    X = iris.data
    y = iris.target
    # Class indices instead of one-hot rows: nn.CrossEntropyLoss takes them directly.
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

    def tensors(a, b):
        return (torch.tensor(a, dtype=torch.float32, device=device),
                torch.tensor(b, dtype=torch.long, device=device))

    # validation_split=0.1 as Keras does it: the last 10% of the training rows, unshuffled.
    split = keras_split_at(len(X_train), 0.1)
    X_fit, y_fit = tensors(X_train[:split], y_train[:split])
    X_val, y_val = tensors(X_train[split:], y_train[split:])
    X_te, y_te = tensors(X_test, y_test)

    # Dense(64, relu) + Dense(3, softmax); the softmax lives inside CrossEntropyLoss.
    model = nn.Sequential(nn.Linear(4, hidden), nn.ReLU(), nn.Linear(hidden, 3)).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    def evaluate(X_, y_):
        model.eval()
        with torch.no_grad():
            logits = model(X_)
            loss = criterion(logits, y_).item()
            accuracy = (logits.argmax(1) == y_).float().mean().item()
        model.train()
        return loss, accuracy

    n = len(X_fit)
    steps = -(-n // batch_size)
    generator = torch.Generator().manual_seed(seed)
    done = 0
    for epoch in range(epochs):
        order = torch.randperm(n, generator=generator).to(device)  # Keras shuffles every epoch
        total_loss, correct = 0.0, 0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            logits = model(X_fit[idx])
            loss = criterion(logits, y_fit[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(idx)
            correct += (logits.argmax(1) == y_fit[idx]).sum().item()
            done += 1
            ctx.progress(done, epochs * steps)  # also raises Cancelled once Stop is pressed
        train_loss, train_acc = total_loss / n, correct / n
        val_loss, val_acc = evaluate(X_val, y_val)
        ctx.scalar("loss", epoch + 1, train_loss)
        ctx.scalar("val_loss", epoch + 1, val_loss)
        ctx.scalar("accuracy", epoch + 1, train_acc)
        ctx.scalar("val_accuracy", epoch + 1, val_acc)
        print(f"Epoch {epoch + 1}/{epochs} - accuracy: {train_acc:.4f} - loss: {train_loss:.4f} "
              f"- val_accuracy: {val_acc:.4f} - val_loss: {val_loss:.4f}")

    test_loss, test_accuracy = evaluate(X_te, y_te)
    print("Test Loss:", test_loss)
    print("Test Accuracy:", test_accuracy)
    ctx.result(test_loss=test_loss, test_accuracy=test_accuracy)


def estimate(p):
    """4-hidden-3 MLP on the 108 training rows of Iris."""
    from studio.lessons._training import mlp_macs, training_estimate

    macs = mlp_macs(4, p["hidden"], 3)
    return training_estimate(rows=108, epochs=p["epochs"], batch_size=p["batch_size"], macs_per_row=macs,
                             params=macs, features=4)


LESSON = Lesson(
    id="torch.iris_mlp",
    title=bi("PyTorch: a neural network for the iris flowers", "PyTorch：鸢尾花神经网络分类"),
    summary=bi(
        "The article's TensorFlow example 1 rewritten in plain PyTorch, step by step: the same "
        "4-64-3 network (ReLU), Adam (lr 0.001), cross-entropy, batches of 32 for 50 epochs, the "
        "last 10% of the training rows for validation, and the test loss and accuracy at the end. "
        "Compare it with keras.iris_mlp to see what model.fit does for you.",
        "把原文 TensorFlow 例 1 用纯 PyTorch 一步一步重写：同样的 4-64-3 网络（ReLU）、Adam"
        "（学习率 0.001）、交叉熵损失、每批 32 条训练 50 轮，训练集最后 10% 用作验证，最后给出测试集"
        "上的损失和准确率。和 keras.iris_mlp 对照，就能看清 model.fit 替你做了哪些事。",
    ),
    params=IRIS_MLP_PARAMS,
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("tf.keras.Sequential becomes nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 3)); "
                  "the softmax and categorical cross-entropy become nn.CrossEntropyLoss on the raw "
                  "outputs (it applies log-softmax itself), so labels stay class numbers, not one-hot.",
                  "tf.keras.Sequential 改为 nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 3))；"
                  "Softmax 加分类交叉熵改为直接对网络输出使用 nn.CrossEntropyLoss（它内部先做 log-softmax），"
                  "所以标签保持类别编号，不做独热编码。")),
        Change(bi("model.fit is written out: Keras' defaults made explicit (Adam lr 0.001, batch 32, "
                  "shuffle every epoch, validation = the last 10% of the training rows).",
                  "把 model.fit 展开成显式循环，并写明 Keras 的默认做法（Adam 学习率 0.001、批大小 32、"
                  "每轮打乱、验证集取训练数据的最后 10%）。")),
        Change(bi("Weights start from PyTorch's default initialisation, not Keras' Glorot-uniform, "
                  "so the two lessons' curves differ a little for the same seed.",
                  "权重使用 PyTorch 的默认初始化，而不是 Keras 的 Glorot 均匀初始化，"
                  "因此同一随机种子下两课的曲线会略有不同。")),
        Change(bi("Tensors and the model go to the chosen device; loss, val_loss and accuracy stream "
                  "to the live chart; Stop ends the run between batches.",
                  "张量和模型放到所选设备上；loss、val_loss 和准确率实时绘制；“停止”在两个批次之间生效。")),
    ),
    uses_torch=True,
    related=("keras.iris_mlp",),
    estimate=estimate,
    run=run,
)
