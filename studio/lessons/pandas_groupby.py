"""Pandas example 6: group a table of scores and average each group."""

from studio.core.lesson import Change, Lesson
from studio.core.text import bi

ARTICLE_CODE = '''\
import pandas as pd
# 创建一个扩展后的学生成绩DataFrame
data = {'Name': ['Alice', 'Bob', 'Charlie', 'David', 'Eve', 'Frank', 'Grace', 'Henry'],
        'Gender': ['F', 'M', 'M', 'M', 'F', 'M', 'F', 'M'],
        'Subject': ['Math', 'Math', 'Math', 'Math', 'Science', 'Science', 'Science', 'Science'],
        'Score': [85, 90, 78, 92, 88, 76, 95, 89]
}
df = pd.DataFrame(data)
print("原始数据:")
print(df)
# 按姓名和科目分组,计算每个组的平均分
grouped = df.groupby(['Name', 'Subject'])['Score'].mean()
# 将结果转换为DataFrame以便更好地显示
result = grouped.reset_index()
print("按姓名和科目分组后的平均分:")
print(result)
# 进一步分析:计算每个学生的平均成绩
student_avg_scores = df.groupby('Name')['Score'].mean()
print("\\n每个学生的平均成绩:")
print(student_avg_scores)
# 进一步分析:计算每个科目的平均成绩
subject_avg_scores = df.groupby('Subject')['Score'].mean()
print("\\n每个科目的平均成绩:")
print(subject_avg_scores)
'''

DATA = {
    "Name": ["Alice", "Bob", "Charlie", "David", "Eve", "Frank", "Grace", "Henry"],
    "Gender": ["F", "M", "M", "M", "F", "M", "F", "M"],
    "Subject": ["Math", "Math", "Math", "Math", "Science", "Science", "Science", "Science"],
    "Score": [85, 90, 78, 92, 88, 76, 95, 89],
}


def run(ctx):
    import pandas as pd

    df = pd.DataFrame(DATA)
    print("原始数据:")
    print(df)

    grouped = df.groupby(["Name", "Subject"])["Score"].mean()
    result = grouped.reset_index()  # a DataFrame prints more readably than a MultiIndex Series
    print("按姓名和科目分组后的平均分:")
    print(result)

    student_avg_scores = df.groupby("Name")["Score"].mean()
    print("\n每个学生的平均成绩:")
    print(student_avg_scores)

    subject_avg_scores = df.groupby("Subject")["Score"].mean()
    print("\n每个科目的平均成绩:")
    print(subject_avg_scores)

    ctx.table("data", df)
    ctx.table("by name and subject", result)
    ctx.table("per student", student_avg_scores.to_frame())
    ctx.table("per subject", subject_avg_scores.to_frame())
    ctx.result(
        student_avg={str(k): float(v) for k, v in student_avg_scores.items()},
        subject_avg={str(k): float(v) for k, v in subject_avg_scores.items()},
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "by name and subject": bi("by name and subject", "按姓名和科目"),
    "per student": bi("per student", "每位学生"),
    "per subject": bi("per subject", "每个科目"),
    "student_avg": bi("Mean score per student", "每位学生的平均分"),
    "subject_avg": bi("Mean score per subject", "每个科目的平均分"),
}


LESSON = Lesson(
    id="pandas.groupby",
    title=bi("Pandas: grouping and aggregation", "Pandas：数据分组与聚合"),
    summary=bi(
        "Build a DataFrame of eight students' scores, then group it with groupby and average "
        "the scores by name and subject, by student and by subject.",
        "构建一个包含八名学生成绩的 DataFrame，再用 groupby 分组，分别按姓名和科目、"
        "按学生、按科目计算平均分。",
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored (its comments and the DataFrame line had "
                  "run into other lines).",
                  "恢复了原文的换行（原文的注释和创建 DataFrame 的语句挤在了其他行里）。")),
        Change(bi("The four printed results are also shown as tables.",
                  "打印的四个结果同时以表格显示。")),
    ),
    related=("pandas.csv_basics", "pandas.plotting"),
    run=run,
    labels=LABELS,
)
