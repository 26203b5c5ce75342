"""The article's "del variable + gc.collect()": what each step does to the process memory."""

from studio.core.advisor import Estimate
from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._toolkit import MiB, rss

ARTICLE_CODE = '''\
# 内存优化
# 及时释放未使用的变量(del variable + gc.collect())
'''


def run(ctx, megabytes: int, seed: int):
    import gc

    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    n = megabytes * MiB // 8  # float64 elements
    stages = []  # (what was done, resident memory in bytes); holds numbers only, never the arrays

    def record(step, code):
        stages.append((step, code, rss()))
        print(f"{len(stages)}. {code:<32} RSS {stages[-1][2] / MiB:8.1f} MiB   {step}")
        ctx.progress(len(stages), 8)

    record("start", "")
    data = rng.random(n)  # random numbers touch every page, so the OS really hands them out
    record(f"allocate {megabytes} MiB", "data = rng.random(n)")
    alias = data
    record("a second name for the same array", "alias = data")
    del data
    record("del removes a name; alias still refers to the array", "del data")
    del alias
    record("the last reference is gone: freed at once", "del alias")

    class Node:
        """An object that refers to another one: two of them form a reference cycle."""

        def __init__(self, payload):
            self.payload = payload
            self.other = None

    was_enabled = gc.isenabled()
    gc.disable()  # so the cycle waits for gc.collect(), not for Python's automatic collection
    try:
        a, b = Node(rng.random(n // 2)), Node(rng.random(n // 2))
        a.other, b.other = b, a
        record(f"two objects with {megabytes // 2} MiB each refer to each other", "a.other, b.other = b, a")
        del a, b
        record("unreachable, but each keeps the other's count above zero", "del a, b")
        found = gc.collect()
        record(f"the cycle collector found {found} unreachable objects", "gc.collect()")
    finally:
        if was_enabled:
            gc.enable()

    rss_mb = [s[2] / MiB for s in stages]
    ctx.table("memory_by_step", pd.DataFrame({
        "code": [s[1] for s in stages], "rss_mib": rss_mb,
        "change_mib": [0.0] + [rss_mb[i] - rss_mb[i - 1] for i in range(1, len(rss_mb))],
        "what_happened": [s[0] for s in stages],
    }))
    ctx.plot("rss", Plot(
        title=bi("Process memory (RSS, MiB) after each step", "每一步之后的进程内存（RSS，MiB）"),
        xlabel=bi("step", "步骤"), ylabel="MiB",
        series=[Series(list(range(1, len(stages) + 1)), rss_mb, "RSS", style="bar")],
    ))
    ctx.result(
        megabytes=megabytes,
        allocated_mb=rss_mb[1] - rss_mb[0],
        freed_by_del_with_alias_mb=rss_mb[2] - rss_mb[3],
        freed_by_last_del_mb=rss_mb[3] - rss_mb[4],
        cycle_allocated_mb=rss_mb[5] - rss_mb[4],
        freed_by_del_cycle_mb=rss_mb[5] - rss_mb[6],
        freed_by_gc_collect_mb=rss_mb[6] - rss_mb[7],
        gc_found=found,
    )


def estimate(p) -> Estimate:
    # two arrays of random numbers, made one after the other (~10 operations a number)
    return Estimate(bytes=1.05 * p["megabytes"] * MiB, flops=2 * p["megabytes"] * MiB / 8 * 10,
                    traffic=2 * p["megabytes"] * MiB, dtype="float64", library="numpy", efficiency=0.2,
                    overhead_s=0.3)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "memory_by_step": bi("memory by step", "每一步的内存"),
    "rss": bi("RSS", "常驻内存（RSS）"),
    "code": bi("code", "代码"),
    "rss_mib": bi("RSS (MiB)", "常驻内存（MiB）"),
    "change_mib": bi("change (MiB)", "变化（MiB）"),
    "what_happened": bi("what happened", "发生了什么"),
    "megabytes": bi("Array size (MB)", "数组大小（MB）"),
    "allocated_mb": bi("Allocated (MiB)", "分配（MiB）"),
    "freed_by_del_with_alias_mb": bi("Freed by del with an alias left (MiB)", "仍有别名时 del 释放（MiB）"),
    "freed_by_last_del_mb": bi("Freed by the last del (MiB)", "最后一次 del 释放（MiB）"),
    "cycle_allocated_mb": bi("Allocated in a cycle (MiB)", "循环引用分配（MiB）"),
    "freed_by_del_cycle_mb": bi("Freed by del of the cycle (MiB)", "del 循环引用释放（MiB）"),
    "freed_by_gc_collect_mb": bi("Freed by gc.collect() (MiB)", "gc.collect() 释放（MiB）"),
    "gc_found": bi("Objects gc.collect() found", "gc.collect() 找到的对象数"),
}


LESSON = Lesson(
    id="efficiency.gc",
    title=bi("Efficiency: free memory with del and gc.collect()", "效率：用 del 和 gc.collect() 释放内存"),
    summary=bi(
        "Allocates a large array and watches the process memory (RSS) after each step: a second "
        "name keeps it alive through `del`, deleting the last name frees it at once, and two "
        "objects that refer to each other stay in memory after `del` until `gc.collect()` finds the cycle.",
        "分配一个大数组，并在每一步之后观察进程内存（RSS）：另一个变量名仍引用它时 `del` 不会释放；"
        "删除最后一个引用后立即释放；两个互相引用的对象在 `del` 之后仍留在内存中，直到 "
        "`gc.collect()` 找到这个循环引用。",
    ),
    params=(
        Param("megabytes", "int", 200, bi("Array size (MiB)", "数组大小（MiB）"), min=80, max=1_000_000,
              help=bi("At least 80 MiB, so each half is above the C library's 32 MiB threshold and "
                      "goes straight back to the OS when freed.",
                      "至少 80 MiB：每一半都超过 C 库 32 MiB 的阈值，释放后会直接归还给操作系统。")),
        param_seed(0),
    ),
    devices=("cpu",),
    long_steps=True,  # allocating and freeing gigabytes: single calls Stop cannot interrupt
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names the two calls; the lesson shows what each does to the "
                  "process memory, measured with psutil's RSS (what the task manager shows).",
                  "原文只给出两个调用；本课用 psutil 测量进程常驻内存（RSS，即任务管理器看到的值），"
                  "展示每一步的效果。")),
        Change(bi("`del` removes a name, not the object: the memory is freed when the last "
                  "reference goes. `gc.collect()` is needed only for reference cycles; Python's "
                  "automatic collection is paused during that step so the cycle waits for it.",
                  "`del` 删除的是变量名而不是对象：最后一个引用消失时内存才释放。只有循环引用才需要 "
                  "`gc.collect()`；这一步暂停了 Python 的自动回收，让循环引用等待手动回收。")),
        Change(bi("The lesson keeps only numbers about the arrays, never the arrays themselves, so "
                  "no hidden reference keeps them alive (in Jupyter, `_` and `Out` can).",
                  "本课只记录数组的数字信息，不保存数组本身，避免隐藏的引用让它们留在内存中"
                  "（在 Jupyter 中，`_` 和 `Out` 可能会）。")),
    ),
    related=("efficiency.float32", "efficiency.vectorize"),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
