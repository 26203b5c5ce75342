"""Lesson kernels: every run in a fresh process of its own, as Spyder, Thonny and Jupyter do.

    child.py       the kernel process itself (`python -m studio.kernel`)
    outbox.py      its side of the stream: the job's context, batched 20 times a second
    protocol.py    the messages between app and kernel
    process.py     the app's handle on one kernel process: start, talk, end its process tree
    pool.py        a spare kernel, started and warmed in the background
    run.py         one job in a kernel: relay, three-step Stop, memory cap, timeout, how it ended
    coordinator.py a lesson run's whole life: record, checkpoints, finish (window and CLI)

Plain Python, no Qt: the window drives a run from a worker thread, the CLI from its main thread.
"""
