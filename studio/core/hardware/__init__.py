"""What the machine is doing: CPU, memory, container limits and GPUs, as plain snapshots.

One job per module:
- `snapshot`: the snapshot types and `NA(reason)`, a bilingual "not available" with its reason
- `procfs`: CPU, memory and process counters from /proc (psutil where there is none)
- `cgroup`: a container's memory and CPU limits
- `gpu`: NVIDIA GPUs through NVML, or torch.cuda's memory figures
- `sampler`: `Sampler().sample()`, a `Snapshot` that never blocks
- `usage`: `UsageHistory`, the last 10 minutes as numpy columns, and its runs
- `run_usage`: `RunUsage`, one lesson run's band and 'hw_*' summary

No Qt here: the panel (`studio.ui.hardware`) and `studio hw` both read this.
"""

from studio.core.hardware.cgroup import Cgroup
from studio.core.hardware.gpu import GpuReader
from studio.core.hardware.run_usage import RunUsage
from studio.core.hardware.sampler import Sampler
from studio.core.hardware.snapshot import NA, Cpu, Gpu, Limits, Memory, Process, Snapshot, available, na
from studio.core.hardware.usage import UsageHistory

__all__ = ["NA", "Cgroup", "Cpu", "Gpu", "GpuReader", "Limits", "Memory", "Process", "RunUsage",
           "Sampler", "Snapshot", "UsageHistory", "available", "na"]
