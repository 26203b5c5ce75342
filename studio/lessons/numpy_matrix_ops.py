"""NumPy example 3: matrix product, transposes and inverse."""

from studio.core.lesson import Change, Lesson
from studio.core.text import bi

ARTICLE_CODE = '''\
import numpy as np
# 创建两个二维矩阵
matrix_a = np.array([[1, 2], [3, 4]])
matrix_b = np.array([[5, 6], [7, 8]])
# 矩阵乘法
result_multiply = np.dot(matrix_a, matrix_b)
print("Matrix Multiplication:")
print(result_multiply)
# 矩阵转置
result_transpose_a = matrix_a.T
result_transpose_b = np.transpose(matrix_b)
print("\\nMatrix A Transpose:")
print(result_transpose_a)
print("\\nMatrix B Transpose:")
print(result_transpose_b)
# 矩阵求逆(需要矩阵是可逆的)
result_inverse_a = np.linalg.inv(matrix_a)
print("\\nMatrix A Inverse:")
print(result_inverse_a)
'''


def run(ctx):
    import numpy as np

    matrix_a = np.array([[1, 2], [3, 4]])
    matrix_b = np.array([[5, 6], [7, 8]])
    result_multiply = np.dot(matrix_a, matrix_b)
    print("Matrix Multiplication:")
    print(result_multiply)

    result_transpose_a = matrix_a.T
    result_transpose_b = np.transpose(matrix_b)
    print("\nMatrix A Transpose:")
    print(result_transpose_a)
    print("\nMatrix B Transpose:")
    print(result_transpose_b)

    result_inverse_a = np.linalg.inv(matrix_a)  # needs det(A) != 0; here det(A) = -2
    print("\nMatrix A Inverse:")
    print(result_inverse_a)

    # Check: the inverse times A gives the identity (up to rounding).
    identity = result_inverse_a @ matrix_a
    error = float(np.abs(identity - np.eye(2)).max())
    print("\n[studio] A^-1 @ A (should be the identity):")
    print(np.round(identity, 12) + 0.0)  # + 0.0 turns -0. into 0.
    print(f"[studio] largest deviation from the identity: {error:.2e}")

    for name, m in (("A", matrix_a), ("B", matrix_b), ("A @ B", result_multiply),
                    ("A.T", result_transpose_a), ("B.T", result_transpose_b),
                    ("inv(A)", result_inverse_a)):
        ctx.table(name, m)
    ctx.result(
        product=result_multiply.tolist(),
        transpose_a=result_transpose_a.tolist(),
        transpose_b=result_transpose_b.tolist(),
        inverse_a=result_inverse_a.tolist(),
        determinant_a=float(np.linalg.det(matrix_a)),
        identity_error=error,
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    **{name: bi(name, name) for name in ("A", "B", "A @ B", "A.T", "B.T", "inv(A)")},
    "product": bi("A @ B", "A @ B（矩阵乘积）"),
    "transpose_a": bi("A.T", "A.T（A 的转置）"),
    "transpose_b": bi("B.T", "B.T（B 的转置）"),
    "inverse_a": bi("inv(A)", "inv(A)（A 的逆矩阵）"),
    "determinant_a": bi("det(A)", "det(A)（A 的行列式）"),
    "identity_error": bi("Largest deviation of A @ inv(A) from I", "A @ inv(A) 与单位矩阵的最大偏差"),
}


LESSON = Lesson(
    id="numpy.matrix_ops",
    title=bi("NumPy: matrix operations", "NumPy：矩阵运算"),
    summary=bi(
        "Multiply two 2x2 matrices with np.dot, transpose them (.T and np.transpose) and invert "
        "one with np.linalg.inv; then check that the inverse times the matrix is the identity.",
        "用 np.dot 计算两个 2x2 矩阵的乘积，用 .T 和 np.transpose 求转置，用 np.linalg.inv 求逆，"
        "最后验证逆矩阵乘以原矩阵得到单位矩阵。",
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored (its comments had run into the code lines).",
                  "恢复了原文的换行（原文的注释和代码挤在了同一行）。")),
        Change(bi("Added a check: inv(A) @ A is printed and compared with the identity.",
                  "新增验证：打印 inv(A) @ A，并与单位矩阵比较。")),
        Change(bi("Each matrix is also shown as a table.", "每个矩阵同时以表格显示。")),
    ),
    related=("numpy.reshape", "numpy.array_basics"),
    run=run,
    labels=LABELS,
)
