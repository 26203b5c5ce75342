"""PyTorch example 1: fit a straight line to three points with SGD."""

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._torch import prepare

ARTICLE_CODE = '''\
import torch
import torch.nn as nn
import torch.optim as optim
import matplotlib.pyplot as plt

# 创建一个简单的线性数据集
x_data = torch.tensor([[1.0], [2.0], [3.0]], dtype=torch.float32)
y_data = torch.tensor([[2.0], [4.0], [6.0]], dtype=torch.float32)

# 定义线性模型
linear_model = nn.Linear(1, 1)

# 定义损失函数和优化器
criterion = nn.MSELoss()
optimizer = optim.SGD(linear_model.parameters(), lr=0.01)

# 训练模型
num_epochs = 100
for epoch in range(num_epochs):
    # 前向传播
    y_pred = linear_model(x_data)
    # 计算损失
    loss = criterion(y_pred, y_data)
    # 反向传播
    optimizer.zero_grad()
    loss.backward()
    # 更新权重
    optimizer.step()
    if (epoch+1) % 10 == 0:
        print(f'Epoch [{epoch+1}/{num_epochs}], Loss: {loss.item()}')

# 测试模型
with torch.no_grad():
    y_pred = linear_model(x_data)
print(y_pred)

# 可视化结果
plt.scatter(x_data.numpy(), y_data.numpy(), color="orange")
plt.plot(x_data.numpy(), y_pred.numpy(), 'g-', lw=3)
plt.text(0.5, 0, 'Loss=%.4f' % loss.item(), fontdict={'size': 20, 'color': 'red'})
plt.show()
'''


def run(ctx, epochs: int, lr: float, seed: int):
    torch, device = prepare(ctx, seed)
    nn, optim = torch.nn, torch.optim

    x_data = torch.tensor([[1.0], [2.0], [3.0]], dtype=torch.float32, device=device)
    y_data = torch.tensor([[2.0], [4.0], [6.0]], dtype=torch.float32, device=device)

    linear_model = nn.Linear(1, 1).to(device)
    criterion = nn.MSELoss()
    optimizer = optim.SGD(linear_model.parameters(), lr=lr)

    for epoch in range(epochs):
        y_pred = linear_model(x_data)
        loss = criterion(y_pred, y_data)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        ctx.scalar("loss", epoch + 1, loss.item())  # streams the curve, and checks Stop
        ctx.progress(epoch + 1, epochs)
        if (epoch + 1) % 10 == 0:
            print(f"Epoch [{epoch + 1}/{epochs}], Loss: {loss.item()}")

    with torch.no_grad():
        y_pred = linear_model(x_data)
    print(y_pred)

    xs = x_data.cpu().numpy().ravel()
    ctx.plot("fit", Plot(
        title=bi(f"Loss={loss.item():.4f}", f"损失={loss.item():.4f}"),
        xlabel="x", ylabel="y",
        series=[
            Series(xs, y_data.cpu().numpy().ravel(), bi("data", "数据"), style="scatter", color="orange"),
            Series(xs, y_pred.cpu().numpy().ravel(), bi("fitted line", "拟合直线"), width=3, color="g"),
        ],
    ))
    ctx.result(
        final_loss=loss.item(),
        weight=linear_model.weight.item(),
        bias=linear_model.bias.item(),
    )


def estimate(p):
    """One neuron, three points, one step per epoch."""
    from studio.lessons._training import training_estimate

    return training_estimate(rows=3, epochs=p["epochs"], batch_size=3, macs_per_row=2, params=2, features=1)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "fit": bi("fit", "拟合"),
    "weight": bi("Weight", "权重"),
    "bias": bi("Bias", "偏置"),
}


LESSON = Lesson(
    id="torch.linear_regression",
    title=bi("PyTorch: linear regression", "PyTorch：线性回归"),
    summary=bi(
        "Fit y = 2x through three points with one nn.Linear neuron, MSE loss and SGD "
        "(lr 0.01, 100 epochs). Watch the loss fall epoch by epoch, then see the fitted line.",
        "用一个 nn.Linear 神经元、均方误差损失和随机梯度下降（学习率 0.01，100 轮）拟合三个点上的 "
        "y = 2x。逐轮观察损失下降，最后查看拟合出的直线。",
    ),
    params=(
        Param("epochs", "int", 100, bi("Epochs", "训练轮数"), min=1, max=100_000),
        Param("lr", "float", 0.01, bi("Learning rate", "学习率"), min=1e-6, max=1.0, step=0.001, log=True),
        param_seed(1),  # with seed 1 the article's 100 epochs at lr 0.01 reach loss < 0.01
    ),
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("Tensors and the model go to the chosen device (CPU or CUDA).",
                  "张量和模型放到所选设备上（CPU 或 CUDA）。")),
        Change(bi("The loss streams to a live chart every epoch; the article prints it every 10.",
                  "损失每一轮都实时绘制到曲线图上；原文每 10 轮打印一次。")),
        Change(bi("plt.scatter/plt.plot become the app's plot; the seed is a parameter.",
                  "plt.scatter/plt.plot 改为应用内的图表；随机种子成为参数。")),
    ),
    uses_torch=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
