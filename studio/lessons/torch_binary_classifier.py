"""PyTorch example 2: a 1-10-1 network learns to tell x < 0.5 from x >= 0.5."""

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._torch import prepare

ARTICLE_CODE = '''\
import torch
import torch.nn as nn
import torch.optim as optim
import numpy as np
import matplotlib.pyplot as plt
# 生成一个简单的二分类数据集
x_data = torch.tensor(np.random.rand(100, 1), dtype=torch.float32)
y_data = torch.tensor(x_data.numpy() < 0.5, dtype=torch.float32)  # 0 for x < 0.5, 1 for x >= 0.5

# 定义神经元网络
class SimpleNeuralNetwork(nn.Module):
    def __init__(self):
        super(SimpleNeuralNetwork, self).__init__()
        self.fc1 = nn.Linear(1, 10)  # 输入层到隐藏层，10个神经元
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(10, 1)  # 隐藏层到输出层
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        out = self.fc1(x)
        out = self.relu(out)
        out = self.fc2(out)
        out = self.sigmoid(out)
        return out

# 实例化网络
model = SimpleNeuralNetwork()
# 定义损失函数和优化器
criterion = nn.BCELoss()  # 二分类交叉熵损失
optimizer = optim.SGD(model.parameters(), lr=0.1)

# 训练网络
num_epochs = 1000
for epoch in range(num_epochs):
    # 前向传播
    outputs = model(x_data)
    # 计算损失
    loss = criterion(outputs, y_data)
    # 反向传播
    optimizer.zero_grad()
    loss.backward()
    # 更新权重
    optimizer.step()
    if (epoch + 1) % 100 == 0:
        print(f'Epoch [{epoch + 1}/{num_epochs}], Loss: {loss.item()}')

# 测试网络
with torch.no_grad():
    predictions = model(x_data)
    predictions_cls = predictions.round()  # 将输出四舍五入为0或1
    correct = (predictions_cls == y_data).sum().item()
    print(f'Accuracy: {correct / len(y_data)}')

# 可视化结果
plt.scatter(x_data.numpy(), y_data.numpy())
plt.plot(x_data.numpy(), predictions_cls.numpy(), 'y-', lw=1)
plt.text(0.5, 0, 'Accuracy=%.2f' % (correct / len(y_data)), fontdict={'size': 20, 'color': 'red'})
plt.show()
'''


def run(ctx, epochs: int, lr: float, samples: int, hidden: int, seed: int):
    torch, device = prepare(ctx, seed)
    import numpy as np

    nn, optim = torch.nn, torch.optim

    x_np = np.random.rand(samples, 1)
    x_data = torch.tensor(x_np, dtype=torch.float32, device=device)
    # The article's labels: 1 where x < 0.5 (its comment says the opposite; the code wins).
    y_data = torch.tensor(x_np < 0.5, dtype=torch.float32, device=device)

    class SimpleNeuralNetwork(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(1, hidden)
            self.relu = nn.ReLU()
            self.fc2 = nn.Linear(hidden, 1)
            self.sigmoid = nn.Sigmoid()

        def forward(self, x):
            return self.sigmoid(self.fc2(self.relu(self.fc1(x))))

    model = SimpleNeuralNetwork().to(device)
    criterion = nn.BCELoss()
    optimizer = optim.SGD(model.parameters(), lr=lr)

    for epoch in range(epochs):
        outputs = model(x_data)
        loss = criterion(outputs, y_data)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        ctx.scalar("loss", epoch + 1, loss.item())
        if (epoch + 1) % 10 == 0:
            accuracy = ((outputs.detach().round() == y_data).float().mean().item())
            ctx.scalar("accuracy", epoch + 1, accuracy)
            ctx.progress(epoch + 1, epochs)
        if (epoch + 1) % 100 == 0:
            print(f"Epoch [{epoch + 1}/{epochs}], Loss: {loss.item()}")

    with torch.no_grad():
        predictions = model(x_data)
        predictions_cls = predictions.round()
        correct = (predictions_cls == y_data).sum().item()
        print(f"Accuracy: {correct / len(y_data)}")

    order = np.argsort(x_np.ravel())
    xs = x_np.ravel()[order]
    ctx.plot("predictions", Plot(
        title=bi(f"Accuracy={correct / len(y_data):.2f}", f"准确率={correct / len(y_data):.2f}"),
        xlabel="x", ylabel=bi("class", "类别"),
        series=[
            Series(x_np.ravel(), y_data.cpu().numpy().ravel(), bi("data", "数据"), style="scatter"),
            Series(xs, predictions_cls.cpu().numpy().ravel()[order], bi("predicted class", "预测类别"), width=1,
                   color="y"),
            Series(xs, predictions.cpu().numpy().ravel()[order], bi("probability", "概率"), width=1, color="c"),
        ],
    ))
    ctx.result(final_loss=loss.item(), accuracy=correct / len(y_data))


def estimate(p):
    """A 1-hidden-1 network, one full batch per epoch."""
    from studio.lessons._training import mlp_macs, training_estimate

    macs = mlp_macs(1, p["hidden"], 1)
    return training_estimate(rows=p["samples"], epochs=p["epochs"], batch_size=p["samples"], macs_per_row=macs,
                             params=macs, features=1)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "predictions": bi("predictions", "预测"),
}


LESSON = Lesson(
    id="torch.binary_classifier",
    title=bi("PyTorch: a small neural network classifier", "PyTorch：小型神经网络二分类"),
    summary=bi(
        "A 1-10-1 network (ReLU, sigmoid) learns which of 100 random numbers are below 0.5, "
        "trained with binary cross-entropy and SGD (lr 0.1) for 1000 epochs.",
        "一个 1-10-1 的神经网络（ReLU、Sigmoid）学习判断 100 个随机数是否小于 0.5，"
        "使用二分类交叉熵损失和随机梯度下降（学习率 0.1）训练 1000 轮。",
    ),
    params=(
        Param("epochs", "int", 1000, bi("Epochs", "训练轮数"), min=1, max=100_000),
        Param("lr", "float", 0.1, bi("Learning rate", "学习率"), min=1e-5, max=10.0, step=0.01, log=True),
        Param("samples", "int", 100, bi("Samples", "样本数"), min=10, max=1_000_000),
        Param("hidden", "int", 10, bi("Hidden neurons", "隐藏层神经元"), min=1, max=1024),
        param_seed(),
    ),
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("Data, model and labels go to the chosen device (CPU or CUDA).",
                  "数据、模型和标签放到所选设备上（CPU 或 CUDA）。")),
        Change(bi("Loss streams every epoch and accuracy every 10 epochs to the live chart.",
                  "损失每轮、准确率每 10 轮实时绘制到曲线图上。")),
        Change(bi("The article's comment says 0 for x < 0.5, but its code gives 1 for x < 0.5; "
                  "the lesson keeps the code.",
                  "原文注释写 x < 0.5 为 0，但代码实际令 x < 0.5 为 1；本课保持代码的行为。")),
        Change(bi("Samples, hidden size and seed are parameters; plots are drawn by the app.",
                  "样本数、隐藏层大小和随机种子成为参数；图表由应用绘制。")),
    ),
    uses_torch=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
