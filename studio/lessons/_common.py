"""Parameters and small helpers shared by the NumPy, Pandas and scikit-learn lessons."""

from __future__ import annotations

from pathlib import Path

from studio.core import paths
from studio.core.lesson import Param
from studio.core.text import bi


def param_test_size(default: float) -> Param:
    return Param(
        "test_size", "float", default, bi("Test share", "测试集比例"), min=0.05, max=0.9, step=0.05,
        help=bi("Share of the rows held out for testing (train_test_split's test_size).",
                "留作测试集的样本比例（train_test_split 的 test_size）。"),
    )


def param_random_state(default: int = 42) -> Param:
    return Param(
        "random_state", "int", default, bi("Random state", "随机状态"), min=0, max=2**31 - 1,
        help=bi("Fixes how the rows are shuffled, so a run can be repeated exactly.",
                "固定数据打乱的方式，使结果可以完全复现。"),
    )


def param_seed(default: int = 0) -> Param:
    return Param("seed", "int", default, bi("Random seed", "随机种子"), min=0, max=2**31 - 1)


def data_file(name: str) -> Path:
    """A data file shipped in `resources/data/`."""
    return paths.resources() / "data" / name


def labelled(matrix, rows, cols, row_title: str = "", col_title: str = ""):
    """A 2-D array as a DataFrame with row and column labels (confusion matrices)."""
    import pandas as pd

    df = pd.DataFrame(matrix, index=[str(r) for r in rows], columns=[str(c) for c in cols])
    df.index.name = row_title or None
    df.columns.name = col_title or None
    return df
