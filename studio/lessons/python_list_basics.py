"""Python example 2: square every element of a list with a plain loop."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi

ARTICLE_CODE = '''\
# 创建一个Python原生列表
python_list = [1, 2, 3, 4, 5]
# 使用Python循环对列表进行操作
squared_list = []
for num in python_list:
    squared_list.append(num ** 2)
print("Python List Squared:", squared_list)
'''

SHOWN = 20  # longer lists are printed shortened
CHECK_EVERY = 1 << 16  # how often the loop checks Stop and reports progress


def run(ctx, n: int):
    import time

    python_list = list(range(1, n + 1))  # n = 5: [1, 2, 3, 4, 5]
    start = time.perf_counter()
    squared_list = []
    for i, num in enumerate(python_list):
        squared_list.append(num ** 2)
        if i % CHECK_EVERY == 0:
            ctx.progress(i, n)
    seconds = time.perf_counter() - start
    ctx.progress(n, n)

    if n <= SHOWN:
        print("Python List Squared:", squared_list)
    else:
        head = ", ".join(str(v) for v in squared_list[:3])
        tail = ", ".join(str(v) for v in squared_list[-3:])
        print(f"Python List Squared: [{head}, ..., {tail}]  ({n:,} items)")
    print(f"[studio] {n:,} squares in a Python loop: {seconds * 1e3:.3f} ms")
    ctx.result(n=n, sum_of_squares=sum(squared_list), seconds=seconds)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "n": bi("Elements", "元素个数"),
    "sum_of_squares": bi("Sum of squares", "平方和"),
}


LESSON = Lesson(
    id="python.list_basics",
    title=bi("Python: list basics", "Python：原生列表"),
    summary=bi(
        "The same squares as the NumPy lesson, computed with a plain Python list and a for loop. "
        "Raise n and compare the time with NumPy's single vectorised call.",
        "用 Python 原生列表和 for 循环计算与 NumPy 一课相同的平方。把 n 调大，"
        "再和 NumPy 一次向量化调用所用的时间比较。",
    ),
    params=(
        Param("n", "int", 5, bi("List length", "列表长度"), min=1, max=1_000_000,
              help=bi("5 gives the article's [1, 2, 3, 4, 5].", "取 5 即原文的 [1, 2, 3, 4, 5]。")),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's loop body sits on the 'for' line; it is restored to its own line.",
                  "原文把循环体写在 for 同一行，这里恢复为单独一行。")),
        Change(bi("The list is range(1, n + 1), so its length is a parameter; lists longer than 20 "
                  "are printed shortened. The loop is timed and can be stopped.",
                  "列表改为 range(1, n + 1)，长度成为参数；超过 20 项时缩略打印。"
                  "对循环计时，并且可以中途停止。")),
    ),
    related=("numpy.array_basics",),
    run=run,
    labels=LABELS,
)
