"""Exercises on Bayes' formula and on reading, grouping and summarising tables with pandas."""

from studio.core.text import bi
from studio.practice.checks import array, close, describe, labels_of, passed
from studio.practice.exercise import Exercise, Fail, check

# -- stats.naive_bayes ------------------------------------------------------------------------------
BAYES_STARTER = '''\
# A test for a rare disease
p_disease = 0.01         # P(disease): 1 person in 100 has it
p_pos_if_disease = 0.99  # P(positive | disease): the test finds 99% of the cases
p_pos_if_healthy = 0.05  # P(positive | healthy): 5% false alarms

p_positive = 0.0                # your code: P(positive), over the ill and the healthy
p_disease_given_positive = 0.0  # your code: Bayes' formula

print(f"P(disease | positive) = {p_disease_given_positive:.4f}")
'''


@check("evidence", bi("`p_positive` = P(pos | disease) P(disease) + P(pos | healthy) P(healthy)",
                      "`p_positive` = P(阳性 | 患病) P(患病) + P(阳性 | 健康) P(健康)"))
def _evidence(env):
    return close(env.number("p_positive"), 0.99 * 0.01 + 0.05 * 0.99, rtol=1e-9, what="p_positive")


@check("posterior", bi("`p_disease_given_positive` follows Bayes' formula", "`p_disease_given_positive` 符合贝叶斯公式"))
def _posterior(env):
    return close(env.number("p_disease_given_positive"), 0.99 * 0.01 / (0.99 * 0.01 + 0.05 * 0.99), rtol=1e-9,
                 what="P(disease | positive)")


PRIORS_STARTER = '''\
import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.3, random_state=42)

priors = np.ones(3) / 3   # your code: P(c), the share of each class in y_train
means = np.zeros((3, 4))  # your code: the mean of each feature within each class (3 x 4)

print(priors)
print(means)
'''


def _iris_train():
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split

    iris = load_iris()
    X_train, _, y_train, _ = train_test_split(iris.data, iris.target, test_size=0.3, random_state=42)
    return X_train, y_train


@check("priors", bi("`priors` are the class shares of y_train", "`priors` 是 y_train 中各类别的占比"))
def _priors(env):
    import numpy as np

    _, y = _iris_train()
    return close(array(env, "priors"), np.bincount(y) / len(y), rtol=1e-9, what="priors")


@check("means", bi("`means[c]` is the mean of the training rows of class c", "`means[c]` 是类别 c 训练样本的均值"))
def _means(env):
    import numpy as np

    X, y = _iris_train()
    return close(array(env, "means"), np.array([X[y == c].mean(axis=0) for c in range(3)]), rtol=1e-9, what="means")


# -- pandas.csv_basics -------------------------------------------------------------------------------
OLDEST_STARTER = '''\
import pandas as pd
from studio.live import data_path

df = pd.read_csv(data_path("data.csv"))  # the article's data.csv
print(df)

oldest_name = ""  # your code: the Name of the oldest person
by_age = []       # your code: the names, from the oldest to the youngest

print(oldest_name, by_age)
'''


def _names(env, name: str) -> list:
    value = env.var(name)
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise Fail(bi(f"`{name}` a list of names", f"`{name}` 是名字的列表"), describe(value))
    return [str(v) for v in value]


@check("oldest", bi("`oldest_name` is the name of the oldest person", "`oldest_name` 是年龄最大者的名字"))
def _oldest(env):
    value = env.var("oldest_name")
    return passed(value == "David", "'David'", describe(value))


@check("order", bi("`by_age` lists the names from the oldest to the youngest", "`by_age` 按年龄从大到小列出名字"))
def _by_age(env):
    found = _names(env, "by_age")
    expected = ["David", "Charlie", "Bob", "Alice"]
    return passed(found == expected, describe(expected), describe(found))


GROUPS_STARTER = '''\
import pandas as pd
from studio.live import data_path

df = pd.read_csv(data_path("data.csv"))

# your code: a column "Group": "under 30" where Age < 30, else "30 and over"
group_counts = None  # your code: how many people are in each group

print(df)
print(group_counts)
'''


@check("column", bi("`df[\"Group\"]` says \"under 30\" or \"30 and over\" for each row",
                    "`df[\"Group\"]` 对每一行给出 \"under 30\" 或 \"30 and over\""))
def _group_column(env):
    import pandas as pd

    df = env.var("df", pd.DataFrame)
    if "Group" not in df.columns:
        raise Fail(bi("a column Group", "一列 Group"), bi(f"columns {list(df.columns)}", f"列 {list(df.columns)}"))
    found, expected = [str(v) for v in df["Group"]], ["under 30", "30 and over", "30 and over", "30 and over"]
    return passed(found == expected, describe(expected), describe(found))


@check("counts", bi("`group_counts` gives the number of people in each group", "`group_counts` 给出每组的人数"))
def _group_counts(env):
    value = env.var("group_counts")
    found = value.to_dict() if hasattr(value, "to_dict") else value
    found = {str(k): v for k, v in found.items()} if isinstance(found, dict) else found
    expected = {"30 and over": 3, "under 30": 1}
    return passed(found == expected, describe(expected), describe(found))


# -- pandas.groupby ----------------------------------------------------------------------------------
SCORES = '''\
import pandas as pd

data = {'Name': ['Alice', 'Bob', 'Charlie', 'David', 'Eve', 'Frank', 'Grace', 'Henry'],
        'Gender': ['F', 'M', 'M', 'M', 'F', 'M', 'F', 'M'],
        'Subject': ['Math', 'Math', 'Math', 'Math', 'Science', 'Science', 'Science', 'Science'],
        'Score': [85, 90, 78, 92, 88, 76, 95, 89]}
df = pd.DataFrame(data)
'''
GENDER_STARTER = SCORES + '''
subject_avg_scores = df.groupby('Subject')['Score'].mean()  # the lesson's last step
print(subject_avg_scores)

gender_avg = None  # your code: the mean score per Gender
print(gender_avg)
'''


def _series(env, name: str):
    import pandas as pd

    return env.var(name, pd.Series, what=bi(f"`{name}` a pandas Series", f"`{name}` 是 pandas Series"))


@check("series", bi("`gender_avg` is a pandas Series", "`gender_avg` 是 pandas Series"))
def _gender_series(env):
    _series(env, "gender_avg")
    return passed(True, "Series", "Series")


@check("index", bi("it is indexed by F and M", "它的索引是 F 和 M"))
def _gender_index(env):
    index = labels_of(_series(env, "gender_avg").index)
    return passed(index == ["F", "M"], "['F', 'M']", describe(index))


@check("means", bi("F 89.333..., M 85.0: the mean of each group's scores", "F 89.333...，M 85.0：各组成绩的平均值"))
def _gender_means(env):
    avg = _series(env, "gender_avg")
    found = [avg.get("F"), avg.get("M")]
    if any(v is None for v in found):
        raise Fail("F: 89.333..., M: 85.0", describe(avg))
    return close(found, [268 / 3, 85.0], rtol=1e-9, what="[F, M]")


BEST_STARTER = SCORES + '''
best = None  # your code: for each Subject, the Name of the best score
print(best)
'''


@check("series", bi("`best` is a pandas Series indexed by Subject", "`best` 是以 Subject 为索引的 pandas Series"))
def _best_series(env):
    index = labels_of(_series(env, "best").index)
    return passed(index == ["Math", "Science"], "['Math', 'Science']", describe(index))


@check("names", bi("Math: David (92), Science: Grace (95)", "Math：David（92 分），Science：Grace（95 分）"))
def _best_names(env):
    found = {str(k): v for k, v in _series(env, "best").to_dict().items()}
    expected = {"Math": "David", "Science": "Grace"}
    return passed(found == expected, describe(expected), describe(found))


EXERCISES = [
    Exercise(
        id="stats.naive_bayes/bayes_rule",
        title=bi("Bayes' formula: a positive test", "贝叶斯公式：检测呈阳性"),
        task=bi("A test finds 99% of a rare disease that 1% of people have, and gives 5% false alarms. "
                "Compute `p_positive`, the chance of a positive test, then `p_disease_given_positive` "
                "with Bayes' formula. The answer surprises most people.",
                "某检测能查出 99% 的某种罕见病（1% 的人患病），但有 5% 的误报。请先计算检测呈阳性的概率 "
                "`p_positive`，再用贝叶斯公式计算 `p_disease_given_positive`。结果会让多数人意外。"),
        starter=BAYES_STARTER,
        solution=BAYES_STARTER.replace(
            "p_positive = 0.0                # your code: P(positive), over the ill and the healthy",
            "p_positive = p_pos_if_disease * p_disease + p_pos_if_healthy * (1 - p_disease)")
        .replace("p_disease_given_positive = 0.0  # your code: Bayes' formula",
                 "p_disease_given_positive = p_pos_if_disease * p_disease / p_positive"),
        hints=(bi("P(positive) adds the positives of both groups: the ill (1%) and the healthy (99%).",
                  "P(阳性) 是两组阳性之和：患病的人（1%）和健康的人（99%）。"),
               bi("P(disease | positive) = P(positive | disease) P(disease) / P(positive).",
                  "P(患病 | 阳性) = P(阳性 | 患病) P(患病) / P(阳性)。")),
        checks=(_evidence, _posterior),
        wrong=(BAYES_STARTER.replace("p_positive = 0.0 ", "p_positive = p_pos_if_disease ")
               .replace("p_disease_given_positive = 0.0 ", "p_disease_given_positive = p_disease * p_pos_if_disease "
                        "/ p_positive "),
               BAYES_STARTER.replace("p_positive = 0.0 ", "p_positive = 0.99 * 0.01 + 0.05 * 0.99 ")
               .replace("p_disease_given_positive = 0.0 ", "p_disease_given_positive = p_pos_if_disease ")),
    ),
    Exercise(
        id="stats.naive_bayes/class_priors",
        title=bi("Naive Bayes by hand: priors and means", "手写朴素贝叶斯：先验与均值"),
        task=bi("The first step of the lesson's Gaussian naive Bayes: from the training rows, compute "
                "`priors`, the share of each class (P(c)), and `means`, the mean of each feature within "
                "each class (3 classes x 4 features).",
                "课程中高斯朴素贝叶斯的第一步：根据训练样本计算 `priors`（各类别的占比 P(c)）和 `means`"
                "（每个类别内各特征的均值，3 个类别 x 4 个特征）。"),
        starter=PRIORS_STARTER,
        solution=PRIORS_STARTER.replace(
            "priors = np.ones(3) / 3   # your code: P(c), the share of each class in y_train",
            "priors = np.array([np.mean(y_train == c) for c in range(3)])")
        .replace("means = np.zeros((3, 4))  # your code: the mean of each feature within each class (3 x 4)",
                 "means = np.array([X_train[y_train == c].mean(axis=0) for c in range(3)])"),
        hints=(bi("`np.mean(y_train == c)` is the share of class c.", "`np.mean(y_train == c)` 就是类别 c 的占比。"),
               bi("`X_train[y_train == c]` keeps the rows of class c; `.mean(axis=0)` averages each column.",
                  "`X_train[y_train == c]` 取出类别 c 的行；`.mean(axis=0)` 对每列求均值。")),
        checks=(_priors, _means),
        wrong=(PRIORS_STARTER.replace("priors = np.ones(3) / 3 ", "priors = np.bincount(iris.target) / 150 ")
               .replace("means = np.zeros((3, 4)) ",
                        "means = np.array([X_train[y_train == c].mean(axis=0) for c in range(3)]) "),
               PRIORS_STARTER.replace("priors = np.ones(3) / 3 ", "priors = np.bincount(y_train) / len(y_train) ")
               .replace("means = np.zeros((3, 4)) ", "means = np.tile(X_train.mean(axis=0), (3, 1)) ")),
    ),
    Exercise(
        id="pandas.csv_basics/oldest",
        title=bi("The oldest, and everyone by age", "年龄最大者与按年龄排序"),
        task=bi("From the article's data.csv, put the name of the oldest person in `oldest_name` and "
                "the names from the oldest to the youngest in the list `by_age`.",
                "根据原文的 data.csv，把年龄最大者的名字放进 `oldest_name`，并把从年龄最大到最小的名字列表放进 `by_age`。"),
        starter=OLDEST_STARTER,
        solution=OLDEST_STARTER.replace("oldest_name = \"\"  # your code: the Name of the oldest person",
                                        "oldest_name = df.loc[df['Age'].idxmax(), 'Name']")
        .replace("by_age = []       # your code: the names, from the oldest to the youngest",
                 "by_age = df.sort_values('Age', ascending=False)['Name'].tolist()"),
        hints=(bi("The lesson's `df.loc[df['Age'].idxmax()]` is the row of the oldest.",
                  "课程中的 `df.loc[df['Age'].idxmax()]` 就是年龄最大者那一行。"),
               bi("`sort_values('Age', ascending=False)`, then the `Name` column's `.tolist()`.",
                  "先 `sort_values('Age', ascending=False)`，再取 `Name` 列的 `.tolist()`。")),
        checks=(_oldest, _by_age),
        wrong=(OLDEST_STARTER.replace("oldest_name = \"\" ", "oldest_name = df['Name'].iloc[0] ")
               .replace("by_age = [] ", "by_age = ['David', 'Charlie', 'Bob', 'Alice'] "),
               OLDEST_STARTER.replace("oldest_name = \"\" ", "oldest_name = 'David' ")
               .replace("by_age = [] ", "by_age = df.sort_values('Age')['Name'].tolist() ")),
    ),
    Exercise(
        id="pandas.csv_basics/age_groups",
        title=bi("A new column, then count", "新增一列再计数"),
        task=bi("As the lesson adds `Is_Adult`, add a column `Group` to `df`: \"under 30\" where Age is "
                "below 30, else \"30 and over\". Then put in `group_counts` how many people each group has.",
                "仿照课程添加 `Is_Adult` 的做法，给 `df` 添加一列 `Group`：Age 小于 30 为 \"under 30\"，否则为 "
                "\"30 and over\"。然后把每组的人数放进 `group_counts`。"),
        starter=GROUPS_STARTER,
        solution=GROUPS_STARTER.replace(
            "# your code: a column \"Group\": \"under 30\" where Age < 30, else \"30 and over\"",
            "df['Group'] = df['Age'].apply(lambda age: 'under 30' if age < 30 else '30 and over')")
        .replace("group_counts = None  # your code: how many people are in each group",
                 "group_counts = df['Group'].value_counts()"),
        hints=(bi("`df['Age'].apply(function)` makes a column from each age; or `np.where(df['Age'] < 30, a, b)`.",
                  "`df['Age'].apply(函数)` 由每个年龄生成一列；也可用 `np.where(df['Age'] < 30, a, b)`。"),
               bi("`value_counts()` counts each value of a column.", "`value_counts()` 统计一列中每个值出现的次数。")),
        checks=(_group_column, _group_counts),
        wrong=(GROUPS_STARTER.replace("group_counts = None ", "df['Group'] = ['under 30', 'under 30', '30 and over', "
                                      "'30 and over']\ngroup_counts = df['Group'].value_counts() "),
               GROUPS_STARTER.replace("group_counts = None ", "df['Group'] = df['Age'].apply(lambda a: 'under 30' if a "
                                      "< 30 else '30 and over')\ngroup_counts = df['Group'].value_counts("
                                      "normalize=True) ")),
    ),
    Exercise(
        id="pandas.groupby/by_gender",
        title=bi("Mean score by gender", "按性别求平均分"),
        task=bi("With the article's student DataFrame `df`, put the mean score per `Gender` into "
                "`gender_avg`: a Series indexed by F and M.",
                "使用原文的学生成绩 DataFrame `df`，把每个 `Gender` 的平均分放进 `gender_avg`：一个以 F 和 M 为索引的 Series。"),
        starter=GENDER_STARTER,
        solution=GENDER_STARTER.replace("gender_avg = None  # your code: the mean score per Gender",
                                        "gender_avg = df.groupby('Gender')['Score'].mean()"),
        hints=(bi("The lesson groups by Subject; group by another column the same way.",
                  "课程按 Subject 分组；用同样的方法按另一列分组。"),
               bi("`df.groupby('Gender')['Score'].mean()`", "`df.groupby('Gender')['Score'].mean()`")),
        checks=(_gender_series, _gender_index, _gender_means),
        wrong=(GENDER_STARTER.replace("gender_avg = None ", "gender_avg = df.groupby('Gender')['Score'].sum() "),
               GENDER_STARTER.replace("gender_avg = None ", "gender_avg = df.groupby('Gender')['Score'].mean().to_dict() "),
               GENDER_STARTER.replace("gender_avg = None ", "gender_avg = df.groupby('Subject')['Score'].mean() ")),
    ),
    Exercise(
        id="pandas.groupby/best_per_subject",
        title=bi("The best student of each subject", "每科最高分的学生"),
        task=bi("Put in `best`, a Series indexed by Subject, the Name of the student with the highest "
                "score in that subject.",
                "在 `best` 中（以 Subject 为索引的 Series）给出每门科目最高分学生的 Name。"),
        starter=BEST_STARTER,
        solution=BEST_STARTER.replace("best = None  # your code: for each Subject, the Name of the best score",
                                      "best = df.set_index('Name').groupby('Subject')['Score'].idxmax()"),
        hints=(bi("`idxmax()` gives the index label of the largest value; make Name the index first.",
                  "`idxmax()` 给出最大值所在的索引标签；先把 Name 设为索引。"),
               bi("`df.set_index('Name').groupby('Subject')['Score'].idxmax()`",
                  "`df.set_index('Name').groupby('Subject')['Score'].idxmax()`")),
        checks=(_best_series, _best_names),
        wrong=(BEST_STARTER.replace("best = None ", "best = df.groupby('Subject')['Score'].max() "),
               BEST_STARTER.replace("best = None ", "best = df.set_index('Name')['Score'].nlargest(2) ")),
    ),
]
