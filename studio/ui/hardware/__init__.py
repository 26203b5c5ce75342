"""The hardware panel (the right dock), one widget per module:

- `panel`: `HardwarePanel`, polls the sampler and lays out the readouts
- `widgets`: the painted line, bar, meter and per-core bars
- `gpu_box`: one GPU's readout
- `chart`: `UsageChart`, the last 10 minutes with each run as a band
"""

from studio.ui.hardware.panel import HardwarePanel

__all__ = ["HardwarePanel"]
