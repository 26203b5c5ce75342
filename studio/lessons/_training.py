"""Small pieces shared by the deep-learning lessons (no torch or keras import here)."""

from __future__ import annotations

import math


def batch_loss_smoother(weight: float = 0.9):
    """A function that takes one batch's loss and returns it smoothed with TensorBoard's
    debiased moving average (the raw per-batch loss of a small batch is very noisy)."""
    from studio.core.buffers import EmaSmoother

    ema = EmaSmoother(weight)
    return lambda value: float(ema.extend([value])[0])


def keras_split_at(n: int, validation_split: float) -> int:
    """Where Keras' `validation_split` cuts: the last fraction of the rows, before shuffling."""
    return int(math.floor(n * (1.0 - validation_split)))


def batches_per_epoch(n: int, batch_size: int) -> int:
    return math.ceil(n / batch_size)
