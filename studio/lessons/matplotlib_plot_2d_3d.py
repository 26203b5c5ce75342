"""Matplotlib example 1: a 2-D sine curve and a 3-D scatter of random points."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed

ARTICLE_CODE = '''\
import matplotlib.pyplot as plt
import numpy as np
# 创建数据
x = np.linspace(0, 10, 100)
y = np.sin(x)
# 使用Matplotlib绘制线形图
plt.plot(x, y)
# 设置图表标题和坐标轴标签
plt.title('2D Line Plot')
plt.xlabel('X Axis')
plt.ylabel('Y Axis')
# 显示图表
plt.show()
# 创建数据
x = np.random.rand(50)
y = np.random.rand(50)
z = np.random.rand(50)
# 创建一个3D坐标轴
fig = plt.figure()
ax = fig.add_subplot(111, projection='3d')
# 使用Matplotlib绘制三维散点图
ax.scatter(x, y, z, c='r', marker='o')
# 设置图表标题和坐标轴标签
ax.set_title('3D Scatter Plot')
ax.set_xlabel('X Axis')
ax.set_ylabel('Y Axis')
ax.set_zlabel('Z Axis')
# 显示图表
plt.show()
'''


def run(ctx, samples: int, points: int, seed: int):
    import numpy as np
    from matplotlib.figure import Figure

    # 2-D line: the sine curve
    x = np.linspace(0, 10, samples)
    y = np.sin(x)
    fig = Figure(figsize=(6.4, 4.8))
    ax = fig.add_subplot()
    ax.plot(x, y)
    ax.set_title("2D Line Plot")
    ax.set_xlabel("X Axis")
    ax.set_ylabel("Y Axis")
    ctx.figure("line_2d", fig)
    sine_max = float(y.max())

    # 3-D scatter: random points in the unit cube (RandomState(seed) draws what
    # np.random.seed(seed) followed by np.random.rand would)
    rng = np.random.RandomState(seed)
    x = rng.rand(points)
    y = rng.rand(points)
    z = rng.rand(points)
    fig = Figure(figsize=(6.4, 4.8))
    ax = fig.add_subplot(111, projection="3d")
    ax.scatter(x, y, z, c="r", marker="o")
    ax.set_title("3D Scatter Plot")
    ax.set_xlabel("X Axis")
    ax.set_ylabel("Y Axis")
    ax.set_zlabel("Z Axis")
    ctx.figure("scatter_3d", fig)

    print(f"[studio] sine curve: {samples} samples on [0, 10]; 3-D scatter: {points} points, seed {seed}")
    ctx.result(samples=samples, points=points, sine_max=sine_max,
               centroid=[float(x.mean()), float(y.mean()), float(z.mean())])


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "line_2d": bi("2-D line", "二维折线"),
    "scatter_3d": bi("3-D scatter", "三维散点"),
    "samples": bi("Samples on the line", "折线采样点数"),
    "points": bi("Points in 3-D", "三维点数"),
    "sine_max": bi("Largest sine value", "正弦最大值"),
    "centroid": bi("Centroid (x, y, z)", "质心（x, y, z）"),
}


LESSON = Lesson(
    id="matplotlib.plot_2d_3d",
    title=bi("Matplotlib: 2-D and 3-D plots", "Matplotlib：二维与三维绘图"),
    summary=bi(
        "Draw a sine curve as a 2-D line plot, then 50 random points as a red 3-D scatter plot, "
        "with titles and axis labels.",
        "先把正弦曲线画成二维线形图，再把 50 个随机点画成红色的三维散点图，并设置标题和坐标轴标签。",
    ),
    params=(
        Param("samples", "int", 100, bi("Sine samples", "正弦曲线采样点数"), min=2, max=100_000),
        Param("points", "int", 50, bi("3-D points", "三维散点数"), min=1, max=100_000),
        param_seed(0),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored.", "恢复了原文的换行。")),
        Change(bi("pyplot is replaced by matplotlib's object-oriented API: each plot is its own "
                  "Figure (plt.title becomes ax.set_title), because pyplot is not safe outside the "
                  "main thread. The app shows the figures; the CLI writes them as PNG with --out.",
                  "用 matplotlib 的面向对象接口代替 pyplot：每张图都是独立的 Figure（plt.title 改为 "
                  "ax.set_title），因为 pyplot 在主线程之外并不安全。应用内直接显示图形；"
                  "命令行加 --out 时保存为 PNG。")),
        Change(bi("The random points come from np.random.RandomState(seed), so a run can be repeated; "
                  "the numbers of samples and points are parameters.",
                  "随机点由 np.random.RandomState(seed) 生成，结果可以复现；采样点数和散点数成为参数。")),
    ),
    related=("matplotlib.annotate_style", "pandas.plotting"),
    run=run,
    labels=LABELS,
)
