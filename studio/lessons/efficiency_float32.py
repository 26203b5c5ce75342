"""The article's memory advice: float32 instead of NumPy's default float64, measured."""

from studio.core.advisor import Estimate
from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._toolkit import MiB, best_time, rss

ARTICLE_CODE = '''\
# 内存优化
# 使用dtype=np.float32替代默认float64
'''


def run(ctx, rows: int, cols: int, matrix: int, repeats: int, seed: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    steps, done = 6, 0
    arrays, found = {}, {}
    for dtype in ("float64", "float32"):
        before = rss()
        if dtype == "float64":
            table = rng.random((rows, cols))  # NumPy's default dtype
        else:
            table = arrays["float64"].astype(np.float32)  # the same numbers, rounded to float32
        grown = rss() - before
        arrays[dtype] = table
        found[dtype] = {"dtype": dtype, "nbytes_mb": table.nbytes / MiB, "rss_growth_mb": grown / MiB}
        print(f"{dtype}: {rows:,} x {cols} table holds {table.nbytes / MiB:.1f} MiB; "
              f"the process grew by {grown / MiB:.1f} MiB")
        done += 1
        ctx.progress(done, steps)

    mat64 = rng.random((matrix, matrix))
    matrices = {"float64": mat64, "float32": mat64.astype(np.float32)}
    for dtype in ("float64", "float32"):
        table, a = arrays[dtype], matrices[dtype]
        # a data-preparation step on the table: standardise every column
        prep_s = best_time(lambda t=table: (t - t.mean(axis=0)) / t.std(axis=0), repeats, ctx.check)
        done += 1
        ctx.progress(done, steps)
        matmul_s = best_time(lambda a=a: a @ a, repeats, ctx.check)
        done += 1
        ctx.progress(done, steps)
        found[dtype].update({
            "standardise_s": prep_s,
            "matmul_s": matmul_s,
            "matmul_gflops": 2 * matrix**3 / matmul_s / 1e9,
            "digits": int(np.finfo(dtype).precision),
        })
        print(f"{dtype}: standardise {prep_s:.4f} s, {matrix}x{matrix} matmul {matmul_s:.4f} s "
              f"({found[dtype]['matmul_gflops']:.1f} GFLOP/s)")

    # what float32 gives up: 6-7 significant digits instead of 15-16
    k = min(matrix, 128)
    exact = mat64[:k] @ mat64
    approx = (matrices["float32"][:k] @ matrices["float32"]).astype(np.float64)
    rel_error = float(np.max(np.abs(approx - exact) / np.abs(exact)))
    print(f"largest relative difference of a float32 matmul from float64: {rel_error:.2e}")

    df = pd.DataFrame(list(found.values())).set_index("dtype")
    ctx.table("float64_vs_float32", df)
    labels = [0, 1]
    ctx.plot("memory", Plot(
        title=bi("Memory of the table (MiB): float64 (0) vs float32 (1)",
                 "表格占用的内存（MiB）：float64 (0) 与 float32 (1)"),
        xlabel=bi("dtype", "数据类型"), ylabel="MiB",
        series=[Series(labels, [found[d]["nbytes_mb"] for d in found], bi("array size", "数组大小"), style="bar"),
                Series(labels, [found[d]["rss_growth_mb"] for d in found], bi("process growth", "进程内存增长"),
                       style="scatter")],
    ))
    f64, f32 = found["float64"], found["float32"]
    ctx.result(
        nbytes_float64=int(arrays["float64"].nbytes),
        nbytes_float32=int(arrays["float32"].nbytes),
        memory_ratio=arrays["float64"].nbytes / arrays["float32"].nbytes,
        rss_growth_float64_mb=f64["rss_growth_mb"],
        rss_growth_float32_mb=f32["rss_growth_mb"],
        rss_ratio=f64["rss_growth_mb"] / f32["rss_growth_mb"] if f32["rss_growth_mb"] > 0 else float("nan"),
        standardise_speedup=f64["standardise_s"] / f32["standardise_s"],
        matmul_speedup=f64["matmul_s"] / f32["matmul_s"],
        max_relative_error=rel_error,
    )


def estimate(p) -> Estimate:
    cells, mm = p["rows"] * p["cols"], p["matrix"] ** 2
    return Estimate(
        # the tables (8 + 4 bytes a cell), two float64 temporaries of standardising, the matrices
        bytes=cells * (8 + 4) + 2 * cells * 8 + 3 * mm * (8 + 4) + 2 * 128 * p["matrix"] * 8,
        flops=(p["repeats"] + 1) * 2 * p["matrix"] ** 3 * 1.5 + 2 * 128 * mm,  # float64 and float32 products
        # making the tables (random numbers, astype), then standardising each (repeats + warm-up):
        # about 20 passes over the table for the mean, the std and their temporaries
        traffic=cells * 8 * 6 + (p["repeats"] + 1) * cells * (8 + 4) * 20,
        features=p["cols"], dtype="float64", library="numpy", efficiency=0.8,
        overhead_s=0.5,
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "float64_vs_float32": bi("float64 vs float32", "float64 与 float32 对比"),
    "nbytes_float64": bi("float64 array (bytes)", "float64 数组（字节）"),
    "nbytes_float32": bi("float32 array (bytes)", "float32 数组（字节）"),
    "memory_ratio": bi("Memory ratio (float64 / float32)", "内存比（float64 / float32）"),
    "rss_growth_float64_mb": bi("Process growth, float64 (MiB)", "进程内存增长，float64（MiB）"),
    "rss_growth_float32_mb": bi("Process growth, float32 (MiB)", "进程内存增长，float32（MiB）"),
    "rss_ratio": bi("Process growth ratio", "进程内存增长比"),
    "standardise_speedup": bi("Standardise speed-up", "标准化加速比"),
    "matmul_speedup": bi("Matrix product speed-up", "矩阵乘法加速比"),
    "max_relative_error": bi("Largest relative error", "最大相对误差"),
    "nbytes_mb": bi("array (MiB)", "数组（MiB）"),
    "rss_growth_mb": bi("process growth (MiB)", "进程内存增长（MiB）"),
    "standardise_s": bi("standardise (s)", "标准化（秒）"),
    "matmul_s": bi("matrix product (s)", "矩阵乘法（秒）"),
    "matmul_gflops": bi("matrix product (GFLOP/s)", "矩阵乘法（GFLOP/s）"),
    "digits": bi("significant digits", "有效数字位数"),
}


LESSON = Lesson(
    id="efficiency.float32",
    title=bi("Efficiency: float32 instead of float64", "效率：用 float32 替代 float64"),
    summary=bi(
        "NumPy stores numbers as float64 unless told otherwise. The same table in float32 takes "
        "half the memory (measured as the array's size and as the growth of this process), and "
        "standardising it and multiplying matrices run faster; the price is precision: 6-7 "
        "significant digits instead of 15-16, shown as the largest relative difference of a product.",
        "NumPy 默认用 float64 存储数字。同一张表改用 float32 后内存减半（以数组大小和本进程内存增长"
        "两种方式测量），标准化和矩阵乘法也更快；代价是精度：有效数字从 15-16 位降到 6-7 位，"
        "以矩阵乘积的最大相对误差展示。",
    ),
    params=(
        Param("rows", "int", 2_000_000, bi("Table rows", "表格行数"), min=1000, max=2**31 - 1),
        Param("cols", "int", 10, bi("Table columns", "表格列数"), min=1, max=10_000),
        Param("matrix", "int", 1024, bi("Matrix size (n x n)", "矩阵大小（n x n）"), min=16, max=8192),
        Param("repeats", "int", 3, bi("Repeats (best kept)", "重复次数（取最快）"), min=1, max=10),
        param_seed(0),
    ),
    devices=("cpu",),
    long_steps=True,  # one NumPy call over millions of rows: Stop ends it by ending the kernel
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article gives the advice in one line; the lesson builds a table in "
                  "float64, converts it with astype(np.float32), and measures both.",
                  "原文只有一句建议；本课先生成 float64 表格，再用 astype(np.float32) 转换，分别测量。")),
        Change(bi("Memory is measured twice: the array's nbytes (exact) and the growth of this "
                  "process's resident memory (RSS, what the task manager shows) while it is made.",
                  "内存测量两次：数组的 nbytes（精确值），以及创建数组时本进程常驻内存（RSS，"
                  "即任务管理器看到的值）的增长。")),
        Change(bi("Time is the best of several repeats of standardising the table and of an "
                  "n x n matrix product; the precision lost is shown too.",
                  "时间取多次重复中最快的一次：对表格做标准化，以及一次 n x n 矩阵乘法；"
                  "同时展示损失的精度。")),
    ),
    related=("efficiency.vectorize", "efficiency.gc"),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
