"""NumPy example 4: reshape, flatten in C and F order, transpose."""

from studio.core.lesson import Change, Lesson
from studio.core.text import bi

ARTICLE_CODE = '''\
import numpy as np
# 创建一个一维数组
original_array = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9])
# 将一维数组重组为二维数组(3x3矩阵)
reshaped_array = original_array.reshape(3, 3)
print("Reshaped Array (3x3 matrix):")
print(reshaped_array)
# 将二维数组重组为一维数组,并指定新数组的顺序(C顺序或F顺序)
# C顺序是按行读取元素,F顺序是按列读取元素
c_order_flattened = reshaped_array.flatten('C')
f_order_flattened = reshaped_array.flatten('F')
print("\\nFlattened Array (C Order):")
print(c_order_flattened)
print("\\nFlattened Array (F Order):")
print(f_order_flattened)
# 使用transpose()函数交换数组的轴
transposed_array = reshaped_array.transpose()
print("\\nTransposed Array:")
print(transposed_array)
'''


def run(ctx):
    import numpy as np

    original_array = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9])
    reshaped_array = original_array.reshape(3, 3)
    print("Reshaped Array (3x3 matrix):")
    print(reshaped_array)

    # C order reads the rows one after another, F (Fortran) order reads the columns.
    c_order_flattened = reshaped_array.flatten("C")
    f_order_flattened = reshaped_array.flatten("F")
    print("\nFlattened Array (C Order):")
    print(c_order_flattened)
    print("\nFlattened Array (F Order):")
    print(f_order_flattened)

    transposed_array = reshaped_array.transpose()
    print("\nTransposed Array:")
    print(transposed_array)

    ctx.table("reshaped (3x3)", reshaped_array)
    ctx.table("transposed", transposed_array)
    ctx.result(
        original_shape=list(original_array.shape),
        reshaped_shape=list(reshaped_array.shape),
        reshaped=reshaped_array.tolist(),
        c_order=c_order_flattened.tolist(),
        f_order=f_order_flattened.tolist(),
        transposed=transposed_array.tolist(),
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "reshaped (3x3)": bi("reshaped (3x3)", "重塑为 3x3"),
    "transposed": bi("transposed", "转置"),
    "original_shape": bi("Original shape", "原始形状"),
    "reshaped_shape": bi("Shape after reshape", "重塑后的形状"),
    "reshaped": bi("Reshaped", "重塑结果"),
    "c_order": bi("Flattened, C order", "按 C 顺序展平"),
    "f_order": bi("Flattened, Fortran order", "按 Fortran 顺序展平"),
}


LESSON = Lesson(
    id="numpy.reshape",
    title=bi("NumPy: reshape, flatten and transpose", "NumPy：数组重组、展平与转置"),
    summary=bi(
        "Turn the numbers 1-9 into a 3x3 matrix, flatten it back row by row (C order) and column "
        "by column (F order), and swap its axes with transpose.",
        "把 1 到 9 重组为 3x3 矩阵，再分别按行（C 顺序）和按列（F 顺序）展平为一维数组，"
        "最后用 transpose 交换数组的轴。",
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored (its comments had run into the code lines).",
                  "恢复了原文的换行（原文的注释和代码挤在了同一行）。")),
        Change(bi("The matrices are also shown as tables.", "矩阵同时以表格显示。")),
    ),
    related=("numpy.matrix_ops",),
    run=run,
    labels=LABELS,
)
