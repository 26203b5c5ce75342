"""The kernel process: `python -m studio.kernel ADDRESS`, started by the app (studio.kernel.process).

It lowers its own priority, listens on ADDRESS (a local socket or named pipe) for the one
connection of the app that started it, warms the imports it is asked for, runs one job and
exits. A control thread reads the app's commands while the job runs (Stop and its interrupt)
and notices when the app is gone: the connection ends, and the kernel then ends its own child
processes (a server, a JVM a lesson started) and itself.
"""

from __future__ import annotations

import gc
import importlib
import os
import queue
import signal
import sys
import threading
import time
import traceback

from studio.core.context import Cancelled
from studio.kernel.outbox import KernelContext, LineWriter, Outbox
from studio.kernel.protocol import End, Job, without_torch

KEY_ENV = "STUDIO_KERNEL_KEY"
THREADS_ENV = "STUDIO_KERNEL_THREADS"
NICE_ENV = "STUDIO_KERNEL_NICE"


def main(argv: list[str]) -> int:
    from multiprocessing.connection import Listener

    address = argv[0]
    key = bytes.fromhex(os.environ.pop(KEY_ENV))
    nice = lower_priority(int(os.environ.get(NICE_ENV, "10")))
    listener = Listener(address, authkey=key)
    try:
        conn = listener.accept()
    finally:
        listener.close()
    Kernel(conn, nice).serve()
    return 0


def lower_priority(niceness: int) -> int | str:
    """Below the window: nice +`niceness` on POSIX, below-normal priority on Windows."""
    if niceness <= 0:
        return 0
    try:
        if os.name == "nt":
            import psutil

            psutil.Process().nice(psutil.BELOW_NORMAL_PRIORITY_CLASS)
            return "below normal"
        return os.nice(niceness)
    except (OSError, ImportError):
        return 0


def threads() -> int:
    return max(1, int(os.environ.get(THREADS_ENV, "1")))


class Kernel:
    def __init__(self, conn, nice):
        self.conn = conn
        self.nice = nice
        self._send_lock = threading.Lock()
        self._work: queue.SimpleQueue = queue.SimpleQueue()
        self.ctx: KernelContext | None = None
        self._stop_early = False  # Stop came before the job started
        self._interrupt = False  # the app asked for step 2: the next SIGINT raises
        self._finishing = False  # the job returned: no more interrupts
        self._warmed: set[str] = set()

    def send(self, message) -> None:
        with self._send_lock:
            self.conn.send(message)

    def serve(self) -> None:
        # Ctrl-C in a terminal reaches the whole process group: the kernel ignores it and
        # lets the app run the three-step Stop; only the app's interrupt raises.
        signal.signal(signal.SIGINT, self._on_sigint)
        threading.Thread(target=self._control, name="kernel-control", daemon=True).start()
        self.send(("hello", {"pid": os.getpid(), "python": sys.version.split()[0],
                             "threads": threads(), "nice": self.nice}))
        while True:
            kind, arg = self._work.get()
            if kind == "warm":
                self.send(("warmed", self.warm(arg)))
            elif kind == "run":
                end = self.run(arg)
                end_children()  # nothing the job started outlives it
                self.send(("end", end))
                self.conn.close()
                return

    # -- commands from the app --------------------------------------------------------------
    def _control(self) -> None:
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):  # the app is gone (closed, crashed or killed)
                end_children()
                os._exit(0)
            kind = message[0]
            if kind in ("warm", "run"):
                self._work.put((kind, message[1]))
            elif kind == "stop":
                self._stop_early = True
                if self.ctx is not None:
                    self.ctx.request_stop()
            elif kind == "interrupt":
                self._interrupt = True
                interrupt_main_thread()
            elif kind == "quit":
                end_children()
                os._exit(0)

    def _on_sigint(self, signum, frame) -> None:
        if self._interrupt and not self._finishing:
            raise KeyboardInterrupt

    # -- warming -------------------------------------------------------------------------------
    def warm(self, modules: list[str]) -> dict:
        t0 = time.perf_counter()
        info: dict = {}
        for name in modules:
            if name in self._warmed:
                continue
            try:
                importlib.import_module(name)
            except ImportError as exc:
                info.setdefault("missing", []).append(f"{name}: {exc}")
                continue
            self._warmed.add(name)
            if name == "torch":
                info.update(warm_torch())
        if "torch" in sys.modules and "torch" not in info:
            info.update(torch_info(sys.modules["torch"]))
        # Full GC passes over what torch/sklearn/pandas made on import cost 125-180 ms each.
        gc.collect()
        gc.freeze()
        info.update(modules=sorted(self._warmed), seconds=time.perf_counter() - t0)
        return info

    # -- the job ---------------------------------------------------------------------------------
    def run(self, job: Job) -> End:
        from studio.core.text import set_language

        set_language(job.lang)
        sys.path.extend(p for p in job.path if p not in sys.path)
        outbox = Outbox(self.send)
        ctx = KernelContext(job.device, job.params, outbox)
        if self._stop_early:
            ctx.request_stop()
        self.ctx = ctx
        stream = LineWriter(ctx.log)
        sys.stdout = sys.stderr = stream  # the kernel's output is the job's output
        outbox.start(ctx)
        cpu_before = usage()["cpu_s"]
        start = time.perf_counter()
        status, value, error = "done", None, ""
        try:
            module, _, name = job.target.partition(":")
            function = getattr(importlib.import_module(module), name)
            value = function(ctx, **job.kwargs)
        except (Cancelled, KeyboardInterrupt):
            status = "cancelled"
        except MemoryError:
            status, error = "out_of_memory", "an allocation failed (MemoryError)"
        except BaseException:  # the job's own error: reported, the kernel ends normally
            status, error = "failed", traceback.format_exc()
        self._finishing = True
        seconds = time.perf_counter() - start
        stream.end_line()
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        outbox.close()
        used = usage()
        used["cpu_s"] -= cpu_before  # the job's CPU time, not the warm-up's
        if hasattr(value, "results"):  # a lesson's Outcome
            value.results = without_torch(value.results)
        return End(status, value, error, seconds, used)


def interrupt_main_thread() -> None:
    """A real SIGINT to the main thread, so a blocking call there (time.sleep, a socket read)
    returns and the handler raises KeyboardInterrupt; `_thread.interrupt_main` only sets a
    flag that a sleeping thread never sees. Windows has no pthread_kill: the flag it is."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
    else:
        import _thread

        _thread.interrupt_main()


def warm_torch() -> dict:
    """torch with the kernel's thread count; the first Adam step imports torch._dynamo (~1 s)."""
    import torch

    torch.set_num_threads(threads())
    p = torch.nn.Parameter(torch.zeros(1))
    torch.optim.Adam([p]).step()
    return torch_info(torch)


def torch_info(torch) -> dict:
    """Plain values only: torch.__version__ is a TorchVersion, and unpickling one in the app
    would import torch there."""
    info = {"torch": str(torch.__version__), "torch_threads": torch.get_num_threads(),
            "cuda": bool(torch.cuda.is_available())}
    if info["cuda"]:
        info["gpu"] = torch.cuda.get_device_name(0)
    return info


def usage() -> dict[str, float]:
    """This process's peak resident memory (MiB) and CPU seconds so far."""
    out: dict[str, float] = {}
    try:
        import resource

        r = resource.getrusage(resource.RUSAGE_SELF)
        out["cpu_s"] = r.ru_utime + r.ru_stime
        out["peak_rss_mb"] = r.ru_maxrss / 2**20 if sys.platform == "darwin" else r.ru_maxrss / 1024
    except ImportError:  # Windows
        import psutil

        proc = psutil.Process()
        times = proc.cpu_times()
        out["cpu_s"] = times.user + times.system
        out["peak_rss_mb"] = getattr(proc.memory_info(), "peak_wset", 0) / 2**20
    return out


def end_children() -> None:
    """End every process this kernel started, and theirs."""
    try:
        import psutil

        children = psutil.Process().children(recursive=True)
    except Exception:
        return
    kill_all(children)


def kill_all(procs) -> None:
    import psutil

    for proc in procs:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(procs, timeout=3)
