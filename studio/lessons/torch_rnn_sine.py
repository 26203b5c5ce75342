"""TensorFlow example 2 written in plain PyTorch: a two-layer RNN continues a sine wave."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._torch import prepare
from studio.lessons.keras_rnn_sine import ARTICLE_CODE, SINE_LABELS, forecast_plot


def run(ctx, epochs: int, sequences: int, batch_size: int, lr: float, seed: int):
    torch, device = prepare(ctx, seed)
    import time as clock

    import numpy as np

    from studio.lessons._training import batches_per_epoch, keras_split_at

    nn = torch.nn

    def generate_sine_wave(batch_size, n_steps):
        freq1, freq2, offsets1, offsets2 = np.random.rand(4, batch_size, 1)
        time = np.linspace(0, 1, n_steps)
        series = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))
        series += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))
        series += 0.1 * (np.random.rand(batch_size, n_steps) - 0.5)
        return series[..., np.newaxis].astype(np.float32)

    n_steps = 50
    n_features = 1

    X_train, y_train = [], []
    for _ in range(sequences):  # the article calls this count `batch_size`
        x = generate_sine_wave(1, n_steps + 1)[0]
        X_train.append(x[:n_steps, :])
        y_train.append(x[n_steps, :])
    X_train, y_train = np.array(X_train), np.array(y_train)
    print(X_train.shape)

    # SimpleRNN(50, return_sequences=True) -> SimpleRNN(50) -> Dense(1): a two-layer tanh RNN
    # whose last time step feeds a linear layer.
    class SineRNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.RNN(n_features, 50, num_layers=2, batch_first=True)
            self.dense = nn.Linear(50, n_features)

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.dense(out[:, -1, :])

    model = SineRNN().to(device)
    criterion = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    X_all = torch.from_numpy(X_train).to(device)
    y_all = torch.from_numpy(y_train).to(device)
    split = keras_split_at(sequences, 0.2)  # validation_split=0.2: the last 20%, as Keras does
    X_fit, y_fit, X_val, y_val = X_all[:split], y_all[:split], X_all[split:], y_all[split:]

    def evaluate(X_, y_, chunk=1024):
        model.eval()
        total = 0.0
        with torch.no_grad():
            for start in range(0, len(X_), chunk):
                ctx.check()
                xb, yb = X_[start:start + chunk], y_[start:start + chunk]
                total += criterion(model(xb), yb).item() * len(xb)
        model.train()
        return total / len(X_)

    steps = batches_per_epoch(split, batch_size)
    generator = torch.Generator().manual_seed(seed)
    done = 0
    for epoch in range(epochs):
        ctx.status(bi(f"epoch {epoch + 1}/{epochs}", f"第 {epoch + 1}/{epochs} 轮"))
        started = clock.perf_counter()
        order = torch.randperm(split, generator=generator).to(device)  # Keras shuffles every epoch
        total = 0.0
        for start in range(0, split, batch_size):
            idx = order[start:start + batch_size]
            loss = criterion(model(X_fit[idx]), y_fit[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            value = loss.item()
            total += value * len(idx)
            done += 1
            ctx.scalar("batch_loss", done, value)  # raw; the chart smooths it (TensorBoard style)
            ctx.progress(done, epochs * steps)  # also raises Cancelled once Stop is pressed
        train_loss, val_loss = total / split, evaluate(X_val, y_val)
        ctx.scalar("loss", epoch + 1, train_loss)
        ctx.scalar("val_loss", epoch + 1, val_loss)
        print(f"Epoch {epoch + 1}/{epochs} - {clock.perf_counter() - started:.1f}s - loss: {train_loss:.4f} "
              f"- val_loss: {val_loss:.4f}")

    loss = evaluate(X_all, y_all)
    print("Train loss:", loss)

    def predict_sequence(model, seed_sequence):
        n_predict = 10  # predict the next 10 points
        x = seed_sequence
        model.eval()
        with torch.no_grad():
            for _ in range(n_predict):
                x_in = torch.from_numpy(x.reshape((1, x.shape[0], x.shape[1]))).to(device)
                x_pred = model(x_in).cpu().numpy()
                x = np.concatenate([x, x_pred], axis=0)
        return x

    seed_sequence = generate_sine_wave(1, n_steps)[0]
    predicted_sequence = predict_sequence(model, seed_sequence)
    ctx.plot("forecast", forecast_plot(seed_sequence, predicted_sequence, n_steps))
    ctx.result(train_loss=loss, forecast=predicted_sequence[n_steps:].ravel().tolist())


def estimate(p):
    """Two 50-unit tanh RNN layers over 50 steps, then Dense(1); the sequences are made one by one."""
    from studio.lessons._training import training_estimate

    macs = 50 * (1 * 50 + 50 * 50 + 50 * 50 + 50 * 50) + 50
    return training_estimate(rows=int(0.8 * p["sequences"]), epochs=p["epochs"], batch_size=p["batch_size"],
                             macs_per_row=macs, params=7_751, features=50, feature_columns=False,
                             setup_ops=200 * p["sequences"])


LESSON = Lesson(
    id="torch.rnn_sine",
    title=bi("PyTorch: an RNN continues a sine wave", "PyTorch：用 RNN 预测正弦波"),
    summary=bi(
        "The article's TensorFlow example 2 in plain PyTorch: the same 10,000 noisy two-sine "
        "sequences of 50 steps, a two-layer nn.RNN of 50 units and a linear output trained with "
        "Adam and MSE for 100 epochs (20% held out for validation), then a 10-point forecast "
        "after a new seed sequence. Train and validation loss stream per epoch, a smoothed loss "
        "per batch. Several times faster per epoch than the Keras version (keras.rnn_sine).",
        "用纯 PyTorch 实现原文的 TensorFlow 例 2：同样的 10,000 条长 50 步、带噪声的双正弦序列，"
        "两层各 50 个单元的 nn.RNN 加一个线性输出层，用 Adam 和均方误差训练 100 轮（留 20% 做验证），"
        "然后接在一条新的种子序列后面预测 10 个点。训练和验证损失逐轮绘制，另有每批平滑后的损失。"
        "每轮比 Keras 版本（keras.rnn_sine）快好几倍。",
    ),
    params=(
        Param("epochs", "int", 100, bi("Epochs", "训练轮数"), min=1, max=10_000),
        Param("sequences", "int", 10_000, bi("Sequences", "序列条数"), min=50, max=1_000_000),
        Param("batch_size", "int", 32, bi("Batch size", "批大小"), min=1, max=4096),
        Param("lr", "float", 0.001, bi("Learning rate (Adam)", "学习率（Adam）"),
              min=1e-5, max=1.0, step=0.0001, log=True),
        param_seed(0),
    ),
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("SimpleRNN(50, return_sequences=True) + SimpleRNN(50) + Dense(1) becomes "
                  "nn.RNN(1, 50, num_layers=2, batch_first=True) (tanh, like SimpleRNN) whose last "
                  "time step feeds nn.Linear(50, 1).",
                  "SimpleRNN(50, return_sequences=True) + SimpleRNN(50) + Dense(1) 改为 "
                  "nn.RNN(1, 50, num_layers=2, batch_first=True)（与 SimpleRNN 一样用 tanh），"
                  "取最后一个时间步的输出送入 nn.Linear(50, 1)。")),
        Change(bi("model.fit is written out with Keras' defaults: Adam lr 0.001, batches of 32, "
                  "shuffled every epoch, validation = the last 20% of the sequences.",
                  "把 model.fit 展开成显式循环并沿用 Keras 的默认做法：Adam 学习率 0.001、每批 32 条、"
                  "每轮打乱、验证集取最后 20% 的序列。")),
        Change(bi("The article's `batch_size = 10000` is really the number of sequences: here it is "
                  "the `sequences` parameter; `batch_size` is the training batch size.",
                  "原文的 `batch_size = 10000` 其实是序列条数，这里成为参数 `sequences`；"
                  "`batch_size` 是训练时的批大小。")),
        Change(bi("Weights start from PyTorch's initialisation, not Keras' (Glorot / orthogonal), "
                  "and nn.RNN has two bias vectors per layer where SimpleRNN has one.",
                  "权重使用 PyTorch 的初始化，而不是 Keras 的（Glorot / 正交初始化）；"
                  "nn.RNN 每层有两组偏置，SimpleRNN 只有一组。")),
        Change(bi("Data and model go to the chosen device; loss, val_loss and a smoothed per-batch "
                  "loss stream live; Stop ends the run between batches; plt.plot becomes the app's "
                  "chart with the article's x coordinates.",
                  "数据和模型放到所选设备上；loss、val_loss 和平滑后的每批损失实时绘制；“停止”在两个批次"
                  "之间生效；plt.plot 改为应用内的图表，横坐标与原文相同。")),
    ),
    uses_torch=True,
    related=("keras.rnn_sine",),
    estimate=estimate,
    run=run,
    labels=SINE_LABELS,
)
