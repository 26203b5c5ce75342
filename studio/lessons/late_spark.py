"""Late stage, large-scale data: PySpark in local mode beside pandas and scikit-learn."""

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

from studio.core.advisor import Estimate
from studio.core.lesson import Change, Lesson, LessonError, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._late import require, t
from studio.lessons._servers import HOST, on_stop, stop
from studio.lessons.pandas_groupby import ARTICLE_CODE as GROUPBY_CODE
from studio.lessons.pandas_groupby import DATA

ARTICLE_CODE = GROUPBY_CODE + '''
# 二、算力环境学习阶段 / 2. 大规模数据处理
#   • 工具与场景
#     • Spark分布式计算(需集群环境)
'''

JAVA_MIN = 17  # Spark 4 runs on Java 17 or newer
INSTALL_JAVA = ("install Java 17+ (Debian/Ubuntu: sudo apt install openjdk-17-jre-headless; macOS: brew install "
                "openjdk@17; Windows: https://adoptium.net) or set JAVA_HOME to one")
MASTER_RE = re.compile(r"^(local(\[(\*|\d+)\])?|spark://[\w.-]+(:\d+)?(,[\w.-]+(:\d+)?)*|yarn|k8s://\S+)$")


def find_java() -> tuple[str, int]:
    """(path, major version) of the Java Spark will start: $JAVA_HOME/bin/java, else java on PATH.
    One-line LessonError when there is none or it is older than JAVA_MIN."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        where = f"JAVA_HOME={home} has no bin/java" if home else "no java on PATH and JAVA_HOME is not set"
        raise LessonError(f"late.spark needs Java {JAVA_MIN}+ ({where}): {INSTALL_JAVA}")
    try:
        text = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.SubprocessError) as exc:
        raise LessonError(f"late.spark could not run {java} -version ({exc}): {INSTALL_JAVA}") from None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    major = 0 if not found else int(found.group(2)) if found.group(1) == "1" else int(found.group(1))
    if major < JAVA_MIN:
        raise LessonError(f"late.spark needs Java {JAVA_MIN}+, found Java {major or '?'} at {java}: {INSTALL_JAVA}")
    return java, major


def start_spark(master: str, log: Path):
    """A SparkSession on `master`, its JVM started by us with its output in `log` (so it can be
    stopped with the lesson). Returns (session, gateway)."""
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import SparkSession

    conf = (SparkConf().setMaster(master).setAppName("studio-late-spark")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
            .set("spark.sql.execution.arrow.pyspark.enabled", "true")
            .set("spark.sql.shuffle.partitions", "4"))  # Spark's default 200 is for clusters
    if master.startswith("local"):
        conf.set("spark.driver.host", HOST).set("spark.driver.bindAddress", HOST)
    out = open(log, "wb")  # noqa: SIM115 - closed by _servers.stop with the process
    gateway = launch_gateway(conf, popen_kwargs={"stdout": out, "stderr": subprocess.STDOUT})
    gateway.proc.log_file = out
    sc = SparkContext(conf=conf, gateway=gateway)
    sc.setLogLevel("ERROR")
    return SparkSession(sc), gateway


def stop_spark(session, gateway) -> None:
    """Stop the session, close the gateway, end the JVM; the next run starts a fresh one."""
    from pyspark import SparkContext

    if session is not None:
        with contextlib.suppress(Exception):
            session.stop()
    if gateway is not None:
        with contextlib.suppress(Exception):
            gateway.shutdown()
        stop(gateway.proc)
    SparkContext._gateway = None
    SparkContext._jvm = None


def timed(ctx, fn):
    """(result, seconds) of fn(); a Spark job cancelled by Stop becomes Cancelled."""
    ctx.check()
    start = time.perf_counter()
    try:
        out = fn()
    except Exception:
        ctx.check()
        raise
    return out, time.perf_counter() - start


def run(ctx, master: str, rows: int, max_iter: int, seed: int):
    require("late.spark", "pyspark", "pyarrow")
    if not MASTER_RE.match(master):
        raise LessonError(f"master {master!r} is not a Spark master URL (local[*], local[4], spark://host:7077, "
                          "yarn, k8s://...)")
    java, major = find_java()
    print(f"Java {major}: {java}")
    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    # PySpark 4.3 warns at every conversion that pandas 3 is not fully supported; the conversions
    # used here work (the asserts below compare Spark's answers with pandas').
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    warnings.filterwarnings("ignore", "The copy keyword is deprecated", module="pyspark")
    steps = 5
    ctx.progress(0, steps)
    ctx.status(t(f"starting Spark on {master} (a Java process)…", f"正在启动 Spark（{master}，一个 Java 进程）…"))
    folder = Path(tempfile.mkdtemp(prefix="late-spark-"))
    session = gateway = None
    try:
        (session, gateway), start_s = timed(ctx, lambda: start_spark(master, folder / "spark.log"))
        sc = session.sparkContext
        print(f"Spark {session.version} started in {start_s:.1f} s on {master} "
              f"({sc.defaultParallelism} cores for tasks)")
        ctx.progress(1, steps)
        with on_stop(ctx, sc.cancelAllJobs):  # Stop cancels the running Spark job
            from pyspark.sql import functions as F

            # 1. the article's groupby example, in Spark
            df = session.createDataFrame(pd.DataFrame(DATA))
            print("Spark: df.groupBy('Name', 'Subject').agg(avg('Score'))")
            grouped, _ = timed(ctx, df.groupBy("Name", "Subject").agg(F.avg("Score").alias("Score"))
                               .orderBy("Name").toPandas)
            print(grouped.to_string(index=False))
            subject, _ = timed(ctx, df.groupBy("Subject").agg(F.avg("Score").alias("Score"))
                               .orderBy("Subject").toPandas)
            print(subject.to_string(index=False))
            expected = pd.DataFrame(DATA).groupby("Subject")["Score"].mean()
            assert np.allclose(subject["Score"], expected.values)  # Spark and pandas agree
            ctx.progress(2, steps)

            # 2. the same groupby on `rows` generated scores: pandas against Spark
            ctx.status(t(f"groupby on {rows:,} rows: pandas, then Spark", f"{rows:,} 行分组：先 pandas，后 Spark"))
            rng = np.random.default_rng(seed)
            big = pd.DataFrame({"Name": rng.integers(0, 10_000, rows).astype("int32"),
                                "Subject": rng.integers(0, 20, rows).astype("int32"),
                                "Score": rng.integers(40, 101, rows).astype("float64")})
            _, pandas_s = timed(ctx, lambda: big.groupby(["Name", "Subject"])["Score"].mean())
            sdf, transfer_s = timed(ctx, lambda: session.createDataFrame(big).cache())
            _, cache_s = timed(ctx, sdf.count)  # copies the rows into the JVM's memory
            query = sdf.groupBy("Name", "Subject").agg(F.avg("Score"))
            spark_result, spark_s = timed(ctx, query.toPandas)
            assert len(spark_result) == big.groupby(["Name", "Subject"]).ngroups
            sdf.unpersist()
            print(f"groupby of {rows:,} rows: pandas {pandas_s:.3f} s, Spark {spark_s:.3f} s "
                  f"(+{transfer_s + cache_s:.2f} s to hand the rows to the JVM): "
                  f"Spark is {spark_s / pandas_s:.0f}x slower here")
            ctx.progress(3, steps)

            # 3. logistic regression: scikit-learn against MLlib on the same rows
            ctx.status(t("logistic regression: scikit-learn, then MLlib", "逻辑回归：先 scikit-learn，后 MLlib"))
            from pyspark.ml.classification import LogisticRegression as SparkLR
            from pyspark.ml.feature import VectorAssembler

            X, y = load_breast_cancer(return_X_y=True)
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=seed, stratify=y)
            sk_model, sk_s = timed(ctx, lambda: make_pipeline(StandardScaler(), LogisticRegression(max_iter=max_iter))
                                   .fit(X_train, y_train))
            sk_accuracy = sk_model.score(X_test, y_test)
            columns = [f"f{i}" for i in range(X.shape[1])]

            def frame(X_, y_):
                pdf = pd.DataFrame(X_, columns=columns).assign(label=y_.astype(float))
                return VectorAssembler(inputCols=columns, outputCol="features").transform(session.createDataFrame(pdf))

            train_df, test_df = frame(X_train, y_train), frame(X_test, y_test)
            spark_model, spark_fit_s = timed(ctx, lambda: SparkLR(maxIter=max_iter).fit(train_df))
            predictions, _ = timed(ctx, spark_model.transform(test_df).select("label", "prediction").toPandas)
            spark_accuracy = float((predictions["label"] == predictions["prediction"]).mean())
            ctx.progress(4, steps)
        print(f"logistic regression on {len(X_train)} rows: scikit-learn {sk_s:.3f} s (accuracy {sk_accuracy:.4f}), "
              f"MLlib {spark_fit_s:.2f} s (accuracy {spark_accuracy:.4f})")
        ctx.table("pandas/scikit-learn vs Spark", pd.DataFrame(
            {"rows": [rows, len(X_train)], "pandas_or_sklearn_s": [pandas_s, sk_s], "spark_s": [spark_s, spark_fit_s]},
            index=["groupby", "logistic_regression"]).round(4))
        print("Why Spark is slower here: every job is planned, split into tasks and scheduled on a JVM, and the "
              "rows cross from Python to Java; on one PC that overhead is most of the time. On a cluster the "
              "same code reads data far larger than one machine's memory from many disks at once and runs "
              "its tasks on hundreds of cores: then it wins. Point `master` at a cluster (spark://host:7077) "
              "and nothing else changes.")
        ctx.result(rows=rows, spark_start_s=start_s, pandas_groupby_s=pandas_s, spark_groupby_s=spark_s,
                   spark_transfer_s=transfer_s + cache_s, groupby_slowdown=spark_s / pandas_s,
                   sklearn_fit_s=sk_s, spark_fit_s=spark_fit_s, sklearn_accuracy=float(sk_accuracy),
                   spark_accuracy=spark_accuracy, java_version=major, spark_cores=sc.defaultParallelism)
    finally:
        stop_spark(session, gateway)
        shutil.rmtree(folder, ignore_errors=True)
        ctx.progress(steps, steps)
        print("Spark stopped.")


def estimate(p):
    """Starting the JVM and Spark (about 10 s), a few small jobs (a second or two each: planning
    and scheduling dominate), pandas' groupby of `rows` and the two logistic regressions."""
    return Estimate(flops=p["rows"] * 50 + p["max_iter"] * 30 * 426 * 20, bytes=600e6 + p["rows"] * 40,
                    traffic=p["rows"] * 24 * 10, overhead_s=25.0, efficiency=0.05)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "pandas/scikit-learn vs Spark": bi("pandas/scikit-learn vs Spark", "pandas/scikit-learn 与 Spark 对比"),
    "spark_start_s": bi("Spark start-up (s)", "Spark 启动（秒）"),
    "pandas_groupby_s": bi("pandas groupby (s)", "pandas 分组（秒）"),
    "spark_groupby_s": bi("Spark groupby (s)", "Spark 分组（秒）"),
    "spark_transfer_s": bi("Data to Spark (s)", "数据传给 Spark（秒）"),
    "groupby_slowdown": bi("Spark groupby / pandas groupby", "Spark 分组 / pandas 分组"),
    "sklearn_fit_s": bi("scikit-learn fit (s)", "scikit-learn 拟合（秒）"),
    "spark_fit_s": bi("MLlib fit (s)", "MLlib 拟合（秒）"),
    "sklearn_accuracy": bi("scikit-learn accuracy", "scikit-learn 准确率"),
    "spark_accuracy": bi("MLlib accuracy", "MLlib 准确率"),
    "groupby": bi("groupby", "分组"),
    "logistic_regression": bi("logistic regression", "逻辑回归"),
    "pandas_or_sklearn_s": bi("pandas / scikit-learn (s)", "pandas / scikit-learn（秒）"),
    "spark_s": bi("Spark (s)", "Spark（秒）"),
    "java_version": bi("Java version", "Java 版本"),
    "spark_cores": bi("Spark cores", "Spark 核心数"),
}


LESSON = Lesson(
    id="late.spark",
    title=bi("Spark on one PC: PySpark in local mode", "单机上的 Spark：PySpark 本地模式"),
    summary=bi(
        "Spark spreads work over a cluster; its local mode runs the same code on your cores, so "
        "the API can be learnt here. The lesson starts Spark (a Java process), runs the article's "
        "pandas groupby example in Spark, then the same groupby on a million generated rows and a "
        "logistic regression (MLlib) on the breast-cancer data, each timed beside pandas and "
        "scikit-learn. The honest result: on data that fits one PC, Spark is slower (starting, "
        "planning and scheduling cost more than the work); it wins when the data and the cores "
        "are spread over many machines. Set `master` to spark://host:7077 to use a cluster. "
        "Needs Java 17 or newer.",
        "Spark 把计算分布到集群上；它的本地模式在你的 CPU 核上运行同样的代码，所以可以先在本机学习 API。"
        "本课启动 Spark（一个 Java 进程），用 Spark 运行原文的 pandas 分组示例，再对一百万行生成数据做同样的分组，"
        "并在乳腺癌数据上训练逻辑回归（MLlib），每一步都与 pandas、scikit-learn 对比计时。诚实的结论：数据能放进"
        "一台电脑时，Spark 更慢（启动、规划和调度的开销超过计算本身）；数据和算力分布在多台机器上时它才占优。"
        "把 `master` 设为 spark://host:7077 即可使用集群。需要 Java 17 或更高版本。",
    ),
    params=(
        Param("master", "str", "local[*]", bi("Spark master", "Spark master 地址"),
              help=bi("local[*] uses every core of this PC; spark://host:7077 a standalone cluster.",
                      "local[*] 使用本机所有核；spark://host:7077 使用独立集群。")),
        Param("rows", "int", 1_000_000, bi("Rows for the groupby race", "分组对比的行数"), min=1000, max=100_000_000),
        Param("max_iter", "int", 100, bi("Logistic regression iterations", "逻辑回归迭代次数"), min=1, max=10_000),
        param_seed(0),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article's groupby example runs in Spark: df.groupBy('Name', 'Subject').agg(avg('Score')) "
                  "gives the same means as pandas.",
                  "原文的分组示例在 Spark 中运行：df.groupBy('Name', 'Subject').agg(avg('Score')) 得到与 pandas 相同的"
                  "均值。")),
        Change(bi("Spark is tuned for one PC: 4 shuffle partitions instead of 200, no web UI, the driver bound to "
                  "127.0.0.1. The Java process ends with the lesson, Stop included (Stop cancels the running job).",
                  "Spark 按单机调整：4 个 shuffle 分区而不是 200，不开 Web UI，driver 只绑定 127.0.0.1。Java 进程随课程"
                  "结束（包括按“停止”：停止会取消正在运行的作业）。")),
    ),
    long_steps=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
