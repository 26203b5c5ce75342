"""The article's recommended regression data: Boston house prices (506 rows), with its ethical note."""

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, LessonError, Param
from studio.core.text import bi
from studio.lessons._common import data_file, param_random_state, param_test_size

ARTICLE_CODE = '''\
# 推荐数据集:
#   鸢尾花分类(150条数据)
#   波士顿房价预测(506条数据)
# The article names the dataset without code. Tutorials of its time loaded it with:
from sklearn.datasets import load_boston
boston = load_boston()
'''

BOSTON_FILE = "boston_house_prices.csv"  # from scikit-learn 1.1; see resources/data/README.md
DATASETS = ("boston", "diabetes", "california")

ETHICS_NOTE = bi(
    "Note on this dataset: scikit-learn removed load_boston in version 1.2 because of an ethical "
    "problem. The authors of the data engineered the non-invertible column B = 1000(Bk - 0.63)^2, "
    "where Bk is the proportion of Black residents by town, assuming that racial self-segregation "
    "had a positive impact on house prices; the study, which was about air quality, did not "
    "adequately demonstrate that assumption. scikit-learn's maintainers strongly discourage using "
    "the data except to study and teach ethical issues in data science and machine learning. It "
    "is kept here because the article recommends it: read column B with this in mind, leave it "
    "out (drop_b), or choose the diabetes data.",
    "关于这个数据集：scikit-learn 在 1.2 版中移除了 load_boston，原因是它存在伦理问题。"
    "数据作者构造了不可逆的变量 B = 1000(Bk - 0.63)^2（Bk 为各城镇黑人居民所占比例），"
    "其前提假设是种族自我隔离会对房价产生正面影响；而这项研究本来是考察空气质量的，"
    "并没有充分论证这一假设。scikit-learn 维护者强烈建议不要使用这份数据，除非是为了研究和讲授"
    "数据科学与机器学习中的伦理问题。本课保留它，是因为原文推荐了它：请带着这一认识看待 B 列，"
    "也可以排除 B 列（drop_b），或改用糖尿病（diabetes）数据集。",
)


class DatasetUnavailable(LessonError):
    """The chosen dataset cannot be loaded on this machine."""


def load(name: str):
    """(features DataFrame, target Series, target description) of the chosen dataset."""
    import pandas as pd

    if name == "boston":
        df = pd.read_csv(data_file(BOSTON_FILE), skiprows=1)  # line 1 holds "506,13"
        return df.drop(columns="MEDV"), df["MEDV"], "MEDV, median home value ($1000s)"
    if name == "diabetes":
        from sklearn.datasets import load_diabetes

        bunch = load_diabetes(as_frame=True)
        return bunch.data, bunch.target, "disease progression one year after baseline"
    from sklearn.datasets import fetch_california_housing, get_data_home

    try:
        bunch = fetch_california_housing(download_if_missing=False, as_frame=True)
    except OSError:
        raise DatasetUnavailable(
            "the California housing data is not on this computer: scikit-learn does not bundle it "
            f"but downloads it (about 400 kB) into {get_data_home()} on first use. Run "
            "`python -c \"from sklearn.datasets import fetch_california_housing as f; f()\"` once "
            "while online, or choose dataset=boston or dataset=diabetes"
        ) from None
    return bunch.data, bunch.target, "median house value ($100,000s)"


def run(ctx, dataset: str, drop_b: bool, test_size: float, random_state: int):
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_squared_error, r2_score
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y, target = load(dataset)
    if dataset == "boston":
        print(ETHICS_NOTE["en"])
        print(ETHICS_NOTE["zh"])
        print()
        if drop_b:
            X = X.drop(columns="B")
            print("[studio] column B left out")
    elif drop_b:
        print(f"[studio] drop_b only applies to the Boston data; {dataset} has no column B")
    print(f"[studio] {dataset}: {X.shape[0]} rows, {X.shape[1]} features; target: {target}")

    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state)
    ctx.check()
    # Standardising first changes no prediction of a least-squares fit, but puts the
    # coefficients on one scale: each is the change in the target per standard deviation.
    model = make_pipeline(StandardScaler(), LinearRegression())
    model.fit(X_train, y_train)
    y_pred = model.predict(X_test)

    mse = mean_squared_error(y_test, y_pred)
    r2 = r2_score(y_test, y_pred)
    print(f"Mean squared error: {mse}")
    print(f"Root mean squared error: {np.sqrt(mse)}")
    print(f"R^2: {r2}")

    coef = pd.Series(model[-1].coef_, index=X.columns, name="coefficient per std. dev.")
    coef = coef.reindex(coef.abs().sort_values(ascending=False).index)
    ctx.table("coefficients (standardised features)", coef.to_frame())
    ctx.table("data (first rows)", pd.concat([X, y.rename("target")], axis=1).head(20))

    actual = np.asarray(y_test, dtype=float)
    lo, hi = float(min(actual.min(), y_pred.min())), float(max(actual.max(), y_pred.max()))
    ctx.plot("predicted_vs_actual", Plot(
        title=bi(f"{dataset}: predicted vs actual (R^2 {r2:.3f})", f"{dataset}：预测值与真实值（R^2 {r2:.3f}）"),
        xlabel=bi(f"actual {target}", f"真实 {target}"), ylabel=bi("predicted", "预测值"),
        series=[
            Series(actual, y_pred, bi("test rows", "测试样本"), style="scatter"),
            Series([lo, hi], [lo, hi], bi("perfect prediction", "完美预测"), width=1, color="gray"),
        ],
    ))
    ctx.result(dataset=dataset, rows=int(X.shape[0]), features=int(X.shape[1]),
               mse=float(mse), rmse=float(np.sqrt(mse)), r2=float(r2))


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "coefficients (standardised features)": bi("coefficients (standardised features)", "系数（标准化特征）"),
    "data (first rows)": bi("data (first rows)", "数据（前几行）"),
    "predicted_vs_actual": bi("predicted vs actual", "预测值与真实值"),
    "coefficient per std. dev.": bi("coefficient per std. dev.", "每个标准差的系数"),
    "target": bi("target", "目标值"),
}


LESSON = Lesson(
    id="sklearn.boston_housing",
    title=bi("scikit-learn: Boston house prices (regression)", "scikit-learn：波士顿房价预测（回归）"),
    summary=bi(
        "The article recommends Boston house prices (506 rows, 13 features) for a first "
        "regression. scikit-learn no longer ships it, so the original file comes with the app. "
        "Fit a linear regression, score it on held-out rows and plot predicted against actual "
        "prices. " + ETHICS_NOTE["en"],
        "原文推荐用波士顿房价数据（506 条、13 个特征）练习回归。scikit-learn 已不再提供这份数据，"
        "因此应用自带了原始文件。拟合线性回归模型，在留出的测试数据上评估，并画出预测值与实际房价的"
        "对比图。" + ETHICS_NOTE["zh"],
    ),
    params=(
        Param("dataset", "choice", "boston", bi("Dataset", "数据集"), choices=DATASETS,
              help=bi("boston: shipped with the app; diabetes: bundled with scikit-learn; "
                      "california: only if scikit-learn has downloaded it before.",
                      "boston：随应用提供；diabetes：scikit-learn 自带；"
                      "california：仅当 scikit-learn 之前已下载过时可用。")),
        Param("drop_b", "bool", False, bi("Leave out column B", "排除 B 列"),
              help=bi("Fit the Boston data without the ethically problematic column B.",
                      "拟合波士顿数据时不使用存在伦理问题的 B 列。")),
        param_test_size(0.2),
        param_random_state(42),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("load_boston was deprecated in scikit-learn 1.0 and removed in 1.2 (see the note "
                  "above), so the lesson reads the original 506-row file that scikit-learn 1.1 "
                  "shipped, now in resources/data/ with its source and licence.",
                  "load_boston 在 scikit-learn 1.0 中被弃用、1.2 中被移除（原因见上文说明），"
                  "因此本课读取 scikit-learn 1.1 附带的原始 506 行数据文件，"
                  "该文件及其来源与许可说明现位于 resources/data/。")),
        Change(bi("The article gives no model code: the lesson fits LinearRegression on "
                  "standardised features (an 80/20 split, as in the breast-cancer example) and "
                  "plots predicted against actual values.",
                  "原文没有给出模型代码：本课在标准化后的特征上拟合 LinearRegression"
                  "（与乳腺癌示例一样按 80/20 划分），并画出预测值与实际值的对比图。")),
        Change(bi("Alternatives: scikit-learn's bundled diabetes data, or California housing when "
                  "it has been downloaded before (it is not bundled; without it the lesson says so).",
                  "替代数据集：scikit-learn 自带的糖尿病数据；或加州房价数据（需事先下载过，"
                  "它不随 scikit-learn 提供；找不到时本课会给出提示）。")),
    ),
    long_steps=True,
    related=("sklearn.linear_regression",),
    run=run,
    labels=LABELS,
)
