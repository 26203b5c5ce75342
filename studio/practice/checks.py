"""What the exercises' checks share: comparing the learner's values with the expected ones and
saying both in a few words, reading figures, timing against the starter. Runs in the kernel;
numpy is imported when a check runs, not when the exercises are listed."""

from __future__ import annotations

from typing import Any

from studio.core.text import bi
from studio.practice.exercise import Env, Fail, Result, Text

MAX_TEXT = 120


def describe(value: Any) -> str:
    """A short, language-neutral text for a value: numbers in full, arrays by shape and dtype."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        return f"{value:.10g}"
    if hasattr(value, "to_dict") and hasattr(value, "index") and not hasattr(value, "columns"):  # Series
        return _cut("{" + ", ".join(f"{k}: {describe(v)}" for k, v in value.to_dict().items()) + "}")
    if hasattr(value, "columns"):  # DataFrame
        return f"DataFrame {value.shape[0]} rows x {value.shape[1]} columns ({', '.join(map(str, value.columns))})"
    if hasattr(value, "shape") and hasattr(value, "dtype"):  # numpy array, tensor
        if getattr(value, "ndim", 1) == 0:
            return describe(value.item())
        dtype = str(value.dtype).replace("torch.", "")
        return f"{type(value).__name__} {tuple(value.shape)} {dtype}"
    if hasattr(value, "item") and callable(value.item):  # a numpy scalar
        return describe(value.item())
    if isinstance(value, dict):
        return _cut("{" + ", ".join(f"{k}: {describe(v)}" for k, v in value.items()) + "}")
    if isinstance(value, (list, tuple)) and len(value) > 12:
        return _cut(f"{type(value).__name__} of {len(value)}: {value[:12]!r}…")
    return _cut(repr(value))


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def passed(ok: bool, expected: Text, found: Text) -> Result:
    return Result(bool(ok), expected, found)


def close(found: Any, expected: Any, rtol: float = 1e-7, atol: float = 1e-12, what: str = "") -> Result:
    """`found` equals `expected` (numbers or arrays) within the tolerances, shapes alike."""
    import numpy as np

    label = f"{what} = " if what else ""
    try:
        f = np.asarray(found, dtype=float)
    except (TypeError, ValueError):
        raise Fail(f"{label}{describe(expected)}", f"{label}{describe(found)}") from None
    e = np.asarray(expected, dtype=float)
    ok = f.shape == e.shape and bool(np.allclose(f, e, rtol=rtol, atol=atol))
    return passed(ok, f"{label}{_values(e)}", f"{label}{_values(f)}")


def _values(a) -> str:
    if a.ndim == 0:
        return describe(float(a))
    if a.size <= 12:
        return _nested(a.tolist())
    head = ", ".join(f"{float(v):.4g}" for v in a.ravel()[:3])
    return f"array {a.shape}: [{head}, …]"


def _nested(values) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_nested(v) for v in values) + "]"
    return describe(float(values))


def kind_of(env: Env, name: str, kind: type) -> Result:
    """The learner's `name` is a `kind` (a list, a dict...)."""
    value = env.var(name)
    return passed(isinstance(value, kind), kind.__name__, type(value).__name__)


def labels_of(index) -> list[str]:
    """An index's labels as sorted texts (a Series' groups, whatever their order)."""
    return sorted(str(k) for k in index)


def at_least(value: float, bound: float, what: str) -> Result:
    return passed(value >= bound, f"{what} >= {bound:g}", f"{what} = {describe(value)}")


def at_most(value: float, bound: float, what: str) -> Result:
    return passed(value <= bound, f"{what} <= {bound:g}", f"{what} = {describe(value)}")


def array(env: Env, name: str, shape: tuple | None = None, dtype: str | None = None):
    """The learner's numpy array `name` (a list or tuple is converted), with its shape and dtype
    checked when given; Fail otherwise."""
    import numpy as np

    value = env.var(name)
    if isinstance(value, (list, tuple)):
        value = np.asarray(value)
    if not isinstance(value, np.ndarray):
        raise Fail(bi(f"`{name}` a NumPy array", f"`{name}` 是 NumPy 数组"), describe(value))
    if shape is not None and value.shape != tuple(shape):
        raise Fail(bi(f"`{name}` of shape {tuple(shape)}", f"`{name}` 的形状为 {tuple(shape)}"),
                   bi(f"shape {value.shape}", f"形状 {value.shape}"))
    if dtype is not None and value.dtype != np.dtype(dtype):
        raise Fail(bi(f"`{name}` of dtype {dtype}", f"`{name}` 的 dtype 为 {dtype}"), f"dtype {value.dtype}")
    return value


def faster_than_starter(env: Env, factor: float) -> Result:
    """The learner's code ran at least `factor` times faster than the exercise's starter code,
    both measured now, in this kernel (the starter is run once more, quietly)."""
    starter = env.rerun(None)  # None: the exercise's starter
    ratio = starter.seconds / max(env.seconds, 1e-9)
    return passed(ratio >= factor,
                  bi(f"at least {factor:g}x faster than the starter's {starter.seconds:.3f} s",
                     f"比起始代码的 {starter.seconds:.3f} 秒至少快 {factor:g} 倍"),
                  bi(f"{env.seconds:.4f} s: {ratio:.1f}x", f"{env.seconds:.4f} 秒：{ratio:.1f} 倍"))


def call(expected: Text, fn, *args, **kwargs):
    """Call one of the learner's objects (a model's predict, a network's forward): what it raises
    is the learner's problem, a Fail, not a broken check."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        raise Fail(expected, _cut(f"{type(exc).__name__}: {exc}")) from None


def fitted(env, name: str, kind):
    """The learner's estimator `name`, an instance of `kind`, fitted; Fail otherwise."""
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    model = env.var(name, kind, what=bi(f"`{name}` a {kind.__name__}", f"`{name}` 是一个 {kind.__name__}"))
    try:
        check_is_fitted(model)
    except NotFittedError:
        raise Fail(bi(f"`{name}` fitted", f"`{name}` 已训练（fit）"), bi("not fitted", "未训练")) from None
    return model


# -- torch -----------------------------------------------------------------------------------------
def module(env, name: str):
    """The learner's torch.nn.Module `name`; Fail otherwise."""
    import torch

    return env.var(name, torch.nn.Module, what=bi(f"`{name}` a torch.nn.Module", f"`{name}` 是 torch.nn.Module"))


def n_params(model) -> int:
    return sum(p.numel() for p in model.parameters())


def accuracy_of(model, x, y) -> float:
    """Share of rows whose highest output (or rounded probability, for one output) is the label."""
    import torch

    with torch.no_grad():
        out = call(bi("the model runs on the data", "模型能在该数据上运行"), model, x)
    predicted = out.round() if out.shape[-1] == 1 else out.argmax(dim=-1)
    return float((predicted == y).float().mean())


# -- figures ---------------------------------------------------------------------------------------
def figure(env: Env, at_least_count: int = 1):
    """The figures the code showed, at least `at_least_count` of them; Fail otherwise."""
    if len(env.figures) < at_least_count:
        raise Fail(bi(f"at least {at_least_count} figure(s) shown (plt.show())",
                      f"至少显示 {at_least_count} 张图（plt.show()）"),
                   bi(f"{len(env.figures)} figure(s)", f"{len(env.figures)} 张图"))
    return env.figures


def all_axes(env: Env) -> list:
    return [ax for fig in env.figures for ax in fig.axes]


def lines(env: Env) -> list:
    """Every line drawn on every figure's axes (matplotlib Line2D), in order."""
    return [line for ax in all_axes(env) for line in ax.get_lines()]


def line_like(env: Env, ys, what: Text, atol: float = 1e-6):
    """The first line whose y data equals `ys` (same length, within atol); Fail otherwise."""
    import numpy as np

    want = np.asarray(ys, dtype=float)
    drawn = lines(env)
    for line in drawn:
        y = np.asarray(line.get_ydata(), dtype=float)
        if y.shape == want.shape and np.allclose(y, want, atol=atol):
            return line
    raise Fail(what, bi(f"{len(drawn)} line(s), none with those values", f"{len(drawn)} 条线，没有一条是这些值"))
