"""Late stage, production tools: a Streamlit dashboard for a trained model, served on 127.0.0.1."""

import sys
import time
import webbrowser

from studio.core import paths
from studio.core.advisor import Estimate
from studio.core.lesson import Change, Lesson, LessonError, Param
from studio.core.text import bi
from studio.lessons._late import IRIS_CLASSES, require, t, train_iris
from studio.lessons._servers import HOST, free_port, http_ok, start, stop, wait_until_ready

ARTICLE_CODE = '''\
# 二、算力环境学习阶段 / 4. 生产级工具
#   学习目标:模型部署与交互式应用开发
#   学习路径: Streamlit:数据看板构建 → 实时参数调整 → 图表动态更新
#   场景选择:演示工具选 Streamlit
'''

# The dashboard the lesson writes next to the model: sliders for the inputs (live parameter
# changes), a live prediction, a chart that updates with them, the model cached across reruns.
DASHBOARD_CODE = '''\
"""Iris dashboard (written by the lesson late.streamlit). Run it again: streamlit run dashboard.py"""
from pathlib import Path

import joblib
import pandas as pd
import streamlit as st

CLASSES = ["setosa", "versicolor", "virginica"]


@st.cache_resource  # loaded once per server, not at every slider move (Streamlit reruns the script)
def load_model(path):
    return joblib.load(path)


model = load_model(Path(__file__).with_name("model.joblib"))
st.title("Iris classifier · 鸢尾花分类器")
st.caption("Move the sliders: the prediction and the chart follow. 拖动滑块，预测和图表随之更新。")
left, right = st.columns(2)
with left:
    sepal_length = st.slider("Sepal length (cm) · 花萼长度", 4.0, 8.0, 5.8, 0.1, key="sepal_length")
    sepal_width = st.slider("Sepal width (cm) · 花萼宽度", 2.0, 4.5, 3.0, 0.1, key="sepal_width")
with right:
    petal_length = st.slider("Petal length (cm) · 花瓣长度", 1.0, 7.0, 4.3, 0.1, key="petal_length")
    petal_width = st.slider("Petal width (cm) · 花瓣宽度", 0.1, 2.5, 1.3, 0.1, key="petal_width")

x = [[sepal_length, sepal_width, petal_length, petal_width]]
p = model.predict_proba(x)[0]
best = int(p.argmax())
st.metric("Prediction · 预测", CLASSES[best], f"{p[best]:.0%}")
st.bar_chart(pd.DataFrame({"probability": p}, index=CLASSES))
'''


def check_dashboard(script):
    """Run the dashboard headless with Streamlit's own test runner: the default prediction, then
    the sliders moved to a large flower. Returns (default prediction, moved prediction, elements)."""
    import logging

    from streamlit.testing.v1 import AppTest

    # bare mode (no server) warns once per element that there is no session: expected here
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    app = AppTest.from_file(str(script), default_timeout=60).run()
    if app.exception:
        raise LessonError(f"the dashboard failed: {app.exception[0].message}")
    default = app.metric[0].value
    for key, value in (("petal_length", 6.0), ("petal_width", 2.2)):
        app.slider(key=key).set_value(value)
    app.run()
    return default, app.metric[0].value, len(app.slider) + len(app.metric) + len(app.get("vega_lite_chart"))


def run(ctx, keep_open_s: int, open_browser: bool):
    require("late.streamlit", "streamlit")
    folder = paths.home() / "late" / "streamlit"
    folder.mkdir(parents=True, exist_ok=True)
    train_iris(folder)
    script = folder / "dashboard.py"
    script.write_text(DASHBOARD_CODE, encoding="utf-8")
    print(f"Dashboard written: {script} (with the trained model beside it)")

    ctx.status(t("checking the dashboard…", "正在检查看板…"))
    default, moved, elements = check_dashboard(script)
    print(f"Checked headless: {elements} elements; the default flower is predicted '{default}', "
          f"with longer, wider petals '{moved}'")
    if default not in IRIS_CLASSES or moved != "virginica":
        raise LessonError(f"the dashboard predicted {default!r}, then {moved!r}: expected a species, then virginica")

    port = free_port()
    url = f"http://{HOST}:{port}"
    log = folder / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", HOST,
           "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    ctx.status(t("starting Streamlit…", "正在启动 Streamlit…"))
    server = None
    try:
        server = start(cmd, log, cwd=folder)
        start_s = wait_until_ready(ctx, server, lambda: http_ok(url + "/_stcore/health"), log, "streamlit")
        print(f"Streamlit answered its health check in {start_s:.2f} s: {url}")
        if open_browser:
            webbrowser.open(url)
            print("Opened in your browser.")
        else:
            print(f"Open {url} in your browser.")
        ctx.result(url=url, port=port, health_ok=1, start_s=start_s, dashboard_elements=elements)
        ctx.status(t(f"dashboard at {url}: Stop ends it (or in {keep_open_s} s)",
                     f"看板地址 {url}：按“停止”结束（或 {keep_open_s} 秒后）"))
        deadline = time.monotonic() + keep_open_s
        while time.monotonic() < deadline:
            ctx.check()
            if server.poll() is not None:
                raise LessonError(f"streamlit exited with code {server.returncode}")
            time.sleep(0.1)
    finally:
        stop(server)
        print("Streamlit stopped.")


def estimate(p):
    """A headless check of the dashboard and Streamlit's start-up (a few seconds each), then the
    time the dashboard stays open."""
    return Estimate(bytes=300e6, overhead_s=8.0 + p["keep_open_s"])


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "url": bi("Address", "地址"),
    "health_ok": bi("Health check passed", "健康检查通过"),
    "start_s": bi("Start-up (s)", "启动（秒）"),
    "dashboard_elements": bi("Dashboard elements", "看板元素数"),
}


LESSON = Lesson(
    id="late.streamlit",
    title=bi("A Streamlit dashboard for a model", "用 Streamlit 为模型做数据看板"),
    summary=bi(
        "The article's demo tool: the lesson trains an iris classifier and writes a Streamlit "
        "dashboard for it (sliders for the four measurements, a live prediction, a probability "
        "chart, the model cached with st.cache_resource), checks it headless with Streamlit's "
        "test runner, then starts `streamlit run` on 127.0.0.1 and gives you the address to open "
        "(or opens your browser when asked). Stop ends the server. At full scale the same script "
        "is deployed on a server or Streamlit Community Cloud.",
        "原文推荐的演示工具：本课训练一个鸢尾花分类器，为它写一个 Streamlit 看板（四个测量值的滑块、"
        "实时预测、概率图表，用 st.cache_resource 缓存模型），先用 Streamlit 自带的测试工具无界面检查，"
        "再在 127.0.0.1 上启动 `streamlit run`，给出可在浏览器打开的地址（需要时自动打开浏览器）。"
        "按“停止”结束服务。完整规模时，同样的脚本部署在服务器或 Streamlit Community Cloud 上。",
    ),
    params=(
        Param("keep_open_s", "int", 300, bi("Keep the dashboard open (s)", "看板保持时间（秒）"),
              min=0, max=86_400, help=bi("Stop ends it sooner.", "按“停止”可提前结束。")),
        Param("open_browser", "bool", False, bi("Open it in the browser", "在浏览器中打开")),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names the learning path only; the lesson writes the dashboard (DASHBOARD_CODE "
                  "in the code) and runs it.",
                  "原文只给出学习路径；本课写出看板脚本（代码中的 DASHBOARD_CODE）并运行它。")),
        Change(bi("Streamlit listens on 127.0.0.1 only, headless, on a free port; the lesson stops it when it "
                  "ends. The browser opens only when you tick the parameter.",
                  "Streamlit 只监听 127.0.0.1 的空闲端口，无界面模式运行；课程结束时停止它。只有勾选参数时才会"
                  "打开浏览器。")),
    ),
    long_steps=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
