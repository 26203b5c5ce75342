"""Exercises on the late stage's systems, in miniature: a FastAPI prediction route, a Spark
groupBy, a Streamlit app moved by its test harness, and DuckDB totals straight from Parquet."""

from studio.core.text import bi
from studio.practice.checks import close, describe, passed
from studio.practice.exercise import Exercise, Fail, check

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


EXERCISES = [
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
]
