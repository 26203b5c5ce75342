"""The article's CPU-friendly example: LogisticRegression(max_iter=1000), run on Iris."""

from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import labelled, param_random_state, param_test_size

ARTICLE_CODE = '''\
# 逻辑回归示例(无需GPU)
from sklearn.linear_model import LogisticRegression
model = LogisticRegression(max_iter=1000)  # 控制迭代次数
model.fit(X_train, y_train)
'''

CURVE_POINTS = 15  # the convergence curve refits with this many max_iter values, 1 ... n_iter_


def fit(X, y, max_iter: int, C: float):
    """Fit a LogisticRegression; return it and whether the solver converged within max_iter."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=max_iter, C=C)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X, y)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return model, converged


def run(ctx, max_iter: int, C: float, test_size: float, random_state: int):
    import numpy as np
    from sklearn.datasets import load_iris
    from sklearn.metrics import accuracy_score, log_loss
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    iris = load_iris()
    X_train, X_test, y_train, y_test = train_test_split(
        iris.data, iris.target, test_size=test_size, random_state=random_state)
    scaler = StandardScaler()
    X_train = scaler.fit_transform(X_train)
    X_test = scaler.transform(X_test)
    print(f"[studio] Iris: {len(X_train)} training rows, {len(X_test)} test rows, standardised")

    model, converged = fit(X_train, y_train, max_iter, C)  # the article's two lines
    n_iter = int(model.n_iter_.max())
    train_accuracy = accuracy_score(y_train, model.predict(X_train))
    accuracy = accuracy_score(y_test, model.predict(X_test))
    print(f"Solver {model.solver}: {n_iter} iterations used of max_iter={max_iter}")
    if converged:
        print("Converged: yes, it stopped on its own before reaching max_iter")
    else:
        print("Converged: NO - it hit max_iter first (ConvergenceWarning); raise max_iter")
    print(f"Training accuracy: {train_accuracy}")
    print(f"Test accuracy: {accuracy}")

    # How the fit improves with more iterations: refit with max_iter from 1 up to n_iter_
    # (spaced geometrically, so a slow solver does not mean hundreds of refits).
    caps = np.unique(np.geomspace(1, n_iter, CURVE_POINTS).round().astype(int))
    for done, cap in enumerate(caps, 1):
        partial, _ = fit(X_train, y_train, int(cap), C)
        ctx.scalar("train_log_loss", cap, log_loss(y_train, partial.predict_proba(X_train)))
        ctx.scalar("test_accuracy", cap, accuracy_score(y_test, partial.predict(X_test)))
        ctx.progress(done, len(caps))

    ctx.table("coefficients", labelled(model.coef_.round(4), iris.target_names, iris.feature_names))
    ctx.result(
        n_iter=n_iter,
        converged=converged,
        accuracy=float(accuracy),
        train_accuracy=float(train_accuracy),
        train_log_loss=float(log_loss(y_train, model.predict_proba(X_train))),
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "coefficients": bi("coefficients", "系数"),
    "n_iter": bi("Iterations", "迭代次数"),
    "converged": bi("Converged", "已收敛"),
}


LESSON = Lesson(
    id="sklearn.logistic_regression",
    title=bi("scikit-learn: logistic regression (CPU-friendly)", "scikit-learn：逻辑回归（CPU 友好）"),
    summary=bi(
        "The article's CPU-friendly example: LogisticRegression with max_iter=1000 caps how many "
        "iterations the solver may take. Trained on standardised Iris, it needs only a few dozen; "
        "the lesson shows how many it used, whether it converged, the accuracy, and the loss "
        "after each iteration. Set max_iter very low to see a ConvergenceWarning.",
        "原文中的 CPU 友好示例：LogisticRegression 的 max_iter=1000 限制求解器的最大迭代次数。"
        "在标准化后的鸢尾花数据上，它只需几十次迭代。本课显示实际用了多少次迭代、是否收敛、准确率，"
        "以及每次迭代后的损失。把 max_iter 调得很小，就能看到 ConvergenceWarning（未收敛警告）。",
    ),
    params=(
        Param("max_iter", "int", 1000, bi("Maximum iterations", "最大迭代次数"), min=1, max=100_000,
              help=bi("The article's knob: the solver stops here even if it has not converged.",
                      "原文中的参数：即使尚未收敛，求解器到此次数也会停止。")),
        Param("C", "float", 1.0, bi("C (inverse regularisation)", "C（正则化强度的倒数）"),
              min=1e-4, max=1e4, step=0.1, log=True),
        param_test_size(0.3),
        param_random_state(42),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's snippet, printed on one line, is restored to its four lines.",
                  "原文的代码片段被排成了一行，这里恢复为四行。")),
        Change(bi("The snippet needs X_train and y_train: the lesson uses Iris, the dataset the article "
                  "recommends next to it, split 70/30 and standardised as in the SVM example.",
                  "这段代码需要 X_train 和 y_train：本课使用原文紧接着推荐的鸢尾花数据集，"
                  "并像 SVM 示例那样按 70/30 划分、做标准化。")),
        Change(bi("Added: iterations used (n_iter_), convergence (scikit-learn's ConvergenceWarning is "
                  "caught and reported), accuracy, the coefficients, and a curve made by refitting "
                  "with max_iter = 1, 2, 3, ... to show the loss falling as the solver iterates.",
                  "新增：实际迭代次数（n_iter_）、是否收敛（捕获并报告 scikit-learn 的 "
                  "ConvergenceWarning）、准确率、模型系数，以及用 max_iter = 1, 2, 3, ... 重新拟合"
                  "得到的损失曲线，展示损失随迭代下降的过程。")),
    ),
    long_steps=True,
    related=("sklearn.iris_svc", "sklearn.linear_regression"),
    run=run,
    labels=LABELS,
)
