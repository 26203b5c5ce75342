"""Exercises on scikit-learn's first steps: regression, preprocessing, SVMs and cross-validation.
The checks refit nothing of the learner's: they rebuild the article's split and score the
learner's own fitted model on it, so a number that was typed in, or computed on other rows, fails."""

from studio.core.text import bi
from studio.practice.checks import array, at_least, call, close, describe, fitted, passed
from studio.practice.exercise import Exercise, Fail, check

# -- sklearn.linear_regression ----------------------------------------------------------------------
CANCER = '''\
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

breast_cancer = load_breast_cancer()
X_train, X_test, y_train, y_test = train_test_split(breast_cancer.data, breast_cancer.target,
                                                    test_size=0.2, random_state=42)
'''
RIDGE_STARTER = CANCER + '''
regression_model = LinearRegression()  # your code: a Ridge model with alpha=1.0 instead
regression_model.fit(X_train, y_train)
y_pred = regression_model.predict(X_test)
mse = mean_squared_error(y_test, y_pred)
print("均方误差:", mse)
'''


def _cancer_split():
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    data = load_breast_cancer()
    return train_test_split(data.data, data.target, test_size=0.2, random_state=42)


@check("ridge", bi("`regression_model` is a fitted Ridge with alpha 1.0", "`regression_model` 是已训练、alpha 为 1.0 的 Ridge"))
def _ridge(env):
    from sklearn.linear_model import Ridge

    model = fitted(env, "regression_model", Ridge)
    return passed(model.alpha == 1.0, "alpha = 1.0", f"alpha = {describe(model.alpha)}")


@check("mse", bi("`mse` is the model's real test MSE on the article's split", "`mse` 是该模型在原文划分的测试集上的真实 MSE"))
def _ridge_mse(env):
    from sklearn.metrics import mean_squared_error

    _, X_test, _, y_test = _cancer_split()
    model = env.var("regression_model")
    if not hasattr(model, "predict"):
        raise Fail(bi("`regression_model` a fitted model", "`regression_model` 是已训练的模型"), describe(model))
    y_pred = call(bi("a model that predicts the test rows", "能预测测试集的模型"), model.predict, X_test)
    return close(env.number("mse"), mean_squared_error(y_test, y_pred), rtol=1e-9, what="mse")


CLASSES_STARTER = CANCER + '''
regression_model = LinearRegression().fit(X_train, y_train)
y_pred = regression_model.predict(X_test)  # numbers around 0 and 1, not classes

y_class = None   # your code: 1 where y_pred >= 0.5, else 0
accuracy = None  # your code: the share of y_class equal to y_test
print(y_class, accuracy)
'''


def _reference_classes():
    from sklearn.linear_model import LinearRegression

    X_train, X_test, y_train, y_test = _cancer_split()
    return (LinearRegression().fit(X_train, y_train).predict(X_test) >= 0.5).astype(int), y_test


@check("classes", bi("`y_class` is 0 or 1: the predictions cut at 0.5", "`y_class` 为 0 或 1：预测值以 0.5 为界"))
def _classes(env):
    expected, _ = _reference_classes()
    return close(array(env, "y_class", shape=expected.shape), expected, what="y_class")


@check("accuracy", bi("`accuracy` is the share of right classes", "`accuracy` 是分类正确的比例"))
def _class_accuracy(env):
    expected, y_test = _reference_classes()
    return close(env.number("accuracy"), (expected == y_test).mean(), rtol=1e-9, what="accuracy")


# -- sklearn.preprocessing -------------------------------------------------------------------------------
SCALE_STARTER = '''\
import numpy as np
from sklearn.preprocessing import StandardScaler

data = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype=float)
data_scaled = StandardScaler().fit_transform(data)

by_hand = None  # your code: the same with NumPy: (x - mean) / std, column by column
print(data_scaled)
print(by_hand)
'''


@check("shape", bi("`by_hand` is a 3 x 3 array", "`by_hand` 是 3 x 3 数组"))
def _by_hand_shape(env):
    value = array(env, "by_hand")
    return passed(value.shape == (3, 3), "shape (3, 3)", f"shape {value.shape}")


@check("values", bi("it equals StandardScaler's result", "它等于 StandardScaler 的结果"))
def _by_hand_values(env):
    import numpy as np
    from sklearn.preprocessing import StandardScaler

    expected = StandardScaler().fit_transform(np.arange(1, 10, dtype=float).reshape(3, 3))
    return close(array(env, "by_hand", shape=(3, 3)), expected, rtol=1e-9, what="by_hand")


ONE_HOT_STARTER = '''\
import numpy as np
from sklearn.preprocessing import OneHotEncoder

colors = np.array(['red', 'green', 'blue', 'green'])
encoded = None  # your code: one 0/1 column per colour, as a dense array (OneHotEncoder)
print(encoded)
'''


@check("dense", bi("`encoded` is a dense 4 x 3 array", "`encoded` 是稠密的 4 x 3 数组"))
def _dense(env):
    import numpy as np

    value = env.var("encoded")
    shape = getattr(value, "shape", None)
    ok = isinstance(value, np.ndarray) and shape == (4, 3)
    return passed(ok, "ndarray (4, 3)", f"{type(value).__name__} {shape}")


@check("values", bi("columns blue, green, red (sorted), one 1 per row", "列依次为 blue、green、red（排序后），每行一个 1"))
def _one_hot_values(env):
    return close(array(env, "encoded", shape=(4, 3)), [[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0]], what="encoded")


# -- sklearn.iris_svc ----------------------------------------------------------------------------------------
IRIS_SPLIT = '''\
from sklearn import datasets
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

iris = datasets.load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.3, random_state=42)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)
'''
KERNEL_STARTER = IRIS_SPLIT + '''
clf = SVC(kernel='linear', C=1, random_state=42)  # your code: a kernel that is not linear
clf.fit(X_train, y_train)
accuracy = accuracy_score(y_test, clf.predict(X_test))
print(f"Accuracy: {accuracy}")
'''


def _iris_test():
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    iris = load_iris()
    X_train, X_test, _, y_test = train_test_split(iris.data, iris.target, test_size=0.3, random_state=42)
    return StandardScaler().fit(X_train).transform(X_test), y_test


def _svc(env):
    from sklearn.svm import SVC

    return fitted(env, "clf", SVC)


@check("svc", bi("`clf` is a fitted SVC", "`clf` 是已训练的 SVC"))
def _svc_fitted(env):
    _svc(env)
    return passed(True, "SVC, fitted", "SVC, fitted")


@check("kernel", bi("its kernel is not linear", "它的核函数不是线性核"))
def _kernel(env):
    kernel = _svc(env).kernel
    return passed(kernel != "linear", "kernel != 'linear'", f"kernel = {kernel!r}")


@check("accuracy", bi("`accuracy` >= 0.97", "`accuracy` >= 0.97"))
def _svc_accuracy(env):
    return at_least(env.number("accuracy"), 0.97, "accuracy")


@check("real", bi("`accuracy` is what `clf` really scores on the standardised test split",
                  "`accuracy` 就是 `clf` 在标准化后的测试集上的真实得分"))
def _svc_real(env):
    X_test, y_test = _iris_test()
    score = call(bi("`clf` scores the standardised test rows", "`clf` 能为标准化后的测试集打分"), _svc(env).score, X_test, y_test)
    return close(env.number("accuracy"), score, rtol=1e-9, what="accuracy")


CV_STARTER = '''\
import numpy as np
from sklearn import datasets
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC

iris = datasets.load_iris()
X, y = iris.data, iris.target
clf = SVC(kernel='linear', C=1, random_state=42)

scores = None      # your code: the 10-fold cross-validation scores of clf on X, y
mean_score = None  # your code: their mean
print(scores, mean_score)
'''


@check("folds", bi("`scores` holds 10 scores, one per fold", "`scores` 含 10 个分数，每折一个"))
def _folds(env):
    value = array(env, "scores")
    return passed(value.shape == (10,), "10 scores", f"shape {value.shape}")


@check("scores", bi("they are the 10-fold scores of the linear SVC", "它们是线性 SVC 的 10 折交叉验证分数"))
def _cv_scores(env):
    from sklearn.datasets import load_iris
    from sklearn.model_selection import cross_val_score
    from sklearn.svm import SVC

    iris = load_iris()
    expected = cross_val_score(SVC(kernel="linear", C=1, random_state=42), iris.data, iris.target, cv=10)
    return close(array(env, "scores"), expected, rtol=1e-9, what="scores")


@check("mean", bi("`mean_score` is the mean of `scores`", "`mean_score` 是 `scores` 的均值"))
def _cv_mean(env):
    return close(env.number("mean_score"), array(env, "scores").mean(), rtol=1e-9, what="mean_score")


EXERCISES = [
    Exercise(
        id="sklearn.linear_regression/ridge",
        title=bi("Ridge instead of plain least squares", "用岭回归替代普通最小二乘"),
        task=bi("Replace the LinearRegression by a `Ridge(alpha=1.0)` (least squares with a penalty on "
                "large coefficients), fitted on the same rows, and put its test MSE in `mse`.",
                "把 LinearRegression 换成 `Ridge(alpha=1.0)`（对大系数加惩罚的最小二乘），在同样的数据上训练，并把它的测试 MSE 放进 `mse`。"),
        starter=RIDGE_STARTER,
        solution=RIDGE_STARTER.replace("from sklearn.linear_model import LinearRegression",
                                       "from sklearn.linear_model import Ridge")
        .replace("regression_model = LinearRegression()  # your code: a Ridge model with alpha=1.0 instead",
                 "regression_model = Ridge(alpha=1.0)"),
        hints=(bi("`from sklearn.linear_model import Ridge`", "`from sklearn.linear_model import Ridge`"),
               bi("Only the model's line changes: fit, predict and the MSE stay.", "只需改模型那一行：fit、predict 和 MSE 都不变。")),
        checks=(_ridge, _ridge_mse),
        wrong=(RIDGE_STARTER.replace("LinearRegression()  #", "LinearRegression(fit_intercept=True)  #"),
               RIDGE_STARTER.replace("from sklearn.linear_model import LinearRegression",
                                     "from sklearn.linear_model import Ridge")
               .replace("LinearRegression()  #", "Ridge(alpha=1.0)  #")
               .replace("mean_squared_error(y_test, y_pred)",
                        "mean_squared_error(y_train, regression_model.predict(X_train))")),
    ),
    Exercise(
        id="sklearn.linear_regression/classes",
        title=bi("From predictions to classes", "把预测值变成类别"),
        task=bi("The target is a 0/1 label, but a regression predicts numbers. Make `y_class`, 1 where "
                "`y_pred` >= 0.5 and 0 elsewhere, and put in `accuracy` the share of `y_class` equal to "
                "`y_test`.",
                "目标是 0/1 标签，但回归预测的是数值。请生成 `y_class`：`y_pred` >= 0.5 处为 1，其余为 0，"
                "并把 `y_class` 与 `y_test` 相等的比例放进 `accuracy`。"),
        starter=CLASSES_STARTER,
        solution=CLASSES_STARTER.replace("y_class = None   # your code: 1 where y_pred >= 0.5, else 0",
                                         "y_class = (y_pred >= 0.5).astype(int)")
        .replace("accuracy = None  # your code: the share of y_class equal to y_test",
                 "accuracy = (y_class == y_test).mean()"),
        hints=(bi("`y_pred >= 0.5` is an array of True/False; `.astype(int)` makes it 1/0.",
                  "`y_pred >= 0.5` 是 True/False 数组；`.astype(int)` 把它变成 1/0。"),
               bi("The mean of a True/False array is the share of True.", "True/False 数组的均值就是 True 的比例。")),
        checks=(_classes, _class_accuracy),
        wrong=(CLASSES_STARTER.replace("y_class = None ", "y_class = y_pred.round().astype(int)[::-1] ")
               .replace("accuracy = None ", "accuracy = (y_class == y_test).mean() "),
               CLASSES_STARTER.replace("y_class = None ", "y_class = (y_pred >= 0.5).astype(int) ")
               .replace("accuracy = None ", "accuracy = (y_class == y_train[:len(y_class)]).mean() ")),
    ),
    Exercise(
        id="sklearn.preprocessing/scale_by_hand",
        title=bi("Standardise by hand", "手动标准化"),
        task=bi("Compute `by_hand`, the standardised `data` with NumPy alone: for each column, subtract "
                "its mean and divide by its standard deviation. It must equal StandardScaler's result.",
                "只用 NumPy 计算 `by_hand`：对每一列减去其均值、再除以其标准差。结果必须与 StandardScaler 的一致。"),
        starter=SCALE_STARTER,
        solution=SCALE_STARTER.replace(
            "by_hand = None  # your code: the same with NumPy: (x - mean) / std, column by column",
            "by_hand = (data - data.mean(axis=0)) / data.std(axis=0)"),
        hints=(bi("`axis=0` computes one mean (or std) per column.", "`axis=0` 为每一列算一个均值（或标准差）。"),
               bi("StandardScaler uses the population standard deviation: NumPy's default `ddof=0`.",
                  "StandardScaler 使用总体标准差，即 NumPy 默认的 `ddof=0`。")),
        checks=(_by_hand_shape, _by_hand_values),
        wrong=(SCALE_STARTER.replace("by_hand = None ", "by_hand = ((data - data.mean(axis=0)) / data.std(axis=0))"
                                     ".ravel() "),
               SCALE_STARTER.replace("by_hand = None ", "by_hand = (data - data.mean(axis=0)) / data.std(axis=0, "
                                     "ddof=1) ")),
    ),
    Exercise(
        id="sklearn.preprocessing/one_hot",
        title=bi("One-hot encode colours", "对颜色做独热编码"),
        task=bi("Encode `colors` with OneHotEncoder into `encoded`: a dense NumPy array with one 0/1 "
                "column per colour. (The article's `sparse=False` is `sparse_output=False` today.)",
                "用 OneHotEncoder 把 `colors` 编码为 `encoded`：每种颜色一列 0/1 的稠密 NumPy 数组。"
                "（原文的 `sparse=False` 现在写作 `sparse_output=False`。）"),
        starter=ONE_HOT_STARTER,
        solution=ONE_HOT_STARTER.replace(
            "encoded = None  # your code: one 0/1 column per colour, as a dense array (OneHotEncoder)",
            "encoded = OneHotEncoder(sparse_output=False).fit_transform(colors.reshape(-1, 1))"),
        hints=(bi("The encoder wants a 2-D input: one row per sample, `colors.reshape(-1, 1)`.",
                  "编码器需要二维输入：每个样本一行，`colors.reshape(-1, 1)`。"),
               bi("Without `sparse_output=False` you get a sparse matrix, not an array.",
                  "不写 `sparse_output=False` 会得到稀疏矩阵，而不是数组。")),
        checks=(_dense, _one_hot_values),
        wrong=(ONE_HOT_STARTER.replace("encoded = None ", "encoded = OneHotEncoder().fit_transform(colors.reshape(-1, "
                                       "1)) "),
               ONE_HOT_STARTER.replace("encoded = None ", "encoded = np.eye(3)[[0, 1, 2, 1]] ")),
    ),
    Exercise(
        id="sklearn.iris_svc/other_kernel",
        title=bi("Another SVM kernel", "换一个 SVM 核函数"),
        task=bi("With the article's split (test_size 0.3, random_state 42, standardised), fit `clf`, an "
                "SVC whose kernel is **not linear**, and put its test accuracy in `accuracy`. Reach at "
                "least 0.97.",
                "使用原文的数据划分（test_size 0.3，random_state 42，已标准化），训练一个核函数**不是线性核**的 SVC "
                "`clf`，并把它的测试准确率放进 `accuracy`。准确率至少要达到 0.97。"),
        starter=KERNEL_STARTER,
        solution=KERNEL_STARTER.replace("SVC(kernel='linear', C=1, random_state=42)  # your code: a kernel that is "
                                        "not linear", "SVC(kernel='rbf', C=1, random_state=42)  # radial basis function"),
        hints=(bi("SVC's kernels: 'linear', 'poly', 'rbf' and 'sigmoid'.", "SVC 的核函数有 'linear'、'poly'、'rbf' 和 'sigmoid'。"),
               bi("Not every kernel reaches 0.97 here: try them and compare.", "并不是每种核都能在这里达到 0.97：逐个试试再比较。"),
               bi("`SVC(kernel='rbf', C=1)`", "`SVC(kernel='rbf', C=1)`")),
        checks=(_svc_fitted, _kernel, _svc_accuracy, _svc_real),
        wrong=(KERNEL_STARTER.replace("C=1, random_state=42)  #", "C=1.0, random_state=42)  #"),
               KERNEL_STARTER.replace("kernel='linear'", "kernel='sigmoid'"),
               KERNEL_STARTER.replace("kernel='linear'", "kernel='rbf'").replace(
                   "accuracy = accuracy_score(y_test, clf.predict(X_test))", "accuracy = 0.99"),
               KERNEL_STARTER.replace("clf = SVC(kernel='linear', C=1, random_state=42)",
                                      "from sklearn.tree import DecisionTreeClassifier\n"
                                      "clf = DecisionTreeClassifier(random_state=0)")),
    ),
    Exercise(
        id="sklearn.iris_svc/cross_validation",
        title=bi("10-fold cross-validation", "10 折交叉验证"),
        task=bi("The lesson scores the SVC with 5-fold cross-validation. Put its **10-fold** scores in "
                "`scores` and their mean in `mean_score`.",
                "课程用 5 折交叉验证评估 SVC。请把 **10 折**交叉验证的分数放进 `scores`，把它们的均值放进 `mean_score`。"),
        starter=CV_STARTER,
        solution=CV_STARTER.replace("scores = None      # your code: the 10-fold cross-validation scores of clf on X, y",
                                    "scores = cross_val_score(clf, X, y, cv=10)")
        .replace("mean_score = None  # your code: their mean", "mean_score = np.mean(scores)"),
        hints=(bi("`cross_val_score(clf, X, y, cv=...)` returns one score per fold.",
                  "`cross_val_score(clf, X, y, cv=...)` 为每一折返回一个分数。"),),
        checks=(_folds, _cv_scores, _cv_mean),
        wrong=(CV_STARTER.replace("scores = None ", "scores = cross_val_score(clf, X, y, cv=5) ")
               .replace("mean_score = None ", "mean_score = np.mean(scores) "),
               CV_STARTER.replace("scores = None ", "scores = cross_val_score(clf, X, y, cv=10) ")
               .replace("mean_score = None ", "mean_score = np.max(scores) ")),
    ),
]
