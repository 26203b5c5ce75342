"""Exercises on the deep-learning lessons at a size a PC trains in seconds: sequence shapes for
RNNs, the MNIST network's size and training loop, compressing weights, a lighter convolution."""

from studio.core.text import bi
from studio.practice.checks import accuracy_of, array, at_least, at_most, call, close, module, n_params, passed
from studio.practice.exercise import Exercise, Fail, check

# -- keras.rnn_sine ------------------------------------------------------------------------------------
WINDOWS_STARTER = '''\
import numpy as np


def generate_sine_wave(batch_size, n_steps):  # the article's generator
    freq1, freq2, offsets1, offsets2 = np.random.rand(4, batch_size, 1)
    time = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (np.random.rand(batch_size, n_steps) - 0.5)
    return series[..., np.newaxis].astype(np.float32)


np.random.seed(0)
n_steps = 50
series = generate_sine_wave(1000, n_steps + 1)  # 1000 series of 51 steps: shape (1000, 51, 1)

X_train = None  # your code: the first 50 steps of every series, shape (1000, 50, 1)
y_train = None  # your code: the step after them, the one to predict, shape (1000, 1)
print(X_train.shape, y_train.shape)
'''


def _series(env):
    return array(env, "series", shape=(1000, 51, 1), dtype="float32")


@check("inputs", bi("`X_train` is float32 of shape (1000, 50, 1): samples, steps, features",
                    "`X_train` 是形状为 (1000, 50, 1) 的 float32：样本、时间步、特征"))
def _inputs_shape(env):
    x = array(env, "X_train")
    return passed(x.shape == (1000, 50, 1) and str(x.dtype) == "float32", "(1000, 50, 1) float32",
                  f"{x.shape} {x.dtype}")


@check("targets", bi("`y_train` is float32 of shape (1000, 1)", "`y_train` 是形状为 (1000, 1) 的 float32"))
def _targets_shape(env):
    y = array(env, "y_train")
    return passed(y.shape == (1000, 1) and str(y.dtype) == "float32", "(1000, 1) float32", f"{y.shape} {y.dtype}")


@check("values", bi("they are the first 50 steps of each series and the 51st", "它们是每个序列的前 50 步和第 51 步"))
def _windows(env):
    import numpy as np

    series = _series(env)
    x, y = array(env, "X_train", shape=(1000, 50, 1)), array(env, "y_train", shape=(1000, 1))
    ok = bool(np.array_equal(x, series[:, :50]) and np.array_equal(y, series[:, 50]))
    return passed(ok, bi("X = series[:, :50], y = series[:, 50]", "X = series[:, :50]，y = series[:, 50]"),
                  bi("those values", "正是这些值") if ok else bi("other values", "别的值"))


# -- torch.rnn_sine --------------------------------------------------------------------------------------
RNN_STARTER = '''\
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.randn(32, 50, 1)  # 32 sequences of 50 steps, 1 feature: the batch comes first

rnn = nn.RNN(input_size=1, hidden_size=50)  # your code: make it read x with the batch first
out, h = rnn(x)
last = out[-1]  # your code: the output at the last step of each sequence, shape (32, 50)
print(out.shape, last.shape)
'''


@check("batch_first", bi("`rnn` reads (batch, steps, features): `out` is (32, 50, 50)",
                         "`rnn` 按（批、时间步、特征）读取：`out` 的形状为 (32, 50, 50)"))
def _batch_first(env):
    rnn, out = module(env, "rnn"), env.var("out")
    shape = tuple(getattr(out, "shape", ()))
    return passed(bool(getattr(rnn, "batch_first", False)) and shape == (32, 50, 50), "batch_first, (32, 50, 50)",
                  f"batch_first={getattr(rnn, 'batch_first', '?')}, {shape}")


@check("last", bi("`last` is each sequence's output at its last step", "`last` 是每个序列最后一步的输出"))
def _last_step(env):
    import torch

    x = env.var("x", torch.Tensor)
    with torch.no_grad():
        out, _ = call(bi("`rnn` runs on x", "`rnn` 能在 x 上运行"), module(env, "rnn"), x)
    expected = out[:, -1] if module(env, "rnn").batch_first else out[-1]
    last = env.var("last", torch.Tensor)
    if tuple(last.shape) != (32, 50) or tuple(expected.shape) != (32, 50):
        raise Fail("last: (32, 50)", f"last: {tuple(last.shape)}")
    return close(last.detach().numpy(), expected.numpy(), rtol=1e-5, atol=1e-6, what="last")


# -- torch.mnist_mlp ----------------------------------------------------------------------------------------
COUNT_STARTER = '''\
import torch.nn as nn

model = nn.Sequential(  # the article's compressed network for MNIST
    nn.Linear(784, 64),  # input layer -> hidden layer
    nn.ReLU(),
    nn.Linear(64, 10)    # output layer
)
n_params = 0  # your code: how many numbers the model learns, weights and biases
print(n_params)
'''


@check("network", bi("`model` is the article's 784-64-10 network", "`model` 是原文的 784-64-10 网络"))
def _article_network(env):
    import torch

    model = module(env, "model")
    with torch.no_grad():
        shape = tuple(call(bi("a model that takes 784 pixels", "接收 784 个像素的模型"), model, torch.zeros(1, 784)).shape)
    return passed(shape == (1, 10) and n_params(model) == 50_890, "784 -> 10, 50,890 parameters",
                  f"784 -> {shape[-1]}, {n_params(model):,} parameters")


@check("count", bi("`n_params` is its number of parameters", "`n_params` 是它的参数个数"))
def _count(env):
    return close(env.number("n_params"), 50_890, what="n_params")


DIGITS_STARTER = '''\
import torch
import torch.nn as nn
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)  # 8 x 8 digits: the offline stand-in for MNIST
X_train, X_test, y_train, y_test = train_test_split(X / 16, y, test_size=0.2, random_state=0)
X_train, X_test = torch.tensor(X_train, dtype=torch.float32), torch.tensor(X_test, dtype=torch.float32)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)
loader = DataLoader(TensorDataset(X_train, y_train), batch_size=32, shuffle=True)  # the article's batches of 32

model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()

for epoch in range(3):
    for xb, yb in loader:
        pass  # your code: forward, loss, zero_grad, backward, step

with torch.no_grad():
    print("test accuracy:", (model(X_test).argmax(dim=1) == y_test).float().mean().item())
'''


def _digits_test():
    import torch
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    _, X_test, _, y_test = train_test_split(X / 16, y, test_size=0.2, random_state=0)
    return torch.tensor(X_test, dtype=torch.float32), torch.tensor(y_test)


@check("batches", bi("`loader` gives batches of 32", "`loader` 每批 32 个样本"))
def _batches(env):
    size = getattr(env.var("loader"), "batch_size", None)
    return passed(size == 32, "batch_size = 32", f"batch_size = {size}")


@check("accuracy", bi("the trained model gets at least 0.93 of the test digits right", "训练好的模型在测试集上至少答对 0.93"))
def _digits_accuracy(env):
    X_test, y_test = _digits_test()
    return at_least(accuracy_of(module(env, "model"), X_test, y_test), 0.93, "test accuracy")


# -- torch.model_compression ------------------------------------------------------------------------------
COMPRESS_STARTER = '''\
import copy

import torch
import torch.nn as nn
from sklearn.datasets import load_digits

torch.manual_seed(0)
X, y = load_digits(return_X_y=True)
X, y = torch.tensor(X / 16, dtype=torch.float32), torch.tensor(y)
model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(100):  # full-batch training: a second
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    optimizer.step()

small = model  # your code: a copy of the model stored in bfloat16, half the bytes
print(sum(p.numel() * p.element_size() for p in small.parameters()), "bytes")
'''


def _param_bytes(model) -> int:
    return sum(p.numel() * p.element_size() for p in model.parameters())


def _param_dtypes(model) -> set[str]:
    return {str(p.dtype).replace("torch.", "") for p in model.parameters()}


@check("original", bi("`model` itself stays float32", "`model` 本身仍是 float32"))
def _original(env):
    dtypes = _param_dtypes(module(env, "model"))
    return passed(dtypes == {"float32"}, "float32", ", ".join(sorted(dtypes)))


@check("bfloat16", bi("`small`'s weights are bfloat16, half the bytes of the float32 model",
                      "`small` 的权重是 bfloat16，字节数为 float32 模型的一半"))
def _bfloat16(env):
    small = module(env, "small")
    dtypes, size = _param_dtypes(small), _param_bytes(small)
    expected = n_params(small) * 2
    return passed(dtypes == {"bfloat16"} and size == expected, f"bfloat16, {expected:,} bytes",
                  f"{', '.join(sorted(dtypes))}, {size:,} bytes")


@check("agrees", bi("`small` predicts the same digit as `model` for at least 97% of the images",
                    "至少 97% 的图像上 `small` 与 `model` 预测的数字相同"))
def _agrees(env):
    import torch

    model, small = module(env, "model"), module(env, "small")
    X = env.var("X", torch.Tensor)
    dtype = next(small.parameters()).dtype
    with torch.no_grad():
        a = call(bi("`model` runs on X", "`model` 能在 X 上运行"), model, X.to(next(model.parameters()).dtype))
        b = call(bi("`small` runs on X in its dtype", "`small` 能以自己的精度在 X 上运行"), small, X.to(dtype))
    return at_least(float((a.argmax(1) == b.argmax(1)).float().mean()), 0.97, "agreement")


# -- optimize.light_model -------------------------------------------------------------------------------------
LIGHT_STARTER = '''\
import torch
import torch.nn as nn

standard = nn.Conv2d(32, 64, kernel_size=3, padding=1)  # a standard 3x3 convolution
light = standard  # your code: a depthwise 3x3 (groups=32) then a pointwise 1x1, same shapes in and out

x = torch.randn(1, 32, 8, 8)
print(standard(x).shape, light(x).shape)
print(sum(p.numel() for p in standard.parameters()), sum(p.numel() for p in light.parameters()))
'''


@check("shape", bi("`light` maps (1, 32, 8, 8) to (1, 64, 8, 8), as the standard one", "`light` 把 (1, 32, 8, 8) 变为 (1, 64, 8, 8)，与标准卷积相同"))
def _light_shape(env):
    import torch

    with torch.no_grad():
        out = call(bi("`light` runs on (1, 32, 8, 8)", "`light` 能处理 (1, 32, 8, 8)"), module(env, "light"),
                   torch.zeros(1, 32, 8, 8))
    return passed(tuple(out.shape) == (1, 64, 8, 8), "(1, 64, 8, 8)", str(tuple(out.shape)))


@check("depthwise", bi("it has a depthwise 3x3 convolution (groups = 32 channels)", "其中有深度可分离的 3x3 卷积（groups = 32 个通道）"))
def _depthwise(env):
    import torch

    convs = [m for m in module(env, "light").modules() if isinstance(m, torch.nn.Conv2d)]
    ok = any(c.groups == c.in_channels == 32 and c.kernel_size == (3, 3) for c in convs)
    return passed(ok, "Conv2d(32, ..., 3, groups=32)", ", ".join(f"Conv2d({c.in_channels}, {c.out_channels}, "
                                                                  f"{c.kernel_size[0]}, groups={c.groups})" for c in convs))


@check("lighter", bi("it has at most a fifth of the standard convolution's 18,496 parameters",
                     "参数个数不超过标准卷积 18,496 个的五分之一"))
def _lighter(env):
    return at_most(n_params(module(env, "light")), 18_496 / 5, "parameters")


EXERCISES = [
    Exercise(
        id="keras.rnn_sine/windows",
        title=bi("Windows for an RNN", "为 RNN 切分时间窗口"),
        task=bi("An RNN learns from (samples, steps, features) arrays. From `series`, 1000 series of 51 "
                "steps, make `X_train`, the first 50 steps of each, and `y_train`, the 51st step the model "
                "must predict, as the article does one series at a time.",
                "RNN 从形状为（样本、时间步、特征）的数组中学习。请从 `series`（1000 个长 51 步的序列）中生成 `X_train`"
                "（每个序列的前 50 步）和 `y_train`（模型要预测的第 51 步），原文是一次处理一个序列的。"),
        starter=WINDOWS_STARTER,
        solution=WINDOWS_STARTER.replace("X_train = None  # your code: the first 50 steps of every series, shape "
                                         "(1000, 50, 1)", "X_train = series[:, :n_steps]")
        .replace("y_train = None  # your code: the step after them, the one to predict, shape (1000, 1)",
                 "y_train = series[:, n_steps]  # one index drops the steps axis"),
        hints=(bi("Slice the steps axis, the second: `series[:, :50]`.", "切片第二个轴（时间步）：`series[:, :50]`。"),
               bi("`series[:, 50]` keeps the samples and features axes: shape (1000, 1).",
                  "`series[:, 50]` 保留样本轴和特征轴：形状为 (1000, 1)。")),
        checks=(_inputs_shape, _targets_shape, _windows),
        wrong=(WINDOWS_STARTER.replace("X_train = None ", "X_train = series[:, 1:] ")
               .replace("y_train = None ", "y_train = series[:, 0] "),
               WINDOWS_STARTER.replace("X_train = None ", "X_train = series[:, :n_steps].astype('float64') ")
               .replace("y_train = None ", "y_train = series[:, n_steps, 0] ")),
    ),
    Exercise(
        id="torch.rnn_sine/batch_first",
        title=bi("Batch first, or not?", "批在前，还是不在前？"),
        task=bi("`nn.RNN` reads (steps, batch, features) unless told otherwise, so the starter treats the "
                "32 sequences as 32 steps, silently. Make `rnn` read `x` with the batch first, and put in "
                "`last` the output at each sequence's last step.",
                "除非另行指定，`nn.RNN` 按（时间步、批、特征）读取，所以起始代码会悄无声息地把 32 个序列当成 32 个时间步。"
                "请让 `rnn` 以批在前的方式读取 `x`，并把每个序列最后一步的输出放进 `last`。"),
        starter=RNN_STARTER,
        solution=RNN_STARTER.replace("rnn = nn.RNN(input_size=1, hidden_size=50)  # your code: make it read x with "
                                     "the batch first", "rnn = nn.RNN(input_size=1, hidden_size=50, batch_first=True)")
        .replace("last = out[-1]  # your code: the output at the last step of each sequence, shape (32, 50)",
                 "last = out[:, -1]  # every sequence, its last step"),
        hints=(bi("`nn.RNN(..., batch_first=True)`", "`nn.RNN(..., batch_first=True)`"),
               bi("With the batch first, the steps are the second axis: `out[:, -1]`.", "批在前时，时间步是第二个轴：`out[:, -1]`。")),
        checks=(_batch_first, _last_step),
        wrong=(RNN_STARTER.replace("last = out[-1] ", "last = out[-1, :, :] "),
               RNN_STARTER.replace("hidden_size=50)", "hidden_size=50, batch_first=True)")
               .replace("last = out[-1] ", "last = out[:, 0] ")),
    ),
    Exercise(
        id="torch.mnist_mlp/param_count",
        title=bi("How big is the compressed network?", "压缩后的网络有多大？"),
        task=bi("Count `n_params`, the numbers the article's 784-64-10 network learns: every weight and "
                "every bias. Let PyTorch count them rather than multiplying by hand.",
                "统计 `n_params`：原文 784-64-10 网络要学习的数的个数，包括每个权重和每个偏置。让 PyTorch 来数，而不是手工相乘。"),
        starter=COUNT_STARTER,
        solution=COUNT_STARTER.replace("n_params = 0  # your code: how many numbers the model learns, weights and "
                                       "biases", "n_params = sum(p.numel() for p in model.parameters())"),
        hints=(bi("`model.parameters()` yields every weight and bias tensor; `.numel()` counts a tensor's numbers.",
                  "`model.parameters()` 逐个给出权重和偏置张量；`.numel()` 统计张量中数的个数。"),
               bi("784 x 64 + 64 + 64 x 10 + 10.", "784 x 64 + 64 + 64 x 10 + 10。")),
        checks=(_article_network, _count),
        wrong=(COUNT_STARTER.replace("n_params = 0 ", "n_params = 784 * 64 + 64 * 10 "),
               COUNT_STARTER.replace("nn.Linear(784, 64),  # input layer -> hidden layer\n    nn.ReLU(),\n"
                                     "    nn.Linear(64, 10)    # output layer", "nn.Linear(784, 10)")
               .replace("n_params = 0 ", "n_params = 50_890 ")),
    ),
    Exercise(
        id="torch.mnist_mlp/training_loop",
        title=bi("Write the training loop", "写出训练循环"),
        task=bi("The data, the batches of 32 and the network are ready; the loop does nothing. Write its "
                "body (forward, loss, zero_grad, backward, step) so that the model gets at least 93% of "
                "the test digits right after 3 epochs.",
                "数据、每批 32 个样本的批次和网络都已就绪，但循环什么也没做。请写出循环体（前向、损失、zero_grad、backward、step），"
                "使模型训练 3 轮后在测试集上至少答对 93% 的数字。"),
        starter=DIGITS_STARTER,
        solution=DIGITS_STARTER.replace(
            "        pass  # your code: forward, loss, zero_grad, backward, step",
            "        loss = loss_fn(model(xb), yb)\n        optimizer.zero_grad()\n        loss.backward()\n"
            "        optimizer.step()"),
        hints=(bi("The same five steps as the lesson's, on one batch `xb`, `yb`.", "和课程中同样的五步，作用在一批 `xb`、`yb` 上。"),
               bi("`loss = loss_fn(model(xb), yb)`, then `optimizer.zero_grad()`, `loss.backward()`, `optimizer.step()`.",
                  "`loss = loss_fn(model(xb), yb)`，然后 `optimizer.zero_grad()`、`loss.backward()`、`optimizer.step()`。")),
        checks=(_batches, _digits_accuracy),
        wrong=(DIGITS_STARTER.replace("        pass  # your code: forward, loss, zero_grad, backward, step",
                                      "        loss = loss_fn(model(xb), yb)\n        loss.backward()"),
               DIGITS_STARTER.replace("batch_size=32", "batch_size=64").replace(
                   "        pass  # your code: forward, loss, zero_grad, backward, step",
                   "        loss = loss_fn(model(xb), yb)\n        optimizer.zero_grad()\n        loss.backward()\n"
                   "        optimizer.step()")),
    ),
    Exercise(
        id="torch.model_compression/bfloat16",
        title=bi("Half the bytes with bfloat16", "用 bfloat16 减半字节数"),
        task=bi("Make `small`, a **copy** of the trained model stored in bfloat16 (2 bytes a weight), "
                "that predicts the same digits; `model` itself must stay float32.",
                "生成 `small`：训练好的模型的一个以 bfloat16 存储（每个权重 2 字节）的**副本**，它预测的数字要与原模型相同；"
                "`model` 本身必须仍是 float32。"),
        starter=COMPRESS_STARTER,
        solution=COMPRESS_STARTER.replace("small = model  # your code: a copy of the model stored in bfloat16, half "
                                          "the bytes", "small = copy.deepcopy(model).to(torch.bfloat16)  # .to() "
                                          "changes a module in place"),
        hints=(bi("`module.to(dtype)` converts the module **in place** and returns it.", "`module.to(dtype)` 会**就地**转换模块并返回它本身。"),
               bi("`copy.deepcopy(model).to(torch.bfloat16)`", "`copy.deepcopy(model).to(torch.bfloat16)`")),
        checks=(_original, _bfloat16, _agrees),
        wrong=(COMPRESS_STARTER.replace("small = model ", "small = model.to(torch.bfloat16) "),
               COMPRESS_STARTER.replace("small = model ", "small = copy.deepcopy(model).to(torch.float16) "),
               COMPRESS_STARTER.replace("small = model ", "small = copy.deepcopy(model).to(torch.bfloat16)\n"
                                        "nn.init.zeros_(small[2].weight) ")),
    ),
    Exercise(
        id="optimize.light_model/depthwise",
        title=bi("A MobileNet block", "MobileNet 的卷积块"),
        task=bi("MobileNet splits a 3x3 convolution in two: a depthwise 3x3 (one filter per channel, "
                "`groups=32`) and a pointwise 1x1 that mixes the channels. Make `light` that way, with the "
                "same input and output shapes as `standard` and at most a fifth of its parameters.",
                "MobileNet 把 3x3 卷积拆成两步：深度卷积 3x3（每个通道一个滤波器，`groups=32`）和混合通道的逐点 1x1 卷积。"
                "请用这种方式构建 `light`，输入输出形状与 `standard` 相同，参数不超过它的五分之一。"),
        starter=LIGHT_STARTER,
        solution=LIGHT_STARTER.replace(
            "light = standard  # your code: a depthwise 3x3 (groups=32) then a pointwise 1x1, same shapes in and out",
            "light = nn.Sequential(\n    nn.Conv2d(32, 32, kernel_size=3, padding=1, groups=32),  # depthwise\n"
            "    nn.Conv2d(32, 64, kernel_size=1),  # pointwise\n)"),
        hints=(bi("`nn.Conv2d(32, 32, kernel_size=3, padding=1, groups=32)` filters each channel on its own.",
                  "`nn.Conv2d(32, 32, kernel_size=3, padding=1, groups=32)` 对每个通道单独滤波。"),
               bi("Chain it with `nn.Conv2d(32, 64, kernel_size=1)` in an `nn.Sequential`.",
                  "用 `nn.Sequential` 把它和 `nn.Conv2d(32, 64, kernel_size=1)` 串起来。")),
        checks=(_light_shape, _depthwise, _lighter),
        wrong=(LIGHT_STARTER.replace("light = standard ", "light = nn.Conv2d(32, 64, kernel_size=1) "),
               LIGHT_STARTER.replace("light = standard ", "light = nn.Sequential(nn.Conv2d(32, 32, 3, groups=32), "
                                     "nn.Conv2d(32, 64, 1)) "),
               LIGHT_STARTER.replace("light = standard ", "light = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, "
                                     "groups=32), nn.Conv2d(32, 64, 3, padding=1)) ")),
    ),
]
