"""Heavy imports off the GUI thread, after the window shows (DESIGN: performance, pitfalls)."""

from __future__ import annotations

import gc
import time


def warm_up() -> dict:
    """Import numpy, pandas, scikit-learn and torch; build an Adam optimizer once (it pulls
    in torch._dynamo, ~1 s); then freeze what exists so full GC passes in the worker do
    not walk it again (each such pass stalled the GUI 125-180 ms). Runs in a worker."""
    t0 = time.perf_counter()
    info: dict = {}
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import sklearn.model_selection  # noqa: F401

    try:
        import torch

        from studio.core.devices import torch_threads_for_app

        torch.set_num_threads(torch_threads_for_app())
        p = torch.nn.Parameter(torch.zeros(1))
        torch.optim.Adam([p]).step()
        info.update(torch=torch.__version__, threads=torch.get_num_threads(),
                    cuda=bool(torch.cuda.is_available()))
        if info["cuda"]:
            info["gpu"] = torch.cuda.get_device_name(0)
    except ImportError:
        info.update(torch=None, threads=0, cuda=False)
    gc.collect()
    gc.freeze()
    info["seconds"] = time.perf_counter() - t0
    return info
