"""On a CUDA machine: `studio hw --json` while a CUDA lesson trains shows the GPU busy.

    PYTHONPATH=. python tests/benchmarks/gpu_hw_while_training.py

Starts `studio run torch.binary_classifier --device cuda` (sized to train for a while) in a
subprocess, takes `studio hw --json` snapshots while it runs, and prints each GPU's
utilisation and memory plus the sampler's own cost with NVML. Exits 1 if no snapshot saw
non-zero utilisation and memory, 0 if it did, 77 (skipped) without a CUDA GPU.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = {**os.environ, "PYTHONPATH": ROOT}


def hw() -> dict:
    out = subprocess.run([sys.executable, "-m", "studio", "hw", "--json"], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main() -> int:
    first = hw()
    if isinstance(first["gpus"], dict):
        print("no GPU:", first["gpus"]["not_available"])
        return 77
    train = subprocess.Popen(
        [sys.executable, "-m", "studio", "run", "torch.binary_classifier", "--device", "cuda",
         "--set", "samples=2000000", "--set", "hidden=1024", "--set", "epochs=3000", "--json"],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = False
    try:
        time.sleep(8)  # torch import and CUDA start-up
        for _ in range(6):
            snap = hw()
            for g in snap["gpus"]:
                print(json.dumps({k: g[k] for k in ("index", "name", "utilization", "memory_used",
                                                    "memory_total", "temperature_c", "power_w")}))
                util, used = g["utilization"], g["memory_used"]
                if isinstance(util, (int, float)) and util > 0 and isinstance(used, int) and used > 0:
                    seen = True
            if train.poll() is not None:
                break
            time.sleep(1)
    finally:
        train.kill()
        train.wait()

    from studio.core.hardware import Sampler

    sampler = Sampler()
    t0 = time.perf_counter()
    for _ in range(200):
        sampler.sample()
    print(f"sample with NVML ({sampler.gpu_count} GPU): {(time.perf_counter() - t0) / 200 * 1e3:.3f} ms")
    print("GPU busy while training:", seen)
    return 0 if seen else 1


if __name__ == "__main__":
    sys.exit(main())
