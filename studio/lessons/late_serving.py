"""Late stage, production deployment: a trained model behind a FastAPI API, load-tested."""

import shutil
import sys
import tempfile
import time
from pathlib import Path

from studio.core.advisor import Estimate
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._late import IRIS_CLASSES, require, t, train_iris
from studio.lessons._servers import HOST, free_port, http_ok, start, stop, wait_until_ready

ARTICLE_CODE = '''\
# 二、算力环境学习阶段 / 3. 生产级模型部署
#   • 高并发场景
#     • TensorFlow Serving + Docker容器化
# 4. 生产级工具
#   学习路径: FastAPI:异步接口开发 → OpenAPI 文档生成 → 中间件集成
#   场景选择:API 服务选 FastAPI
'''

# The server the lesson writes next to the model and starts with uvicorn: async endpoints,
# the OpenAPI documentation FastAPI generates, and a middleware (the article's three steps).
SERVER_CODE = '''\
"""The iris classifier behind an HTTP API (written and started by the lesson late.serving)."""
import os
import time

import joblib
import numpy as np
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

MODEL = joblib.load(os.environ["MODEL_PATH"])  # loaded once, when the server starts
CLASSES = ["setosa", "versicolor", "virginica"]
app = FastAPI(title="Iris classifier", version="1.0",
              description="A scikit-learn model served by FastAPI + uvicorn on 127.0.0.1.")


class Flower(BaseModel):
    sepal_length: float = Field(ge=0, le=20, description="cm")
    sepal_width: float = Field(ge=0, le=20, description="cm")
    petal_length: float = Field(ge=0, le=20, description="cm")
    petal_width: float = Field(ge=0, le=20, description="cm")


class Prediction(BaseModel):
    species: str
    probabilities: dict[str, float]


@app.middleware("http")
async def timing(request: Request, call_next):
    """Middleware: every answer says how long the server worked on it."""
    start = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Process-Time-Ms"] = f"{1000 * (time.perf_counter() - start):.3f}"
    return response


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.post("/predict", response_model=Prediction)
async def predict(flower: Flower):
    x = np.array([[flower.sepal_length, flower.sepal_width, flower.petal_length, flower.petal_width]])
    p = MODEL.predict_proba(x)[0]
    return Prediction(species=CLASSES[int(p.argmax())],
                      probabilities={c: round(float(v), 4) for c, v in zip(CLASSES, p)})
'''

DOCKERFILE = '''\
# Dockerfile: the same server in a container (docker build -t iris-api . && docker run -p 8000:8000 iris-api)
FROM python:3.11-slim
WORKDIR /app
RUN pip install --no-cache-dir fastapi uvicorn scikit-learn joblib numpy
COPY app.py model.joblib ./
ENV MODEL_PATH=/app/model.joblib
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "4"]
'''

TF_SERVING = '''\
# The article's TensorFlow Serving + Docker, for a Keras/TensorFlow model saved as a SavedModel:
#   model.export("models/iris/1")                      # version 1 of the model "iris"
#   docker run -p 8501:8501 -v "$PWD/models/iris:/models/iris" -e MODEL_NAME=iris tensorflow/serving
#   curl -d '{"instances": [[5.1, 3.5, 1.4, 0.2]]}' http://localhost:8501/v1/models/iris:predict
# TF Serving batches requests and serves several model versions; FastAPI is plain Python you write.
'''


async def load_test(ctx, client, rows, expected, requests: int, concurrency: int):
    """`requests` POSTs from `concurrency` workers at once. Streams each latency and the
    requests/s of every quarter second; returns (client latencies ms, server ms, errors, seconds)."""
    import asyncio

    fields = ("sepal_length", "sepal_width", "petal_length", "petal_width")
    bodies = [dict(zip(fields, map(float, row))) for row in rows]
    latencies, server_ms = [], []
    state = {"next": 0, "errors": 0, "window_start": time.perf_counter(), "window_count": 0}
    started = time.perf_counter()

    async def worker():
        while state["next"] < requests:
            i = state["next"]
            state["next"] += 1
            t0 = time.perf_counter()
            try:
                r = await client.post("/predict", json=bodies[i % len(bodies)])
                ok = r.status_code == 200 and r.json()["species"] == expected[i % len(bodies)]
                if ok:
                    server_ms.append(float(r.headers["x-process-time-ms"]))
            except Exception:  # a refused or broken connection is an error of the service
                ok = False
            ms = 1000 * (time.perf_counter() - t0)
            latencies.append(ms)
            state["errors"] += not ok
            ctx.scalar("latency_ms", len(latencies), ms)  # also raises Cancelled once Stop is pressed
            state["window_count"] += 1
            now = time.perf_counter()
            if now - state["window_start"] >= 0.25:
                ctx.scalar("requests_per_s", now - started, state["window_count"] / (now - state["window_start"]))
                state["window_start"], state["window_count"] = now, 0
                ctx.progress(len(latencies), requests)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, server_ms, state["errors"], time.perf_counter() - started


def run(ctx, requests: int, concurrency: int, keep_open_s: int):
    require("late.serving", "fastapi", "uvicorn", "httpx")
    import asyncio

    import httpx
    import numpy as np

    folder = Path(tempfile.mkdtemp(prefix="late-serving-"))
    model, X_test, y_test = train_iris(folder)
    expected = [IRIS_CLASSES[k] for k in model.predict(X_test)]
    (folder / "app.py").write_text(SERVER_CODE, encoding="utf-8")
    port = free_port()
    url = f"http://{HOST}:{port}"
    log = folder / "server.log"
    cmd = [sys.executable, "-m", "uvicorn", "app:app", "--host", HOST, "--port", str(port),
           "--no-access-log", "--log-level", "warning"]
    print(f"Model trained on iris and saved: {folder / 'model.joblib'}")
    print("Starting: " + " ".join(cmd[1:]))
    ctx.status(t("starting the API server…", "正在启动 API 服务…"))
    server = None
    try:
        server = start(cmd, log, cwd=folder, env={"MODEL_PATH": str(folder / "model.joblib")})
        start_s = wait_until_ready(ctx, server, lambda: http_ok(url + "/health"), log, "the API server")
        print(f"Server up in {start_s:.2f} s at {url} (process {server.pid})")
        print(f"OpenAPI docs: {url}/docs  (machine-readable: {url}/openapi.json)")
        openapi = httpx.get(url + "/openapi.json").json()
        print(f"The generated OpenAPI schema lists {len(openapi['paths'])} paths: {', '.join(openapi['paths'])}")

        ctx.status(t(f"load test: {requests} requests, {concurrency} at a time",
                     f"压力测试：{requests} 个请求，并发 {concurrency}"))
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

        async def test():
            async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as client:
                return await load_test(ctx, client, X_test, expected, requests, concurrency)

        latencies, server_ms, errors, seconds = asyncio.run(test())
        ctx.progress(requests, requests)
        lat = np.array(latencies)
        p50, p99 = np.percentile(lat, [50, 99])
        print(f"{requests} requests, {concurrency} concurrent: {errors} errors, {requests / seconds:.0f} requests/s, "
              f"latency p50 {p50:.2f} ms, p99 {p99:.2f} ms (the server itself: p50 "
              f"{np.median(server_ms) if server_ms else float('nan'):.3f} ms a request)")
        import pandas as pd

        ctx.table("latency", pd.DataFrame(
            {"ms": [float(np.percentile(lat, q)) for q in (50, 90, 99)] + [float(lat.max())]},
            index=["p50", "p90", "p99", "max"]))
        print("\nThe same service in a container:\n" + DOCKERFILE)
        print(TF_SERVING)
        if keep_open_s:
            ctx.status(t(f"the server stays up {keep_open_s} s: open {url}/docs; Stop ends it",
                         f"服务再保持 {keep_open_s} 秒：打开 {url}/docs；按“停止”结束"))
            print(f"The server stays up for {keep_open_s} s more: open {url}/docs in a browser (Stop ends it).")
            deadline = time.monotonic() + keep_open_s
            while time.monotonic() < deadline:
                ctx.check()
                time.sleep(0.1)
        ctx.result(requests=requests, concurrency=concurrency, errors=int(errors),
                   p50_ms=float(p50), p99_ms=float(p99), mean_ms=float(lat.mean()),
                   requests_per_s=requests / seconds,
                   server_p50_ms=float(np.median(server_ms)) if server_ms else float("nan"),
                   server_start_s=start_s, openapi_paths=len(openapi["paths"]), port=port)
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)
        print("Server stopped.")


def estimate(p):
    """Server start (Python, FastAPI, scikit-learn: a few seconds), then the requests: on a
    2-core PC about 1-2 ms of Python each on the client and the server side."""
    return Estimate(flops=0, bytes=300e6, python_ops=p["requests"] * 10_000, overhead_s=5.0 + p["keep_open_s"])


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "latency": bi("latency", "延迟"),
    "latency_ms": bi("Latency (ms)", "延迟（毫秒）"),
    "requests_per_s": bi("Requests per second", "每秒请求数"),
    "requests": bi("Requests", "请求数"),
    "concurrency": bi("Concurrent requests", "并发请求数"),
    "errors": bi("Errors", "错误数"),
    "p50_ms": bi("p50 latency (ms)", "p50 延迟（毫秒）"),
    "p99_ms": bi("p99 latency (ms)", "p99 延迟（毫秒）"),
    "mean_ms": bi("Mean latency (ms)", "平均延迟（毫秒）"),
    "server_p50_ms": bi("Server p50 (ms)", "服务端 p50（毫秒）"),
    "server_start_s": bi("Server start-up (s)", "服务启动（秒）"),
    "openapi_paths": bi("OpenAPI paths", "OpenAPI 路径数"),
}


LESSON = Lesson(
    id="late.serving",
    title=bi("Serving a model: FastAPI + uvicorn, load-tested", "模型部署：FastAPI + uvicorn 服务与压力测试"),
    summary=bi(
        "The article's production deployment on your own PC: a scikit-learn iris classifier is "
        "trained, saved and served by a FastAPI app (async endpoints, the generated OpenAPI "
        "docs, a timing middleware) that uvicorn runs on 127.0.0.1 on a free port. Then N "
        "concurrent clients (httpx) send requests: latency and requests/s stream to the chart, "
        "p50/p99 and errors come at the end. The server ends with the lesson, Stop included. "
        "The Dockerfile and the TensorFlow Serving equivalent are shown as text: at full scale "
        "the same API runs in containers behind a load balancer, with several workers.",
        "在自己的电脑上完成原文的生产级部署：训练并保存一个 scikit-learn 鸢尾花分类器，用 FastAPI "
        "（异步接口、自动生成的 OpenAPI 文档、计时中间件）提供服务，由 uvicorn 在 127.0.0.1 的空闲端口运行。"
        "然后 N 个并发客户端（httpx）发送请求：延迟和每秒请求数实时绘制，最后给出 p50/p99 和错误数。"
        "服务随课程结束（包括按“停止”）。Dockerfile 和 TensorFlow Serving 的等价做法以文本给出："
        "完整规模时，同样的接口运行在负载均衡之后的多个容器和进程中。",
    ),
    params=(
        Param("requests", "int", 2000, bi("Requests", "请求数"), min=10, max=1_000_000),
        Param("concurrency", "int", 16, bi("Concurrent clients", "并发客户端数"), min=1, max=256),
        Param("keep_open_s", "int", 0, bi("Keep the server up afterwards (s)", "测试后保持服务（秒）"),
              min=0, max=3600, help=bi("Time to open the OpenAPI docs in a browser; Stop ends it sooner.",
                                       "留出时间在浏览器中打开 OpenAPI 文档；按“停止”可提前结束。")),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names the tools only; the lesson writes the FastAPI app (shown in the code "
                  "as SERVER_CODE), starts it with uvicorn as a separate process and load-tests it.",
                  "原文只列出工具名称；本课写出 FastAPI 应用（代码中的 SERVER_CODE），用 uvicorn 作为独立进程启动，"
                  "并进行压力测试。")),
        Change(bi("The server binds 127.0.0.1 on a free port (never all interfaces) and is stopped when the "
                  "lesson ends: terminate, then kill after 3 s.",
                  "服务只绑定 127.0.0.1 的空闲端口（从不监听所有网卡），课程结束时停止：先终止，3 秒后强制结束。")),
        Change(bi("TensorFlow Serving and Docker need a Docker install and a TensorFlow model; they are shown "
                  "as text (a Dockerfile for this server, the TF Serving commands), not run.",
                  "TensorFlow Serving 和 Docker 需要安装 Docker 和 TensorFlow 模型；这里以文本展示（本服务的 "
                  "Dockerfile、TF Serving 命令），不实际运行。")),
    ),
    estimate=estimate,
    run=run,
    labels=LABELS,
)
