"""Exercises on charts: pandas' plot, matplotlib's lines, panels, annotations and styles. The
checks read the figures the code showed (their lines, bars, texts), not the code."""

from studio.core.text import bi
from studio.practice.checks import close, describe, figure, line_like, passed
from studio.practice.exercise import Exercise, Fail, check

SALES = '''\
import matplotlib.pyplot as plt
import pandas as pd

df = pd.DataFrame({'Year': [2015, 2016, 2017, 2018, 2019, 2020],
                   'Sales': [100, 150, 70, 200, 180, 220],
                   'Profits': [50, 60, 40, 80, 70, 90]})
'''
MARGINS = [0.5, 0.4, 40 / 70, 0.4, 70 / 180, 90 / 220]

# -- pandas.plotting -------------------------------------------------------------------------------
MARGIN_STARTER = SALES + '''
# your code: a column 'Margin' = Profits / Sales, drawn as a line chart over the years

plt.show()
'''


@check("column", bi("`df['Margin']` is Profits / Sales", "`df['Margin']` 等于 Profits / Sales"))
def _margin_column(env):
    import pandas as pd

    df = env.var("df", pd.DataFrame)
    if "Margin" not in df.columns:
        raise Fail(bi("a column Margin", "一列 Margin"), bi(f"columns {list(df.columns)}", f"列 {list(df.columns)}"))
    return close(df["Margin"].to_numpy(dtype=float), MARGINS, rtol=1e-9, what="Margin")


@check("chart", bi("a line chart of the six margins was shown", "显示了六个利润率的折线图"))
def _margin_chart(env):
    figure(env)
    line_like(env, MARGINS, bi("a line through the six margins", "一条经过六个利润率的线"))
    return passed(True, bi("a line of the margins", "利润率折线"), bi("found", "找到了"))


TOTALS_STARTER = SALES + '''
totals = None  # your code: the sum of the Sales column and of the Profits column
# your code: draw totals as a bar chart

plt.show()
'''


def _bar_heights(env) -> list[list[float]]:
    from matplotlib.container import BarContainer

    return [[float(bar.get_height()) for bar in container]
            for fig in env.figures for ax in fig.axes for container in ax.containers
            if isinstance(container, BarContainer)]


@check("totals", bi("`totals` gives Sales 920 and Profits 390", "`totals` 给出 Sales 920 和 Profits 390"))
def _totals(env):
    value = env.var("totals")
    found = value.to_dict() if hasattr(value, "to_dict") else value
    found = {str(k): float(v) for k, v in found.items()} if isinstance(found, dict) else found
    return passed(found == {"Sales": 920.0, "Profits": 390.0}, "{Sales: 920, Profits: 390}", describe(found))


@check("bars", bi("a bar chart with bars of 920 and 390 was shown", "显示了高度为 920 和 390 的柱状图"))
def _totals_bars(env):
    figure(env)
    heights = _bar_heights(env)
    return passed([920.0, 390.0] in heights, "bars [920, 390]", describe(heights) if heights else bi("no bars", "没有柱"))


# -- matplotlib.plot_2d_3d ------------------------------------------------------------------------------
COSINE_STARTER = '''\
import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 10, 100)
y = np.sin(x)
plt.plot(x, y, label='sin')
# your code: cos(x) on the same axes, a legend, and the title 'Sine and cosine'
plt.title('2D Line Plot')
plt.xlabel('X Axis')
plt.ylabel('Y Axis')
plt.show()
'''


def _xs():
    import numpy as np

    return np.linspace(0, 10, 100)


def _cos_line(env):
    import numpy as np

    figure(env)
    return line_like(env, np.cos(_xs()), bi("a line of cos(x)", "一条 cos(x) 曲线"))


@check("cosine", bi("cos(x) is drawn", "画出了 cos(x)"))
def _cosine(env):
    _cos_line(env)
    return passed(True, bi("a line of cos(x)", "一条 cos(x) 曲线"), bi("found", "找到了"))


@check("same_axes", bi("sin and cos share one set of axes", "sin 与 cos 画在同一坐标系中"))
def _same_axes(env):
    import numpy as np

    ax = _cos_line(env).axes
    ok = any(np.allclose(line.get_ydata(), np.sin(_xs())) for line in ax.get_lines() if len(line.get_ydata()) == 100)
    return passed(ok, bi("sin on the axes of cos", "sin 与 cos 在同一坐标系"), bi("yes", "是") if ok else bi("no", "否"))


@check("legend", bi("those axes have a legend", "该坐标系有图例"))
def _legend(env):
    ax = _cos_line(env).axes
    return passed(ax.get_legend() is not None, bi("a legend", "图例"), bi("a legend", "有图例") if ax.get_legend()
                  else bi("none", "没有"))


@check("title", bi("their title is 'Sine and cosine'", "标题为 'Sine and cosine'"))
def _title(env):
    title = _cos_line(env).axes.get_title()
    return passed(title == "Sine and cosine", "'Sine and cosine'", repr(title))


PANELS_STARTER = '''\
import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 10, 100)
rng = np.random.default_rng(0)
px, py = rng.random(50), rng.random(50)

# Two separate figures: put them side by side in one figure instead
plt.plot(x, np.sin(x))
plt.title('2D Line Plot')
plt.show()

plt.scatter(px, py, c='r', marker='o')
plt.title('Scatter Plot')
plt.show()
'''


def _two_panel_figure(env):
    figure(env)
    for fig in env.figures:
        if len(fig.axes) == 2:
            return fig
    raise Fail(bi("one figure with 2 axes", "一张含 2 个坐标系的图"), describe([len(f.axes) for f in env.figures]))


@check("panels", bi("one figure has two panels", "一张图中有两个子图"))
def _panels(env):
    _two_panel_figure(env)
    return passed(True, bi("2 axes in one figure", "一张图中 2 个坐标系"), bi("found", "找到了"))


@check("line", bi("the left panel has the sine line", "左侧子图是正弦曲线"))
def _left_line(env):
    import numpy as np

    left = min(_two_panel_figure(env).axes, key=lambda ax: ax.get_position().x0)
    ys = [line.get_ydata() for line in left.get_lines()]
    ok = any(len(y) == 100 and np.allclose(y, np.sin(_xs())) for y in ys)
    return passed(ok, bi("sin(x) on the left", "左侧是 sin(x)"), bi(f"{len(ys)} line(s) on the left", f"左侧有 {len(ys)} 条线"))


@check("scatter", bi("the right panel has a scatter of the 50 points", "右侧子图是 50 个点的散点图"))
def _right_scatter(env):
    right = max(_two_panel_figure(env).axes, key=lambda ax: ax.get_position().x0)
    sizes = [len(c.get_offsets()) for c in right.collections]
    return passed(50 in sizes, bi("a scatter of 50 points", "50 个点的散点图"),
                  bi(f"point sets {sizes}", f"点集 {sizes}"))


# -- matplotlib.annotate_style ---------------------------------------------------------------------------
MAX_STARTER = '''\
import matplotlib.pyplot as plt
import numpy as np

x = np.arange(1, 11)
y = np.array([3, 5, 4, 8, 6, 9, 7, 12, 10, 11])

plt.plot(x, y, label='data')
# your code: annotate the highest point with the text 'max'
plt.legend()
plt.title('Data Annotation')
plt.show()
'''


def _annotations(env) -> list:
    from matplotlib.text import Annotation

    figure(env)
    return [t for fig in env.figures for ax in fig.axes for t in ax.texts if isinstance(t, Annotation)]


@check("annotation", bi("an annotation says 'max'", "有一个文字为 'max' 的标注"))
def _annotation(env):
    texts = [a.get_text() for a in _annotations(env)]
    return passed("max" in texts, "annotate('max', ...)", describe(texts) if texts else bi("no annotation", "没有标注"))


@check("points_at", bi("it points at the highest point, (8, 12)", "它指向最高点 (8, 12)"))
def _points_at(env):
    points = [tuple(float(v) for v in a.xy) for a in _annotations(env) if a.get_text() == "max"]
    if not points:
        raise Fail(bi("an annotation 'max'", "标注 'max'"), bi("none", "没有"))
    return passed((8.0, 12.0) in points, "xy = (8, 12)", describe(points))


STYLE_STARTER = '''\
import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 5, 50)
plt.plot(x, x ** 2)  # your code: red, dashed, 2 wide, labelled 'square'; then a legend
plt.show()
'''


def _square_line(env):
    import numpy as np

    figure(env)
    return line_like(env, np.linspace(0, 5, 50) ** 2, bi("a line of x ** 2", "一条 x ** 2 曲线"))


@check("line", bi("x ** 2 is drawn", "画出了 x ** 2"))
def _square(env):
    _square_line(env)
    return passed(True, bi("a line of x ** 2", "一条 x ** 2 曲线"), bi("found", "找到了"))


@check("style", bi("it is red, dashed and 2 wide", "它是红色、虚线、线宽 2"))
def _style(env):
    from matplotlib.colors import to_rgba

    line = _square_line(env)
    found = (to_rgba(line.get_color()), line.get_linestyle(), float(line.get_linewidth()))
    ok = found == ((1.0, 0.0, 0.0, 1.0), "--", 2.0)
    return passed(ok, "red, '--', 2", f"{line.get_color()}, {line.get_linestyle()!r}, {found[2]:g}")


@check("legend", bi("a legend names it 'square'", "图例中它的名字是 'square'"))
def _style_legend(env):
    legend = _square_line(env).axes.get_legend()
    names = [t.get_text() for t in legend.get_texts()] if legend is not None else []
    return passed("square" in names, "legend: 'square'", describe(names) if legend else bi("no legend", "没有图例"))


EXERCISES = [
    Exercise(
        id="pandas.plotting/margin_line",
        title=bi("A computed column, plotted", "计算出的列并画图"),
        task=bi("Add a column `Margin` to `df`, the profit per unit of sales (Profits / Sales), and "
                "draw it as a line chart over the years with `df.plot`.",
                "给 `df` 添加一列 `Margin`，即每单位销售额的利润（Profits / Sales），并用 `df.plot` 画出它随年份变化的折线图。"),
        starter=MARGIN_STARTER,
        solution=MARGIN_STARTER.replace(
            "# your code: a column 'Margin' = Profits / Sales, drawn as a line chart over the years",
            "df['Margin'] = df['Profits'] / df['Sales']\ndf.plot(kind='line', x='Year', y='Margin', "
            "title='Profit margin')"),
        hints=(bi("Dividing two columns divides them row by row.", "两列相除就是逐行相除。"),
               bi("`df.plot(kind='line', x='Year', y='Margin')`, as the lesson's line chart.",
                  "`df.plot(kind='line', x='Year', y='Margin')`，和课程中的折线图一样。")),
        checks=(_margin_column, _margin_chart),
        wrong=(MARGIN_STARTER.replace("# your code:", "df['Margin'] = df['Sales'] / df['Profits']\n"
                                      "df.plot(x='Year', y='Margin')\n#"),
               MARGIN_STARTER.replace("# your code:", "df['Margin'] = df['Profits'] / df['Sales']\n"
                                      "df.plot(x='Year', y='Profits')\n#")),
    ),
    Exercise(
        id="pandas.plotting/totals_bar",
        title=bi("Totals as a bar chart", "用柱状图显示总和"),
        task=bi("Put in `totals` the sum of the Sales column and of the Profits column (a Series with "
                "those two names), then draw `totals` as a bar chart.",
                "把 Sales 列和 Profits 列各自的总和放进 `totals`（以这两个列名为索引的 Series），再把 `totals` 画成柱状图。"),
        starter=TOTALS_STARTER,
        solution=TOTALS_STARTER.replace(
            "totals = None  # your code: the sum of the Sales column and of the Profits column\n"
            "# your code: draw totals as a bar chart",
            "totals = df[['Sales', 'Profits']].sum()\ntotals.plot(kind='bar', title='Totals 2015-2020')"),
        hints=(bi("`df[['Sales', 'Profits']].sum()` sums each column.", "`df[['Sales', 'Profits']].sum()` 对每列求和。"),
               bi("A Series has `.plot(kind='bar')` too.", "Series 同样有 `.plot(kind='bar')`。")),
        checks=(_totals, _totals_bars),
        wrong=(TOTALS_STARTER.replace("totals = None ", "totals = df[['Sales', 'Profits']].mean()\n"
                                      "totals.plot(kind='bar') "),
               TOTALS_STARTER.replace("totals = None ", "totals = df[['Sales', 'Profits']].sum()\n"
                                      "totals.plot(kind='line') ")),
    ),
    Exercise(
        id="matplotlib.plot_2d_3d/sine_cosine",
        title=bi("Sine and cosine together", "正弦与余弦同图"),
        task=bi("Draw cos(x) on the same axes as the sine, add a legend, and title the chart "
                "'Sine and cosine'.",
                "在正弦曲线所在的同一坐标系中画出 cos(x)，添加图例，并把图表标题设为 'Sine and cosine'。"),
        starter=COSINE_STARTER,
        solution=COSINE_STARTER.replace(
            "# your code: cos(x) on the same axes, a legend, and the title 'Sine and cosine'\n"
            "plt.title('2D Line Plot')",
            "plt.plot(x, np.cos(x), label='cos')\nplt.legend()\nplt.title('Sine and cosine')"),
        hints=(bi("Each `plt.plot` before `plt.show()` draws on the same axes.", "在 `plt.show()` 之前的每次 `plt.plot` 都画在同一坐标系上。"),
               bi("`label=` names a line; `plt.legend()` shows the names.", "`label=` 为线命名；`plt.legend()` 显示这些名字。")),
        checks=(_cosine, _same_axes, _legend, _title),
        wrong=(COSINE_STARTER.replace("# your code:", "plt.legend()\nplt.figure()\nplt.plot(x, np.cos(x))\n"
                                      "plt.title('Sine and cosine')\n#").replace("plt.title('2D Line Plot')\n", ""),
               COSINE_STARTER.replace("# your code:", "plt.plot(x, np.cos(x))\n#"),
               COSINE_STARTER.replace("# your code:", "plt.plot(x, np.sin(x) + 1, label='cos')\nplt.legend()\n#")),
    ),
    Exercise(
        id="matplotlib.plot_2d_3d/two_panels",
        title=bi("Two panels side by side", "并排两个子图"),
        task=bi("Instead of two separate figures, make **one** figure with two panels side by side "
                "(`plt.subplots(1, 2)`): the sine line on the left, the scatter of the 50 points on the right.",
                "不要两张单独的图，而是做**一张**图，左右并排两个子图（`plt.subplots(1, 2)`）：左侧是正弦曲线，右侧是那 50 个点的散点图。"),
        starter=PANELS_STARTER,
        solution=PANELS_STARTER.split("# Two separate")[0] + '''\
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
left.plot(x, np.sin(x))
left.set_title('2D Line Plot')
right.scatter(px, py, c='r', marker='o')
right.set_title('Scatter Plot')
plt.show()
''',
        hints=(bi("`fig, (left, right) = plt.subplots(1, 2)` gives one figure and two Axes.",
                  "`fig, (left, right) = plt.subplots(1, 2)` 得到一张图和两个 Axes。"),
               bi("Draw on each Axes with its own methods: `left.plot(...)`, `right.scatter(...)`, `left.set_title(...)`.",
                  "用各自的方法在每个 Axes 上作图：`left.plot(...)`、`right.scatter(...)`、`left.set_title(...)`。")),
        checks=(_panels, _left_line, _right_scatter),
        wrong=(PANELS_STARTER.replace("'Scatter Plot'", "'Scatter'"),
               PANELS_STARTER.split("# Two separate")[0] + "fig, (a, b) = plt.subplots(1, 2)\na.plot(x, np.sin(x))\n"
               "b.plot(px, py)\nplt.show()\n",
               PANELS_STARTER.split("# Two separate")[0] + "fig, (a, b) = plt.subplots(1, 2)\na.plot(x, np.cos(x))\n"
               "b.scatter(px, py)\nplt.show()\n"),
    ),
    Exercise(
        id="matplotlib.annotate_style/mark_max",
        title=bi("Annotate the highest point", "标注最高点"),
        task=bi("Annotate the highest point of the line with the text 'max' (`plt.annotate`), for "
                "example with an arrow. Find the point with NumPy rather than by eye.",
                "用 `plt.annotate` 给曲线的最高点加上文字 'max' 的标注（可以带箭头）。用 NumPy 找出这个点，而不是靠眼睛看。"),
        starter=MAX_STARTER,
        solution=MAX_STARTER.replace(
            "# your code: annotate the highest point with the text 'max'",
            "i = np.argmax(y)\nplt.annotate('max', (x[i], y[i]), xytext=(x[i] - 2, y[i] - 2),\n"
            "             arrowprops={'arrowstyle': '->'})"),
        hints=(bi("`np.argmax(y)` is the position of the largest value.", "`np.argmax(y)` 是最大值所在的位置。"),
               bi("`plt.annotate('max', (x[i], y[i]))`, as the lesson's labels.", "`plt.annotate('max', (x[i], y[i]))`，和课程中的标注一样。")),
        checks=(_annotation, _points_at),
        wrong=(MAX_STARTER.replace("# your code:", "plt.text(8, 12, 'max')\n#"),
               MAX_STARTER.replace("# your code:", "plt.annotate('max', (x[-1], y[-1]))\n#")),
    ),
    Exercise(
        id="matplotlib.annotate_style/dashed_red",
        title=bi("Style a line", "设置线条样式"),
        task=bi("Draw x ** 2 as a **red dashed** line 2 wide, labelled 'square', and show a legend.",
                "把 x ** 2 画成线宽 2 的**红色虚线**，标签为 'square'，并显示图例。"),
        starter=STYLE_STARTER,
        solution=STYLE_STARTER.replace(
            "plt.plot(x, x ** 2)  # your code: red, dashed, 2 wide, labelled 'square'; then a legend",
            "plt.plot(x, x ** 2, color='red', linestyle='--', linewidth=2, label='square')\nplt.legend()"),
        hints=(bi("The lesson's dashed line: `color=`, `linewidth=`, `linestyle='--'`.",
                  "课程中的虚线：`color=`、`linewidth=`、`linestyle='--'`。"),
               bi("A legend lists the lines that have a `label=`.", "图例会列出带 `label=` 的线。")),
        checks=(_square, _style, _style_legend),
        wrong=(STYLE_STARTER.replace("plt.plot(x, x ** 2) ", "plt.plot(x, x ** 3, 'r--', lw=2, label='square')\nplt.legend() "),
               STYLE_STARTER.replace("plt.plot(x, x ** 2) ", "plt.plot(x, x ** 2, 'b--', lw=2, label='square')\n"
                                     "plt.legend() "),
               STYLE_STARTER.replace("plt.plot(x, x ** 2) ", "plt.plot(x, x ** 2, 'r--', lw=2) ")),
    ),
]
