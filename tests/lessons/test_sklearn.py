import hashlib
import json

import numpy as np
import pandas as pd
import pytest

from studio.cli import main
from studio.core import paths
from studio.core.lesson import ParamError, catalog
from studio.lessons.sklearn_boston_housing import ETHICS_NOTE

ARTICLE_MSE = 0.0641088624702944

# What the article prints for example 3 (its web page adds blank lines, ignored here).
IRIS_ARTICLE_OUTPUT = """\
Accuracy: 0.9777777777777777
Confusion Matrix:
[[19  0  0]
 [ 0 12  1]
 [ 0  0 13]]
Classification Report:
              precision    recall  f1-score   support

           0       1.00      1.00      1.00        19
           1       1.00      0.92      0.96        13
           2       0.93      1.00      0.96        13

    accuracy                           0.98        45
   macro avg       0.98      0.97      0.97        45
weighted avg       0.98      0.98      0.98        45

Cross-validation scores: [0.96666667 1.         0.96666667 0.96666667 1.        ]
Cross-validation mean score: 0.9800000000000001
"""


def _lines(text):
    return [line for line in text.splitlines() if line.strip()]


def test_every_sklearn_lesson_declares_long_steps():
    for lesson in catalog():
        if lesson.id.startswith("sklearn.") and lesson.id != "sklearn.preprocessing":
            assert lesson.long_steps, lesson.id


# -- sklearn.linear_regression ------------------------------------------------------------

def test_linear_regression_reproduces_the_article_mse(run_ok):
    ctx = run_ok("sklearn.linear_regression")
    assert ctx.results["mse"] == pytest.approx(ARTICLE_MSE, abs=1e-12)
    assert ctx.output[1].startswith("均方误差: 0.06410886247029")
    assert (ctx.results["train_rows"], ctx.results["test_rows"]) == (455, 114)
    assert 0 < ctx.results["r2"] < 1


def test_linear_regression_split_is_a_parameter(run_ok):
    ctx = run_ok("sklearn.linear_regression", test_size=0.5, random_state=0)
    assert ctx.results["test_rows"] == 285
    assert ctx.results["mse"] != pytest.approx(ARTICLE_MSE, abs=1e-6)


def test_linear_regression_cli_json(capsys):
    assert main(["run", "sklearn.linear_regression", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "done"
    assert report["results"]["mse"] == pytest.approx(ARTICLE_MSE, abs=1e-12)
    assert report["params"] == {"test_size": 0.2, "random_state": 42}


# -- sklearn.preprocessing ----------------------------------------------------------------

def test_preprocessing_prints_the_3x6_matrix(run_ok):
    ctx = run_ok("sklearn.preprocessing")
    assert ctx.output[:3] == [
        "[[-1.22474487 -1.22474487 -1.22474487  1.          0.          0.        ]",
        " [ 0.          0.          0.          0.          1.          0.        ]",
        " [ 1.22474487  1.22474487  1.22474487  0.          0.          1.        ]]",
    ]
    s = np.sqrt(1.5)  # (x - mean) / std for 1, 4, 7: std = sqrt(6)
    expected = [[-s, -s, -s, 1, 0, 0], [0, 0, 0, 0, 1, 0], [s, s, s, 0, 0, 1]]
    assert np.allclose(ctx.results["preprocessed"], expected)
    assert list(ctx.tables["preprocessed"].columns[3:]) == ["cat_A", "cat_B", "cat_C"]


def test_preprocessing_notes_the_sparse_output_rename():
    lesson = catalog().get("sklearn.preprocessing")
    assert "OneHotEncoder(sparse=False)" in lesson.article_code
    assert any("sparse_output=False" in c.text["en"] for c in lesson.changes)


# -- sklearn.iris_svc ----------------------------------------------------------------------

def test_iris_svc_reproduces_the_article(run_ok):
    ctx = run_ok("sklearn.iris_svc")
    r = ctx.results
    assert r["accuracy"] == pytest.approx(0.9777777777777777, abs=1e-15)
    assert r["confusion_matrix"] == [[19, 0, 0], [0, 12, 1], [0, 0, 13]]
    assert r["cv_scores"] == pytest.approx([0.96666667, 1.0, 0.96666667, 0.96666667, 1.0], abs=1e-8)
    assert r["cv_mean"] == pytest.approx(0.98, abs=1e-12)
    assert r["macro_f1"] == pytest.approx(0.9743, abs=1e-4)

    out = ctx.output
    start = out.index("Accuracy: 0.9777777777777777")
    assert _lines("\n".join(out[start:])) == _lines(IRIS_ARTICLE_OUTPUT)

    cm = ctx.tables["confusion matrix (rows: true, columns: predicted)"]
    assert cm.loc["1", "2"] == 1 and cm.to_numpy().trace() == 44
    report = ctx.tables["classification report"]
    assert list(report.index) == ["0", "1", "2", "accuracy", "macro avg", "weighted avg"]
    assert list(report.columns) == ["precision", "recall", "f1-score", "support"]
    assert report.loc["1", "recall"] == pytest.approx(12 / 13)
    assert report.loc["2", "precision"] == pytest.approx(13 / 14)
    assert report.loc["accuracy", "f1-score"] == pytest.approx(44 / 45)
    assert pd.isna(report.loc["accuracy", "precision"])
    assert list(report["support"]) == [19, 13, 13, 45, 45, 45]
    assert len(ctx.plots["cross-validation"].series[0].y) == 5


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
def test_iris_svc_kernel_c_and_folds_are_parameters(run_ok):
    ctx = run_ok("sklearn.iris_svc", kernel="rbf", C=0.01, cv=3)
    assert len(ctx.results["cv_scores"]) == 3
    assert ctx.results["accuracy"] < 0.9777  # a tiny C underfits


def test_iris_svc_rejects_out_of_bounds_params():
    lesson = catalog().get("sklearn.iris_svc")
    for bad in ({"cv": "1"}, {"C": "0"}, {"kernel": "cubic"}, {"test_size": "0.99"}):
        with pytest.raises(ParamError):
            lesson.resolve_params(bad)


def test_iris_svc_cli_json(capsys):
    assert main(["run", "sklearn.iris_svc", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert results["accuracy"] == pytest.approx(0.9777777777777777, abs=1e-15)
    assert results["cv_mean"] == pytest.approx(0.98, abs=1e-12)


# -- sklearn.logistic_regression -----------------------------------------------------------

def test_logistic_regression_converges_well_before_max_iter(run_ok):
    ctx = run_ok("sklearn.logistic_regression")
    r = ctx.results
    assert r["converged"] is True
    assert 1 < r["n_iter"] < 1000
    assert 0.9 <= r["accuracy"] <= 1.0
    assert f"{r['n_iter']} iterations used of max_iter=1000" in "\n".join(ctx.output)
    rows = ctx.scalars["train_log_loss"].snapshot()  # step, seconds, value
    steps, losses = rows[:, 0], rows[:, 2]
    assert steps[0] == 1 and steps[-1] == r["n_iter"]
    assert losses[-1] < losses[0]
    assert losses[-1] == pytest.approx(r["train_log_loss"])
    assert ctx.tables["coefficients"].shape == (3, 4)


def test_logistic_regression_reports_no_convergence_at_a_tiny_max_iter(run_ok):
    ctx = run_ok("sklearn.logistic_regression", max_iter=2)
    assert ctx.results["converged"] is False and ctx.results["n_iter"] == 2
    assert any(line.startswith("Converged: NO") for line in ctx.output)


def test_logistic_regression_max_iter_bounds():
    lesson = catalog().get("sklearn.logistic_regression")
    with pytest.raises(ParamError, match="max_iter"):
        lesson.resolve_params({"max_iter": "0"})
    assert lesson.param("max_iter").default == 1000


# -- sklearn.boston_housing ----------------------------------------------------------------

BOSTON = paths.resources() / "data" / "boston_house_prices.csv"


def test_boston_file_is_the_original_and_documented():
    digest = hashlib.sha256(BOSTON.read_bytes()).hexdigest()
    readme = (BOSTON.parent / "README.md").read_text(encoding="utf-8")
    assert digest in readme and "Harrison" in readme and "BSD 3-Clause" in readme
    df = pd.read_csv(BOSTON, skiprows=1)
    assert df.shape == (506, 14) and list(df.columns[-2:]) == ["LSTAT", "MEDV"]


def test_boston_regression_with_the_ethics_note(run_ok):
    from sklearn.linear_model import LinearRegression
    from sklearn.model_selection import train_test_split

    ctx = run_ok("sklearn.boston_housing")
    r = ctx.results
    assert (r["rows"], r["features"]) == (506, 13)
    assert ETHICS_NOTE["en"] in ctx.output and ETHICS_NOTE["zh"] in ctx.output
    # same numbers as a plain LinearRegression on the file (scaling changes no prediction)
    df = pd.read_csv(BOSTON, skiprows=1)
    X_train, X_test, y_train, y_test = train_test_split(
        df.drop(columns="MEDV"), df["MEDV"], test_size=0.2, random_state=42)
    pred = LinearRegression().fit(X_train, y_train).predict(X_test)
    assert r["mse"] == pytest.approx(np.mean((pred - y_test) ** 2), rel=1e-9)
    assert 0.5 < r["r2"] < 0.9
    scatter = ctx.plots["predicted_vs_actual"].series[0]
    assert len(scatter.x) == len(scatter.y) == 102
    assert "B" in ctx.tables["coefficients (standardised features)"].index


def test_boston_can_leave_out_column_b(run_ok):
    ctx = run_ok("sklearn.boston_housing", drop_b=True)
    assert ctx.results["features"] == 12
    assert "B" not in ctx.tables["coefficients (standardised features)"].index


def test_boston_summary_carries_the_note_in_both_languages():
    lesson = catalog().get("sklearn.boston_housing")
    assert "self-segregation" in lesson.summary["en"] and "种族" in lesson.summary["zh"]


def test_diabetes_is_offered_offline(run_ok):
    ctx = run_ok("sklearn.boston_housing", dataset="diabetes")
    assert (ctx.results["rows"], ctx.results["features"]) == (442, 10)
    assert ETHICS_NOTE["en"] not in ctx.output


def test_california_without_the_download_says_so(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SCIKIT_LEARN_DATA", str(tmp_path / "empty"))
    outcome, _ = run("sklearn.boston_housing", dataset="california")
    assert outcome.status == "failed"
    assert "DatasetUnavailable" in outcome.error and "not on this computer" in outcome.error
