"""Pandas plotting: bar and line charts of sales and profits, drawn by DataFrame.plot."""

from studio.core.lesson import Change, Lesson
from studio.core.text import bi

ARTICLE_CODE = '''\
import pandas as pd
import matplotlib.pyplot as plt
# 创建一个简单的数据集
data = {'Year': [2015, 2016, 2017, 2018, 2019, 2020],
        'Sales': [100, 150, 70, 200, 180, 220],
        'Profits': [50, 60, 40, 80, 70, 90]
}
# 将数据转换为Pandas DataFrame
df = pd.DataFrame(data)
# 绘制柱状图
df.plot(kind='bar', x='Year', y=['Sales', 'Profits'], legend=True, title='Sales and Profits Over Years')
plt.xlabel('Year')
plt.ylabel('Amount')
plt.show()
# 绘制折线图
df.plot(kind='line', x='Year', y=['Sales', 'Profits'], legend=True, title='Sales and Profits Over Years (Line Chart)')
plt.xlabel('Year')
plt.ylabel('Amount')
plt.show()
'''  # noqa: E501 (the article's lines, verbatim)

DATA = {
    "Year": [2015, 2016, 2017, 2018, 2019, 2020],
    "Sales": [100, 150, 70, 200, 180, 220],
    "Profits": [50, 60, 40, 80, 70, 90],
}


def run(ctx):
    import pandas as pd
    from matplotlib.figure import Figure

    df = pd.DataFrame(DATA)
    print(df)
    ctx.table("data", df)

    charts = (("bar", "Sales and Profits Over Years"),
              ("line", "Sales and Profits Over Years (Line Chart)"))
    for kind, title in charts:
        fig = Figure(figsize=(6.4, 4.8))
        ax = fig.add_subplot()
        df.plot(kind=kind, x="Year", y=["Sales", "Profits"], legend=True, title=title, ax=ax)
        ax.set_xlabel("Year")
        ax.set_ylabel("Amount")
        fig.tight_layout()
        ctx.figure(f"{kind}_chart", fig)

    ctx.result(
        total_sales=int(df["Sales"].sum()),
        total_profits=int(df["Profits"].sum()),
        best_sales_year=int(df.loc[df["Sales"].idxmax(), "Year"]),
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "bar_chart": bi("bar chart", "柱状图"),
    "line_chart": bi("line chart", "折线图"),
    "total_sales": bi("Total sales", "销售总额"),
    "total_profits": bi("Total profits", "利润总额"),
    "best_sales_year": bi("Best sales year", "销售最好的年份"),
}


LESSON = Lesson(
    id="pandas.plotting",
    title=bi("Pandas: bar and line charts", "Pandas：柱状图与折线图"),
    summary=bi(
        "Put six years of sales and profits in a DataFrame and let DataFrame.plot draw them as a "
        "bar chart and as a line chart, with matplotlib underneath.",
        "把六年的销售额和利润放进 DataFrame，用 DataFrame.plot 分别画成柱状图和折线图，"
        "底层由 matplotlib 完成绘图。",
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored.", "恢复了原文的换行。")),
        Change(bi("pyplot is replaced by matplotlib's object-oriented API: each chart is drawn on "
                  "the Axes of its own Figure (df.plot(ax=ax)) and ax.set_xlabel replaces "
                  "plt.xlabel, because pyplot is not safe outside the main thread. The app shows "
                  "the figures; the CLI writes them as PNG with --out.",
                  "用 matplotlib 的面向对象接口代替 pyplot：每张图画在独立 Figure 的 Axes 上"
                  "（df.plot(ax=ax)），用 ax.set_xlabel 代替 plt.xlabel，因为 pyplot 在主线程之外"
                  "并不安全。应用内直接显示图形；命令行加 --out 时保存为 PNG。")),
        Change(bi("The data is printed and shown as a table.", "数据同时打印并以表格显示。")),
    ),
    related=("pandas.groupby", "matplotlib.plot_2d_3d"),
    run=run,
    labels=LABELS,
)
