"""Exercises on fitting models well and cheaply: convergence, probabilities, a regression's error,
and the article's cheaper paths (sampling, PCA)."""

from studio.core.text import bi
from studio.practice.checks import array, at_least, call, close, describe, fitted, passed
from studio.practice.exercise import Exercise, Fail, check

# -- sklearn.logistic_regression ---------------------------------------------------------------------
CONVERGE_STARTER = '''\
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

iris = load_iris()  # not standardised: the solver needs more steps
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=42)

model = LogisticRegression(max_iter=10)  # stops before it converges (a ConvergenceWarning)
model.fit(X_train, y_train)
print("iterations:", model.n_iter_, "of", model.max_iter)
print("test accuracy:", model.score(X_test, y_test))
'''


def _logistic(env):
    from sklearn.linear_model import LogisticRegression

    return fitted(env, "model", LogisticRegression)


def _iris_split(test_size=0.2, scaled=False):
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    iris = load_iris()
    X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=test_size, random_state=42)
    if scaled:
        scaler = StandardScaler().fit(X_train)
        X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    return X_train, X_test, y_train, y_test


@check("fitted", bi("`model` is a fitted LogisticRegression", "`model` 是已训练的 LogisticRegression"))
def _logistic_fitted(env):
    _logistic(env)
    return passed(True, "LogisticRegression, fitted", "LogisticRegression, fitted")


@check("converged", bi("the solver stopped on its own, before max_iter", "求解器在达到 max_iter 之前自行停止（已收敛）"))
def _converged(env):
    model = _logistic(env)
    used = int(max(model.n_iter_))
    return passed(used < model.max_iter, f"n_iter_ < max_iter = {model.max_iter}", f"n_iter_ = {used}")


@check("accuracy", bi("test accuracy >= 0.95 on the split", "在该划分的测试集上准确率 >= 0.95"))
def _logistic_accuracy(env):
    _, X_test, _, y_test = _iris_split()
    score = call(bi("`model` scores the test rows", "`model` 能为测试集打分"), _logistic(env).score, X_test, y_test)
    return at_least(score, 0.95, "accuracy")


PROBA_STARTER = '''\
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

iris = load_iris()
X_train, X_test, y_train, y_test = train_test_split(iris.data, iris.target, test_size=0.2, random_state=42)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
model = LogisticRegression(max_iter=1000).fit(X_train, y_train)

proba = None      # your code: each test row's probability of each class
confident = None  # your code: how many test rows have a top probability above 0.9
print(proba, confident)
'''


def _reference_proba(env):
    _, X_test, _, _ = _iris_split(scaled=True)
    return call(bi("`model` gives the test rows' probabilities", "`model` 能给出测试集的概率"),
                _logistic(env).predict_proba, X_test)


@check("proba", bi("`proba` is model.predict_proba on the test rows (30 x 3)", "`proba` 是模型对测试集的 predict_proba（30 x 3）"))
def _proba(env):
    expected = _reference_proba(env)
    return close(array(env, "proba", shape=expected.shape), expected, rtol=1e-7, what="proba")


@check("confident", bi("`confident` counts the rows whose largest probability is above 0.9",
                       "`confident` 统计最大概率超过 0.9 的行数"))
def _confident(env):
    expected = int((_reference_proba(env).max(axis=1) > 0.9).sum())
    return close(env.number("confident"), expected, what="confident")


# -- sklearn.boston_housing --------------------------------------------------------------------------------
BOSTON = '''\
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from studio.live import data_path

df = pd.read_csv(data_path("boston_house_prices.csv"), skiprows=1)  # 506 rows; MEDV in $1000s
X, y = df.drop(columns="MEDV"), df["MEDV"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
'''
RMSE_STARTER = BOSTON + '''
model = None  # your code: a LinearRegression fitted on the training rows
rmse = None   # your code: its root mean squared error on the test rows, in $1000s
print(rmse)
'''


def _boston_split():
    import pandas as pd
    from sklearn.model_selection import train_test_split

    from studio.live import data_path

    df = pd.read_csv(data_path("boston_house_prices.csv"), skiprows=1)
    return train_test_split(df.drop(columns="MEDV"), df["MEDV"], test_size=0.2, random_state=42)


@check("model", bi("`model` is a LinearRegression fitted on the 13 features", "`model` 是在 13 个特征上训练的 LinearRegression"))
def _boston_model(env):
    from sklearn.linear_model import LinearRegression

    model = fitted(env, "model", LinearRegression)
    return passed(model.n_features_in_ == 13, "13 features", f"{model.n_features_in_} features")


@check("rmse", bi("`rmse` is the model's real test RMSE", "`rmse` 是该模型真实的测试 RMSE"))
def _boston_rmse(env):
    import numpy as np

    _, X_test, _, y_test = _boston_split()
    model = env.var("model")
    if not hasattr(model, "predict"):
        raise Fail(bi("`model` a fitted model", "`model` 是已训练的模型"), describe(model))
    y_pred = call(bi("a model that predicts the test rows from the 13 features", "能根据 13 个特征预测测试集的模型"),
                  model.predict, X_test)
    return close(env.number("rmse"), float(np.sqrt(np.mean((y_pred - y_test) ** 2))), rtol=1e-9, what="rmse")


TOP_STARTER = BOSTON + '''from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

model = make_pipeline(StandardScaler(), LinearRegression()).fit(X_train, y_train)
coefficients = pd.Series(model[-1].coef_, index=X.columns)  # per standard deviation of each feature

top_feature = None  # your code: the name of the feature with the largest effect, + or -
print(coefficients, top_feature)
'''


@check("name", bi("`top_feature` names the largest absolute standardised coefficient",
                  "`top_feature` 是标准化系数绝对值最大的特征名"))
def _top_feature(env):
    import pandas as pd
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X_train, _, y_train, _ = _boston_split()
    coef = pd.Series(make_pipeline(StandardScaler(), LinearRegression()).fit(X_train, y_train)[-1].coef_,
                     index=X_train.columns)
    expected, found = str(coef.abs().idxmax()), env.var("top_feature")
    return passed(found == expected, repr(expected), describe(found))


# -- optimize.sampling and optimize.pca ----------------------------------------------------------------------
SAMPLE_STARTER = '''\
import numpy as np
from sklearn.datasets import make_classification

X, y = make_classification(n_samples=20_000, n_features=20, weights=[0.8, 0.2], random_state=0)

X_small, y_small = X, y  # your code: a random, stratified 10% of the rows (the same rows of X and y)
print(X_small.shape, y_small.mean())
'''


def _sample_rows(env):
    """(indices of X_small's rows in the full X, the full X and y); Fail when a row is not one of X's."""
    import numpy as np
    from sklearn.datasets import make_classification

    X, y = make_classification(n_samples=20_000, n_features=20, weights=[0.8, 0.2], random_state=0)
    small = array(env, "X_small")
    where = {row.tobytes(): i for i, row in enumerate(X)}
    if small.ndim != 2 or small.shape[1] != 20:
        raise Fail(bi("rows of 20 features", "每行 20 个特征"), f"shape {small.shape}")
    index = [where.get(np.asarray(row, dtype=X.dtype).tobytes(), -1) for row in small]
    return np.array(index), X, y


@check("size", bi("`X_small` and `y_small` have 2,000 rows (10%)", "`X_small` 和 `y_small` 各有 2,000 行（10%）"))
def _sample_size(env):
    sizes = (len(array(env, "X_small")), len(array(env, "y_small")))
    return passed(sizes == (2000, 2000), "(2000, 2000)", describe(sizes))


@check("rows", bi("they are rows of X with their own labels, none twice", "它们是 X 中的行并带着各自的标签，没有重复"))
def _sample_pairs(env):
    index, _, y = _sample_rows(env)
    y_small = array(env, "y_small")
    ok = (index >= 0).all() and len(set(index)) == len(index) and len(y_small) == len(index) \
        and bool((y[index] == y_small).all())
    return passed(ok, bi("rows of X, labels of y", "X 的行与 y 的标签"),
                  bi(f"{int((index < 0).sum())} unknown rows, {len(index) - len(set(index))} repeated",
                     f"{int((index < 0).sum())} 行不在 X 中，{len(index) - len(set(index))} 行重复"))


@check("random", bi("they are spread over the whole data, not its first rows", "它们分布在整个数据中，而不是只取前面的行"))
def _sample_spread(env):
    index, _, _ = _sample_rows(env)
    span = (index.max() - index.min()) / 20_000 if len(index) else 0.0
    return passed(span >= 0.9, bi("rows from all over the data", "来自整个数据的行"),
                  bi(f"rows {index.min()}-{index.max()}", f"第 {index.min()}-{index.max()} 行"))


@check("stratified", bi("class 1 keeps its share of y (within 0.5 points)", "类别 1 的占比与 y 中一致（误差 0.5 个百分点以内）"))
def _sample_balance(env):
    _, _, y = _sample_rows(env)
    share = float(array(env, "y_small").mean())
    return passed(abs(share - y.mean()) <= 0.005, f"{y.mean():.4f} ± 0.005", f"{share:.4f}")


PCA_STARTER = '''\
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

X, y = load_digits(return_X_y=True)  # 1,797 images of 8 x 8 = 64 pixels
pca = PCA(n_components=10)           # your code: keep 95% of the variance instead
X_reduced = pca.fit_transform(X)
print(X_reduced.shape, pca.explained_variance_ratio_.sum())
'''


def _pca(env):
    from sklearn.decomposition import PCA

    return fitted(env, "pca", PCA)


def _k95() -> int:
    import numpy as np
    from sklearn.datasets import load_digits
    from sklearn.decomposition import PCA

    X, _ = load_digits(return_X_y=True)
    return int(np.searchsorted(np.cumsum(PCA().fit(X).explained_variance_ratio_), 0.95) + 1)


@check("variance", bi("the kept components explain at least 95% of the variance", "保留的主成分至少解释 95% 的方差"))
def _pca_variance(env):
    return at_least(float(_pca(env).explained_variance_ratio_.sum()), 0.95, "explained variance")


@check("fewest", bi("no more components than 95% needs", "主成分个数不多于达到 95% 所需的个数"))
def _pca_fewest(env):
    k, used = _k95(), int(_pca(env).n_components_)
    return passed(used <= k, f"n_components_ <= {k}", f"n_components_ = {used}")


@check("reduced", bi("`X_reduced` has one column per kept component", "`X_reduced` 每个保留的主成分对应一列"))
def _pca_reduced(env):
    shape = array(env, "X_reduced").shape
    return passed(shape == (1797, _k95()), f"shape (1797, {_k95()})", f"shape {shape}")


EXERCISES = [
    Exercise(
        id="sklearn.logistic_regression/converge",
        title=bi("Let the solver converge", "让求解器收敛"),
        task=bi("With `max_iter=10` the solver stops before it has converged (a ConvergenceWarning). Fit "
                "`model` so that it stops **on its own** (fewer iterations used than `max_iter`) with at "
                "least 0.95 test accuracy: the article's `max_iter` is the knob.",
                "`max_iter=10` 时求解器还没收敛就停下了（出现 ConvergenceWarning）。请训练 `model`，使它**自行**停止"
                "（用掉的迭代次数少于 `max_iter`），并且测试准确率至少 0.95：原文中的 `max_iter` 就是那个旋钮。"),
        starter=CONVERGE_STARTER,
        solution=CONVERGE_STARTER.replace("model = LogisticRegression(max_iter=10)  # stops before it converges "
                                          "(a ConvergenceWarning)", "model = LogisticRegression(max_iter=1000)  "
                                          "# the article's cap; it needs about 80"),
        hints=(bi("`model.n_iter_` says how many iterations the solver used.", "`model.n_iter_` 给出求解器用了多少次迭代。"),
               bi("Raise `max_iter` until `n_iter_` is below it; standardising the features would also help.",
                  "增大 `max_iter`，直到 `n_iter_` 小于它；对特征做标准化也有帮助。")),
        checks=(_logistic_fitted, _converged, _logistic_accuracy),
        wrong=(CONVERGE_STARTER.replace("max_iter=10)", "max_iter=50)"),
               CONVERGE_STARTER.replace("max_iter=10)", "max_iter=1000, C=0.0001)"),
               CONVERGE_STARTER.replace("model = LogisticRegression(max_iter=10)",
                                        "from sklearn.svm import LinearSVC\nmodel = LinearSVC(max_iter=10000)")),
    ),
    Exercise(
        id="sklearn.logistic_regression/probabilities",
        title=bi("How sure is the model?", "模型有多确定？"),
        task=bi("A logistic regression gives probabilities, not only classes. Put the test rows' class "
                "probabilities in `proba` (`predict_proba`), and in `confident` the number of test rows "
                "whose most likely class has a probability above 0.9.",
                "逻辑回归给出的是概率，不只是类别。把测试集各行属于各类别的概率放进 `proba`（`predict_proba`），"
                "并把最可能类别的概率超过 0.9 的测试行数放进 `confident`。"),
        starter=PROBA_STARTER,
        solution=PROBA_STARTER.replace("proba = None      # your code: each test row's probability of each class",
                                       "proba = model.predict_proba(X_test)")
        .replace("confident = None  # your code: how many test rows have a top probability above 0.9",
                 "confident = int((proba.max(axis=1) > 0.9).sum())"),
        hints=(bi("`proba.max(axis=1)` is each row's largest probability.", "`proba.max(axis=1)` 是每行的最大概率。"),),
        checks=(_proba, _confident),
        wrong=(PROBA_STARTER.replace("proba = None ", "proba = model.predict(X_test) ")
               .replace("confident = None ", "confident = int((model.predict_proba(X_test).max(axis=1) > 0.9).sum()) "),
               PROBA_STARTER.replace("proba = None ", "proba = model.predict_proba(X_test) ")
               .replace("confident = None ", "confident = int((proba.max(axis=1) > 0.5).sum()) ")),
    ),
    Exercise(
        id="sklearn.boston_housing/rmse",
        title=bi("The error in dollars", "以美元计的误差"),
        task=bi("Fit `model`, a LinearRegression, on the training rows, and put in `rmse` its root mean "
                "squared error on the test rows: an error in the target's own unit ($1000s).",
                "在训练数据上训练 LinearRegression `model`，并把它在测试数据上的均方根误差放进 `rmse`：这是以目标本身的单位（千美元）表示的误差。"),
        starter=RMSE_STARTER,
        solution=RMSE_STARTER.replace("model = None  # your code: a LinearRegression fitted on the training rows",
                                      "model = LinearRegression().fit(X_train, y_train)")
        .replace("rmse = None   # your code: its root mean squared error on the test rows, in $1000s",
                 "rmse = np.sqrt(mean_squared_error(y_test, model.predict(X_test)))"),
        hints=(bi("RMSE is the square root of the MSE.", "RMSE 是 MSE 的平方根。"),
               bi("Score the test rows, not the training rows.", "用测试数据评估，而不是训练数据。")),
        checks=(_boston_model, _boston_rmse),
        wrong=(RMSE_STARTER.replace("model = None ", "model = LinearRegression().fit(X_train, y_train) ")
               .replace("rmse = None ", "rmse = mean_squared_error(y_test, model.predict(X_test)) "),
               RMSE_STARTER.replace("model = None ", "model = LinearRegression().fit(X_train[['RM', 'LSTAT']], y_train) ")
               .replace("rmse = None ", "rmse = 5.0 ")),
    ),
    Exercise(
        id="sklearn.boston_housing/top_feature",
        title=bi("Which feature matters most?", "哪个特征影响最大？"),
        task=bi("On standardised features a coefficient is the change in price per standard deviation "
                "of its feature. Put in `top_feature` the name of the feature with the largest effect, "
                "whether it raises or lowers the price.",
                "在标准化的特征上，系数表示该特征每变化一个标准差时房价的变化。请把影响最大的特征名放进 `top_feature`，"
                "无论它让房价升高还是降低。"),
        starter=TOP_STARTER,
        solution=TOP_STARTER.replace("top_feature = None  # your code: the name of the feature with the largest "
                                     "effect, + or -", "top_feature = coefficients.abs().idxmax()"),
        hints=(bi("A large negative coefficient is a large effect too: compare absolute values.",
                  "很大的负系数同样是很大的影响：比较绝对值。"),
               bi("`coefficients.abs().idxmax()`", "`coefficients.abs().idxmax()`")),
        checks=(_top_feature,),
        wrong=(TOP_STARTER.replace("top_feature = None ", "top_feature = coefficients.idxmax() "),),
    ),
    Exercise(
        id="optimize.sampling/ten_percent",
        title=bi("A stratified 10% sample", "分层抽取 10% 样本"),
        task=bi("The article's first cheaper path: train on a random 10% of the rows. Make `X_small` and "
                "`y_small`, 2,000 of the 20,000 rows drawn at random from the whole data, each row with its "
                "own label, and **stratified**: class 1 keeps its share.",
                "原文的第一条省算力之路：只用随机 10% 的行来训练。请生成 `X_small` 和 `y_small`：从全部 20,000 行中随机抽取 "
                "2,000 行，每行带着自己的标签，并且是**分层**抽样：类别 1 的占比保持不变。"),
        starter=SAMPLE_STARTER,
        solution=SAMPLE_STARTER.replace(
            "X_small, y_small = X, y  # your code: a random, stratified 10% of the rows (the same rows of X and y)",
            "from sklearn.model_selection import train_test_split\n\n"
            "X_small, _, y_small, _ = train_test_split(X, y, train_size=0.1, stratify=y, random_state=0)"),
        hints=(bi("`train_test_split` can keep a part of the rows: `train_size=0.1`.",
                  "`train_test_split` 可以只取一部分行：`train_size=0.1`。"),
               bi("`stratify=y` keeps each class's share in both parts.", "`stratify=y` 让两部分中各类别的占比保持一致。")),
        checks=(_sample_size, _sample_pairs, _sample_spread, _sample_balance),
        wrong=(SAMPLE_STARTER.replace("X_small, y_small = X, y ", "X_small, y_small = X[:2000], y[:2000] "),
               SAMPLE_STARTER.replace("X_small, y_small = X, y ", "X_small, y_small = X[::5], y[::5] "),
               SAMPLE_STARTER.replace("X_small, y_small = X, y ", "i = np.random.default_rng(0).choice(20000, 2000, "
                                      "replace=False)\nX_small, y_small = X[i], y[np.sort(i)] "),
               SAMPLE_STARTER.replace("X_small, y_small = X, y ", "i = np.r_[np.flatnonzero(y == 0)[:1000], "
                                      "np.flatnonzero(y == 1)[-1000:]]\nX_small, y_small = X[i], y[i] ")),
    ),
    Exercise(
        id="optimize.pca/keep_95",
        title=bi("PCA keeping 95% of the variance", "保留 95% 方差的 PCA"),
        task=bi("The article's second cheaper path. Instead of 10 components, let PCA keep just as many "
                "as 95% of the variance needs (no more), and put the reduced images in `X_reduced`.",
                "原文的第二条省算力之路。不要固定 10 个主成分，而是让 PCA 恰好保留解释 95% 方差所需的主成分个数（不多也不少），"
                "并把降维后的图像放进 `X_reduced`。"),
        starter=PCA_STARTER,
        solution=PCA_STARTER.replace("pca = PCA(n_components=10)           # your code: keep 95% of the variance "
                                     "instead", "pca = PCA(n_components=0.95)  # a share: as many as 95% needs"),
        hints=(bi("`n_components` may be a share between 0 and 1 instead of a count.",
                  "`n_components` 可以是 0 到 1 之间的比例，而不是个数。"),),
        checks=(_pca_variance, _pca_fewest, _pca_reduced),
        wrong=(PCA_STARTER.replace("PCA(n_components=10)", "PCA(n_components=40)"),
               PCA_STARTER.replace("PCA(n_components=10)", "PCA(n_components=20)")),
    ),
]
