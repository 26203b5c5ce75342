"""Exercises on the late stage, in miniature: a CNN layer, ONNX, a served model, Spark, Streamlit,
SHAP, out-of-core data with DuckDB, and what a Transformer layer weighs. Each is small enough to
run in a kernel on an ordinary PC; the checks use the same tools the late lessons use."""

from studio.core.text import bi
from studio.practice.checks import call, close, describe, module, n_params, passed
from studio.practice.exercise import Exercise, Fail, check

# -- late.cnn ------------------------------------------------------------------------------------
CONV_STARTER = '''\
import torch
from torch import nn

# your code: padding so that a 28x28 image stays 28x28 (the first layer of the lesson's CNN)
conv = nn.Conv2d(in_channels=1, out_channels=8, kernel_size=3)
out = conv(torch.zeros(1, 1, 28, 28))

n_params = 0  # your code: how many weights and biases `conv` has
print(tuple(out.shape), n_params)
'''

CONV_SOLUTION = CONV_STARTER.replace("kernel_size=3)", "kernel_size=3, padding=1)").replace(
    "n_params = 0  # your code: how many weights and biases `conv` has",
    "n_params = sum(p.numel() for p in conv.parameters())  # 8 x (1 x 3 x 3) weights + 8 biases = 80")


@check("shape", bi("`conv` turns a (1, 1, 28, 28) image into (1, 8, 28, 28)",
                   "`conv` 把 (1, 1, 28, 28) 的图像变成 (1, 8, 28, 28)"))
def _conv_shape(env):
    import torch

    conv = module(env, "conv")
    with torch.no_grad():
        out = call(bi("`conv` runs on a 28x28 image", "`conv` 能处理 28x28 的图像"), conv, torch.zeros(1, 1, 28, 28))
    return passed(tuple(out.shape) == (1, 8, 28, 28), "(1, 8, 28, 28)", str(tuple(out.shape)))


@check("layer", bi("`conv` is still a 3x3 convolution from 1 channel to 8", "`conv` 仍是 1 通道到 8 通道的 3x3 卷积"))
def _conv_layer(env):
    from torch import nn

    conv = env.var("conv", nn.Conv2d)
    found = (conv.in_channels, conv.out_channels, tuple(conv.kernel_size))
    return passed(found == (1, 8, (3, 3)), "in 1, out 8, kernel (3, 3)",
                  f"in {found[0]}, out {found[1]}, kernel {found[2]}")


@check("count", bi("`n_params` is the number of `conv`'s weights and biases", "`n_params` 等于 `conv` 的权重与偏置个数"))
def _conv_count(env):
    actual = n_params(module(env, "conv"))
    found = env.number("n_params")
    return passed(found == actual, f"{actual:,}", f"{found:,.0f}")


# -- late.onnx -----------------------------------------------------------------------------------
ONNX_STARTER = '''\
import tempfile
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)).eval()
x = torch.randn(5, 4)
path = str(Path(tempfile.mkdtemp()) / "net.onnx")

# your code: export `net` to `path` with its input named "x" (torch.onnx.export), run the file
# with ONNX Runtime on `x`, and set `max_abs_diff` to the largest difference from torch's output
max_abs_diff = None
print(max_abs_diff)
'''

ONNX_SOLUTION = ONNX_STARTER.replace('''max_abs_diff = None
''', '''torch.onnx.export(net, (x,), path, input_names=["x"], output_names=["y"], dynamo=False)
session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
onnx_out = session.run(None, {"x": x.numpy()})[0]
with torch.no_grad():
    torch_out = net(x).numpy()
max_abs_diff = float(np.abs(onnx_out - torch_out).max())
''')


def _onnx_session(env):
    import onnxruntime as ort

    path = env.var("path", str)
    try:
        return ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    except Exception as exc:  # a missing or broken file: the learner's
        raise Fail(bi("an ONNX file at `path` that ONNX Runtime loads", "`path` 处有 ONNX Runtime 能加载的 ONNX 文件"),
                   f"{type(exc).__name__}: {str(exc)[:120]}") from None


def _torch_and_onnx(env, x):
    import torch

    session = _onnx_session(env)
    with torch.no_grad():
        expected = module(env, "net")(x).numpy()
    found = call(bi("the ONNX model runs on an input named \"x\"", "ONNX 模型能以名为 \"x\" 的输入运行"),
                 session.run, None, {"x": x.numpy()})[0]
    return expected, found


@check("input", bi("the file's input is named \"x\"", "文件的输入名为 \"x\""))
def _onnx_input(env):
    names = [i.name for i in _onnx_session(env).get_inputs()]
    return passed(names == ["x"], "['x']", str(names))


@check("same", bi("ONNX Runtime gives `net`'s outputs on the same input, within 1e-4",
                  "同一输入下 ONNX Runtime 的输出与 `net` 相同（误差 1e-4 以内）"))
def _onnx_same(env):
    import numpy as np

    expected, found = _torch_and_onnx(env, env.var("x"))
    worst = float(np.abs(found - expected).max())
    return passed(worst < 1e-4, "max |difference| < 1e-4", f"{worst:.3g}")


@check("diff", bi("`max_abs_diff` is that largest difference, below 1e-4", "`max_abs_diff` 就是这个最大差值，且小于 1e-4"))
def _onnx_diff(env):
    import numpy as np

    expected, found = _torch_and_onnx(env, env.var("x"))
    worst = float(np.abs(found - expected).max())
    reported = env.number("max_abs_diff")
    return passed(abs(reported - worst) <= 1e-6 and reported < 1e-4, f"{worst:.3g}", f"{reported:.3g}")


# -- late.serving --------------------------------------------------------------------------------
SERVING_STARTER = '''\
import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

iris = load_iris()
model = LogisticRegression(max_iter=1000).fit(iris.data, iris.target)
app = FastAPI()


class Flower(BaseModel):
    sepal_length: float
    sepal_width: float
    petal_length: float
    petal_width: float


@app.get("/health")
def health():
    return {"status": "ok"}

# your code: POST /predict takes a Flower and answers {"species": name, "probability": p},
# the model's most likely species and its probability
'''

SERVING_SOLUTION = SERVING_STARTER.replace('''# your code: POST /predict takes a Flower and answers {"species": name, "probability": p},
# the model's most likely species and its probability
''', '''
@app.post("/predict")
def predict(flower: Flower):
    x = np.array([[flower.sepal_length, flower.sepal_width, flower.petal_length, flower.petal_width]])
    p = model.predict_proba(x)[0]
    k = int(p.argmax())
    return {"species": str(iris.target_names[k]), "probability": float(p[k])}
''')

FIELDS = ("sepal_length", "sepal_width", "petal_length", "petal_width")


def _client(env):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    return TestClient(env.var("app", FastAPI), raise_server_exceptions=False)  # in this process: no port


def _ask(client, body):
    response = client.post("/predict", json=body)
    return response.status_code, (response.json() if "json" in response.headers.get("content-type", "") else None)


@check("route", bi("POST /predict answers 200 with `species` and `probability`",
                   "POST /predict 返回 200，且含 `species` 和 `probability`"))
def _serving_route(env):
    status, body = _ask(_client(env), dict(zip(FIELDS, (5.1, 3.5, 1.4, 0.2), strict=True)))
    ok = status == 200 and isinstance(body, dict) and {"species", "probability"} <= set(body)
    return passed(ok, "200 {species, probability}", f"{status} {describe(body)}")


@check("answers", bi("its answers are the model's, for 15 flowers of the data set",
                     "对数据集中 15 朵花的回答与模型一致"))
def _serving_answers(env):
    import numpy as np

    model, iris, client = env.var("model"), env.var("iris"), _client(env)
    for row in np.asarray(iris.data)[::10]:
        p = model.predict_proba(row[None, :])[0]
        want = {"species": str(iris.target_names[int(p.argmax())]), "probability": float(p.max())}
        status, body = _ask(client, dict(zip(FIELDS, map(float, row), strict=True)))
        good = (status == 200 and isinstance(body, dict) and body.get("species") == want["species"]
                and isinstance(body.get("probability"), float) and abs(body["probability"] - want["probability"]) < 1e-6)
        if not good:
            return passed(False, f"{list(row)} -> {want}", f"{status} {describe(body)}")
    return passed(True, bi("15 of 15 as the model says", "15 个全部与模型一致"), bi("15 of 15", "15 个全部一致"))


@check("invalid", bi("a flower without `petal_width` is refused with 422, as FastAPI does for a typed body",
                     "缺少 `petal_width` 的请求被拒绝，返回 422（FastAPI 对带类型的请求体就是这样做的）"))
def _serving_invalid(env):
    status, _ = _ask(_client(env), dict(zip(FIELDS[:3], (5.1, 3.5, 1.4), strict=True)))
    return passed(status == 422, "422", str(status))


# -- late.spark ----------------------------------------------------------------------------------
SPARK_STARTER = '''\
import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

sales = pd.DataFrame({"city": ["Beijing", "Shanghai", "Beijing", "Shenzhen", "Shanghai", "Beijing"],
                      "amount": [120.0, 80.0, 60.0, 200.0, 40.0, 30.0]})
spark = SparkSession.builder.master("local[1]").appName("practice").getOrCreate()  # needs Java 17+
try:
    df = spark.createDataFrame(sales)
    # your code: with Spark (groupBy, agg), per city the number of sales and their mean amount,
    # brought back as a pandas DataFrame `by_city` with columns city, sales, mean_amount, sorted by city
    by_city = None
    print(by_city)
finally:
    spark.stop()
'''

SPARK_SOLUTION = SPARK_STARTER.replace('''    by_city = None
''', '''    by_city = (df.groupBy("city")
               .agg(F.count("*").alias("sales"), F.avg("amount").alias("mean_amount"))
               .orderBy("city")
               .toPandas())
''')


def _by_city(env):
    import pandas as pd

    return env.var("by_city", pd.DataFrame)


@check("columns", bi("`by_city` has the columns city, sales, mean_amount", "`by_city` 的列为 city、sales、mean_amount"))
def _spark_columns(env):
    found = list(_by_city(env).columns)
    return passed(found == ["city", "sales", "mean_amount"], "['city', 'sales', 'mean_amount']", str(found))


@check("values", bi("one row per city, sorted, with the count and mean pandas gives",
                    "每个城市一行，按城市排序，数量与均值和 pandas 的结果相同"))
def _spark_values(env):
    sales = env.var("sales")
    expected = sales.groupby("city")["amount"].agg(["count", "mean"]).reset_index()
    found = _by_city(env)
    cities = list(found["city"]) if "city" in found else None
    if cities != list(expected["city"]):
        return passed(False, str(list(expected["city"])), describe(cities))
    return close(found.iloc[:, 1:3].to_numpy(dtype=float), expected[["count", "mean"]].to_numpy(dtype=float),
                 what="sales, mean_amount")


# -- late.streamlit ------------------------------------------------------------------------------
STREAMLIT_STARTER = '''\
APP = """
import streamlit as st

st.title("Iris petal length")
# your code: a slider "petal length (cm)" from 1.0 to 7.0, starting at 4.0, and below it
# st.metric("predicted species", ...) by the rule: under 2.5 setosa, under 4.8 versicolor, else virginica
"""
print(APP)
'''

STREAMLIT_SOLUTION = STREAMLIT_STARTER.replace('''# your code: a slider "petal length (cm)" from 1.0 to 7.0, starting at 4.0, and below it
# st.metric("predicted species", ...) by the rule: under 2.5 setosa, under 4.8 versicolor, else virginica
''', '''length = st.slider("petal length (cm)", 1.0, 7.0, 4.0)
species = "setosa" if length < 2.5 else "versicolor" if length < 4.8 else "virginica"
st.metric("predicted species", species)
''')


def _app(env):
    """The learner's script, run as Streamlit runs it (AppTest: in this process, no server)."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_string(env.var("APP", str))
    app.run(timeout=30)
    if app.exception:
        raise Fail(bi("the app runs without an exception", "应用运行时没有异常"), str(app.exception[0].message)[:200])
    return app


def _species(app) -> str:
    metrics = [m for m in app.metric if m.label == "predicted species"]
    if not metrics:
        raise Fail(bi("a metric \"predicted species\"", "一个 \"predicted species\" 指标"),
                   str([m.label for m in app.metric]))
    return str(metrics[0].value)


@check("slider", bi("a slider \"petal length (cm)\" from 1.0 to 7.0 at 4.0", "一个 \"petal length (cm)\" 滑块，范围 1.0-7.0，初值 4.0"))
def _st_slider(env):
    found = [(s.label, s.min, s.max, s.value) for s in _app(env).slider]
    return passed(found == [("petal length (cm)", 1.0, 7.0, 4.0)], "[('petal length (cm)', 1.0, 7.0, 4.0)]", str(found))


@check("metric", bi("the metric says versicolor at 4.0 cm", "4.0 cm 时指标显示 versicolor"))
def _st_metric(env):
    species = _species(_app(env))
    return passed(species == "versicolor", "versicolor", species)


@check("reacts", bi("moving the slider to 1.5 and 6.0 gives setosa and virginica", "滑块移到 1.5 和 6.0 时分别显示 setosa 和 virginica"))
def _st_reacts(env):
    app = _app(env)
    if not app.slider:
        raise Fail(bi("a slider", "一个滑块"), bi("none", "没有"))
    found = []
    for value in (1.5, 6.0):
        app.slider[0].set_value(value).run(timeout=30)
        found.append(_species(app))
    return passed(found == ["setosa", "virginica"], "['setosa', 'virginica']", str(found))


# -- late.explain --------------------------------------------------------------------------------
SHAP_STARTER = '''\
import numpy as np
import shap
from sklearn.datasets import load_diabetes
from sklearn.ensemble import GradientBoostingRegressor

X, y = load_diabetes(return_X_y=True, as_frame=True)
model = GradientBoostingRegressor(n_estimators=50, max_depth=3, random_state=0).fit(X, y)
rows = X.iloc[:20]

# your code: the SHAP values of `rows` from a shap.TreeExplainer, as a NumPy array `values`
# (20 rows x 10 features); `base`, the explainer's expected value (one number); and
# `top_feature`, the column with the largest mean |SHAP value|
values = None
base = None
top_feature = None
print(top_feature)
'''

SHAP_SOLUTION = SHAP_STARTER.replace('''values = None
base = None
top_feature = None
''', '''explainer = shap.TreeExplainer(model)
values = explainer.shap_values(rows)
base = float(np.ravel(explainer.expected_value)[0])
top_feature = rows.columns[np.abs(values).mean(axis=0).argmax()]
''')


def _shap_values(env):
    from studio.practice.checks import array

    rows = env.var("rows")
    return array(env, "values", shape=rows.shape), rows


@check("shape", bi("`values` has one row per row of `rows` and one column per feature",
                   "`values` 每行对应 `rows` 的一行，每列对应一个特征"))
def _shap_shape(env):
    values, rows = _shap_values(env)
    return passed(True, str(rows.shape), str(values.shape))


@check("additivity", bi("`base` + a row's SHAP values = the model's prediction for it, within 1e-4",
                        "`base` 加上一行的 SHAP 值等于模型对该行的预测（误差 1e-4 以内）"))
def _shap_additive(env):
    import numpy as np

    values, rows = _shap_values(env)
    error = float(np.abs(env.number("base") + values.sum(axis=1) - env.var("model").predict(rows)).max())
    return passed(error < 1e-4, "additivity error < 1e-4", f"{error:.3g}")


@check("top", bi("`top_feature` is the feature with the largest mean |SHAP value|", "`top_feature` 是平均 |SHAP 值| 最大的特征"))
def _shap_top(env):
    import numpy as np
    import shap

    rows = env.var("rows")
    truth = shap.TreeExplainer(env.var("model")).shap_values(rows)
    expected = str(rows.columns[np.abs(truth).mean(axis=0).argmax()])
    found = env.var("top_feature")
    return passed(str(found) == expected, expected, describe(found))


# -- late.out_of_core ----------------------------------------------------------------------------
DUCKDB_STARTER = '''\
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
folder = Path(tempfile.mkdtemp())
for part in range(4):  # an event log in 4 Parquet files of 250,000 rows
    pd.DataFrame({"user_id": rng.integers(0, 1000, 250_000),
                  "price": (rng.random(250_000) * 100).round(2)}).to_parquet(folder / f"part-{part}.parquet")

# your code: with DuckDB, straight from the files (read_parquet over a glob, nothing loaded whole),
# per user the number of events and the total price: a DataFrame `totals` with columns
# user_id, events, spent, sorted by user_id
totals = None
print(totals)
'''

DUCKDB_SOLUTION = DUCKDB_STARTER.replace('''totals = None
''', '''totals = duckdb.sql(f"""
    SELECT user_id, count(*) AS events, sum(price) AS spent
    FROM read_parquet('{folder}/*.parquet')
    GROUP BY user_id ORDER BY user_id
""").df()
''')


def _totals(env):
    import pandas as pd

    return env.var("totals", pd.DataFrame)


def _events(env):
    import pandas as pd

    return pd.concat(pd.read_parquet(p) for p in sorted(env.var("folder").glob("part-*.parquet")))


@check("columns", bi("`totals` has the columns user_id, events, spent", "`totals` 的列为 user_id、events、spent"))
def _duck_columns(env):
    found = list(_totals(env).columns)
    return passed(found == ["user_id", "events", "spent"], "['user_id', 'events', 'spent']", str(found))


@check("all_rows", bi("the events add up to all 1,000,000 rows of the 4 files", "events 合计为 4 个文件的全部 1,000,000 行"))
def _duck_all_rows(env):
    totals = _totals(env)
    found = int(totals.iloc[:, 1].sum()) if len(totals.columns) > 1 else 0
    return passed(found == 1_000_000, "1,000,000", f"{found:,}")


@check("values", bi("each user's events and spent are what pandas computes from the files",
                    "每个用户的 events 与 spent 和 pandas 从文件算出的一致"))
def _duck_values(env):
    events = _events(env)
    expected = events.groupby("user_id")["price"].agg(["count", "sum"]).reset_index()
    totals = _totals(env)
    if len(totals) != len(expected) or len(totals.columns) != 3:
        return passed(False, f"{len(expected)} rows x 3 columns", f"{len(totals)} rows x {len(totals.columns)} columns")
    return close(totals.to_numpy(dtype=float), expected.to_numpy(dtype=float), rtol=1e-9, atol=1e-6,
                 what="user_id, events, spent")


# -- late.transformer_scale ---------------------------------------------------------------------------
LAYER_STARTER = '''\
def encoder_layer_params(d_model, d_ff):
    """Weights and biases of one Transformer encoder layer, as torch.nn.TransformerEncoderLayer has them."""
    return 0  # your code: attention's 4 projections, the feed-forward pair, two LayerNorms


bert_base = 12 * encoder_layer_params(768, 3072)  # BERT-base: 12 layers, d_model 768, d_ff 3072
print(f"{bert_base:,} parameters in the encoder layers, {bert_base * 4 / 2**20:.0f} MiB in float32")
'''

LAYER_SOLUTION = LAYER_STARTER.replace(
    "    return 0  # your code: attention's 4 projections, the feed-forward pair, two LayerNorms",
    '''    attention = 4 * (d_model * d_model + d_model)  # query, key, value and output projections
    feed_forward = (d_model * d_ff + d_ff) + (d_ff * d_model + d_model)
    norms = 2 * (2 * d_model)  # two LayerNorms, a weight and a bias each
    return attention + feed_forward + norms''')


def _torch_layer_params(d_model, d_ff, heads):
    from torch import nn

    layer = nn.TransformerEncoderLayer(d_model, heads, d_ff)
    return sum(p.numel() for p in layer.parameters())


@check("formula", bi("`encoder_layer_params` agrees with torch's layer for three shapes",
                     "`encoder_layer_params` 在三种形状下与 torch 的层一致"))
def _layer_formula(env):
    fn = env.var("encoder_layer_params")
    for d_model, d_ff, heads in ((64, 256, 4), (128, 512, 8), (768, 3072, 12)):
        expected = _torch_layer_params(d_model, d_ff, heads)
        found = call(bi("the function runs", "函数能运行"), fn, d_model, d_ff)
        if found != expected:
            return passed(False, f"({d_model}, {d_ff}): {expected:,}", f"{describe(found)}")
    return passed(True, bi("three of three", "三种都一致"), bi("three of three", "三种都一致"))


@check("bert", bi("`bert_base` is 12 layers of the BERT-base shape", "`bert_base` 是 12 层 BERT-base 形状的参数量"))
def _layer_bert(env):
    expected = 12 * _torch_layer_params(768, 3072, 12)
    found = env.number("bert_base")
    return passed(found == expected, f"{expected:,}", f"{found:,.0f}")


EXERCISES = [
    Exercise(
        id="late.cnn/same_padding",
        title=bi("Keep the image size", "保持图像尺寸"),
        task=bi(
            "The lesson's CNN starts with a 3x3 convolution from 1 channel to 8. Without padding it "
            "shrinks a 28x28 image to 26x26. Give `conv` the padding that keeps 28x28, and set "
            "`n_params` to the number of its weights and biases (count them from the layer).",
            "本课的 CNN 以一个 1 通道到 8 通道的 3x3 卷积开始。不加填充时，它把 28x28 的图像缩成 26x26。"
            "请给 `conv` 加上能保持 28x28 的填充（padding），并把 `n_params` 设为它的权重与偏置个数（从层本身数出来）。"),
        starter=CONV_STARTER,
        solution=CONV_SOLUTION,
        hints=(bi("A 3x3 kernel loses one pixel on each side; `padding=1` adds one back.",
                  "3x3 的卷积核每边少一个像素；`padding=1` 每边补回一个。"),
               bi("`sum(p.numel() for p in conv.parameters())` counts every weight and bias.",
                  "`sum(p.numel() for p in conv.parameters())` 能数出全部权重与偏置。")),
        checks=(_conv_shape, _conv_layer, _conv_count),
        wrong=(CONV_SOLUTION.replace(", padding=1)", ")"),
               CONV_SOLUTION.replace("kernel_size=3, padding=1)", "kernel_size=1)"),
               CONV_SOLUTION.replace("sum(p.numel() for p in conv.parameters())", "8 * 3 * 3")),
    ),
    Exercise(
        id="late.onnx/export_and_compare",
        title=bi("Export to ONNX and compare", "导出为 ONNX 并比较"),
        task=bi(
            "Export the small network `net` to the ONNX file `path`, with its input named `\"x\"` "
            "(`torch.onnx.export`, `input_names`). Load the file with ONNX Runtime, run it on `x`, and set "
            "`max_abs_diff` to the largest absolute difference from torch's output on `x`: the lesson's "
            "check that an exported model is the same model.",
            "把小网络 `net` 导出为 ONNX 文件 `path`，输入名为 `\"x\"`（`torch.onnx.export` 的 `input_names`）。"
            "用 ONNX Runtime 加载该文件，在 `x` 上运行，并把 `max_abs_diff` 设为它与 torch 在 `x` 上输出的最大绝对差："
            "这正是本课确认导出的模型仍是同一个模型的做法。"),
        starter=ONNX_STARTER,
        solution=ONNX_SOLUTION,
        hints=(bi("`torch.onnx.export(net, (x,), path, input_names=[\"x\"], dynamo=False)` writes the file.",
                  "`torch.onnx.export(net, (x,), path, input_names=[\"x\"], dynamo=False)` 会写出文件。"),
               bi("`ort.InferenceSession(path).run(None, {\"x\": x.numpy()})[0]` is the ONNX output; compare it "
                  "with `net(x)` under `torch.no_grad()`.",
                  "`ort.InferenceSession(path).run(None, {\"x\": x.numpy()})[0]` 就是 ONNX 的输出；"
                  "在 `torch.no_grad()` 下与 `net(x)` 比较。")),
        checks=(_onnx_input, _onnx_same, _onnx_diff),
        wrong=(ONNX_SOLUTION.replace('input_names=["x"], ', "").replace('{"x": x.numpy()}', '{"onnx::Gemm_0": x.numpy()}'),
               ONNX_SOLUTION.replace("torch.onnx.export(net,", "torch.onnx.export(nn.Sequential(nn.Linear(4, 3)).eval(),"),
               ONNX_SOLUTION.replace("torch_out = net(x).numpy()", "torch_out = net(x * 2).numpy()")),
    ),
    Exercise(
        id="late.serving/predict_route",
        title=bi("A prediction endpoint", "预测接口"),
        task=bi(
            "The starter trains the lesson's iris model and builds a FastAPI app with `/health`. Add "
            "`POST /predict`: it takes a `Flower` (a typed body, so FastAPI refuses a malformed one) and "
            "answers `{\"species\": ..., \"probability\": ...}`, the model's most likely species and its "
            "probability. The checks call your app in this process, as `TestClient` does; no port is opened.",
            "起始代码训练了本课的鸢尾花模型，并建好带 `/health` 的 FastAPI 应用。请添加 `POST /predict`："
            "它接收一个 `Flower`（带类型的请求体，格式不对时 FastAPI 会拒绝），返回 "
            "`{\"species\": ..., \"probability\": ...}`，即模型最可能的品种及其概率。检查会像 `TestClient` 那样在本进程内调用你的应用，"
            "不打开端口。"),
        starter=SERVING_STARTER,
        solution=SERVING_SOLUTION,
        hints=(bi("`@app.post(\"/predict\")` over `def predict(flower: Flower):` makes the route.",
                  "在 `def predict(flower: Flower):` 上加 `@app.post(\"/predict\")` 即可建立路由。"),
               bi("`model.predict_proba(x)[0]` gives the three probabilities; `iris.target_names[k]` names class k.",
                  "`model.predict_proba(x)[0]` 给出三个概率；`iris.target_names[k]` 是第 k 类的名称。")),
        checks=(_serving_route, _serving_answers, _serving_invalid),
        wrong=(SERVING_SOLUTION.replace('@app.post("/predict")', '@app.get("/predict")'),
               SERVING_SOLUTION.replace('"species": str(iris.target_names[k])', '"species": str(iris.target_names[0])'),
               SERVING_SOLUTION.replace("def predict(flower: Flower):\n    x = np.array([[flower.sepal_length, "
                                        "flower.sepal_width, flower.petal_length, flower.petal_width]])",
                                        "def predict(flower: dict):\n    x = np.array([[flower['sepal_length'], "
                                        "flower['sepal_width'], flower['petal_length'], flower['petal_width']]])")),
    ),
    Exercise(
        id="late.spark/by_city",
        title=bi("Group by in Spark", "用 Spark 分组汇总"),
        task=bi(
            "The lesson runs Spark in local mode beside pandas. Here a Spark DataFrame `df` holds six sales. "
            "With Spark's own `groupBy` and `agg`, compute per city the number of sales and their mean amount, "
            "and bring the result back as a pandas DataFrame `by_city` with columns `city`, `sales`, "
            "`mean_amount`, sorted by city. Spark needs Java 17 or newer; it starts in about 10 s.",
            "本课在本地模式下运行 Spark，与 pandas 对照。这里的 Spark DataFrame `df` 有六笔销售。请用 Spark 自己的 "
            "`groupBy` 和 `agg` 计算每个城市的销售笔数和平均金额，再取回为 pandas DataFrame `by_city`，列为 `city`、"
            "`sales`、`mean_amount`，按城市排序。Spark 需要 Java 17 或更新版本；启动约需 10 秒。"),
        starter=SPARK_STARTER,
        solution=SPARK_SOLUTION,
        hints=(bi("`F.count(\"*\")` and `F.avg(\"amount\")` inside `.agg(...)`; `.alias(\"sales\")` names a column.",
                  "在 `.agg(...)` 里用 `F.count(\"*\")` 和 `F.avg(\"amount\")`；`.alias(\"sales\")` 给列命名。"),
               bi("`.orderBy(\"city\").toPandas()` sorts and brings the rows back to pandas.",
                  "`.orderBy(\"city\").toPandas()` 排序并把结果取回 pandas。")),
        checks=(_spark_columns, _spark_values),
        wrong=(SPARK_SOLUTION.replace('.alias("sales")', "").replace('.alias("mean_amount")', ""),
               SPARK_SOLUTION.replace('F.avg("amount")', 'F.sum("amount")')),
        timeout=180.0,
    ),
    Exercise(
        id="late.streamlit/petal_slider",
        title=bi("A slider and a prediction", "一个滑块和一个预测"),
        task=bi(
            "A Streamlit app is a script run again at every interaction. Complete the script in `APP`: a "
            "slider `\"petal length (cm)\"` from 1.0 to 7.0 starting at 4.0, and under it "
            "`st.metric(\"predicted species\", ...)` by the rule: under 2.5 setosa, under 4.8 versicolor, else "
            "virginica. The checks run your script as Streamlit does and move the slider.",
            "Streamlit 应用就是一个每次交互都重新运行的脚本。请补全 `APP` 中的脚本：一个 `\"petal length (cm)\"` "
            "滑块，范围 1.0 到 7.0，初值 4.0；其下用 `st.metric(\"predicted species\", ...)` 按规则显示：小于 2.5 为 "
            "setosa，小于 4.8 为 versicolor，否则为 virginica。检查会像 Streamlit 那样运行你的脚本并拖动滑块。"),
        starter=STREAMLIT_STARTER,
        solution=STREAMLIT_SOLUTION,
        hints=(bi("`length = st.slider(\"petal length (cm)\", 1.0, 7.0, 4.0)` returns the slider's value.",
                  "`length = st.slider(\"petal length (cm)\", 1.0, 7.0, 4.0)` 返回滑块的当前值。"),
               bi("`\"setosa\" if length < 2.5 else \"versicolor\" if length < 4.8 else \"virginica\"` is the rule.",
                  "规则可写成 `\"setosa\" if length < 2.5 else \"versicolor\" if length < 4.8 else \"virginica\"`。")),
        checks=(_st_slider, _st_metric, _st_reacts),
        wrong=(STREAMLIT_SOLUTION.replace("1.0, 7.0, 4.0)", "0.0, 10.0, 4.0)"),
               STREAMLIT_SOLUTION.replace('st.metric("predicted species", species)', 'st.metric("species", species)'),
               STREAMLIT_SOLUTION.replace('species = "setosa" if length < 2.5 else "versicolor" if length < 4.8 '
                                          'else "virginica"', 'species = "versicolor"')),
    ),
    Exercise(
        id="late.explain/shap_values",
        title=bi("SHAP values that add up", "加起来等于预测的 SHAP 值"),
        task=bi(
            "Explain a gradient-boosted model of the diabetes data with SHAP, as the lesson does: compute "
            "the SHAP values of `rows` with a `shap.TreeExplainer` as a NumPy array `values`; set `base` to "
            "the explainer's expected value, so that `base` plus a row's values is the model's prediction "
            "for it; and set `top_feature` to the column with the largest mean |SHAP value|.",
            "像本课那样用 SHAP 解释糖尿病数据上的梯度提升模型：用 `shap.TreeExplainer` 计算 `rows` 的 SHAP 值，"
            "存为 NumPy 数组 `values`；把 `base` 设为解释器的期望值，使 `base` 加上一行的 SHAP 值等于模型对该行的预测；"
            "再把 `top_feature` 设为平均 |SHAP 值| 最大的列。"),
        starter=SHAP_STARTER,
        solution=SHAP_SOLUTION,
        hints=(bi("`explainer = shap.TreeExplainer(model)`; `explainer.shap_values(rows)`; `explainer.expected_value`.",
                  "`explainer = shap.TreeExplainer(model)`；`explainer.shap_values(rows)`；`explainer.expected_value`。"),
               bi("`np.abs(values).mean(axis=0).argmax()` is the position of the top column in `rows.columns`.",
                  "`np.abs(values).mean(axis=0).argmax()` 是最重要的列在 `rows.columns` 中的位置。")),
        checks=(_shap_shape, _shap_additive, _shap_top),
        wrong=(SHAP_SOLUTION.replace("values = explainer.shap_values(rows)", "values = explainer.shap_values(rows)[:10]"),
               SHAP_SOLUTION.replace("base = float(np.ravel(explainer.expected_value)[0])", "base = 0.0"),
               SHAP_SOLUTION.replace("top_feature = rows.columns[np.abs(values).mean(axis=0).argmax()]",
                                     "top_feature = rows.columns[0]")),
    ),
    Exercise(
        id="late.out_of_core/duckdb_totals",
        title=bi("Totals straight from Parquet", "直接从 Parquet 汇总"),
        task=bi(
            "The lesson's point: features of data too big for RAM are computed by an engine that streams "
            "from disk. The starter writes an event log of 1,000,000 rows in 4 Parquet files. With DuckDB, "
            "reading the files directly (`read_parquet` over a glob), compute per user the number of events and "
            "the total price: a DataFrame `totals` with columns `user_id`, `events`, `spent`, sorted by user_id.",
            "本课的要点：内存装不下的数据，要用从磁盘流式读取的引擎来计算特征。起始代码把 1,000,000 行的事件日志写成 4 个 "
            "Parquet 文件。请用 DuckDB 直接读取这些文件（对通配路径用 `read_parquet`），计算每个用户的事件数和总金额："
            "得到 DataFrame `totals`，列为 `user_id`、`events`、`spent`，按 user_id 排序。"),
        starter=DUCKDB_STARTER,
        solution=DUCKDB_SOLUTION,
        hints=(bi("`duckdb.sql(\"SELECT ... FROM read_parquet('folder/*.parquet') GROUP BY user_id\").df()` gives a DataFrame.",
                  "`duckdb.sql(\"SELECT ... FROM read_parquet('folder/*.parquet') GROUP BY user_id\").df()` 返回 DataFrame。"),
               bi("`count(*) AS events, sum(price) AS spent` and `ORDER BY user_id`.",
                  "用 `count(*) AS events, sum(price) AS spent` 和 `ORDER BY user_id`。")),
        checks=(_duck_columns, _duck_all_rows, _duck_values),
        wrong=(DUCKDB_SOLUTION.replace(" AS events", "").replace(" AS spent", ""),
               DUCKDB_SOLUTION.replace("{folder}/*.parquet", "{folder}/part-0.parquet")),
    ),
    Exercise(
        id="late.transformer_scale/layer_params",
        title=bi("What a Transformer layer weighs", "一个 Transformer 层有多重"),
        task=bi(
            "The lesson grows an encoder from tiny to the BERT-base shape and measures it. Count before you "
            "build: write `encoder_layer_params(d_model, d_ff)`, the number of weights and biases of one "
            "`torch.nn.TransformerEncoderLayer` (self-attention's query, key, value and output projections, "
            "the two feed-forward layers, two LayerNorms), without building one. `bert_base` then counts 12 "
            "layers of the BERT-base shape.",
            "本课把编码器从很小一直放大到 BERT-base 的形状并测量。先算再建：写出 `encoder_layer_params(d_model, d_ff)`，"
            "不构建层就算出一个 `torch.nn.TransformerEncoderLayer` 的权重与偏置个数（自注意力的 query、key、value 和输出投影，"
            "两层前馈网络，两个 LayerNorm）。`bert_base` 随之算出 12 层 BERT-base 形状的参数量。"),
        starter=LAYER_STARTER,
        solution=LAYER_SOLUTION,
        hints=(bi("A linear layer from a to b has a x b weights and b biases.", "从 a 到 b 的线性层有 a x b 个权重和 b 个偏置。"),
               bi("Attention: 4 layers from d_model to d_model; feed-forward: d_model to d_ff and back; "
                  "a LayerNorm: 2 x d_model.",
                  "注意力：4 个 d_model 到 d_model 的线性层；前馈：d_model 到 d_ff 再回到 d_model；一个 LayerNorm：2 x d_model。")),
        checks=(_layer_formula, _layer_bert),
        wrong=(LAYER_SOLUTION.replace("    norms = 2 * (2 * d_model)", "    norms = 0"),),
    ),
]
