"""TensorFlow example 1: a 4-64-3 network classifies iris flowers (Keras 3 on PyTorch)."""

from studio.core.lesson import Change, Lesson
from studio.core.text import bi
from studio.lessons._keras import prepare, report_device, stream_callback
from studio.lessons._training import IRIS_MLP_PARAMS

ARTICLE_CODE = '''\
import tensorflow as tf
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder

# 加载鸢尾花数据集
iris = load_iris()
X = iris.data
y = iris.target

# 将类别进行独热编码
encoder = OneHotEncoder(sparse=False)
y_encoded = encoder.fit_transform(y.reshape(-1, 1))

# 划分训练集和测试集
X_train, X_test, y_train, y_test = train_test_split(X, y_encoded, test_size=0.2, random_state=42)

# 定义模型
model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation='relu', input_shape=(4,)),
                             tf.keras.layers.Dense(3, activation='softmax')
])

# 编译模型
model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])
# 训练模型
model.fit(X_train, y_train, epochs=50, validation_split=0.1)

# 在测试集上进行评估
test_loss, test_accuracy = model.evaluate(X_test, y_test)
print("Test Loss:", test_loss)
print("Test Accuracy:", test_accuracy)
'''


def run(ctx, epochs: int, batch_size: int, lr: float, hidden: int, seed: int):
    keras = prepare(ctx, seed)
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import OneHotEncoder

    from studio.lessons._training import keras_split_at

    iris = load_iris()
    X = iris.data
    y = iris.target

    encoder = OneHotEncoder(sparse_output=False)
    y_encoded = encoder.fit_transform(y.reshape(-1, 1))

    X_train, X_test, y_train, y_test = train_test_split(X, y_encoded, test_size=0.2, random_state=42)

    with keras.device(ctx.device):
        model = keras.Sequential([
            keras.Input(shape=(4,)),
            keras.layers.Dense(hidden, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ])
        report_device(ctx, model)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr),
                      loss="categorical_crossentropy", metrics=["accuracy"])
        n_train = keras_split_at(len(X_train), 0.1)
        stream = stream_callback(keras, ctx, epochs=epochs, n_train=n_train, batch_size=batch_size)
        model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size, validation_split=0.1,
                  verbose=2, callbacks=[stream])

        test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=0, callbacks=[stream])
    print("Test Loss:", test_loss)
    print("Test Accuracy:", test_accuracy)
    ctx.result(test_loss=float(test_loss), test_accuracy=float(test_accuracy))


def estimate(p):
    """4-hidden-3 MLP on the 108 training rows of Iris."""
    from studio.lessons._training import KERAS_STEP_OPS, mlp_macs, training_estimate

    macs = mlp_macs(4, p["hidden"], 3)
    return training_estimate(rows=108, epochs=p["epochs"], batch_size=p["batch_size"], macs_per_row=macs,
                             params=macs, features=4, step_ops=KERAS_STEP_OPS / 10)


LESSON = Lesson(
    id="keras.iris_mlp",
    title=bi("Keras: a neural network for the iris flowers", "Keras：鸢尾花神经网络分类"),
    summary=bi(
        "The article's TensorFlow example 1: one-hot iris labels, a Dense 64 (ReLU) + Dense 3 "
        "(softmax) network, Adam and categorical cross-entropy for 50 epochs with 10% of the "
        "training rows held out for validation, then loss and accuracy on the 30 test flowers. "
        "Runs on Keras 3 with the PyTorch backend, so no TensorFlow is needed. The same network "
        "in plain PyTorch is the lesson torch.iris_mlp.",
        "原文的 TensorFlow 例 1：把鸢尾花类别做独热编码，搭一个 Dense 64（ReLU）+ Dense 3（Softmax）"
        "的网络，用 Adam 和分类交叉熵训练 50 轮，训练集留出 10% 做验证，最后在 30 朵测试花上"
        "给出损失和准确率。本课用以 PyTorch 为后端的 Keras 3 运行，不必安装 TensorFlow。"
        "同一个网络的纯 PyTorch 写法见课程 torch.iris_mlp。",
    ),
    params=IRIS_MLP_PARAMS,
    devices=("cpu", "cuda"),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("TensorFlow becomes Keras 3 on the PyTorch backend (KERAS_BACKEND=torch): "
                  "`tf.keras.X` is written `keras.X`; the model code is otherwise the article's.",
                  "TensorFlow 换成以 PyTorch 为后端的 Keras 3（KERAS_BACKEND=torch）："
                  "`tf.keras.X` 写作 `keras.X`，模型代码其余部分与原文相同。")),
        Change(bi("OneHotEncoder(sparse=False) becomes sparse_output=False: scikit-learn renamed the "
                  "argument in 1.2 and removed `sparse` in 1.4.",
                  "OneHotEncoder(sparse=False) 改为 sparse_output=False：scikit-learn 1.2 改了参数名，"
                  "1.4 删除了 `sparse`。")),
        Change(bi("input_shape=(4,) on the first Dense becomes a keras.Input(shape=(4,)) layer, "
                  "the form Keras 3 asks for (it warns about the old one).",
                  "第一个 Dense 上的 input_shape=(4,) 改为单独的 keras.Input(shape=(4,))，"
                  "这是 Keras 3 推荐的写法（旧写法会有警告）。")),
        Change(bi("The model is built and trained inside keras.device(...) on the chosen device; "
                  "the seed is a parameter (keras.utils.set_random_seed).",
                  "模型在 keras.device(...) 中创建和训练，放在所选设备上；随机种子成为参数"
                  "（keras.utils.set_random_seed）。")),
        Change(bi("fit gets verbose=2 (one line per epoch) and a callback that streams loss, "
                  "val_loss and accuracy to the live chart and lets Stop end the run between batches "
                  "(evaluate gets it too).",
                  "fit 使用 verbose=2（每轮一行），并加入回调：把 loss、val_loss 和准确率实时画到曲线图上，"
                  "并让“停止”按钮在两个批次之间结束训练（evaluate 也使用该回调）。")),
        Change(bi("Adam's learning rate (Keras' default 0.001), the batch size (Keras' default 32) "
                  "and the hidden width are parameters.",
                  "Adam 学习率（Keras 默认 0.001）、批大小（Keras 默认 32）和隐藏层宽度成为参数。")),
    ),
    uses_torch=True,
    related=("torch.iris_mlp",),
    estimate=estimate,
    run=run,
)
