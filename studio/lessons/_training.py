"""Small pieces shared by the deep-learning lessons (no torch or keras import here)."""

from __future__ import annotations

import math

from studio.core.lesson import Param
from studio.core.text import bi
from studio.lessons._common import param_seed


def keras_split_at(n: int, validation_split: float) -> int:
    """Where Keras' `validation_split` cuts: the last fraction of the rows, before shuffling."""
    return int(math.floor(n * (1.0 - validation_split)))


def batches_per_epoch(n: int, batch_size: int) -> int:
    return math.ceil(n / batch_size)


# The article's TensorFlow example 1, shared by its Keras and PyTorch lessons.
IRIS_MLP_PARAMS = (
    Param("epochs", "int", 50, bi("Epochs", "训练轮数"), min=1, max=10_000),
    Param("batch_size", "int", 32, bi("Batch size", "批大小"), min=1, max=120),
    Param("lr", "float", 0.001, bi("Learning rate (Adam)", "学习率（Adam）"),
          min=1e-5, max=1.0, step=0.0001, log=True),
    Param("hidden", "int", 64, bi("Hidden neurons", "隐藏层神经元"), min=1, max=4096),
    param_seed(0),
)


# -- estimates for "can my PC run this?" (studio.core.advisor) ---------------------------------
# A small network's training step on a CPU costs more in framework overhead (Python, autograd,
# optimizer) than in arithmetic: counted as `python_ops` per batch, calibrated on this project's
# 2-core machine (torch.binary_classifier: ~0.45 ms a step; keras.rnn_sine: ~250 ms a step).
TORCH_STEP_OPS = 5_000
KERAS_STEP_OPS = 800_000


def training_estimate(*, rows: int, epochs: int, batch_size: int, macs_per_row: float, params: int,
                      features: int, step_ops: float = TORCH_STEP_OPS, setup_ops: float = 0,
                      feature_columns: bool = True):
    """What training a small network costs: forward + backward is about 3 x 2 FLOPs per
    multiply-accumulate per row and epoch, plus per-batch overhead. `feature_columns=False`:
    the inputs are time steps or pixels, not a table's columns (no PCA advice)."""
    from studio.core.advisor import Estimate

    batches = epochs * math.ceil(rows / max(1, batch_size))
    return Estimate(
        flops=6 * macs_per_row * rows * epochs,
        bytes=4 * (rows * features + 4 * params) + 200e6,  # data, weights/grads/Adam state, torch itself
        rows=rows, features=features, feature_columns=feature_columns, params=params, dtype="float32",
        library="torch",
        efficiency=0.03, python_ops=batches * step_ops + setup_ops, overhead_s=2.0,
    )


def mlp_macs(*sizes: int) -> int:
    """Multiply-accumulates (= parameters, near enough) of an MLP with these layer sizes."""
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))
