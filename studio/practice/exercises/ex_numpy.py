"""Exercises on the first lessons: Python lists, NumPy arrays, matrices and reshaping."""

from studio.core.text import bi
from studio.practice.checks import array, close, describe, kind_of, passed
from studio.practice.exercise import Exercise, check


def _equal(found, expected, what: str):
    return passed(found == expected, f"{what} = {describe(expected)}", f"{what} = {describe(found)}")


# -- python.list_basics ----------------------------------------------------------------------------
SQUARES_STARTER = '''\
numbers = list(range(1, 21))

even_squares = []
# your code: the squares of the even numbers, in order

print(even_squares)
'''


@check("type", bi("`even_squares` is a list", "`even_squares` 是列表"))
def _squares_type(env):
    return kind_of(env, "even_squares", list)


@check("values", bi("it holds 4, 16, ..., 400", "其内容为 4, 16, ..., 400"))
def _squares_values(env):
    value = env.var("even_squares", list, tuple)
    return _equal(list(value), [n**2 for n in range(2, 21, 2)], "even_squares")


LENGTHS_STARTER = '''\
words = ["numpy", "pandas", "sklearn", "torch", "keras"]

lengths = {}
# your code: map each word to its number of letters

print(lengths)
'''


@check("type", bi("`lengths` is a dict", "`lengths` 是字典"))
def _lengths_type(env):
    return kind_of(env, "lengths", dict)


@check("values", bi("each word maps to its length", "每个单词对应它的长度"))
def _lengths_values(env):
    value = env.var("lengths")
    found = dict(value) if isinstance(value, dict) else value
    return _equal(found, {w: len(w) for w in ["numpy", "pandas", "sklearn", "torch", "keras"]}, "lengths")


# -- numpy.array_basics -----------------------------------------------------------------------------
CUBES_STARTER = '''\
import numpy as np

numpy_array = np.array([1, 2, 3, 4, 5])
squared = np.square(numpy_array)
cubed = None  # your code: the cube of every element, with NumPy (no loop)

print("Squared:", squared)
print("Cubed:", cubed)
'''


@check("type", bi("`cubed` is a NumPy array of integers", "`cubed` 是整数类型的 NumPy 数组"))
def _cubed_type(env):
    import numpy as np

    value = env.var("cubed")
    ok = isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.integer)
    return passed(ok, "ndarray (int)", f"{type(value).__name__} ({getattr(value, 'dtype', '-')})")


@check("values", bi("it holds 1, 8, 27, 64, 125", "其内容为 1, 8, 27, 64, 125"))
def _cubed_values(env):
    return close(array(env, "cubed"), [1, 8, 27, 64, 125], what="cubed")


ABOVE_STARTER = '''\
import numpy as np

scores = np.array([72, 85, 90, 66, 78, 95, 88, 70])
mean_score = 0.0  # your code: the mean of scores
above = scores    # your code: only the scores above the mean (boolean indexing)

print(mean_score, above)
'''


@check("mean", bi("`mean_score` is the mean of the scores", "`mean_score` 是成绩的平均值"))
def _mean(env):
    return close(env.number("mean_score"), 80.5, what="mean_score")


@check("above", bi("`above` holds the scores above the mean, in order", "`above` 按原顺序保存高于平均值的成绩"))
def _above(env):
    return close(array(env, "above"), [85, 90, 95, 88], what="above")


# -- numpy.matrix_ops ----------------------------------------------------------------------------------
SOLVE_STARTER = '''\
import numpy as np

# 2x + 1y = 5
# 1x + 3y = 10
A = np.array([[2.0, 1.0], [1.0, 3.0]])
b = np.array([5.0, 10.0])
x = np.zeros(2)  # your code: the x with A @ x == b

print(x)
'''


@check("shape", bi("`x` is an array of 2 numbers", "`x` 是含 2 个数的数组"))
def _x_shape(env):
    x = array(env, "x")
    return passed(x.shape == (2,), "shape (2,)", f"shape {x.shape}")


@check("solves", bi("A @ x equals b for the starter's A and b", "对起始代码中的 A 和 b，A @ x 等于 b"))
def _x_solves(env):
    import numpy as np

    x = array(env, "x", shape=(2,))
    return close(np.array([[2.0, 1.0], [1.0, 3.0]]) @ x, [5.0, 10.0], rtol=1e-9, what="A @ x")


PRODUCT_STARTER = '''\
import numpy as np

matrix_a = np.array([[1, 2], [3, 4]])
matrix_b = np.array([[5, 6], [7, 8]])
product = matrix_a * matrix_b  # is this the matrix product?
elementwise = None             # your code

print(product)
print(elementwise)
'''


@check("product", bi("`product` is the matrix product (the article's np.dot)", "`product` 是矩阵乘积（原文的 np.dot）"))
def _product(env):
    return close(array(env, "product"), [[19, 22], [43, 50]], what="product")


@check("elementwise", bi("`elementwise` multiplies element by element", "`elementwise` 是逐元素相乘"))
def _elementwise(env):
    return close(array(env, "elementwise"), [[5, 12], [21, 32]], what="elementwise")


# -- numpy.reshape ---------------------------------------------------------------------------------------
GRID_STARTER = '''\
import numpy as np

values = np.arange(1, 13)  # 1 ... 12
grid = values              # your code: 3 rows of 4
column_sums = None         # your code: the sum of each column (4 numbers)

print(grid)
print(column_sums)
'''


@check("grid", bi("`grid` is 1 ... 12 in 3 rows of 4", "`grid` 是按 3 行 4 列排列的 1 ... 12"))
def _grid(env):
    import numpy as np

    return close(array(env, "grid"), np.arange(1, 13).reshape(3, 4), what="grid")


@check("sums", bi("`column_sums` holds the 4 column sums", "`column_sums` 是 4 个列之和"))
def _column_sums(env):
    return close(array(env, "column_sums"), [15, 18, 21, 24], what="column_sums")


F_ORDER_STARTER = '''\
import numpy as np

table = np.array([[1, 2, 3],
                  [4, 5, 6]])
by_rows = table.flatten("C")
by_columns = None  # your code: the numbers read column by column, in one row

print(by_rows, by_columns)
'''


@check("flat", bi("`by_columns` is one-dimensional, 6 numbers", "`by_columns` 是一维的，含 6 个数"))
def _flat(env):
    value = array(env, "by_columns")
    return passed(value.shape == (6,), "shape (6,)", f"shape {value.shape}")


@check("order", bi("it reads the columns one after another: 1, 4, 2, 5, 3, 6", "按列依次读取：1, 4, 2, 5, 3, 6"))
def _order(env):
    return close(array(env, "by_columns").ravel(), [1, 4, 2, 5, 3, 6], what="by_columns")


EXERCISES = [
    Exercise(
        id="python.list_basics/even_squares",
        title=bi("Squares of the even numbers", "偶数的平方"),
        task=bi("Fill `even_squares` with the squares of the **even** numbers of `numbers`, in order "
                "(a loop with `if`, or a list comprehension).",
                "把 `numbers` 中**偶数**的平方按顺序放进 `even_squares`（用带 `if` 的循环，或列表推导式）。"),
        starter=SQUARES_STARTER,
        solution=SQUARES_STARTER.replace("even_squares = []\n# your code: the squares of the even numbers, in order",
                                         "even_squares = [n ** 2 for n in numbers if n % 2 == 0]"),
        hints=(bi("`n % 2 == 0` is true for even numbers.", "偶数满足 `n % 2 == 0`。"),
               bi("`[n ** 2 for n in numbers if n % 2 == 0]`", "`[n ** 2 for n in numbers if n % 2 == 0]`")),
        checks=(_squares_type, _squares_values),
        wrong=(SQUARES_STARTER.replace("even_squares = []", "even_squares = tuple(n ** 2 for n in numbers if n % 2 == 0)"),
               SQUARES_STARTER.replace("even_squares = []", "even_squares = [n ** 2 for n in numbers]")),
    ),
    Exercise(
        id="python.list_basics/word_lengths",
        title=bi("A dict of word lengths", "单词长度字典"),
        task=bi("Make `lengths` a dict that maps each word of `words` to its number of letters, "
                "such as `{'numpy': 5, ...}`.",
                "让 `lengths` 成为一个字典，把 `words` 中的每个单词映射到它的字母个数，例如 `{'numpy': 5, ...}`。"),
        starter=LENGTHS_STARTER,
        solution=LENGTHS_STARTER.replace("lengths = {}\n# your code: map each word to its number of letters",
                                         "lengths = {word: len(word) for word in words}"),
        hints=(bi("`len(word)` counts the letters.", "`len(word)` 给出字母个数。"),
               bi("A dict comprehension: `{word: len(word) for word in words}`.",
                  "字典推导式：`{word: len(word) for word in words}`。")),
        checks=(_lengths_type, _lengths_values),
        wrong=(LENGTHS_STARTER.replace("lengths = {}", "lengths = [len(word) for word in words]"),
               LENGTHS_STARTER.replace("lengths = {}", "lengths = {word.upper(): len(word) for word in words}")),
    ),
    Exercise(
        id="numpy.array_basics/cubes",
        title=bi("Cubes with NumPy", "用 NumPy 求立方"),
        task=bi("Like `np.square` in the lesson, compute `cubed`, the cube of every element of "
                "`numpy_array`, as a NumPy array of integers, without a loop.",
                "仿照课程中的 `np.square`，不用循环计算 `cubed`：`numpy_array` 每个元素的立方，结果是整数 NumPy 数组。"),
        starter=CUBES_STARTER,
        solution=CUBES_STARTER.replace("cubed = None  # your code: the cube of every element, with NumPy (no loop)",
                                       "cubed = np.power(numpy_array, 3)  # or numpy_array ** 3"),
        hints=(bi("`np.power(array, n)` raises every element to the power n.", "`np.power(array, n)` 对每个元素求 n 次方。"),
               bi("`numpy_array ** 3` works too.", "`numpy_array ** 3` 也可以。")),
        checks=(_cubed_type, _cubed_values),
        wrong=(CUBES_STARTER.replace("cubed = None ", "cubed = numpy_array * 3 "),
               CUBES_STARTER.replace("cubed = None ", "cubed = numpy_array.astype(float) ** 3 ")),
    ),
    Exercise(
        id="numpy.array_basics/above_mean",
        title=bi("Scores above the mean", "高于平均分的成绩"),
        task=bi("Put the mean of `scores` in `mean_score`, and in `above` only the scores greater than "
                "it, in their order, with a boolean mask (`scores[condition]`).",
                "把 `scores` 的平均值放进 `mean_score`，再用布尔掩码（`scores[条件]`）把大于平均值的成绩按原顺序放进 `above`。"),
        starter=ABOVE_STARTER,
        solution=ABOVE_STARTER.replace("mean_score = 0.0  # your code: the mean of scores", "mean_score = scores.mean()")
        .replace("above = scores    # your code", "above = scores[scores > mean_score]  #"),
        hints=(bi("`scores.mean()` or `np.mean(scores)`.", "`scores.mean()` 或 `np.mean(scores)`。"),
               bi("`scores > mean_score` is an array of True/False; index `scores` with it.",
                  "`scores > mean_score` 是由 True/False 组成的数组；用它去索引 `scores`。")),
        checks=(_mean, _above),
        wrong=(ABOVE_STARTER.replace("mean_score = 0.0 ", "mean_score = np.median(scores) ")
               .replace("above = scores ", "above = scores[scores > mean_score] "),
               ABOVE_STARTER.replace("mean_score = 0.0 ", "mean_score = scores.mean() ")
               .replace("above = scores ", "above = scores[scores >= 70] ")),
    ),
    Exercise(
        id="numpy.matrix_ops/solve",
        title=bi("Solve a linear system", "解线性方程组"),
        task=bi("Find `x` with `A @ x == b`: the two equations in the comments. Use NumPy's linear "
                "algebra instead of solving them by hand.",
                "求满足 `A @ x == b` 的 `x`，即注释中的两个方程。用 NumPy 的线性代数函数，而不是手算。"),
        starter=SOLVE_STARTER,
        solution=SOLVE_STARTER.replace("x = np.zeros(2)  # your code: the x with A @ x == b",
                                       "x = np.linalg.solve(A, b)  # better than inv(A) @ b"),
        hints=(bi("The lesson's `np.linalg.inv(A) @ b` works; `np.linalg.solve(A, b)` is faster and more accurate.",
                  "课程中的 `np.linalg.inv(A) @ b` 可行；`np.linalg.solve(A, b)` 更快也更精确。"),),
        checks=(_x_shape, _x_solves),
        wrong=(SOLVE_STARTER.replace("x = np.zeros(2) ", "x = np.linalg.inv(A) * b "),
               SOLVE_STARTER.replace("x = np.zeros(2) ", "x = b / np.diag(A) ")),
    ),
    Exercise(
        id="numpy.matrix_ops/star_vs_at",
        title=bi("`*` is not the matrix product", "`*` 不是矩阵乘法"),
        task=bi("In NumPy `a * b` multiplies element by element. Make `product` the matrix product "
                "(as the article's `np.dot`) and `elementwise` the element-by-element product.",
                "在 NumPy 中 `a * b` 是逐元素相乘。请让 `product` 成为矩阵乘积（即原文的 `np.dot`），"
                "让 `elementwise` 成为逐元素乘积。"),
        starter=PRODUCT_STARTER,
        solution=PRODUCT_STARTER.replace("product = matrix_a * matrix_b  # is this the matrix product?",
                                         "product = matrix_a @ matrix_b  # np.dot(matrix_a, matrix_b)")
        .replace("elementwise = None             # your code", "elementwise = matrix_a * matrix_b"),
        hints=(bi("`@` (or `np.dot`) is the matrix product.", "`@`（或 `np.dot`）是矩阵乘法。"),),
        checks=(_product, _elementwise),
        wrong=(PRODUCT_STARTER.replace("elementwise = None ", "elementwise = matrix_a * matrix_b "),
               PRODUCT_STARTER.replace("product = matrix_a * matrix_b ", "product = matrix_a @ matrix_b ")
               .replace("elementwise = None ", "elementwise = matrix_a @ matrix_b ")),
    ),
    Exercise(
        id="numpy.reshape/column_sums",
        title=bi("Reshape, then sum the columns", "先重组，再按列求和"),
        task=bi("Reshape `values` into `grid`, 3 rows of 4, then put the sum of each **column** in "
                "`column_sums` (4 numbers).",
                "把 `values` 重组为 3 行 4 列的 `grid`，再把每一**列**的和放进 `column_sums`（4 个数）。"),
        starter=GRID_STARTER,
        solution=GRID_STARTER.replace("grid = values              # your code: 3 rows of 4", "grid = values.reshape(3, 4)")
        .replace("column_sums = None         # your code: the sum of each column (4 numbers)",
                 "column_sums = grid.sum(axis=0)  # axis 0 runs down the rows"),
        hints=(bi("`values.reshape(3, 4)`", "`values.reshape(3, 4)`"),
               bi("`sum(axis=0)` adds down the rows, giving one number per column.",
                  "`sum(axis=0)` 沿行的方向相加，每列得到一个数。")),
        checks=(_grid, _column_sums),
        wrong=(GRID_STARTER.replace("grid = values ", "grid = values.reshape(4, 3) ")
               .replace("column_sums = None ", "column_sums = np.array([15, 18, 21, 24]) "),
               GRID_STARTER.replace("grid = values ", "grid = values.reshape(3, 4) ")
               .replace("column_sums = None ", "column_sums = grid.sum(axis=1) ")),
    ),
    Exercise(
        id="numpy.reshape/f_order",
        title=bi("Read column by column", "按列读取"),
        task=bi("`flatten('C')` reads `table` row by row. Put in `by_columns` the same numbers read "
                "**column by column**, as one row of 6.",
                "`flatten('C')` 按行读取 `table`。请把**按列**读取的同样 6 个数放进一维的 `by_columns`。"),
        starter=F_ORDER_STARTER,
        solution=F_ORDER_STARTER.replace("by_columns = None ", "by_columns = table.flatten(\"F\") "),
        hints=(bi("The lesson's F order (Fortran's) reads by columns.", "课程中的 F 顺序（Fortran 的顺序）按列读取。"),),
        checks=(_flat, _order),
        wrong=(F_ORDER_STARTER.replace("by_columns = None ", "by_columns = table.T "),
               F_ORDER_STARTER.replace("by_columns = None ", "by_columns = table.flatten(\"C\") ")),
    ),
]
