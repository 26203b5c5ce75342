import numpy as np
from sklearn.datasets import load_iris, load_wine
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from studio.lessons.stats_naive_bayes import GaussianNaiveBayes


def test_naive_bayes_agrees_with_gaussiannb_on_iris(run_ok):
    ctx = run_ok("stats.naive_bayes")
    r = ctx.results
    assert r["same_predictions"] is True
    assert r["accuracy"] == r["sklearn_accuracy"]
    assert r["max_proba_diff"] < 1e-9

    # the lesson's parameters are scikit-learn's: priors, per-class means and variances
    X_train, _, y_train, _ = train_test_split(*load_iris(return_X_y=True), test_size=0.3, random_state=42)
    sk = GaussianNB().fit(X_train, y_train)
    assert np.allclose(r["priors"], sk.class_prior_) and np.isclose(sum(r["priors"]), 1.0)
    assert np.allclose(r["means"], sk.theta_)
    assert np.allclose(r["variances"], sk.var_)
    assert 0.9 <= r["accuracy"] <= 1.0

    text = "\n".join(ctx.output)
    assert "P(c | x) = P(x | c) P(c) / P(x)" in text
    assert "Same predictions as GaussianNB: yes (45/45)" in text
    worked = ctx.tables["first test flower"]
    assert np.isclose(worked["P(c|x)"].sum(), 1.0)
    assert np.allclose(worked["log P(c) + sum"], worked["log P(c)"] + worked["sum log P(xj|c)"])


def test_naive_bayes_plots_one_panel_per_feature(run_ok):
    ctx = run_ok("stats.naive_bayes")
    fig = ctx.figures["likelihoods"]
    axes = [ax for ax in fig.axes if ax.get_lines()]
    assert len(axes) == 4
    for ax in axes:
        curves = [line for line in ax.get_lines() if line.get_linestyle() != "None"]
        assert len(curves) == 3  # one likelihood curve per class
        for curve in curves:  # each is a probability density: it integrates to about 1
            assert 0.9 < np.trapezoid(curve.get_ydata(), curve.get_xdata()) <= 1.0 + 1e-9


def test_numpy_classifier_matches_gaussiannb_on_other_data():
    X, y = load_wine(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    ours = GaussianNaiveBayes().fit(X_train, y_train)
    sk = GaussianNB().fit(X_train, y_train)
    assert np.array_equal(ours.predict(X_test), sk.predict(X_test))
    assert np.allclose(ours.predict_proba(X_test), sk.predict_proba(X_test), atol=1e-9)


def test_var_smoothing_is_a_parameter(run_ok):
    ctx = run_ok("stats.naive_bayes", smoothing_power=-1)
    assert ctx.results["same_predictions"] is True
    default = run_ok("stats.naive_bayes").results
    assert ctx.results["variances"][0][0] > default["variances"][0][0]
