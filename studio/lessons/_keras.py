"""Shared set-up for the Keras lessons: Keras 3 on the PyTorch backend (no TensorFlow).

Keras reads `KERAS_BACKEND` once, at its first import, so this module sets it before
importing keras. The device is pinned with `keras.device(ctx.device)`, which Keras' torch
backend keeps per thread; a `StreamCallback` streams the curves and makes Stop work
between batches (the `Cancelled` it raises passes through `model.fit` unchanged).
"""

from __future__ import annotations

import os

from studio.core.lesson import LessonError
from studio.core.text import bi
from studio.lessons._training import batches_per_epoch


def import_keras():
    """Import Keras on the torch backend, or say clearly why it cannot be."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    try:
        import keras
    except ImportError as exc:
        raise LessonError("this lesson needs Keras 3: pip install 'keras>=3'") from exc
    backend = keras.backend.backend()
    if backend != "torch":
        raise LessonError(
            f"the Keras lessons run on the PyTorch backend, but Keras is using {backend!r} "
            f"(KERAS_BACKEND={os.environ.get('KERAS_BACKEND')!r}); unset KERAS_BACKEND or set it to torch"
        )
    return keras


def prepare(ctx, seed: int):
    """Import keras, seed Python, NumPy and torch, and report where the lesson computes."""
    keras = import_keras()
    import torch

    keras.utils.set_random_seed(seed)
    ctx.log(
        f"[studio] Keras {keras.__version__} on the {keras.backend.backend()} backend, "
        f"device: {ctx.device}, torch threads: {torch.get_num_threads()}"
    )
    return keras


def report_device(ctx, model) -> None:
    """Say where Keras put the weights (they follow `keras.device`)."""
    ctx.log(f"[studio] weights on {model.weights[0].value.device}")


def stream_callback(keras, ctx, *, epochs: int, n_train: int, batch_size: int, batch_loss: bool = False):
    """A Keras callback that streams per-epoch loss/val_loss/accuracy, an optional raw
    per-batch loss (the chart smooths it), progress per batch, and checks Stop after every batch."""
    steps = batches_per_epoch(n_train, batch_size)

    class StreamCallback(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.done = 0
            self.total = epochs * steps
            self.prev_sum = 0.0  # Keras' logged loss is the epoch's running mean: undo it

        def on_epoch_begin(self, epoch, logs=None):
            self.prev_sum = 0.0
            ctx.status(bi(f"epoch {epoch + 1}/{epochs}", f"第 {epoch + 1}/{epochs} 轮"))

        def on_train_batch_end(self, batch, logs=None):
            self.done += 1
            if batch_loss and logs and "loss" in logs:
                seen = min((batch + 1) * batch_size, n_train)
                running_sum = float(logs["loss"]) * seen
                rows = seen - batch * batch_size
                ctx.scalar("batch_loss", self.done, (running_sum - self.prev_sum) / rows)
                self.prev_sum = running_sum
            ctx.progress(self.done, self.total)  # also raises Cancelled once Stop is pressed

        def on_test_batch_end(self, batch, logs=None):
            ctx.check()  # Stop also works during the validation pass

        def on_epoch_end(self, epoch, logs=None):
            for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
                if logs and key in logs:
                    ctx.scalar(key, epoch + 1, float(logs[key]))

    return StreamCallback()
