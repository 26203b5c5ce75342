"""Data for the MNIST lessons: the real MNIST IDX files, or scikit-learn's bundled 8x8 digits
(the offline default that always works)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from studio.core.lesson import Param, ParamError
from studio.core.text import bi
from studio.lessons._training import keras_split_at


def dataset_params() -> tuple[Param, ...]:
    return (
        Param("dataset", "choice", "digits", bi("Data set", "数据集"), choices=("digits", "mnist"),
              help=bi("digits: scikit-learn's bundled 8x8 digits (1,797 images, works offline). "
                      "mnist: the real 28x28 MNIST (60,000 + 10,000 images) from the data folder.",
                      "digits：scikit-learn 自带的 8x8 手写数字（1,797 张，离线可用）。"
                      "mnist：真正的 28x28 MNIST（60,000 + 10,000 张），从数据目录读取。")),
        Param("samples", "int", 0, bi("Training images (0 = all)", "训练图片数（0 = 全部）"), min=0,
              max=60_000, help=bi("Use only the first N training images: the article's "
                                  "'limit the amount of data'.",
                                  "只用前 N 张训练图片，即原文所说的“限制数据量”。")),
        Param("download", "bool", False, bi("Download MNIST if missing", "缺少 MNIST 时下载"),
              help=bi("About 11 MB from the official mirrors, checked with SHA-256.",
                      "约 11 MB，从官方镜像下载并用 SHA-256 校验。")),
    )


@dataclass
class Digits:
    """float32 images flattened to rows, int64 labels; validation = the last 10% of training."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    shape: tuple[int, int]  # pixels of one image (rows, columns)
    name: str

    @property
    def inputs(self) -> int:
        return self.shape[0] * self.shape[1]


def load(ctx, dataset: str, samples: int = 0, download: bool = False) -> Digits:
    if dataset == "mnist":
        from studio.core import datasets

        try:
            X_tr, y_tr, X_te, y_te = datasets.load_mnist()
        except datasets.DatasetError:
            if not download:
                raise
            ctx.log(f"[studio] downloading MNIST into {datasets.mnist_dir()} ...")
            datasets.fetch_mnist(progress=lambda done, total, name: ctx.progress(done, total or done))
            X_tr, y_tr, X_te, y_te = datasets.load_mnist()
        shape, scale = X_tr.shape[1:], 255.0
        name = f"MNIST ({len(X_tr):,} training + {len(X_te):,} test images, {shape[0]}x{shape[1]})"
    else:
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split

        digits = load_digits()
        X_tr, X_te, y_tr, y_te = train_test_split(digits.images, digits.target, test_size=0.2, random_state=42)
        shape, scale = (8, 8), 16.0
        name = (f"scikit-learn digits, 8x8 ({len(X_tr):,} training + {len(X_te):,} test images), "
                "not MNIST: the offline stand-in, so the network has 64 inputs instead of 784")
    if 0 < samples < 50:
        raise ParamError(f"parameter 'samples' must be 0 (all images) or at least 50; got {samples}")
    if samples:
        X_tr, y_tr = X_tr[:samples], y_tr[:samples]

    def rows(images):
        return (np.asarray(images, dtype=np.float32) / scale).reshape(len(images), -1)

    split = keras_split_at(len(X_tr), 0.1)
    X_tr, y_tr = rows(X_tr), np.asarray(y_tr, dtype=np.int64)
    return Digits(X_tr[:split], y_tr[:split], X_tr[split:], y_tr[split:],
                  rows(X_te), np.asarray(y_te, dtype=np.int64), tuple(shape), name)
