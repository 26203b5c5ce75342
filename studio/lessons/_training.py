"""Small pieces shared by the deep-learning lessons (no torch or keras import here)."""

from __future__ import annotations

import math


def keras_split_at(n: int, validation_split: float) -> int:
    """Where Keras' `validation_split` cuts: the last fraction of the rows, before shuffling."""
    return int(math.floor(n * (1.0 - validation_split)))


def batches_per_epoch(n: int, batch_size: int) -> int:
    return math.ceil(n / batch_size)
