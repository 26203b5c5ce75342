"""Late stage, large-scale data: feature engineering on data read from disk, not loaded whole."""

import shutil
import tempfile
import time
from pathlib import Path

from studio.core import paths
from studio.core.advisor import Estimate
from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._late import PeakMemory, require, t
from studio.lessons._servers import on_stop

ARTICLE_CODE = '''\
# 二、算力环境学习阶段 / 2. 大规模数据处理
#   • 工具与场景
#     • 100GB级数据集特征工程(如推荐系统)
'''

PARTS = 8  # the log is written as 8 Parquet files; the engines read the first 1, 2, 4 and 8
DISK_BYTES_PER_ROW = 8.0  # measured: the five columns below as Snappy Parquet, 7.8 (1 GB) to 10.5 (40 MB) bytes
MEMORY_BYTES_PER_ROW = 21  # the same row in a pandas DataFrame (4 + 4 + 1 + 8 + 4 bytes)
FULL_LOAD_FACTOR = 4  # a groupby on a loaded frame needed 3-4x the frame (measured: 904 MB for 11.9M rows)
MB = 1e6

USER_SQL = """
SELECT user_id, count(*) AS events, count(*) FILTER (WHERE event = 1) AS clicks,
       count(*) FILTER (WHERE event = 2) AS purchases, sum(price) AS spend, max(ts) AS last_seen
FROM read_parquet({files}) GROUP BY user_id"""
ITEM_SQL = """
SELECT item_id, count(*) FILTER (WHERE event = 0) AS views, count(*) FILTER (WHERE event = 1) AS clicks,
       count(*) FILTER (WHERE event = 2) AS purchases
FROM read_parquet({files}) GROUP BY item_id"""


def write_event_log(ctx, folder: Path, rows: int, users: int, items: int, seed: int) -> list[Path]:
    """A recommender-style event log: who (user_id) did what (0 view, 1 click, 2 purchase) to which
    item_id, when (ts) and for how much (price); popular users and items are much more frequent."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    files = []
    per_part = -(-rows // PARTS)
    for part in range(PARTS):
        n = min(per_part, rows - part * per_part)
        event = rng.choice(np.array([0, 1, 2], dtype=np.int8), n, p=[0.85, 0.12, 0.03])
        table = pa.table({
            "user_id": (users * rng.random(n) ** 2).astype(np.int32),
            "item_id": (items * rng.random(n) ** 3).astype(np.int32),
            "event": event,
            "ts": np.sort(rng.integers(0, 30 * 86_400, n)).astype(np.int64) + part * 30 * 86_400,
            "price": np.where(event == 2, rng.gamma(2.0, 20.0, n), 0).astype(np.float32),
        })
        files.append(folder / f"events-{part:03d}.parquet")
        pq.write_table(table, files[-1], row_group_size=1_000_000)
        del table, event
        ctx.progress(part + 1, PARTS)
    return files


def duckdb_features(ctx, files, threads: int):
    """Per-user and per-item features with DuckDB, streaming the Parquet files from disk."""
    import duckdb

    listed = "[" + ", ".join(f"'{f.as_posix()}'" for f in files) + "]"
    con = duckdb.connect()
    try:
        con.execute(f"SET threads = {threads}")
        con.execute("SET preserve_insertion_order = false")  # lets it stream without keeping order
        with on_stop(ctx, con.interrupt):  # Stop interrupts the running query
            users = con.execute(USER_SQL.format(files=listed)).fetch_df()
            items = con.execute(ITEM_SQL.format(files=listed)).fetch_df()
    finally:
        con.close()
    return users.set_index("user_id").sort_index(), items.set_index("item_id").sort_index()


def partial_features(df):
    """The same features for one chunk (or a whole frame) with pandas."""
    df = df.assign(click=df["event"] == 1, purchase=df["event"] == 2, view=df["event"] == 0)
    users = df.groupby("user_id").agg(events=("event", "size"), clicks=("click", "sum"),
                                      purchases=("purchase", "sum"), spend=("price", "sum"), last_seen=("ts", "max"))
    items = df.groupby("item_id").agg(views=("view", "sum"), clicks=("click", "sum"), purchases=("purchase", "sum"))
    return users, items


def pandas_chunked_features(ctx, files, chunk_rows: int):
    """pandas, one chunk of `chunk_rows` at a time: partial features, merged into running totals
    (memory grows with the number of users and items, not with the number of rows)."""
    import pandas as pd
    import pyarrow.parquet as pq

    users = items = None
    for f in files:
        for batch in pq.ParquetFile(f).iter_batches(batch_size=chunk_rows):
            ctx.check()
            u, i = partial_features(batch.to_pandas())
            if users is None:
                users, items = u, i
            else:
                users = pd.concat([users, u]).groupby(level=0).agg(
                    {"events": "sum", "clicks": "sum", "purchases": "sum", "spend": "sum", "last_seen": "max"})
                items = pd.concat([items, i]).groupby(level=0).sum()
    return users.sort_index(), items.sort_index()


def pandas_full_features(files):
    """pandas the usual way: read everything into one DataFrame, then group."""
    import pandas as pd

    users, items = partial_features(pd.read_parquet(files))
    return users.sort_index(), items.sort_index()


def same_features(a, b) -> bool:
    import numpy as np

    return all(x.index.equals(y.index) and np.allclose(x[y.columns].to_numpy(float), y.to_numpy(float), rtol=1e-4)
               for x, y in zip(a, b))


def run(ctx, megabytes: int, users: int, items: int, chunk_rows: int, full_load_limit_mb: int, seed: int):
    require("late.out_of_core", "duckdb", "pyarrow")
    import os

    import pandas as pd
    import psutil
    import pyarrow.parquet as pq

    rows = max(PARTS * 1000, int(megabytes * MB / DISK_BYTES_PER_ROW))
    folder = Path(tempfile.mkdtemp(prefix="late-out-of-core-", dir=paths.home()))
    threads = max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    try:
        ctx.status(t(f"writing {rows:,} events as Parquet…", f"正在把 {rows:,} 条事件写成 Parquet…"))
        start = time.perf_counter()
        files = write_event_log(ctx, folder, rows, users, items, seed)
        disk_mb = sum(f.stat().st_size for f in files) / MB
        print(f"Event log: {rows:,} rows ({users:,} users, {items:,} items) in {PARTS} Parquet files, "
              f"{disk_mb:,.0f} MB on disk, written in {time.perf_counter() - start:.1f} s: {folder}")
        available_mb = psutil.virtual_memory().available / MB
        limit_mb = min(full_load_limit_mb, available_mb / 2)
        table = []
        answers = {}
        for k in (1, 2, 4, 8):
            part_files = files[:k]
            n = sum(pq.ParquetFile(f).metadata.num_rows for f in part_files)
            row = {"rows": n, "disk_mb": sum(f.stat().st_size for f in part_files) / MB}
            engines = [("duckdb", lambda fs=part_files: duckdb_features(ctx, fs, threads)),
                       ("pandas_chunked", lambda fs=part_files: pandas_chunked_features(ctx, fs, chunk_rows))]
            full_mb = n * MEMORY_BYTES_PER_ROW * FULL_LOAD_FACTOR / MB
            if full_mb <= limit_mb:
                engines.append(("pandas_full", lambda fs=part_files: pandas_full_features(fs)))
            for name, fn in engines:
                ctx.status(t(f"{name}: {n:,} rows…", f"{name}：{n:,} 行…"))
                ctx.check()
                with PeakMemory() as memory:
                    started = time.perf_counter()
                    answers[name] = fn()
                    seconds = time.perf_counter() - started
                row[f"{name}_s"] = seconds
                row[f"{name}_rows_per_s"] = n / seconds
                row[f"{name}_peak_mb"] = memory.added_mb
                print(f"{n:>12,} rows  {name:<15} {seconds:7.2f} s  {n / seconds:>12,.0f} rows/s  "
                      f"peak memory +{memory.added_mb:6.0f} MB")
            if full_mb > limit_mb:
                print(f"{n:>12,} rows  pandas_full     skipped: it would need about {full_mb:,.0f} MB, "
                      f"over the limit of {limit_mb:,.0f} MB")
            table.append(row)
            matches = same_features(answers["duckdb"], answers["pandas_chunked"]) and (
                "pandas_full" not in answers or same_features(answers["duckdb"], answers["pandas_full"]))
            answers.pop("pandas_full", None)
            if not matches:
                raise AssertionError(f"the engines disagree on {n:,} rows")
        frame = pd.DataFrame(table).set_index("rows")
        ctx.table("rows/s and peak memory", frame.round(2))
        series = [Series(list(frame.index), list(frame[f"{name}_peak_mb"]), LABELS[name], style="line")
                  for name in ("duckdb", "pandas_chunked", "pandas_full") if f"{name}_peak_mb" in frame]
        for s in series:  # a full load that was skipped for larger sizes has NaN there
            keep = [i for i, y in enumerate(s.y) if y == y]
            s.x, s.y = [s.x[i] for i in keep], [s.y[i] for i in keep]
        ctx.plot("memory", Plot(title=bi("Peak memory each engine added, as the data grows",
                                        "数据增长时各引擎新增的峰值内存"),
                                series=series, xlabel=bi("rows", "行数"), ylabel="MB"))
        last = table[-1]
        full = [r for r in table if "pandas_full_peak_mb" in r]
        print("DuckDB and chunked pandas keep their memory nearly flat as the data grows: they hold the "
              "per-user and per-item totals, not the rows. The full load grows with the rows; at 100 GB it "
              "would need hundreds of GB of RAM, which is why such data sets are processed out of core or on a "
              "cluster.")
        results = dict(rows=rows, disk_mb=disk_mb, users=users, items=items, results_match=1,
                       peak_rss_mb_duckdb=last["duckdb_peak_mb"], duckdb_rows_per_s=last["duckdb_rows_per_s"],
                       peak_rss_mb_pandas_chunked=last["pandas_chunked_peak_mb"],
                       pandas_chunked_rows_per_s=last["pandas_chunked_rows_per_s"])
        if full:
            results.update(peak_rss_mb_pandas_full=full[-1]["pandas_full_peak_mb"],
                           pandas_full_rows_per_s=full[-1]["pandas_full_rows_per_s"], pandas_full_rows=full[-1]["rows"])
        ctx.result(**results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def estimate(p):
    """Writing the log and reading it 1 + 2 + 4 + 8 = 15 eighths of it per engine: memory-bound
    work, about 60 bytes moved per row and pass; memory: the totals and one chunk, plus the full
    load when it fits its limit."""
    rows = p["megabytes"] * MB / DISK_BYTES_PER_ROW
    full = min(rows * MEMORY_BYTES_PER_ROW * FULL_LOAD_FACTOR, p["full_load_limit_mb"] * MB)
    return Estimate(bytes=300e6 + p["chunk_rows"] * MEMORY_BYTES_PER_ROW * 4 + full, traffic=rows * 60 * 30,
                    python_ops=rows / 10, overhead_s=5.0)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "rows/s and peak memory": bi("rows/s and peak memory", "每秒行数与峰值内存"),
    "duckdb": bi("DuckDB", "DuckDB"),
    "pandas_chunked": bi("pandas, in chunks", "pandas（分块）"),
    "pandas_full": bi("pandas, full load", "pandas（全量读取）"),
    "disk_mb": bi("Parquet on disk (MB)", "磁盘上的 Parquet（MB）"),
    "users": bi("Users", "用户数"),
    "items": bi("Items", "物品数"),
    "results_match": bi("Engines agree", "各引擎结果一致"),
    "peak_rss_mb_{}": bi("Peak memory, {} (MB)", "峰值内存，{}（MB）"),
    "{}_rows_per_s": bi("{}: rows/s", "{}：每秒行数"),
    "{}_peak_mb": bi("{}: peak memory (MB)", "{}：峰值内存（MB）"),
    "pandas_full_rows": bi("Rows of the full pandas load", "pandas 全量读取的行数"),
}


LESSON = Lesson(
    id="late.out_of_core",
    title=bi("Out-of-core feature engineering: DuckDB, pandas in chunks", "核外特征工程：DuckDB 与分块 pandas"),
    summary=bi(
        "The article's 100 GB recommender data, in miniature: the lesson writes an event log "
        "(users viewing, clicking and buying items) as Parquet files, about 1 GB by default, and "
        "builds per-user and per-item features three ways: DuckDB streaming the files from disk, "
        "pandas in chunks, and pandas loading everything (only while that fits in memory). Each "
        "runs on 1/8, 1/4, 1/2 and all of the data, with its rows/s and peak memory: the "
        "streaming engines stay flat while the data grows, the full load grows with it. That is "
        "how 100 GB is processed on one machine, and what a cluster does across many.",
        "原文 100GB 级推荐系统数据的缩小版：本课把一份事件日志（用户浏览、点击、购买商品）写成 Parquet 文件，"
        "默认约 1 GB，然后用三种方式计算每个用户和每个商品的特征：DuckDB 从磁盘流式读取、pandas 分块处理、"
        "pandas 一次全部载入（仅在内存放得下时）。每种方式分别处理 1/8、1/4、1/2 和全部数据，给出每秒行数和峰值"
        "内存：流式引擎的内存随数据增长几乎不变，全量载入则随之增长。单机处理 100 GB 就是这样做的，集群则把它分到"
        "多台机器上。",
    ),
    params=(
        Param("megabytes", "int", 1000, bi("Parquet size (MB)", "Parquet 大小（MB）"), min=1, max=1_000_000),
        Param("users", "int", 200_000, bi("Users", "用户数"), min=10, max=100_000_000),
        Param("items", "int", 50_000, bi("Items", "商品数"), min=10, max=100_000_000),
        Param("chunk_rows", "int", 1_000_000, bi("Rows per pandas chunk", "pandas 每块行数"), min=1000,
              max=100_000_000),
        Param("full_load_limit_mb", "int", 2000, bi("Memory limit of the full load (MB)", "全量载入的内存上限（MB）"),
              min=10, max=10_000_000, help=bi("The full pandas load runs only while it needs less than this "
                                              "and half of the free memory.",
                                              "只有所需内存低于该值且低于可用内存的一半时才做全量载入。")),
        param_seed(0),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names the task only; the lesson generates its data (a recommender event log) so "
                  "any size can be tried offline. The files live in a temporary folder and are deleted at the end.",
                  "原文只提到这一任务；本课自己生成数据（推荐系统事件日志），因此可以离线尝试任意大小。文件放在临时目录，"
                  "结束时删除。")),
        Change(bi("The three engines' features are compared: the lesson fails if they disagree.",
                  "三种方式得到的特征会相互比对：不一致时本课报错。")),
    ),
    long_steps=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
