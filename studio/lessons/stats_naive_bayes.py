"""Bayes' formula and a Gaussian naive Bayes classifier written with NumPy, checked against
scikit-learn's GaussianNB on Iris."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import labelled, param_random_state, param_test_size

ARTICLE_CODE = '''\
# The article lists this item without code:
#   概率统计:贝叶斯公式推导(Python实现朴素贝叶斯分类器)
# (Probability and statistics: derive Bayes' formula; implement a naive Bayes classifier in Python.)
'''

DERIVATION = """\
Bayes' formula / 贝叶斯公式
  P(c, x) = P(x | c) P(c) = P(c | x) P(x)   =>   P(c | x) = P(x | c) P(c) / P(x)
Naive assumption / 朴素假设: the features are independent given the class / 给定类别时各特征相互独立
  P(x | c) = P(x1 | c) P(x2 | c) ... P(xd | c)
Gaussian likelihood / 高斯似然: P(xj | c) = exp(-(xj - mean_cj)^2 / (2 var_cj)) / sqrt(2 pi var_cj)
Decision / 决策 (P(x) is the same for every class / P(x) 对所有类别相同):
  predict argmax_c [ log P(c) + sum_j log P(xj | c) ]   (logs avoid underflow / 取对数避免下溢)"""


class GaussianNaiveBayes:
    """Gaussian naive Bayes in NumPy: class priors, per-class feature means and variances."""

    def __init__(self, var_smoothing: float = 1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        import numpy as np

        self.classes_ = np.unique(y)
        self.priors_ = np.array([np.mean(y == c) for c in self.classes_])
        self.means_ = np.array([X[y == c].mean(axis=0) for c in self.classes_])
        # Like scikit-learn, add a small share of the largest feature variance to every
        # variance, so a feature that is constant within a class cannot divide by zero.
        epsilon = self.var_smoothing * X.var(axis=0).max()
        self.variances_ = np.array([X[y == c].var(axis=0) for c in self.classes_]) + epsilon
        return self

    def log_likelihoods(self, X):
        """log P(xj | c) for every sample, class and feature: shape (samples, classes, features)."""
        import numpy as np

        diff = X[:, None, :] - self.means_[None, :, :]
        return -0.5 * (np.log(2 * np.pi * self.variances_)[None] + diff**2 / self.variances_[None])

    def joint_log_likelihood(self, X):
        """log P(c) + sum_j log P(xj | c): shape (samples, classes)."""
        import numpy as np

        return np.log(self.priors_)[None, :] + self.log_likelihoods(X).sum(axis=2)

    def predict_proba(self, X):
        """P(c | x): the joint likelihoods normalised by P(x) (a log-sum-exp, for stability)."""
        import numpy as np

        jll = self.joint_log_likelihood(X)
        jll -= jll.max(axis=1, keepdims=True)
        p = np.exp(jll)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, X):
        return self.classes_[self.joint_log_likelihood(X).argmax(axis=1)]


def likelihood_figure(model, X, y, feature_names, class_names):
    """One panel per feature: each class's Gaussian P(xj | c), with the training values below."""
    import numpy as np
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 6.5))
    axes = fig.subplots(2, 2).ravel()
    colors = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple")
    for j, ax in enumerate(axes[: X.shape[1]]):
        lo, hi = X[:, j].min(), X[:, j].max()
        grid = np.linspace(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo), 300)
        for k, c in enumerate(model.classes_):
            mean, var = model.means_[k, j], model.variances_[k, j]
            pdf = np.exp(-((grid - mean) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
            color = colors[k % len(colors)]
            ax.plot(grid, pdf, color=color, label=class_names[k])
            ax.plot(X[y == c, j], np.zeros((y == c).sum()), "|", color=color, markersize=10)
        ax.set_title(feature_names[j])
        ax.set_ylabel("P(x | class)")
    axes[0].legend()
    fig.suptitle("Per-class Gaussian likelihoods (training data)")
    fig.tight_layout()
    return fig


def run(ctx, test_size: float, random_state: int, smoothing_power: int):
    var_smoothing = 10.0**smoothing_power
    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_iris
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import train_test_split
    from sklearn.naive_bayes import GaussianNB

    print(DERIVATION)
    iris = load_iris()
    names = [str(n) for n in iris.target_names]
    X_train, X_test, y_train, y_test = train_test_split(
        iris.data, iris.target, test_size=test_size, random_state=random_state)
    print(f"\n[studio] Iris: {len(X_train)} training rows, {len(X_test)} test rows")

    model = GaussianNaiveBayes(var_smoothing).fit(X_train, y_train)
    ctx.check()
    y_pred = model.predict(X_test)
    accuracy = accuracy_score(y_test, y_pred)
    print(f"Priors P(c): {dict(zip(names, model.priors_.round(4).tolist(), strict=True))}")
    print(f"NumPy naive Bayes accuracy: {accuracy}")

    # A worked example: the first test flower, class by class.
    x0 = X_test[:1]
    jll = model.joint_log_likelihood(x0)[0]
    worked = pd.DataFrame({
        "log P(c)": np.log(model.priors_),
        "sum log P(xj|c)": model.log_likelihoods(x0)[0].sum(axis=1),
        "log P(c) + sum": jll,
        "P(c|x)": model.predict_proba(x0)[0],
    }, index=names)
    print(f"\nFirst test flower {x0[0].tolist()} (true class: {names[y_test[0]]}):")
    print(worked.to_string(float_format=lambda v: f"{v:.4f}"))
    print(f"Predicted: {names[int(jll.argmax())]}")

    sk = GaussianNB(var_smoothing=var_smoothing).fit(X_train, y_train)
    sk_pred = sk.predict(X_test)
    sk_accuracy = accuracy_score(y_test, sk_pred)
    same = bool(np.array_equal(y_pred, sk_pred))
    proba_diff = float(np.abs(model.predict_proba(X_test) - sk.predict_proba(X_test)).max())
    print(f"\nscikit-learn GaussianNB accuracy: {sk_accuracy}")
    print(f"Same predictions as GaussianNB: {'yes' if same else 'NO'} "
          f"({int(np.sum(y_pred == sk_pred))}/{len(y_pred)}); "
          f"largest probability difference: {proba_diff:.2e}")

    features = iris.feature_names
    ctx.table("priors", pd.DataFrame({"P(c)": model.priors_}, index=names))
    ctx.table("means", labelled(model.means_, names, features))
    ctx.table("variances", labelled(model.variances_, names, features))
    ctx.table("first test flower", worked)
    ctx.table("NumPy vs scikit-learn", pd.DataFrame(
        {"accuracy": [accuracy, sk_accuracy]}, index=["NumPy naive Bayes", "sklearn GaussianNB"]))
    ctx.figure("likelihoods", likelihood_figure(model, X_train, y_train, features, names))
    ctx.result(
        accuracy=float(accuracy),
        sklearn_accuracy=float(sk_accuracy),
        same_predictions=same,
        max_proba_diff=proba_diff,
        priors=model.priors_.tolist(),
        means=model.means_.tolist(),
        variances=model.variances_.tolist(),
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "priors": bi("priors", "先验概率"),
    "means": bi("means", "均值"),
    "variances": bi("variances", "方差"),
    "first test flower": bi("first test flower", "第一朵测试花"),
    "NumPy vs scikit-learn": bi("NumPy vs scikit-learn", "NumPy 与 scikit-learn 对比"),
    "likelihoods": bi("likelihoods", "似然"),
    "same_predictions": bi("Same predictions", "预测相同"),
    "max_proba_diff": bi("Largest probability difference", "最大概率差"),
    "sklearn_accuracy": bi("scikit-learn accuracy", "scikit-learn 准确率"),
}


LESSON = Lesson(
    id="stats.naive_bayes",
    title=bi("Bayes' formula and a naive Bayes classifier", "贝叶斯公式与朴素贝叶斯分类器"),
    summary=bi(
        "Derive Bayes' formula, then write a Gaussian naive Bayes classifier with NumPy: class "
        "priors, per-class means and variances, and log-likelihoods summed over the features. "
        "Train it on Iris, check that it makes exactly the same predictions as scikit-learn's "
        "GaussianNB, and look at each class's likelihood curve for every feature.",
        "推导贝叶斯公式，再用 NumPy 实现高斯朴素贝叶斯分类器：类别先验、各类别的特征均值和方差，"
        "以及按特征求和的对数似然。在鸢尾花数据上训练，验证它与 scikit-learn 的 GaussianNB "
        "给出完全相同的预测，并查看每个特征上各类别的似然曲线。",
    ),
    params=(
        param_test_size(0.3),
        param_random_state(42),
        Param("smoothing_power", "int", -9, bi("Variance smoothing (power of ten)", "方差平滑系数（10 的幂）"),
              min=-15, max=0,
              help=bi("var_smoothing = 10^power: that share of the largest feature variance is added to "
                      "every variance (GaussianNB's var_smoothing; -9 is its default 1e-9).",
                      "var_smoothing = 10 的该次幂：把最大特征方差的这一比例加到每个方差上"
                      "（即 GaussianNB 的 var_smoothing；-9 对应其默认值 1e-9）。")),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names this exercise but gives no code; the lesson writes it: the "
                  "derivation is printed, the classifier is a small NumPy class.",
                  "原文只列出了这项练习而没有给出代码；本课补全实现：打印公式推导，"
                  "分类器是一个用 NumPy 写的小类。")),
        Change(bi("Gaussian likelihoods are used because Iris features are continuous; variances are "
                  "smoothed as scikit-learn does, so the two classifiers can be compared exactly.",
                  "鸢尾花的特征是连续值，因此使用高斯似然；方差平滑方式与 scikit-learn 相同，"
                  "以便两者能够精确比较。")),
        Change(bi("The likelihoods are plotted with matplotlib's object-oriented API.",
                  "似然曲线用 matplotlib 的面向对象接口绘制。")),
    ),
    related=("sklearn.iris_svc", "sklearn.logistic_regression"),
    run=run,
    labels=LABELS,
)
