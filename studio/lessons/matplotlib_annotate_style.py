"""Matplotlib example 2: two styled lines, a legend and labelled points."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi

ARTICLE_CODE = '''\
import matplotlib.pyplot as plt
# 示例数据
x = [1, 2, 3, 4, 5]
y = [2, 4, 6, 8, 10]
labels = ['A', 'B', 'C', 'D', 'E']
# 绘制线图
plt.plot(x, y, label='Line')
# 设置颜色和线条样式
plt.plot(x, y, color='blue', linewidth=3, linestyle='--', label='Dashed Line')
# 添加数据标注
for i in range(len(x)):
    plt.annotate(labels[i], (x[i], y[i]), fontsize=12)
# 添加图例
plt.legend()
# 添加标题和坐标轴标签
plt.title('Data Annotation and Color Style Example')
plt.xlabel('X Axis')
plt.ylabel('Y Axis')
# 显示图形
plt.show()
'''

COLORS = ("blue", "red", "green", "orange", "purple", "black")
LINESTYLES = ("--", "-", ":", "-.")


def run(ctx, color: str, linewidth: float, linestyle: str, fontsize: int):
    from matplotlib.figure import Figure

    x = [1, 2, 3, 4, 5]
    y = [2, 4, 6, 8, 10]
    labels = ["A", "B", "C", "D", "E"]

    fig = Figure(figsize=(6.4, 4.8))
    ax = fig.add_subplot()
    ax.plot(x, y, label="Line")
    ax.plot(x, y, color=color, linewidth=linewidth, linestyle=linestyle, label="Dashed Line")
    for i in range(len(x)):
        ax.annotate(labels[i], (x[i], y[i]), fontsize=fontsize)
    ax.legend()
    ax.set_title("Data Annotation and Color Style Example")
    ax.set_xlabel("X Axis")
    ax.set_ylabel("Y Axis")
    ctx.figure("annotated", fig)

    print(f"[studio] second line: color={color}, linewidth={linewidth}, linestyle={linestyle!r}; "
          f"labels {', '.join(labels)} at fontsize {fontsize}")
    ctx.result(lines=len(ax.get_lines()), annotations=[t.get_text() for t in ax.texts])


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "annotated": bi("annotated", "带标注的图"),
    "lines": bi("Lines", "线条数"),
    "annotations": bi("Annotations", "标注"),
}


LESSON = Lesson(
    id="matplotlib.annotate_style",
    title=bi("Matplotlib: annotations, colours and line styles", "Matplotlib：数据标注与颜色样式"),
    summary=bi(
        "Draw the same line twice, once plain and once thick, blue and dashed, label its five "
        "points A-E, and add a legend, a title and axis labels. Try other colours and styles.",
        "把同一条直线画两次：一次用默认样式，一次设为蓝色、加粗的虚线；给五个点标注 A-E，"
        "并添加图例、标题和坐标轴标签。可以试试其他颜色和线型。",
    ),
    params=(
        Param("color", "choice", "blue", bi("Line colour", "线条颜色"), choices=COLORS),
        Param("linewidth", "float", 3.0, bi("Line width", "线宽"), min=0.5, max=20.0, step=0.5),
        Param("linestyle", "choice", "--", bi("Line style", "线型"), choices=LINESTYLES,
              help=bi("-- dashed, - solid, : dotted, -. dash-dot", "-- 虚线，- 实线，: 点线，-. 点划线")),
        Param("fontsize", "int", 12, bi("Label font size", "标注字号"), min=6, max=48),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored (the loop body had run onto the 'for' line).",
                  "恢复了原文的换行（循环体原本写在 for 同一行）。")),
        Change(bi("pyplot is replaced by matplotlib's object-oriented API on one Figure (plt.title "
                  "becomes ax.set_title), because pyplot is not safe outside the main thread.",
                  "在同一个 Figure 上用 matplotlib 的面向对象接口代替 pyplot（plt.title 改为 "
                  "ax.set_title），因为 pyplot 在主线程之外并不安全。")),
        Change(bi("The second line's colour, width and style and the label size are parameters.",
                  "第二条线的颜色、线宽、线型以及标注字号成为参数。")),
    ),
    related=("matplotlib.plot_2d_3d",),
    run=run,
    labels=LABELS,
)
