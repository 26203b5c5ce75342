"""Pandas example 5: read a CSV file, clean a column, add one, group, find and sort."""

from studio.core.lesson import Change, Lesson, LessonError, Param
from studio.core.text import bi

ARTICLE_CODE = '''\
import pandas as pd
# 读取CSV文件到DataFrame
df = pd.read_csv('data.csv')
# 查看前几行数据
print(df.head())
# 数据清洗:将'Age'列中的字符串转换为整数
df['Age'] = df['Age'].astype(int)
# 数据转换:添加一列'Is_Adult',判断年龄是否大于等于18
df['Is_Adult'] = df['Age'] >= 18
# 数据分析:计算每个城市的成年人数
adult_counts = df.groupby('City')['Is_Adult'].sum()
print(adult_counts)
# 数据分析:找出年龄最大的人
oldest_person = df.loc[df['Age'].idxmax()]
print(oldest_person)
# 数据分析:按年龄从大到小排序
sorted_df = df.sort_values('Age', ascending=False)
print(sorted_df)
'''

SHIPPED = "data.csv"  # the article's file, in resources/data/
NEEDED = ("Name", "Age", "City")


class CsvProblem(LessonError):
    """The chosen CSV file cannot be used by this lesson."""


class CsvNotFound(CsvProblem):
    pass


class NotACsv(CsvProblem):
    pass


class CsvMissingColumns(CsvProblem):
    pass


class CsvBadAge(CsvProblem):
    pass


def read_people(path):
    """Read the CSV at `path`, or raise a `CsvProblem` that says what is wrong with it."""
    import pandas as pd

    if not path.exists():
        raise CsvNotFound(f"CSV file not found: {path}")
    if path.is_dir():
        raise NotACsv(f"{path} is a folder, not a CSV file")
    try:
        df = pd.read_csv(path)
    except UnicodeDecodeError:
        raise NotACsv(f"{path} is not a CSV file: it is not UTF-8 text") from None
    except pd.errors.EmptyDataError:
        raise NotACsv(f"{path} is not a CSV file: it is empty") from None
    except pd.errors.ParserError as exc:
        reason = str(exc).strip().splitlines()[-1]
        raise NotACsv(f"{path} is not a CSV file: {reason}") from None
    df.columns = [str(c).strip() for c in df.columns]  # 'City  ' copied from a web page
    missing = [c for c in NEEDED if c not in df.columns]
    if missing:
        hint = ""
        if len(df.columns) == 1 and any(sep in df.columns[0] for sep in ";\t|"):
            hint = " (its columns seem separated by something other than commas)"
        raise CsvMissingColumns(
            f"{path} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"this lesson needs {', '.join(NEEDED)}, the file has {', '.join(df.columns)}{hint}"
        )
    ages = pd.to_numeric(df["Age"], errors="coerce")
    bad = df.index[ages.isna() | (ages % 1 != 0)]
    if len(bad):
        row = bad[0]
        raise CsvBadAge(
            f"{path}: the Age column must hold whole numbers, but data row {row + 1} has "
            f"{df.at[row, 'Age']!r}"
        )
    return df


def run(ctx, path: str):
    from pathlib import Path

    from studio.lessons._common import data_file

    csv_path = Path(path).expanduser() if path.strip() else data_file(SHIPPED)
    print(f"[studio] reading {csv_path}")
    df = read_people(csv_path)

    print(df.head())
    df["Age"] = df["Age"].astype(int)
    df["Is_Adult"] = df["Age"] >= 18
    adult_counts = df.groupby("City")["Is_Adult"].sum()
    print(adult_counts)
    oldest_person = df.loc[df["Age"].idxmax()]
    print(oldest_person)
    sorted_df = df.sort_values("Age", ascending=False)
    print(sorted_df)

    ctx.table("data", df)
    ctx.table("adults per city", adult_counts.to_frame())
    ctx.table("oldest person", oldest_person.to_frame())
    ctx.table("sorted by age", sorted_df)
    ctx.result(
        rows=len(df),
        adult_counts={str(k): int(v) for k, v in adult_counts.items()},
        oldest_name=str(oldest_person["Name"]),
        oldest_age=int(oldest_person["Age"]),
        names_by_age=[str(n) for n in sorted_df["Name"]],
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "adults per city": bi("adults per city", "各城市成年人数"),
    "oldest person": bi("oldest person", "年龄最大的人"),
    "sorted by age": bi("sorted by age", "按年龄排序"),
    "adult_counts": bi("Adults per city", "各城市成年人数"),
    "oldest_name": bi("Oldest person", "年龄最大的人"),
    "oldest_age": bi("Oldest age", "最大年龄"),
    "names_by_age": bi("Names by age", "按年龄排序的姓名"),
}


LESSON = Lesson(
    id="pandas.csv_basics",
    title=bi("Pandas: reading and analysing a CSV file", "Pandas：读取与分析 CSV 文件"),
    summary=bi(
        "Read the article's data.csv (or your own file with Name, Age and City columns) into a "
        "DataFrame, convert Age to integers, add an Is_Adult column, count adults per city, find "
        "the oldest person and sort by age.",
        "把原文的 data.csv（或你自己的、含 Name、Age、City 列的文件）读入 DataFrame，"
        "将 Age 转为整数，添加 Is_Adult 列，统计每个城市的成年人数，找出年龄最大的人，"
        "并按年龄从大到小排序。",
    ),
    params=(
        Param("path", "path", "", bi("CSV file", "CSV 文件"),
              help=bi("Leave empty for the article's data.csv. Your file needs the columns Name, "
                      "Age and City, separated by commas.",
                      "留空则使用原文的 data.csv。你自己的文件须包含 Name、Age、City 三列，并以逗号分隔。")),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored (its comments had run into the code lines).",
                  "恢复了原文的换行（原文的注释和代码挤在了同一行）。")),
        Change(bi("data.csv ships with the app; a 'CSV file' parameter lets you read your own file.",
                  "data.csv 随应用提供；可通过“CSV 文件”参数读取你自己的文件。")),
        Change(bi("Before the article's steps the file is checked: a missing file, a file that is not "
                  "CSV, missing Name/Age/City columns or a non-integer age get a clear message "
                  "instead of a pandas traceback. Spaces around column names are removed.",
                  "在执行原文步骤前先检查文件：文件不存在、不是 CSV、缺少 Name/Age/City 列、"
                  "年龄不是整数时，给出清楚的提示而不是 pandas 的报错堆栈。列名两端的空格会被去掉。")),
        Change(bi("Each result is also shown as a table.", "每个结果同时以表格显示。")),
    ),
    related=("pandas.groupby", "pandas.plotting"),
    run=run,
    labels=LABELS,
)
