"""Small pieces shared by the deep-learning lessons (no torch or keras import here)."""

from __future__ import annotations

import math

from studio.core.lesson import Param
from studio.core.text import bi
from studio.lessons._torch import seed_param


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
    seed_param(0),
)
