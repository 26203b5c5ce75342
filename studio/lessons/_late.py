"""What the late-stage lessons (late.*) share: the optional `late` extra and its one-line message.

The late stage uses libraries the rest of the app does not need (PySpark, ONNX Runtime,
FastAPI, Streamlit, XGBoost, SHAP, DuckDB). They come with `pip install -e '.[late]'`; a late
lesson started without them fails at once with one line naming what it needs and the pip
command that installs it.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from studio.core.lesson import LessonError
from studio.core.text import pick

# import name -> the requirement pip installs; pyproject.toml's `late` extra lists the same
# (tests/lessons/test_late_extra.py checks that they agree).
LATE_PACKAGES = {
    "pyspark": "pyspark>=4.0",
    "pyarrow": "pyarrow>=15",
    "onnx": "onnx>=1.16",
    "onnxscript": "onnxscript>=0.2",
    "onnxruntime": "onnxruntime>=1.18",
    "fastapi": "fastapi>=0.110",
    "uvicorn": "uvicorn>=0.29",
    "httpx": "httpx>=0.27",
    "streamlit": "streamlit>=1.35",
    "xgboost": "xgboost>=2.0",
    "shap": "shap>=0.45",
    "duckdb": "duckdb>=1.0",
}


def require(lesson_id: str, *modules: str) -> None:
    """Raise one clear LessonError when a module of the late extra the lesson needs is missing."""
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        needed = " ".join(f'"{LATE_PACKAGES[m]}"' for m in modules)
        raise LessonError(
            f"{lesson_id} needs {', '.join(modules)} ({', '.join(missing)} not installed); "
            f"install them with: pip install {needed}  (or all of the late stage: pip install -e '.[late]')")


IRIS_CLASSES = ("setosa", "versicolor", "virginica")


def train_iris(folder: Path):
    """The model the serving lessons serve: scaling + logistic regression on iris (80% of the rows),
    saved with joblib as `folder/model.joblib`. Returns (model, test rows, test labels)."""
    import joblib
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = load_iris(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(X_train, y_train)
    joblib.dump(model, folder / "model.joblib")
    return model, X_test, y_test


def app_module(name: str):
    """A module of this app, or None where the lesson's code runs without the app (an exported
    notebook): for the parts that use the app's advisor or data folder. Imported by name, so the
    notebook export does not copy it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def t(en: str, zh: str) -> str:
    """A content string in the current language (chart titles, table and figure names)."""
    return pick({"en": en, "zh": zh})


def chinese_capable_fonts() -> None:
    """Let matplotlib draw Chinese text: DejaVu Sans first, then a CJK font when one is installed
    (matplotlib falls back through `font.family` glyph by glyph; Linux: fonts-wqy-microhei)."""
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [name for name in ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
                             "SimHei", "Heiti SC") if name in installed]
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", *cjk]


MB = 1e6


class PeakMemory:
    """How much resident memory the block needed: the highest RSS of this process while it ran
    (sampled every 5 ms) minus the RSS when it started (`added_mb`)."""

    def __enter__(self):
        import psutil

        release_free_memory()
        self.process = psutil.Process()
        self.start_mb = self.peak_mb = self.process.memory_info().rss / MB
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="peak-memory", daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._done.wait(0.005):
            self.peak_mb = max(self.peak_mb, self.process.memory_info().rss / MB)

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, self.process.memory_info().rss / MB)
        self.added_mb = self.peak_mb - self.start_mb


def release_free_memory() -> None:
    """Give memory that earlier steps freed back to the OS, so that each step's peak is its own:
    Python's garbage, glibc's free lists (malloc_trim) and Arrow's memory pool."""
    import ctypes
    import gc
    import sys

    gc.collect()
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).malloc_trim(0)
