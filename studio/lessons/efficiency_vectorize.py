"""The article's 低效写法 / 高效写法: a Python loop against NumPy vectorisation, timed on growing sizes."""

import time

from studio.core.advisor import Estimate
from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._toolkit import best_time

ARTICLE_CODE = '''\
# 低效写法(普通电脑易卡顿)
for i in range(len(data)):
    result[i] = data[i] * 2

# 高效写法(NumPy向量化)
result = data * 2
'''

CHUNK = 50_000  # the loop checks Stop between chunks of this many elements


def sizes_for(max_size: int, steps: int) -> list[int]:
    """`steps` sizes from 1,000 to `max_size`, evenly spaced on a log scale."""
    lo = min(1000, max_size)
    if steps == 1 or lo == max_size:
        return [max_size]
    ratio = (max_size / lo) ** (1 / (steps - 1))
    return sorted({int(round(lo * ratio**k)) for k in range(steps)})


def run(ctx, max_size: int, steps: int, repeats: int, seed: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    sizes = sizes_for(max_size, steps)
    total = sum(sizes) * repeats
    done = 0
    rows = []
    for n in sizes:
        data = rng.random(n)
        result = np.empty_like(data)

        # 低效写法: one interpreted step per element (chunked so Stop can interrupt it)
        loop_s = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            for lo in range(0, len(data), CHUNK):
                for i in range(lo, min(lo + CHUNK, len(data))):
                    result[i] = data[i] * 2
                ctx.check()
            loop_s = min(loop_s, time.perf_counter() - start)
            done += n
            ctx.progress(done, total)

        # 高效写法: one call, the loop runs in compiled code
        numpy_s = best_time(lambda data=data: data * 2, repeats, ctx.check)
        same = bool(np.array_equal(result, data * 2))
        speedup = loop_s / numpy_s
        rows.append({"size": n, "python_loop_s": loop_s, "numpy_s": numpy_s, "speedup": speedup,
                     "same_result": same})
        print(f"n={n:>11,}: loop {loop_s:.5f} s, NumPy {numpy_s:.7f} s -> {speedup:,.0f}x faster")

    table = pd.DataFrame(rows)
    ctx.table("loop_vs_numpy", table)
    xs = [float(np.log10(r["size"])) for r in rows]
    ctx.plot("speedup", Plot(
        title=bi("NumPy speed-up over the Python loop", "NumPy 相对 Python 循环的加速比"),
        xlabel=bi("log10(size)", "log10(元素个数)"), ylabel=bi("speed-up (x)", "加速比（倍）"),
        series=[Series(xs, [r["speedup"] for r in rows], bi("loop time / NumPy time", "循环耗时 / NumPy 耗时"))],
    ))
    ctx.plot("times", Plot(
        title=bi("Time per run", "每次运行的耗时"),
        xlabel=bi("log10(size)", "log10(元素个数)"), ylabel=bi("log10(seconds)", "log10(秒)"),
        series=[Series(xs, [float(np.log10(r["python_loop_s"])) for r in rows], bi("Python loop", "Python 循环")),
                Series(xs, [float(np.log10(r["numpy_s"])) for r in rows], "NumPy data * 2")],
    ))
    last = rows[-1]
    ctx.result(
        size=last["size"],
        python_loop_s=last["python_loop_s"],
        numpy_s=last["numpy_s"],
        speedup=last["speedup"],
        speedup_min=min(r["speedup"] for r in rows),
        loop_ns_per_element=1e9 * last["python_loop_s"] / last["size"],
        numpy_ns_per_element=1e9 * last["numpy_s"] / last["size"],
        same_result=all(r["same_result"] for r in rows),
    )


def estimate(p) -> Estimate:
    sizes = sizes_for(p["max_size"], p["steps"])
    return Estimate(
        flops=sum(sizes) * p["repeats"] * 20,  # the vectorised runs, each timed >= 2 ms
        bytes=5 * 8 * p["max_size"],  # data, the loop's result, NumPy's results being timed (float64)
        dtype="float64", library="numpy", efficiency=0.01,
        python_ops=sum(sizes) * p["repeats"], overhead_s=0.5 + 0.01 * len(sizes) * p["repeats"],
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "loop_vs_numpy": bi("loop vs NumPy", "循环与 NumPy 对比"),
    "speedup": bi("speed-up (x)", "加速比（倍）"),
    "times": bi("times", "耗时"),
    "size": bi("elements", "元素个数"),
    "python_loop_s": bi("Python loop (s)", "Python 循环（秒）"),
    "numpy_s": bi("NumPy (s)", "NumPy（秒）"),
    "same_result": bi("same result", "结果相同"),
    "speedup_min": bi("Smallest speed-up (x)", "最小加速比（倍）"),
    "loop_ns_per_element": bi("Loop, ns per element", "循环，每元素纳秒"),
    "numpy_ns_per_element": bi("NumPy, ns per element", "NumPy，每元素纳秒"),
}


LESSON = Lesson(
    id="efficiency.vectorize",
    title=bi("Efficiency: vectorise instead of looping", "效率：用向量化替代循环"),
    summary=bi(
        "The article's slow and fast ways of doubling an array: a Python for-loop over the "
        "elements against NumPy's `data * 2`. Both are timed on sizes from 1,000 up, and the "
        "speed-up is plotted: the loop pays the interpreter for every element, NumPy once per call.",
        "原文的低效写法与高效写法：用 Python for 循环逐个元素乘 2，对比 NumPy 的 `data * 2`。"
        "在从 1,000 开始逐步增大的数据上分别计时，并画出加速倍数：循环每个元素都要经过解释器，"
        "NumPy 每次调用只经过一次。",
    ),
    params=(
        Param("max_size", "int", 1_000_000, bi("Largest size", "最大数据量"), min=1000, max=100_000_000,
              help=bi("Elements of the largest array; the loop over 1,000,000 takes about a second.",
                      "最大数组的元素个数；循环 1,000,000 个元素约需 1 秒。")),
        Param("steps", "int", 6, bi("Sizes", "数据量档数"), min=1, max=12),
        Param("repeats", "int", 3, bi("Repeats (best kept)", "重复次数（取最快）"), min=1, max=10),
        param_seed(0),
    ),
    devices=("cpu",),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's two lines are timed with time.perf_counter on random data of "
                  "growing size; each time is the best of the repeats, and very fast NumPy calls "
                  "are repeated in a loop so the clock can see them.",
                  "对原文两种写法在逐步增大的随机数据上用 time.perf_counter 计时；每个时间取多次"
                  "重复中最快的一次，极快的 NumPy 调用会循环多次再平均，避免计时精度不足。")),
        Change(bi("The loop runs in chunks of 50,000 elements so Stop can interrupt it; the "
                  "extra outer loop costs nothing measurable.",
                  "循环按每 50,000 个元素分块执行，以便随时停止；外层多出的循环开销可忽略。")),
        Change(bi("Both results are compared element by element: the fast way gives the same numbers.",
                  "逐元素比较两种写法的结果：高效写法得到完全相同的数值。")),
    ),
    related=("efficiency.float32", "efficiency.gc"),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
