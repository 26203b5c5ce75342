"""scikit-learn example 1: a linear regression on the breast-cancer data, scored by MSE."""

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson
from studio.core.text import bi
from studio.lessons._common import param_random_state, param_test_size

ARTICLE_CODE = '''\
from sklearn.linear_model import LinearRegression
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error
# 加载数据集
breast_cancer = load_breast_cancer()
# 划分训练集和测试集
X_train, X_test, y_train, y_test = train_test_split(breast_cancer.data, breast_cancer.target, test_size=0.2, random_state=42)
# 创建线性回归模型
regression_model = LinearRegression()
# 拟合训练数据
regression_model.fit(X_train, y_train)
# 在测试集上进行预测
y_pred = regression_model.predict(X_test)
# 计算均方误差(MSE)作为评估指标
mse = mean_squared_error(y_test, y_pred)
print("均方误差:", mse)
'''  # noqa: E501 (the article's lines, verbatim)


def run(ctx, test_size: float, random_state: int):
    import numpy as np
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_squared_error, r2_score
    from sklearn.model_selection import train_test_split

    breast_cancer = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(
        breast_cancer.data, breast_cancer.target, test_size=test_size, random_state=random_state
    )
    print(f"[studio] {len(X_train)} training rows, {len(X_test)} test rows, "
          f"{X_train.shape[1]} features; target 0 = malignant, 1 = benign")
    ctx.check()

    regression_model = LinearRegression()
    regression_model.fit(X_train, y_train)
    y_pred = regression_model.predict(X_test)
    mse = mean_squared_error(y_test, y_pred)
    print("均方误差:", mse)

    r2 = r2_score(y_test, y_pred)
    rounded_accuracy = float(np.mean((y_pred >= 0.5) == y_test))
    print(f"[studio] R^2 on the test set: {r2:.4f}; predictions rounded at 0.5 match "
          f"{rounded_accuracy:.1%} of the labels")

    order = np.arange(len(y_test))
    ctx.plot("predictions", Plot(
        title=bi(f"Linear regression on 0/1 labels (MSE {mse:.4f})", f"对 0/1 标签做线性回归（MSE {mse:.4f}）"),
        xlabel=bi("test sample", "测试样本"), ylabel=bi("predicted value", "预测值"),
        series=[
            Series(order[y_test == 0], y_pred[y_test == 0], bi("true label 0 (malignant)", "真实标签 0（恶性）"),
                   style="scatter", color="r"),
            Series(order[y_test == 1], y_pred[y_test == 1], bi("true label 1 (benign)", "真实标签 1（良性）"),
                   style="scatter", color="b"),
            Series([0, len(y_test) - 1], [0.5, 0.5], "0.5", width=1, color="gray"),
        ],
    ))
    ctx.result(mse=float(mse), r2=float(r2), rounded_accuracy=rounded_accuracy,
               train_rows=len(X_train), test_rows=len(X_test))


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "predictions": bi("predictions", "预测"),
    "rounded_accuracy": bi("Accuracy after rounding to 0/1", "四舍五入为 0/1 后的准确率"),
    "train_rows": bi("Training rows", "训练样本数"),
    "test_rows": bi("Test rows", "测试样本数"),
}


LESSON = Lesson(
    id="sklearn.linear_regression",
    title=bi("scikit-learn: linear regression", "scikit-learn：线性回归"),
    summary=bi(
        "Load the breast-cancer data, split it 80/20, fit a LinearRegression and score the test "
        "predictions by mean squared error (the article gets 0.0641088624702944). The target is "
        "a 0/1 label, so the plot also shows how far a straight-line fit is from a classifier; "
        "compare the logistic regression lesson.",
        "加载乳腺癌数据集，按 80/20 划分训练集和测试集，拟合 LinearRegression，并用均方误差评估"
        "测试集上的预测（原文结果为 0.0641088624702944）。目标是 0/1 标签，图中也能看出"
        "线性回归与真正的分类器之间的差距；可对照“逻辑回归”一课。",
    ),
    params=(param_test_size(0.2), param_random_state(42)),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored (its comments had run into the code lines).",
                  "恢复了原文的换行（原文的注释和代码挤在了同一行）。")),
        Change(bi("test_size and random_state are parameters (the article's 0.2 and 42 by default).",
                  "test_size 和 random_state 成为参数（默认值即原文的 0.2 和 42）。")),
        Change(bi("Added R^2, the accuracy of the predictions rounded at 0.5, and a plot of the "
                  "predictions coloured by their true label. The last digit of the MSE can differ "
                  "between machines (floating-point rounding in the linear algebra library).",
                  "新增 R^2、以 0.5 为界取整后的预测准确率，以及按真实标签着色的预测值散点图。"
                  "均方误差的最后一位数字可能因机器而异（线性代数库的浮点舍入不同）。")),
    ),
    long_steps=True,
    related=("sklearn.logistic_regression", "sklearn.boston_housing"),
    run=run,
    labels=LABELS,
)
