"""Exercises on training small networks in PyTorch and Keras: learning rate, epochs, curves,
evaluation. The checks score the learner's own trained model again, on the lesson's data."""

from studio.core.text import bi
from studio.practice.checks import accuracy_of, at_least, at_most, call, close, describe, module, n_params, passed
from studio.practice.exercise import Exercise, Fail, check

# -- torch.linear_regression ----------------------------------------------------------------------------
LINE_STARTER = '''\
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
x_data = torch.tensor([[1.0], [2.0], [3.0]])
y_data = torch.tensor([[2.0], [4.0], [6.0]])  # y = 2x

linear_model = nn.Linear(1, 1)
criterion = nn.MSELoss()
optimizer = optim.SGD(linear_model.parameters(), lr=0.01)

num_epochs = 100
for epoch in range(num_epochs):
    loss = criterion(linear_model(x_data), y_data)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

print("weight", linear_model.weight.item(), "bias", linear_model.bias.item(), "loss", loss.item())
'''


@check("weight", bi("the learnt weight is 2 within 0.01", "学到的权重与 2 相差不超过 0.01"))
def _weight(env):
    w = float(module(env, "linear_model").weight.detach().reshape(-1)[0])
    return at_most(abs(w - 2.0), 0.01, f"|weight - 2| (weight {w:.4g})")


@check("bias", bi("the learnt bias is 0 within 0.05", "学到的偏置与 0 相差不超过 0.05"))
def _bias(env):
    b = float(module(env, "linear_model").bias.detach().reshape(-1)[0])
    return at_most(abs(b), 0.05, f"|bias| (bias {b:.4g})")


STREAM_STARTER = LINE_STARTER.replace("import torch.optim as optim\n", "import torch.optim as optim\n"
                                      "from studio.live import log\n").replace(
    "    optimizer.step()\n", "    optimizer.step()\n    # your code: stream this epoch's loss to the live chart\n")


def _loss_curve(env):
    return env.curve("loss")


@check("points", bi("the curve \"loss\" has one point per epoch (100)", "曲线 \"loss\" 每轮一个点（100 个）"))
def _points(env):
    steps, _ = _loss_curve(env)
    return passed(len(steps) == 100, "100 points", f"{len(steps)} points")


@check("falls", bi("the loss falls: the last point is under half the first", "损失在下降：最后一个点不到第一个点的一半"))
def _falls(env):
    _, values = _loss_curve(env)
    return passed(values[-1] < values[0] / 2, f"last < {values[0] / 2:.4g}", f"last = {values[-1]:.4g}")


@check("last", bi("its last point is the final `loss`", "最后一个点等于最终的 `loss`"))
def _last_point(env):
    _, values = _loss_curve(env)
    return close(values[-1], env.number("loss"), rtol=1e-6, what="last point")


# -- torch.binary_classifier ----------------------------------------------------------------------------
CLASSIFIER = '''\
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from studio.live import log

torch.manual_seed(0)
np.random.seed(0)
x_data = torch.tensor(np.random.rand(100, 1), dtype=torch.float32)
y_data = torch.tensor(x_data.numpy() < 0.5, dtype=torch.float32)  # 1 for x < 0.5, as the article's code


class SimpleNeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(1, 10)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(10, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.fc2(self.relu(self.fc1(x))))


model = SimpleNeuralNetwork()
criterion = nn.BCELoss()
optimizer = optim.SGD(model.parameters(), lr=0.1)

num_epochs = 1000
for epoch in range(num_epochs):
    outputs = model(x_data)
    loss = criterion(outputs, y_data)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    log("loss", epoch + 1, loss.item())
'''
EPOCHS_STARTER = CLASSIFIER + '''
with torch.no_grad():
    accuracy = (model(x_data).round() == y_data).float().mean().item()
print(f"Accuracy: {accuracy}")
'''


def _article_data(env):
    """The learner's x_data and y_data, checked to be the article's 100 points and labels."""
    import torch

    x, y = env.var("x_data", torch.Tensor), env.var("y_data", torch.Tensor)
    ok = x.shape == (100, 1) and y.shape == (100, 1) and bool(((x >= 0) & (x < 1)).all()) \
        and bool((y == (x < 0.5).float()).all())
    if not ok:
        raise Fail(bi("the article's 100 points in [0, 1), labelled 1 where x < 0.5",
                      "原文的 100 个 [0, 1) 中的点，x < 0.5 处标签为 1"), f"x_data {tuple(x.shape)}, y_data {tuple(y.shape)}")
    return x, y


@check("epochs", bi("`num_epochs` <= 300", "`num_epochs` <= 300"))
def _epochs(env):
    return at_most(env.number("num_epochs"), 300, "num_epochs")


@check("accuracy", bi("`accuracy` >= 0.98", "`accuracy` >= 0.98"))
def _accuracy98(env):
    return at_least(env.number("accuracy"), 0.98, "accuracy")


@check("real", bi("`accuracy` is what the trained 1-10-1 `model` scores on `x_data`/`y_data`",
                  "`accuracy` 就是训练好的 1-10-1 `model` 在 `x_data`/`y_data` 上的准确率"))
def _accuracy_real(env):
    model = module(env, "model")
    if n_params(model) != 31:
        raise Fail(bi("the article's 1-10-1 network (31 parameters)", "原文的 1-10-1 网络（31 个参数）"),
                   f"{n_params(model)} parameters")
    x, y = _article_data(env)
    return close(env.number("accuracy"), accuracy_of(model, x, y), rtol=1e-6, what="accuracy")


BOUNDARY_STARTER = CLASSIFIER + '''
boundary = None  # your code: the x in [0, 1] where the trained model's output crosses 0.5
print(boundary)
'''


def _model_boundary(env) -> float:
    import torch

    model = module(env, "model")
    grid = torch.linspace(0, 1, 10_001).reshape(-1, 1)
    with torch.no_grad():
        p = call(bi("the model runs on x", "模型能在 x 上运行"), model, grid).reshape(-1)
    crossing = torch.nonzero((p[:-1] - 0.5) * (p[1:] - 0.5) <= 0)
    if len(crossing) == 0:
        raise Fail(bi("a model whose output crosses 0.5 in [0, 1]", "输出在 [0, 1] 内穿过 0.5 的模型"), bi("none", "没有"))
    return float(grid[int(crossing[0])])


@check("crossing", bi("`boundary` is where the model's output crosses 0.5 (within 0.01)",
                      "`boundary` 是模型输出穿过 0.5 的位置（误差 0.01 以内）"))
def _boundary(env):
    found, expected = env.number("boundary"), _model_boundary(env)
    return passed(abs(found - expected) <= 0.01, f"{expected:.4f} ± 0.01", f"{found:.4f}")


@check("near_half", bi("the learnt boundary is within 0.05 of the true 0.5", "学到的分界点与真实的 0.5 相差不超过 0.05"))
def _near_half(env):
    return at_most(abs(_model_boundary(env) - 0.5), 0.05, "|boundary - 0.5|")


# -- torch.iris_mlp and keras.iris_mlp -------------------------------------------------------------------
IRIS_TORCH_STARTER = '''\
import torch
import torch.nn as nn
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

torch.manual_seed(0)
iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=42)
X_train, X_test = torch.tensor(X_train, dtype=torch.float32), torch.tensor(X_test, dtype=torch.float32)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)

model = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 3))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(200):
    optimizer.zero_grad()
    loss = loss_fn(model(X_train), y_train)
    loss.backward()
    optimizer.step()

test_accuracy = None  # your code: the share of test rows whose largest output is the right class
print(test_accuracy)
'''


def _iris_test_tensors():
    import torch
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split

    iris = load_iris()
    _, X_test, _, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=42)
    return torch.tensor(X_test, dtype=torch.float32), torch.tensor(y_test)


@check("real", bi("`test_accuracy` is the model's accuracy on the 30 test rows", "`test_accuracy` 是模型在 30 个测试样本上的准确率"))
def _iris_real(env):
    X_test, y_test = _iris_test_tensors()
    return close(env.number("test_accuracy"), accuracy_of(module(env, "model"), X_test, y_test), rtol=1e-6,
                 what="test_accuracy")


@check("good", bi("the model gets at least 0.9 of them right", "模型至少答对其中的 0.9"))
def _iris_good(env):
    X_test, y_test = _iris_test_tensors()
    return at_least(accuracy_of(module(env, "model"), X_test, y_test), 0.9, "accuracy")


KERAS_STARTER = '''\
import keras
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder

keras.utils.set_random_seed(0)
iris = load_iris()
y_encoded = OneHotEncoder(sparse_output=False).fit_transform(iris.target.reshape(-1, 1))
X_train, X_test, y_train, y_test = train_test_split(iris.data, y_encoded, test_size=0.2, random_state=42)

learning_rate = 0.001  # your code: a learning rate that gets there in 20 epochs
epochs = 20
model = keras.Sequential([keras.Input(shape=(4,)),
                          keras.layers.Dense(16, activation='relu'),
                          keras.layers.Dense(3, activation='softmax')])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
              loss='categorical_crossentropy', metrics=['accuracy'])
model.fit(X_train, y_train, epochs=epochs, batch_size=32, verbose=0)
test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=0)
print("Test Accuracy:", test_accuracy)
'''


def _keras_model(env):
    import keras

    model = env.var("model", keras.Model, what=bi("`model` a Keras model", "`model` 是 Keras 模型"))
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    if [d.units for d in dense] != [16, 3]:
        raise Fail(bi("Dense layers of 16 and 3 units", "16 和 3 个单元的 Dense 层"), describe([d.units for d in dense]))
    return model


@check("network", bi("`model` keeps 16 hidden units, trained at most 20 epochs", "`model` 保持 16 个隐藏单元，最多训练 20 轮"))
def _keras_network(env):
    _keras_model(env)
    return at_most(env.number("epochs"), 20, "epochs")


@check("accuracy", bi("`test_accuracy` >= 0.95", "`test_accuracy` >= 0.95"))
def _keras_accuracy(env):
    return at_least(env.number("test_accuracy"), 0.95, "test_accuracy")


@check("real", bi("`test_accuracy` is what `model` scores on the test rows", "`test_accuracy` 就是 `model` 在测试集上的得分"))
def _keras_real(env):
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split

    iris = load_iris()
    _, X_test, _, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=42)
    predicted = call(bi("`model` predicts the test rows", "`model` 能预测测试集"), _keras_model(env).predict, X_test,
                     verbose=0).argmax(axis=1)
    return close(env.number("test_accuracy"), (predicted == y_test).mean(), rtol=1e-6, what="test_accuracy")


EXERCISES = [
    Exercise(
        id="torch.linear_regression/learn_the_line",
        title=bi("Learn y = 2x exactly", "准确学到 y = 2x"),
        task=bi("After 100 epochs at lr 0.01 the model is still far from y = 2x. Change the learning rate "
                "and the number of epochs so that the weight ends within 0.01 of 2 and the bias within 0.05 "
                "of 0.",
                "以学习率 0.01 训练 100 轮后，模型离 y = 2x 还差得远。请调整学习率和训练轮数，使最终权重与 2 相差不超过 0.01，"
                "偏置与 0 相差不超过 0.05。"),
        starter=LINE_STARTER,
        solution=LINE_STARTER.replace("lr=0.01)", "lr=0.05)").replace("num_epochs = 100", "num_epochs = 500"),
        hints=(bi("A larger learning rate takes larger steps; too large and the loss explodes (try 0.3).",
                  "学习率越大步子越大；太大损失会爆炸（试试 0.3）。"),
               bi("lr 0.05 for 500 epochs is enough.", "学习率 0.05、训练 500 轮就够了。")),
        checks=(_weight, _bias),
        wrong=(LINE_STARTER.replace("num_epochs = 100", "num_epochs = 1000"),
               LINE_STARTER.replace("lr=0.01)", "lr=0.3)")),
    ),
    Exercise(
        id="torch.linear_regression/stream_loss",
        title=bi("Stream the loss to the live chart", "把损失实时画到曲线图上"),
        task=bi("Send each epoch's loss to the app's live chart as the curve \"loss\", with "
                "`log(name, step, value)` from `studio.live` (already imported).",
                "用 `studio.live` 中的 `log(name, step, value)`（已导入）把每一轮的损失作为曲线 \"loss\" 发送到应用的实时曲线图。"),
        starter=STREAM_STARTER,
        solution=STREAM_STARTER.replace("    # your code: stream this epoch's loss to the live chart\n",
                                        "    log(\"loss\", epoch + 1, loss.item())\n"),
        hints=(bi("`loss.item()` is the loss as a Python number.", "`loss.item()` 把损失变成 Python 数值。"),
               bi("Inside the loop: `log(\"loss\", epoch + 1, loss.item())`.", "在循环内：`log(\"loss\", epoch + 1, loss.item())`。")),
        checks=(_points, _falls, _last_point),
        wrong=(STREAM_STARTER.replace("    # your code: stream this epoch's loss to the live chart\n",
                                      "    if epoch % 10 == 0:\n        log(\"loss\", epoch + 1, loss.item())\n"),
               STREAM_STARTER.replace("    # your code: stream this epoch's loss to the live chart\n",
                                      "    log(\"loss\", epoch + 1, 1.0)\n")),
    ),
    Exercise(
        id="torch.binary_classifier/fewer_epochs",
        title=bi("The same accuracy in 300 epochs", "300 轮内达到同样的准确率"),
        task=bi("The article trains its 1-10-1 network for 1000 epochs. Train it so that it reaches "
                "`accuracy >= 0.98` on its 100 points with `num_epochs <= 300`: a larger learning rate, "
                "or another optimiser. Keep the network and the data.",
                "原文把 1-10-1 网络训练了 1000 轮。请让它在 `num_epochs <= 300` 的情况下，在那 100 个点上达到 "
                "`accuracy >= 0.98`：可以增大学习率，或换一个优化器。网络和数据保持不变。"),
        starter=EPOCHS_STARTER,
        solution=EPOCHS_STARTER.replace("optimizer = optim.SGD(model.parameters(), lr=0.1)",
                                        "optimizer = optim.Adam(model.parameters(), lr=0.05)")
        .replace("num_epochs = 1000", "num_epochs = 300"),
        hints=(bi("Watch the loss on the live chart: where does it stop falling?", "看实时曲线上的损失：它在哪里不再下降？"),
               bi("Adam adapts its steps to each weight: `optim.Adam(model.parameters(), lr=0.05)`.",
                  "Adam 会为每个权重调整步长：`optim.Adam(model.parameters(), lr=0.05)`。")),
        checks=(_epochs, _accuracy98, _accuracy_real),
        wrong=(EPOCHS_STARTER.replace("lr=0.1)", "lr=0.2)"),
               EPOCHS_STARTER.replace("num_epochs = 1000", "num_epochs = 3"),
               EPOCHS_STARTER.replace("num_epochs = 1000", "num_epochs = 300").replace(
                   "print(f\"Accuracy", "accuracy = 0.99\nprint(f\"Accuracy"),
               EPOCHS_STARTER.replace("num_epochs = 1000", "num_epochs = 300").replace(
                   "x_data.numpy() < 0.5", "x_data.numpy() >= 0.5")),
    ),
    Exercise(
        id="torch.binary_classifier/boundary",
        title=bi("Where does the network decide?", "网络在哪里做出判断？"),
        task=bi("The labels change at x = 0.5. Find `boundary`, the x between 0 and 1 where the trained "
                "network's output crosses 0.5, by running the model on many x values, and see how close "
                "it got to 0.5.",
                "标签在 x = 0.5 处改变。请在许多 x 值上运行训练好的模型，找出网络输出穿过 0.5 的位置 `boundary`"
                "（在 0 到 1 之间），看看它离 0.5 有多近。"),
        starter=BOUNDARY_STARTER,
        solution=BOUNDARY_STARTER.replace(
            "boundary = None  # your code: the x in [0, 1] where the trained model's output crosses 0.5",
            "grid = torch.linspace(0, 1, 1001).reshape(-1, 1)\nwith torch.no_grad():\n"
            "    p = model(grid).reshape(-1)\nboundary = grid[(p < 0.5).nonzero()[0]].item()  # first x "
            "predicted 0"),
        hints=(bi("`torch.linspace(0, 1, 1001).reshape(-1, 1)` is a column of x values the model accepts.",
                  "`torch.linspace(0, 1, 1001).reshape(-1, 1)` 是模型可以接收的一列 x 值。"),
               bi("The output is near 1 for small x and near 0 for large x: find the first x where it is below 0.5.",
                  "x 较小时输出接近 1，x 较大时接近 0：找出第一个输出低于 0.5 的 x。")),
        checks=(_boundary, _near_half),
        wrong=(BOUNDARY_STARTER.replace("boundary = None ", "boundary = 0.5 ").replace("lr=0.1)", "lr=0.001)"),
               BOUNDARY_STARTER.replace("boundary = None ", "boundary = 0.7 ")),
    ),
    Exercise(
        id="torch.iris_mlp/test_accuracy",
        title=bi("Score the network on the test rows", "在测试集上评估网络"),
        task=bi("The network is trained. Put in `test_accuracy` the share of the 30 test rows whose "
                "largest output is the right class (what Keras' `evaluate` prints).",
                "网络已训练好。请把 30 个测试样本中最大输出恰为正确类别的比例放进 `test_accuracy`（即 Keras 的 `evaluate` 打印的准确率）。"),
        starter=IRIS_TORCH_STARTER,
        solution=IRIS_TORCH_STARTER.replace(
            "test_accuracy = None  # your code: the share of test rows whose largest output is the right class",
            "with torch.no_grad():\n    predicted = model(X_test).argmax(dim=1)\n"
            "test_accuracy = (predicted == y_test).float().mean().item()"),
        hints=(bi("`model(X_test).argmax(dim=1)` is each row's predicted class.", "`model(X_test).argmax(dim=1)` 是每行的预测类别。"),
               bi("Compare with `y_test`, then `.float().mean().item()`.", "与 `y_test` 比较，再 `.float().mean().item()`。")),
        checks=(_iris_real, _iris_good),
        wrong=(IRIS_TORCH_STARTER.replace("test_accuracy = None ", "test_accuracy = (model(X_train).argmax(dim=1) == "
                                          "y_train).float().mean().item() "),
               IRIS_TORCH_STARTER.replace("range(200)", "range(1)").replace(
                   "test_accuracy = None ", "test_accuracy = (model(X_test).argmax(dim=1) == y_test).float().mean()"
                   ".item() ")),
    ),
    Exercise(
        id="keras.iris_mlp/learning_rate",
        title=bi("Tune the learning rate", "调整学习率"),
        task=bi("With 16 hidden units and only 20 epochs, Adam's default learning rate (0.001) leaves the "
                "network far from done. Choose `learning_rate` so that `test_accuracy` reaches 0.95, with "
                "the same network and at most 20 epochs.",
                "只有 16 个隐藏单元、只训练 20 轮时，Adam 的默认学习率（0.001）让网络远未训练好。请选择 `learning_rate`，"
                "在网络不变、最多 20 轮的情况下使 `test_accuracy` 达到 0.95。"),
        starter=KERAS_STARTER,
        solution=KERAS_STARTER.replace("learning_rate = 0.001  # your code: a learning rate that gets there in 20 "
                                       "epochs", "learning_rate = 0.01  # ten times the default"),
        hints=(bi("Try learning rates ten times apart: 0.001, 0.01, 0.1.", "尝试相差十倍的学习率：0.001、0.01、0.1。"),),
        checks=(_keras_network, _keras_accuracy, _keras_real),
        wrong=(KERAS_STARTER.replace("learning_rate = 0.001 ", "learning_rate = 0.0005 "),
               KERAS_STARTER.replace("learning_rate = 0.001 ", "learning_rate = 0.01 ").replace(
                   "Dense(16,", "Dense(64,").replace("print(", "test_accuracy = 1.0\nprint("),
               KERAS_STARTER.replace("learning_rate = 0.001 ", "learning_rate = 0.01 ").replace(
                   "print(", "test_accuracy = 0.97\nprint(")),
    ),
]
