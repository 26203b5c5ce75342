"""scikit-learn example 2: standardise numeric features, one-hot encode a category, join them."""

from studio.core.lesson import Change, Lesson
from studio.core.text import bi

ARTICLE_CODE = '''\
import numpy as np
from sklearn.preprocessing import OneHotEncoder,StandardScaler
data = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
category_feature = ['A', 'B', 'C']
# 进行特征标准化和独热编码
scaler = StandardScaler()
encoder = OneHotEncoder(sparse=False)
data_scaled = scaler.fit_transform(data)
category_feature = np.array(category_feature)
encoded_category_feature = encoder.fit_transform(category_feature.reshape(-1, 1))
# 组合标准化和独热编码的结果
preprocessed_data = np.hstack((data_scaled, encoded_category_feature))
print(preprocessed_data)
'''


def run(ctx):
    import numpy as np
    import pandas as pd
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    data = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    category_feature = ["A", "B", "C"]

    scaler = StandardScaler()
    encoder = OneHotEncoder(sparse_output=False)  # the article's sparse=False, renamed in 1.2
    data_scaled = scaler.fit_transform(data)
    category_feature = np.array(category_feature)
    encoded_category_feature = encoder.fit_transform(category_feature.reshape(-1, 1))

    preprocessed_data = np.hstack((data_scaled, encoded_category_feature))
    print(preprocessed_data)

    print("\n[studio] StandardScaler: each column minus its mean, divided by its standard deviation")
    print(f"[studio] means {scaler.mean_}, standard deviations {scaler.scale_}")
    print(f"[studio] OneHotEncoder categories: {encoder.categories_[0].tolist()}")

    columns = ["x1 (scaled)", "x2 (scaled)", "x3 (scaled)", *encoder.get_feature_names_out(["cat"])]
    ctx.table("preprocessed", pd.DataFrame(preprocessed_data, columns=columns))
    ctx.result(
        preprocessed=preprocessed_data.tolist(),
        shape=list(preprocessed_data.shape),
        scaler_mean=scaler.mean_.tolist(),
        scaler_scale=scaler.scale_.tolist(),
    )


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "preprocessed": bi("preprocessed", "预处理结果"),
    "shape": bi("Shape", "形状"),
    "scaler_mean": bi("Scaler means", "标准化器的均值"),
    "scaler_scale": bi("Scaler scales", "标准化器的缩放"),
}


LESSON = Lesson(
    id="sklearn.preprocessing",
    title=bi("scikit-learn: standardisation and one-hot encoding", "scikit-learn：标准化与独热编码"),
    summary=bi(
        "Standardise a 3x3 numeric matrix with StandardScaler (zero mean, unit variance per "
        "column), one-hot encode the categories A, B, C with OneHotEncoder, and join both into "
        "the article's 3x6 matrix.",
        "用 StandardScaler 把 3x3 的数值矩阵标准化（每列均值为 0、方差为 1），用 OneHotEncoder "
        "对类别 A、B、C 做独热编码，再把两者拼接成原文中的 3x6 矩阵。",
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's line breaks are restored.", "恢复了原文的换行。")),
        Change(bi("OneHotEncoder(sparse=False) became OneHotEncoder(sparse_output=False): scikit-learn "
                  "1.2 renamed the argument and 1.4 removed the old name, so the article's line "
                  "now raises a TypeError.",
                  "OneHotEncoder(sparse=False) 改为 OneHotEncoder(sparse_output=False)：scikit-learn "
                  "1.2 重命名了该参数，1.4 删除了旧名称，原文这一行现在会报 TypeError。")),
        Change(bi("The article's printed matrix lost its spacing on the web page; numpy prints it "
                  "with aligned columns. The scaler's means and deviations and the encoder's "
                  "categories are printed too, and the result is shown as a table.",
                  "原文网页上打印的矩阵丢失了对齐空格，numpy 实际按列对齐打印。"
                  "另外打印了标准化用到的均值、标准差和编码器的类别，结果也以表格显示。")),
    ),
    related=("sklearn.iris_svc",),
    run=run,
    labels=LABELS,
)
