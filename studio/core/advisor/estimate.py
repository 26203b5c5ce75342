"""What one run needs (`Estimate`) and how long it takes on this PC.

The estimate model
------------------
A lesson (or a plan item) describes what one run needs as an `Estimate`:

- `flops`: floating-point operations of the whole run = FLOPs per sample x samples x epochs.
  A dense layer n_in -> n_out costs 2 n_in n_out FLOPs per sample forward, and about three
  times that with the backward pass; a k x k convolution c_in -> c_out on an h x w output costs
  2 k^2 c_in c_out h w; an n x n matrix product 2 n^3.
- `bytes`: peak memory of the run's own data: arrays and tensors (elements x 4 bytes for
  float32, x 8 for float64), model parameters with their gradients and optimiser state,
  activations kept for the backward pass. The interpreter and imported libraries are not
  counted (they are already loaded in the app).
- `rows`, `features`, `params`: training rows, input dimensions, model parameters: they drive
  the article's rules and pick the cheaper paths that fit.
- `python_ops`: iterations of plain-Python loops, which run at the measured loop speed, not
  at BLAS speed.
- `traffic`: bytes that memory-bound array work reads and writes (element-wise NumPy:
  about one read and one write of every array it touches per pass); it moves at the measured
  memory bandwidth, not at matmul speed.

Time = `overhead_s` + `flops` / (measured matmul GFLOP/s x `efficiency`) + `python_ops` /
(measured loop speed) + `traffic` / (measured memory bandwidth). The matmul figure (see
`studio.core.measure`) is the machine's peak; `efficiency` is the share of it that the real
work reaches: about 1 for big matrix products, 0.03-0.3 for small layers and sklearn's tree
building. `tests/benchmarks/advisor_vs_runs.py` compares the six toolkit lessons' estimates
with their measured run times (within 0.6-2.6x here), and `studio advise` compares every
lesson's estimate with its recorded runs (run history); the learner's recorded runs replace
the estimated time in the verdict (`studio.core.advisor.calibration.recorded_seconds`).

Adding an estimator to a lesson
-------------------------------
Write a function `estimate(params) -> Estimate` in the lesson module (no heavy imports: it is
called to advise, before anything runs) and pass it as `Lesson(..., estimate=estimate)`.
`params` is the dict of resolved parameters. Count what the run allocates and computes from
them; see `studio/lessons/optimize_light_model.py` (a CNN counted layer by layer) or
`studio/lessons/efficiency_float32.py` (arrays and matrix products). A lesson without an
estimator gets `coarse_estimate`, a default from parameters named like samples/rows and
epochs, marked coarse: its verdict shows no time or memory figure until the lesson's first
run measures one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio.core.measure import Measurement

ASSUMED_GFLOPS = {"float32": 20.0, "float64": 10.0}  # a modest 4-core laptop, when not measured
ASSUMED_GPU_GFLOPS = {"float32": 8000.0, "float64": 250.0}  # a mid-range consumer GPU
ASSUMED_LOOPS_PER_S = 5e6  # a plain Python loop step on a modest PC (6e6 measured on the 2-core dev VM)
ASSUMED_GBPS = 5.0  # memory bandwidth NumPy reaches on a modest PC
GB = 1e9  # the article's and the vendors' GB (8 GB of VRAM); sizes shown are binary (studio.core.units)


@dataclass(frozen=True)
class Estimate:
    """What one run needs; see the module docstring for how to count each field."""

    flops: float = 0.0
    bytes: float = 0.0
    rows: int = 0
    features: int = 0
    feature_columns: bool = True  # `features` are a table's columns (PCA can reduce them), not time steps or pixels
    params: int = 0
    dtype: str = "float32"
    library: str = "numpy"  # whose measured throughput applies: numpy | torch
    efficiency: float = 0.2
    python_ops: float = 0.0
    traffic: float = 0.0  # bytes moved by memory-bound array work
    overhead_s: float = 1.0
    vram_bytes: float = 0.0  # GPU memory the work needs when it runs on a GPU
    sampled: bool = False  # trains on a sample already (meets the 1M-rows rule)
    coarse: bool = False  # a default guess, not the lesson's own count


_SIZE_NAMES = ("rows", "samples", "n_samples", "num_samples", "n", "size", "max_size")
_EPOCH_NAMES = ("epochs", "num_epochs", "n_epochs", "iterations")
_FEATURE_NAMES = ("features", "n_features", "input_size", "dims")


def coarse_estimate(lesson, params: Mapping[str, Any]) -> Estimate:
    """A rough guess for a lesson without an estimator: rows x epochs x a small model."""
    rows = next((int(params[n]) for n in _SIZE_NAMES if isinstance(params.get(n), (int, float))), 1000)
    epochs = next((int(params[n]) for n in _EPOCH_NAMES if isinstance(params.get(n), (int, float))), 1)
    features = next((int(params[n]) for n in _FEATURE_NAMES if isinstance(params.get(n), (int, float))), 10)
    per_sample = 6 * 5_000  # a 5,000-parameter model, forward and backward
    return Estimate(flops=rows * epochs * per_sample, bytes=rows * features * 8 * 4, rows=rows,
                    features=features, library="torch" if lesson.uses_torch else "numpy",
                    dtype="float32" if lesson.uses_torch else "float64", efficiency=0.05,
                    overhead_s=2.0, coarse=True)


def estimate_for(lesson, params: Mapping[str, Any] | None = None) -> Estimate:
    """The lesson's own estimate for `params` (defaults when None), or the coarse default."""
    params = lesson.resolve_params(params)
    if lesson.estimate is None:
        return coarse_estimate(lesson, params)
    return lesson.estimate(params)


def _gflops(m: Measurement, e: Estimate, device: str) -> tuple[float, bool]:
    if device.startswith("cuda"):
        got = m.gflops("torch", device, e.dtype)
        return (got, True) if got else (ASSUMED_GPU_GFLOPS.get(e.dtype, 1000.0), False)
    got = m.gflops(e.library, "cpu", e.dtype) or m.best_gflops("cpu", e.dtype)
    return (got, True) if got else (ASSUMED_GFLOPS.get(e.dtype, 10.0), False)


def seconds_for(e: Estimate, m: Measurement, device: str = "cpu") -> tuple[float, bool]:
    """(estimated seconds, measured?) of a run on `device` of this machine."""
    gflops, measured = _gflops(m, e, device)
    loops = m.python_loops_per_s or ASSUMED_LOOPS_PER_S
    gbps = m.memory_gbps or ASSUMED_GBPS
    compute = e.flops / (gflops * 1e9 * max(e.efficiency, 1e-6))
    return e.overhead_s + compute + e.python_ops / loops + e.traffic / (gbps * 1e9), measured
