"""How fast this PC computes: n x n matrix multiplications (2 n^3 floating-point operations
each) in NumPy or torch on a device, a plain-Python loop, and NumPy's memory bandwidth.
Each is the best of repeated timings within a budget (`studio.core.measure` runs them all)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Throughput:
    """Best time of an n x n matmul, as GFLOP/s (2 n^3 operations / seconds / 1e9)."""

    library: str  # numpy | torch
    device: str  # cpu | cuda:0
    dtype: str  # float32 | float64
    gflops: float
    size: int
    threads: int = 0



def _best_seconds(fn: Callable[[], object], budget_s: float, min_reps: int = 2, max_reps: int = 30) -> float:
    fn()  # warm-up: first calls allocate and load kernels
    best, reps, start = float("inf"), 0, time.perf_counter()
    while reps < min_reps or (reps < max_reps and time.perf_counter() - start < budget_s):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
        reps += 1
    return best


def _pick_size(make_fn: Callable[[int], Callable[[], object]], target_s: float, lo: int, hi: int) -> int:
    """The matrix size whose matmul takes about `target_s` (n^3 scaling from a small probe)."""
    probe = make_fn(lo)
    probe()
    dt = float("inf")
    for _ in range(3):  # best of three: one call can be slowed by another process
        t = time.perf_counter()
        probe()
        dt = min(dt, time.perf_counter() - t)
    dt = max(dt, 1e-6)
    n = int(lo * (target_s / dt) ** (1 / 3))
    n = max(lo, min(hi, n))
    return n - n % 64 or lo


def matmul_gflops(library: str, dtype: str, device: str = "cpu", budget_s: float = 1.0) -> Throughput:
    """Time n x n @ n x n in `library` on `device`; n is chosen so one product takes ~0.1 s."""
    if library == "numpy":
        import numpy as np

        def make(n):
            rng = np.random.default_rng(0)
            a = rng.random((n, n), dtype=getattr(np, dtype))
            b = rng.random((n, n), dtype=getattr(np, dtype))
            return lambda: a @ b

        threads = _blas_threads()
    else:
        import torch

        dev = torch.device(device)
        sync = torch.cuda.synchronize if dev.type == "cuda" else (lambda: None)

        def make(n):
            g = torch.Generator(device=dev).manual_seed(0)
            a = torch.rand(n, n, dtype=getattr(torch, dtype), device=dev, generator=g)
            b = torch.rand(n, n, dtype=getattr(torch, dtype), device=dev, generator=g)

            def go():
                a @ b
                sync()

            return go

        threads = torch.get_num_threads() if dev.type == "cpu" else 0
    lo, hi = (1024, 8192) if device.startswith("cuda") else (256, 2048)
    n = _pick_size(make, 0.1, lo, hi)
    seconds = _best_seconds(make(n), budget_s)
    return Throughput(library, "cuda:0" if device.startswith("cuda") else device, dtype,
                      round(2 * n**3 / seconds / 1e9, 2), n, threads)


def _blas_threads() -> int:
    try:
        from threadpoolctl import threadpool_info

        return max((i.get("num_threads", 0) for i in threadpool_info() if i.get("user_api") == "blas"),
                   default=0)
    except Exception:  # threadpoolctl missing or confused: the number is informative only
        return 0


def python_loop_speed(n: int = 200_000) -> float:
    """Iterations a second of the article's slow loop, `result[i] = data[i] * 2`, on NumPy data."""
    import numpy as np

    data = np.random.default_rng(0).random(n)
    result = np.empty_like(data)

    def loop():
        for i in range(len(data)):
            result[i] = data[i] * 2

    return round(n / _best_seconds(loop, 0.3, min_reps=1, max_reps=3), 1)


def memory_bandwidth(mib: int = 64) -> float:
    """GB/s that NumPy moves through memory: copying a `mib` MiB array (read + write)."""
    import numpy as np

    a = np.ones(mib * 1024 * 1024 // 8)
    b = np.empty_like(a)
    seconds = _best_seconds(lambda: np.copyto(b, a), 0.3, min_reps=2, max_reps=10)
    return round(2 * a.nbytes / seconds / 1e9, 2)
