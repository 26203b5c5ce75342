"""The article's first cheaper path: train on a random 10% of the data instead of all of it."""

import time

from studio.core.advisor import Estimate
from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed

ARTICLE_CODE = '''\
# 三、无算力环境的替代方案 / 1. 算法层面的优化
# 策略: 数据量压缩    实现方式: 随机抽样10%数据训练    效果: 减少90%计算时间
'''

MODELS = ("random_forest", "logistic_regression")


def make_model(name: str, trees: int, seed: int):
    if name == "random_forest":
        from sklearn.ensemble import RandomForestClassifier

        return RandomForestClassifier(n_estimators=trees, n_jobs=-1, random_state=seed)
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(max_iter=1000)


def run(ctx, rows: int, features: int, fraction: float, model: str, trees: int, seed: int):
    import numpy as np
    import pandas as pd
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    ctx.status(bi("making the data set", "正在生成数据集"))
    # A synthetic but realistically hard table: half the columns informative, a quarter
    # redundant (linear mixes), 3 clusters per class, 2% of the labels flipped.
    X, y = make_classification(
        n_samples=rows, n_features=features, n_informative=max(2, features // 2),
        n_redundant=features // 4, n_clusters_per_class=3, class_sep=0.8, flip_y=0.02,
        random_state=seed,
    )
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=seed, stratify=y)
    print(f"data: {rows:,} rows x {features} features; {len(X_train):,} to train, {len(X_test):,} to test")

    rng = np.random.default_rng(seed)
    n_sample = max(10, int(round(fraction * len(X_train))))
    pick = rng.choice(len(X_train), size=n_sample, replace=False)  # 随机抽样: a random subset
    runs = [("sample", X_train[pick], y_train[pick]), ("full", X_train, y_train)]

    found = []
    for i, (name, X_fit, y_fit) in enumerate(runs):
        ctx.progress(i, len(runs))
        ctx.status(bi(f"training {model} on {len(X_fit):,} rows", f"正在用 {len(X_fit):,} 行训练 {model}"))
        clf = make_model(model, trees, seed)
        start = time.perf_counter()
        clf.fit(X_fit, y_fit)
        fit_s = time.perf_counter() - start
        accuracy = float(clf.score(X_test, y_test))
        found.append({"training_set": f"{100 * len(X_fit) / len(X_train):.0f}%", "rows": len(X_fit),
                      "fit_s": fit_s, "test_accuracy": accuracy})
        print(f"{name:>6}: {len(X_fit):>9,} rows, fit {fit_s:7.2f} s, test accuracy {accuracy:.4f}")
        ctx.check()
    ctx.progress(len(runs), len(runs))

    sample, full = found
    saved = 1 - sample["fit_s"] / full["fit_s"]
    print(f"training on {fraction:.0%} took {saved:.0%} less time; accuracy "
          f"{full['test_accuracy'] - sample['test_accuracy']:+.4f} lower (article: 90% less time)")
    ctx.table("sample_vs_full", pd.DataFrame(found).set_index("training_set"))
    ctx.plot("time_and_accuracy", Plot(
        title=bi(f"{model}: {fraction:.0%} sample vs 100%", f"{model}：{fraction:.0%} 抽样与 100% 对比"),
        xlabel=bi("share of the training rows", "训练行占比"), ylabel=bi("seconds / accuracy", "秒 / 准确率"),
        series=[Series([fraction, 1.0], [sample["fit_s"], full["fit_s"]], bi("fit time (s)", "拟合耗时（秒）"),
                       style="bar"),
                Series([fraction, 1.0], [sample["test_accuracy"], full["test_accuracy"]],
                       bi("test accuracy", "测试准确率"),
                       style="scatter")],
    ))
    ctx.result(
        rows_full=full["rows"], rows_sample=sample["rows"],
        fit_s_full=full["fit_s"], fit_s_sample=sample["fit_s"],
        time_saved=saved,
        accuracy_full=full["test_accuracy"], accuracy_sample=sample["test_accuracy"],
        accuracy_lost=full["test_accuracy"] - sample["test_accuracy"],
    )


def estimate(p) -> Estimate:
    import math

    n_train = 0.8 * p["rows"]
    n_fit = n_train * (1 + p["fraction"])
    if p["model"] == "random_forest":
        # each tree sorts its bootstrap sample on sqrt(features) candidates per node, depth ~ log2 n
        flops = p["trees"] * n_fit * math.log2(max(n_train, 2)) * math.sqrt(p["features"]) * 60
        model_bytes = p["trees"] * n_train * (1 + p["fraction"]) * 100  # ~n nodes, ~100 bytes each
    else:
        flops = 100 * 4 * n_fit * p["features"]  # ~100 L-BFGS iterations of X @ w and X.T @ r
        model_bytes = 0
    return Estimate(
        flops=flops + 200 * p["rows"] * p["features"],  # + making the data set
        bytes=p["rows"] * p["features"] * 8 * 2.2 + model_bytes,  # X, its split, the sample
        rows=p["rows"], features=p["features"], dtype="float64", library="numpy", efficiency=0.05,
        overhead_s=3.0,  # importing scikit-learn and pandas: about 2-3 s
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "sample_vs_full": bi("sample vs full", "抽样与全量对比"),
    "time_and_accuracy": bi("time and accuracy", "耗时与准确率"),
    "training_set": bi("training set", "训练集"),
    "fit_s": bi("fit (s)", "拟合（秒）"),
    "rows_{}": bi("Rows, {}", "行数，{}"),
    "fit_s_{}": bi("Fit, {} (s)", "拟合，{}（秒）"),
    "time_saved": bi("Time saved", "节省的时间"),
    "accuracy_{}": bi("Accuracy, {}", "准确率，{}"),
    "sample": bi("sample", "抽样"),
    "full": bi("full", "全量"),
    "accuracy_lost": bi("Accuracy lost", "损失的准确率"),
}


LESSON = Lesson(
    id="optimize.sampling",
    title=bi("Cheaper path: train on a 10% sample", "省算力：随机抽样 10% 数据训练"),
    summary=bi(
        "The article's first no-compute strategy: train on a random 10% of the rows instead of all "
        "of them, claimed to save 90% of the time. A classifier is trained on both and its fit "
        "time and test accuracy (on the same held-out 20%) are shown side by side. The data is a "
        "synthetic classification table of realistic size made with sklearn's make_classification "
        "(50,000 rows by default; bundled real data sets are too small to show the effect).",
        "原文的第一种无算力策略：随机抽取 10% 的数据训练，而不是全部数据，据称可减少 90% 计算时间。"
        "分别用抽样数据和全量数据训练同一个分类器，并排展示训练时间和在同一 20% 测试集上的准确率。"
        "数据由 sklearn 的 make_classification 生成，规模接近真实场景（默认 50,000 行；"
        "sklearn 自带的真实数据集太小，看不出效果）。",
    ),
    params=(
        Param("rows", "int", 50_000, bi("Rows", "数据行数"), min=1000, max=100_000_000),
        Param("features", "int", 20, bi("Features", "特征数"), min=4, max=1000),
        Param("fraction", "float", 0.1, bi("Sample share", "抽样比例"), min=0.01, max=0.9, step=0.05),
        Param("model", "choice", "random_forest", bi("Model", "模型"), choices=MODELS),
        Param("trees", "int", 20, bi("Trees (random forest)", "树的数量（随机森林）"), min=1, max=500),
        param_seed(0),
    ),
    devices=("cpu",),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article states the strategy in a table; the lesson makes a 50,000-row "
                  "classification table (make_classification: informative, redundant and noisy "
                  "columns, 2% flipped labels), keeps 20% aside for testing, and trains the same "
                  "model on a random 10% of the rest and on all of it.",
                  "原文以表格给出策略；本课生成 50,000 行的分类数据（make_classification：包含有效、"
                  "冗余和噪声特征，2% 的标签被翻转），留出 20% 作测试集，分别用其余数据的随机 10% "
                  "和全部数据训练同一个模型。")),
        Change(bi("Only the fit is timed; both models are scored on the same test rows, so the "
                  "accuracy they lose by sampling is measured, not assumed.",
                  "只对训练过程计时；两个模型在同一测试集上评分，抽样损失的准确率是实测的，而非假设。")),
        Change(bi("A random forest's fit is one long call: Stop takes effect after it.",
                  "随机森林的训练是一次很长的调用：按停止后，要等它结束才会停下。")),
    ),
    long_steps=True,
    related=("optimize.pca", "optimize.light_model"),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
