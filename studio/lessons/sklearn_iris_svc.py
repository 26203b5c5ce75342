"""scikit-learn example 3: an SVM on Iris, evaluated by accuracy, confusion matrix, report and CV."""

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import labelled, param_random_state, param_test_size

ARTICLE_CODE = '''\
import numpy as np
from sklearn import datasets
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score, confusion_matrix, classification_report
# 加载鸢尾花数据集
iris = datasets.load_iris()
X = iris.data
y = iris.target
# 划分数据集为训练集和测试集
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
# 数据标准化
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)
# 创建SVM分类器
clf = SVC(kernel='linear', C=1, random_state=42)
# 训练模型
clf.fit(X_train, y_train)
# 预测测试集
y_pred = clf.predict(X_test)
# 评估模型
accuracy = accuracy_score(y_test, y_pred)
print(f"Accuracy: {accuracy}")
# 输出混淆矩阵
cm = confusion_matrix(y_test, y_pred)
print(f"Confusion Matrix:\\n{cm}")
# 输出分类报告
report = classification_report(y_test, y_pred)
print(f"Classification Report:\\n{report}")
# 交叉验证评估模型
scores = cross_val_score(clf, X, y, cv=5)
print(f"Cross-validation scores: {scores}")
print(f"Cross-validation mean score: {np.mean(scores)}")
'''

KERNELS = ("linear", "rbf", "poly", "sigmoid")


def report_table(report: dict):
    """classification_report(output_dict=True) as a DataFrame laid out like the printed report."""
    import pandas as pd

    total = report["macro avg"]["support"]
    # 'accuracy' is a plain number: printed under f1-score, with the total support
    rows = {name: v if isinstance(v, dict) else {"f1-score": v, "support": total}
            for name, v in report.items()}
    df = pd.DataFrame.from_dict(rows, orient="index")[["precision", "recall", "f1-score", "support"]]
    df["support"] = df["support"].astype(int)
    return df


def run(ctx, test_size: float, random_state: int, kernel: str, C: float, cv: int):
    import numpy as np
    from sklearn import datasets
    from sklearn.metrics import accuracy_score, classification_report, confusion_matrix
    from sklearn.model_selection import cross_val_score, train_test_split
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC

    iris = datasets.load_iris()
    X = iris.data
    y = iris.target
    print("[studio] classes: " + ", ".join(f"{i} = {n}" for i, n in enumerate(iris.target_names)))

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size,
                                                        random_state=random_state)
    scaler = StandardScaler()
    X_train = scaler.fit_transform(X_train)
    X_test = scaler.transform(X_test)

    clf = SVC(kernel=kernel, C=C, random_state=42)
    clf.fit(X_train, y_train)
    ctx.progress(1, 2)
    y_pred = clf.predict(X_test)

    accuracy = accuracy_score(y_test, y_pred)
    print(f"Accuracy: {accuracy}")
    cm = confusion_matrix(y_test, y_pred)
    print(f"Confusion Matrix:\n{cm}")
    report = classification_report(y_test, y_pred)
    print(f"Classification Report:\n{report}")

    # As in the article, cross-validation scores the classifier on the raw (unscaled) X.
    scores = cross_val_score(clf, X, y, cv=cv)
    ctx.progress(2, 2)
    print(f"Cross-validation scores: {scores}")
    print(f"Cross-validation mean score: {np.mean(scores)}")

    classes = [str(c) for c in clf.classes_]
    ctx.table("confusion matrix (rows: true, columns: predicted)",
              labelled(cm, classes, classes, "true", "predicted"))
    report_dict = classification_report(y_test, y_pred, output_dict=True)
    ctx.table("classification report", report_table(report_dict))
    ctx.plot("cross-validation", Plot(
        title=bi(f"{cv}-fold cross-validation (mean {np.mean(scores):.4f})",
                 f"{cv} 折交叉验证（平均 {np.mean(scores):.4f}）"),
        xlabel=bi("fold", "折"), ylabel=bi("accuracy", "准确率"),
        series=[Series(list(range(1, cv + 1)), scores.tolist(), bi("fold accuracy", "每折准确率"), style="bar")],
    ))
    ctx.result(
        accuracy=float(accuracy),
        confusion_matrix=cm.tolist(),
        macro_f1=float(report_dict["macro avg"]["f1-score"]),
        cv_scores=scores.tolist(),
        cv_mean=float(np.mean(scores)),
        support_vectors=int(clf.n_support_.sum()),
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "confusion matrix (rows: true, columns: predicted)": bi("confusion matrix (rows: true, columns: predicted)",
                                                           "混淆矩阵（行：真实，列：预测）"),
    "classification report": bi("classification report", "分类报告"),
    "cross-validation": bi("cross-validation", "交叉验证"),
    "confusion_matrix": bi("Confusion matrix", "混淆矩阵"),
    "macro_f1": bi("Macro F1", "宏平均 F1"),
    "cv_scores": bi("Cross-validation scores", "交叉验证得分"),
    "cv_mean": bi("Cross-validation mean", "交叉验证平均分"),
    "support_vectors": bi("Support vectors", "支持向量数"),
}


LESSON = Lesson(
    id="sklearn.iris_svc",
    title=bi("scikit-learn: train and evaluate an SVM on Iris", "scikit-learn：在鸢尾花数据上训练并评估 SVM"),
    summary=bi(
        "Split Iris 70/30, standardise it, train a linear SVM and evaluate it four ways: accuracy "
        "(0.9778), the confusion matrix, the per-class classification report and 5-fold "
        "cross-validation (mean 0.98). Change the kernel or C to see how the numbers move.",
        "把鸢尾花数据按 70/30 划分并标准化，训练线性核 SVM，再从四个角度评估：准确率（0.9778）、"
        "混淆矩阵、各类别的分类报告，以及 5 折交叉验证（平均 0.98）。可以换用其他核函数或调整 C，"
        "观察各项指标的变化。",
    ),
    params=(
        param_test_size(0.3),
        param_random_state(42),
        Param("kernel", "choice", "linear", bi("Kernel", "核函数"), choices=KERNELS),
        Param("C", "float", 1.0, bi("C (regularisation)", "C（正则化）"), min=1e-3, max=1e3,
              step=0.1, log=True,
              help=bi("Larger C fits the training data more tightly.", "C 越大，对训练数据拟合得越紧。")),
        Param("cv", "int", 5, bi("Cross-validation folds", "交叉验证折数"), min=2, max=10),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored (its comments had run into the code lines).",
                  "恢复了原文的换行（原文的注释和代码挤在了同一行）。")),
        Change(bi("test_size, random_state, kernel, C and the number of folds are parameters; "
                  "the defaults are the article's.",
                  "test_size、random_state、kernel、C 和交叉验证折数成为参数，默认值与原文相同。")),
        Change(bi("The confusion matrix and the classification report (output_dict=True) are also "
                  "shown as tables, and the fold scores as a bar chart.",
                  "混淆矩阵和分类报告（output_dict=True）同时以表格显示，各折得分画成柱状图。")),
    ),
    long_steps=True,
    related=("sklearn.logistic_regression", "stats.naive_bayes", "sklearn.preprocessing"),
    run=run,
    labels=LABELS,
)
