"""TensorFlow example 2: two SimpleRNN layers learn to continue a noisy sum of two sine waves."""

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._keras import prepare, report_device, stream_callback

ARTICLE_CODE = '''\
import numpy as np
import matplotlib.pyplot as plt
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import SimpleRNN, Dense

# 生成正弦波数据
def generate_sine_wave(batch_size, n_steps):
    freq1, freq2, offsets1, offsets2 = np.random.rand(4, batch_size, 1)
    time = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (np.random.rand(batch_size, n_steps) - 0.5)
    return series[..., np.newaxis].astype(np.float32)

# 超参数
batch_size = 10000
n_steps = 50
n_features = 1

# 生成训练数据
X_train, y_train = [], []
for _ in range(batch_size):
    x = generate_sine_wave(1, n_steps + 1)[0]
    X_train.append(x[:n_steps, :])
    y_train.append(x[n_steps, :])
X_train, y_train = np.array(X_train), np.array(y_train)
print(X_train.shape)

# 构建RNN模型
model = Sequential([SimpleRNN(50, return_sequences=True, input_shape=[X_train.shape[1], X_train.shape[2]]),
                    SimpleRNN(50),
                    Dense(n_features)
])

# 编译模型
model.compile(optimizer='adam', loss='mse')
# 训练模型
history = model.fit(X_train, y_train, epochs=100, verbose=1, validation_split=0.2)
# 评估模型
loss = model.evaluate(X_train, y_train, verbose=0)
print('Train loss:', loss)

# 使用模型进行预测
def predict_sequence(model, seed_sequence):
    n_predict = 10  # 预测接下来的10个点
    x = seed_sequence
    for _ in range(n_predict):
        x_pred = model.predict(x.reshape((1, x.shape[0], x.shape[1])))
        x = np.concatenate([x, x_pred], axis=0)
    return x

# 可视化预测结果
seed_sequence = generate_sine_wave(1, n_steps)[0]
predicted_sequence = predict_sequence(model, seed_sequence)
plt.figure(figsize=(12, 6))
plt.plot(np.linspace(0, 1 - 1/6, n_steps), seed_sequence.flatten(), label='Seed Sequence', linewidth=3)
plt.plot(np.linspace(0, 1, n_steps + 10), predicted_sequence.flatten(), label='Predicted Sequence', linewidth=2)
plt.legend()
plt.show()
'''


def run(ctx, epochs: int, sequences: int, batch_size: int, lr: float, seed: int):
    keras = prepare(ctx, seed)
    import numpy as np

    from studio.lessons._training import keras_split_at

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

    with keras.device(ctx.device):
        model = keras.Sequential([
            keras.Input(shape=(X_train.shape[1], X_train.shape[2])),
            keras.layers.SimpleRNN(50, return_sequences=True),
            keras.layers.SimpleRNN(50),
            keras.layers.Dense(n_features),
        ])
        report_device(ctx, model)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr), loss="mse")
        stream = stream_callback(keras, ctx, epochs=epochs, n_train=keras_split_at(sequences, 0.2),
                                 batch_size=batch_size, batch_loss=True)
        model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size, verbose=2,
                  validation_split=0.2, callbacks=[stream])
        loss = model.evaluate(X_train, y_train, verbose=0, callbacks=[stream])  # Stop works here too
        print("Train loss:", loss)

        def predict_sequence(model, seed_sequence):
            n_predict = 10  # predict the next 10 points
            x = seed_sequence
            for _ in range(n_predict):
                x_pred = model.predict(x.reshape((1, x.shape[0], x.shape[1])), verbose=0)
                x = np.concatenate([x, x_pred], axis=0)
            return x

        seed_sequence = generate_sine_wave(1, n_steps)[0]
        predicted_sequence = predict_sequence(model, seed_sequence)

    ctx.plot("forecast", forecast_plot(seed_sequence, predicted_sequence, n_steps))
    ctx.result(train_loss=float(loss), forecast=predicted_sequence[n_steps:].ravel().tolist())


def forecast_plot(seed_sequence, predicted_sequence, n_steps: int) -> Plot:
    """The article's chart: the seed sequence and the sequence with its 10-point forecast."""
    import numpy as np

    return Plot(
        title=bi("Seed sequence and the 10-point forecast", "种子序列与 10 点预测"),
        series=[
            Series(np.linspace(0, 1 - 1 / 6, n_steps), seed_sequence.flatten(), bi("Seed Sequence", "种子序列"),
                   width=3),
            Series(np.linspace(0, 1, n_steps + 10), predicted_sequence.flatten(),
                   bi("Predicted Sequence", "预测序列")),
        ],
    )


# labels of the names the two sine lessons emit (studio.core.labels has the common ones)
SINE_LABELS = {
    "forecast": bi("forecast", "预测"),
}


def estimate(p):
    """As torch.rnn_sine, with Keras' per-step Python loop over the 50 time steps."""
    from studio.lessons._training import KERAS_STEP_OPS, training_estimate

    macs = 50 * (1 * 50 + 50 * 50 + 50 * 50 + 50 * 50) + 50
    return training_estimate(rows=int(0.8 * p["sequences"]), epochs=p["epochs"], batch_size=p["batch_size"],
                             macs_per_row=macs, params=7_751, features=50, feature_columns=False,
                             step_ops=KERAS_STEP_OPS,
                             setup_ops=200 * p["sequences"])


LESSON = Lesson(
    id="keras.rnn_sine",
    title=bi("Keras: an RNN continues a sine wave", "Keras：用 RNN 预测正弦波"),
    summary=bi(
        "The article's TensorFlow example 2: 10,000 noisy two-sine sequences of 50 steps, two "
        "SimpleRNN layers of 50 units and a Dense output learn to predict the next point (Adam, "
        "MSE, 100 epochs, 20% held out for validation); then the model extends a new seed "
        "sequence by 10 points, one prediction at a time. Keras 3 runs SimpleRNN on the PyTorch "
        "backend as a Python loop over the 50 steps, so on a 2-core CPU an epoch takes 10 s to a "
        "minute, about 6-10 times torch.rnn_sine's: watch the time estimate, or lower the epochs.",
        "原文的 TensorFlow 例 2：生成 10,000 条长 50 步、带噪声的双正弦序列，用两层各 50 个单元的 "
        "SimpleRNN 加一个 Dense 输出层学习预测下一个点（Adam、均方误差、100 轮、留 20% 做验证），"
        "再让模型把一条新的种子序列一点一点向后预测 10 个点。以 PyTorch 为后端时，Keras 3 用 Python 循环"
        "逐个处理 50 个时间步，所以在双核 CPU 上每轮要 10 秒到 1 分钟，约为 torch.rnn_sine 的 6 到 10 倍："
        "请留意剩余时间估计，或减少训练轮数。",
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
        Change(bi("TensorFlow becomes Keras 3 on the PyTorch backend (KERAS_BACKEND=torch): "
                  "`tensorflow.keras.models.Sequential` is `keras.Sequential`, the layers are the same.",
                  "TensorFlow 换成以 PyTorch 为后端的 Keras 3（KERAS_BACKEND=torch）："
                  "`tensorflow.keras.models.Sequential` 写作 `keras.Sequential`，各层不变。")),
        Change(bi("The article's `batch_size = 10000` is really the number of sequences; here it is "
                  "the `sequences` parameter, and `batch_size` is fit's batch size (Keras' default 32).",
                  "原文的 `batch_size = 10000` 其实是序列条数，这里成为参数 `sequences`；"
                  "参数 `batch_size` 则是 fit 的批大小（Keras 默认 32）。")),
        Change(bi("input_shape on the first SimpleRNN becomes a keras.Input layer (Keras 3's form).",
                  "第一个 SimpleRNN 上的 input_shape 改为单独的 keras.Input 层（Keras 3 的写法）。")),
        Change(bi("fit gets verbose=2 and a callback that streams loss, val_loss and a smoothed "
                  "per-batch loss live, reports progress for the time estimate, and lets Stop end the "
                  "run between batches (evaluate gets it too); predict gets verbose=0 (ten progress bars "
                  "say nothing).",
                  "fit 使用 verbose=2，并加入回调：实时绘制 loss、val_loss 和平滑后的每批损失，报告进度以估计"
                  "剩余时间，并让“停止”在两个批次之间生效（evaluate 也使用该回调）；predict 使用 verbose=0"
                  "（十个进度条没有信息量）。")),
        Change(bi("plt.plot becomes the app's chart, with the article's x coordinates; the seed, "
                  "device, learning rate and epochs are parameters.",
                  "plt.plot 改为应用内的图表，横坐标与原文相同；随机种子、设备、学习率和轮数成为参数。")),
    ),
    uses_torch=True,
    related=("torch.rnn_sine",),
    estimate=estimate,
    run=run,
    labels=SINE_LABELS,
)
