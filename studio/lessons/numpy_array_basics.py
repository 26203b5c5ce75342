"""NumPy example 1: square every element of an array in one vectorised call."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi

ARTICLE_CODE = '''\
import numpy as np
# 创建一个NumPy数组
numpy_array = np.array([1, 2, 3, 4, 5])
# 使用NumPy函数对数组进行操作
squared = np.square(numpy_array)
print("NumPy Array Squared:", squared)
'''

SHOWN_ROWS = 20  # rows of the table; the console shows numpy's own summary


def run(ctx, n: int):
    import time

    import numpy as np
    import pandas as pd

    numpy_array = np.arange(1, n + 1, dtype=np.int64)  # n = 5: np.array([1, 2, 3, 4, 5])
    start = time.perf_counter()
    squared = np.square(numpy_array)
    seconds = time.perf_counter() - start
    print("NumPy Array Squared:", squared)
    print(f"[studio] {n:,} squares in one vectorised call: {seconds * 1e3:.3f} ms")

    ctx.table("squared", pd.DataFrame({"x": numpy_array[:SHOWN_ROWS], "x**2": squared[:SHOWN_ROWS]}))
    ctx.result(n=n, sum_of_squares=int(squared.sum()), seconds=seconds, dtype=str(squared.dtype))


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "squared": bi("squared", "平方"),
    "n": bi("Elements", "元素个数"),
    "sum_of_squares": bi("Sum of squares", "平方和"),
    "dtype": bi("Data type", "数据类型"),
}


LESSON = Lesson(
    id="numpy.array_basics",
    title=bi("NumPy: array basics", "NumPy：数组基础"),
    summary=bi(
        "Create a NumPy array and square every element with one call, np.square, with no Python "
        "loop. Raise n to time it, then compare with the plain-Python list lesson.",
        "创建一个 NumPy 数组，只用一次 np.square 调用就把每个元素平方，无需 Python 循环。"
        "把 n 调大可以计时，再和“Python 原生列表”一课对比速度。",
    ),
    params=(
        Param("n", "int", 5, bi("Array length", "数组长度"), min=1, max=1_000_000,
              help=bi("5 gives the article's [1, 2, 3, 4, 5].", "取 5 即原文的 [1, 2, 3, 4, 5]。")),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The array is np.arange(1, n + 1) (int64), so its length is a parameter; n = 5 is "
                  "the article's array.",
                  "数组改为 np.arange(1, n + 1)（int64），长度成为参数；n = 5 时就是原文的数组。")),
        Change(bi("The call is timed and the first rows are shown as a table.",
                  "对这次调用计时，并把前几行显示为表格。")),
    ),
    related=("python.list_basics",),
    run=run,
    labels=LABELS,
)
