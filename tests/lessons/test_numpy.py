import numpy as np

from studio.core.lesson import catalog


def test_array_basics_prints_the_article_line(run_ok):
    ctx = run_ok("numpy.array_basics")
    assert ctx.output[0] == "NumPy Array Squared: [ 1  4  9 16 25]"
    assert ctx.results["sum_of_squares"] == 55
    assert list(ctx.tables["squared"]["x**2"]) == [1, 4, 9, 16, 25]


def test_array_basics_longer_array_sums_the_squares(run_ok):
    n = 100_000
    ctx = run_ok("numpy.array_basics", n=n)
    assert ctx.results["sum_of_squares"] == n * (n + 1) * (2 * n + 1) // 6
    assert len(ctx.tables["squared"]) == 20  # the table shows the first rows only


def test_matrix_ops_product_transposes_and_inverse(run_ok):
    ctx = run_ok("numpy.matrix_ops")
    r = ctx.results
    a = np.array([[1, 2], [3, 4]])
    assert r["product"] == [[19, 22], [43, 50]]
    assert r["transpose_a"] == [[1, 3], [2, 4]]
    assert r["transpose_b"] == [[5, 7], [6, 8]]
    inverse = np.array(r["inverse_a"])
    assert np.allclose(inverse @ a, np.eye(2)) and np.allclose(a @ inverse, np.eye(2))
    assert r["identity_error"] < 1e-12
    assert np.isclose(r["determinant_a"], -2.0)
    text = "\n".join(ctx.output)
    # printed the way numpy prints them, under the article's headings
    assert "Matrix Multiplication:\n[[19 22]\n [43 50]]" in text
    assert "\nMatrix A Transpose:\n[[1 3]\n [2 4]]" in text
    assert "\nMatrix B Transpose:\n[[5 7]\n [6 8]]" in text
    assert "\nMatrix A Inverse:\n[[-2.   1. ]\n [ 1.5 -0.5]]" in text


def test_reshape_orders_and_transpose(run_ok):
    ctx = run_ok("numpy.reshape")
    r = ctx.results
    assert r["original_shape"] == [9] and r["reshaped_shape"] == [3, 3]
    assert r["c_order"] == list(range(1, 10))
    assert r["f_order"] == [1, 4, 7, 2, 5, 8, 3, 6, 9]
    assert r["transposed"] == np.array(r["reshaped"]).T.tolist()
    text = "\n".join(ctx.output)
    assert "Reshaped Array (3x3 matrix):\n[[1 2 3]\n [4 5 6]\n [7 8 9]]" in text
    assert "\nFlattened Array (C Order):\n[1 2 3 4 5 6 7 8 9]" in text
    assert "\nFlattened Array (F Order):\n[1 4 7 2 5 8 3 6 9]" in text
    assert "\nTransposed Array:\n[[1 4 7]\n [2 5 8]\n [3 6 9]]" in text


def test_numpy_lessons_show_the_article_code_and_changes():
    for lesson_id in ("numpy.array_basics", "numpy.matrix_ops", "numpy.reshape"):
        lesson = catalog().get(lesson_id)
        assert lesson.article_code.startswith("import numpy as np\n")
        assert lesson.changes and lesson.title["zh"] and lesson.summary["zh"]
