"""Late stage, production deployment: PyTorch models exported to ONNX and run with ONNX Runtime."""

import logging
import time
import warnings

from studio.core.context import Plot, Series
from studio.core.lesson import Change, Lesson, Param
from studio.core.text import bi
from studio.lessons._common import param_seed
from studio.lessons._late import require, t
from studio.lessons._torch import prepare

ARTICLE_CODE = '''\
# 二、算力环境学习阶段 / 3. 生产级模型部署
#   • 高并发场景
#     • ONNX模型跨平台优化(需算力验证)
'''


def generate_sine_wave(batch_size, n_steps, rng):
    """The article's noisy two-sine sequences (TensorFlow example 2), shape (batch, steps, 1)."""
    import numpy as np

    freq1, freq2, offsets1, offsets2 = rng.random((4, batch_size, 1))
    time_ = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time_ - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((time_ - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (rng.random((batch_size, n_steps)) - 0.5)
    return series[..., np.newaxis].astype(np.float32)


def train(ctx, torch, model, X, y, loss_fn, epochs, batch_size, name, done, total):
    """Adam in shuffled mini-batches; streams `loss_<name>` per epoch and progress per batch."""
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01 if name == "mlp" else 0.003)
    for epoch in range(epochs):
        order = torch.randperm(len(X))
        total_loss = 0.0
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss = loss_fn(model(X[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(idx)
            done += 1
            ctx.progress(done, total)
        ctx.scalar(f"loss_{name}", epoch + 1, total_loss / len(X))
    model.eval()
    return done


def latencies_ms(fn, inputs, repeats):
    """Milliseconds of each call of fn(one input), cycling through `inputs` (after 20 warm-up calls)."""
    for i in range(20):
        fn(inputs[i % len(inputs)])
    out = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(inputs[i % len(inputs)])
        out.append(1000 * (time.perf_counter() - start))
    return out


def export_and_compare(ctx, torch, model, example, X_check, path, repeats):
    """Export `model` to ONNX at `path`, check the file, run it with ONNX Runtime on the CPU and
    compare with torch: max |difference| on X_check, and latency of single inputs for both."""
    import numpy as np
    import onnx
    import onnxruntime as ort

    started = time.perf_counter()
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)  # no torchvision
    with warnings.catch_warnings():  # the exporter's notes to torch developers
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (example,), str(path), input_names=["x"], output_names=["y"],
                          dynamic_shapes=({0: "batch"},), dynamo=True, verbose=False)
    export_s = time.perf_counter() - started
    graph = onnx.load(str(path))
    onnx.checker.check_model(graph)  # a valid graph in the ONNX standard
    options = ort.SessionOptions()
    options.intra_op_num_threads = torch.get_num_threads()  # the same threads as torch: a fair race
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    with torch.inference_mode():
        expected = model(torch.from_numpy(X_check)).numpy()
    got = session.run(None, {"x": X_check})[0]
    ctx.check()
    singles = [X_check[i:i + 1] for i in range(min(len(X_check), 64))]

    def torch_call(x):
        with torch.inference_mode():
            return model(torch.from_numpy(x))

    torch_ms = latencies_ms(torch_call, singles, repeats)
    ctx.check()
    onnx_ms = latencies_ms(lambda x: session.run(None, {"x": x}), singles, repeats)
    return {
        "max_abs_diff": float(np.abs(got - expected).max()),
        "torch_p50_ms": float(np.percentile(torch_ms, 50)), "torch_p99_ms": float(np.percentile(torch_ms, 99)),
        "onnx_p50_ms": float(np.percentile(onnx_ms, 50)), "onnx_p99_ms": float(np.percentile(onnx_ms, 99)),
        "file_kb": path.stat().st_size / 1024, "export_s": export_s,
        "opset": graph.opset_import[0].version, "nodes": len(graph.graph.node),
    }


def run(ctx, epochs: int, sequences: int, repeats: int, seed: int):
    require("late.onnx", "onnx", "onnxscript", "onnxruntime")
    torch, _ = prepare(ctx, seed)
    import numpy as np
    import pandas as pd
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split

    from studio.core import paths

    nn = torch.nn
    folder = paths.home() / "late" / "onnx"
    folder.mkdir(parents=True, exist_ok=True)

    # 1. the article's iris network (TensorFlow example 1): 4-64-3
    X, y = load_iris(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X.astype(np.float32), y, test_size=0.2, random_state=42)
    mlp = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 3))
    # 2. the article's sine RNN (TensorFlow example 2): two 50-unit RNN layers, then Dense(1)
    rng = np.random.default_rng(seed)
    series = generate_sine_wave(sequences, 51, rng)
    X_seq, y_seq = series[:, :50], series[:, 50]

    class SineRNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.RNN(1, 50, num_layers=2, batch_first=True)
            self.dense = nn.Linear(50, 1)

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.dense(out[:, -1, :])

    rnn = SineRNN()
    split = int(0.8 * sequences)
    mlp_steps = 50 * -(-len(X_train) // 32)  # the MLP trains 50 epochs
    rnn_steps = epochs * -(-split // 32)
    ctx.status(t("training the two models…", "正在训练两个模型…"))
    done = train(ctx, torch, mlp, torch.from_numpy(X_train), torch.from_numpy(y_train), nn.CrossEntropyLoss(),
                 50, 32, "mlp", 0, mlp_steps + rnn_steps)
    with torch.inference_mode():
        accuracy = (mlp(torch.from_numpy(X_test)).argmax(1).numpy() == y_test).mean()
    train(ctx, torch, rnn, torch.from_numpy(X_seq[:split]), torch.from_numpy(y_seq[:split]), nn.MSELoss(),
          epochs, 32, "rnn", done, mlp_steps + rnn_steps)
    print(f"Iris MLP test accuracy {accuracy:.3f}; sine RNN trained {epochs} epochs on {split} sequences")

    found = {}
    for name, model, example, X_check in (("mlp", mlp, torch.from_numpy(X_test[:2]), X_test),
                                          ("rnn", rnn, torch.from_numpy(X_seq[:2]), X_seq[split:])):
        ctx.status(t(f"exporting {name} to ONNX and timing it…", f"正在把 {name} 导出为 ONNX 并计时…"))
        path = folder / f"{name}.onnx"
        found[name] = r = export_and_compare(ctx, torch, model, example, X_check, path, repeats)
        print(f"{name}: {path} ({r['file_kb']:.1f} KB, opset {r['opset']}), max |onnx - torch| = "
              f"{r['max_abs_diff']:.2e}, {r['nodes']} graph nodes; one input: torch p50 {r['torch_p50_ms']:.3f} ms, "
              f"ONNX Runtime p50 {r['onnx_p50_ms']:.3f} ms")

    print("torch.export traces the RNN step by step: its graph holds every one of the 50 time steps of both "
          "layers, which is why its file is larger than its weights.")
    table = pd.DataFrame(found).T[["max_abs_diff", "torch_p50_ms", "torch_p99_ms", "onnx_p50_ms", "onnx_p99_ms",
                                   "file_kb", "export_s"]]
    ctx.table("torch vs ONNX Runtime", table)
    ctx.plot("latency", Plot(
        title=bi("Latency of one input, p50 (ms)", "单个输入的延迟 p50（毫秒）"),
        series=[Series([0, 2], [found["mlp"]["torch_p50_ms"], found["rnn"]["torch_p50_ms"]], "torch", style="bar"),
                Series([0.8, 2.8], [found["mlp"]["onnx_p50_ms"], found["rnn"]["onnx_p50_ms"]], "ONNX Runtime",
                       style="bar")],
        xlabel=bi("MLP (left), RNN (right)", "MLP（左）、RNN（右）"), ylabel="ms"))
    ctx.result(max_abs_diff=max(r["max_abs_diff"] for r in found.values()), mlp_test_accuracy=float(accuracy),
               **{f"{name}_{key}": value for name, r in found.items() for key, value in r.items()})


def estimate(p):
    """Two small trainings (the 4-64-3 MLP, 50 epochs; the RNN on 80% of the sequences), two
    exports (about 2 s each with torch.export) and 2 x 2 x `repeats` single-input calls."""
    from dataclasses import replace

    from studio.lessons._training import training_estimate

    rnn_macs = 50 * (50 + 3 * 2500) + 50
    e = training_estimate(rows=int(0.8 * p["sequences"]), epochs=p["epochs"], batch_size=32, macs_per_row=rnn_macs,
                          params=7_751, features=50, feature_columns=False,
                          setup_ops=4 * p["repeats"] * 20 + 50 * 4 * 5_000)
    return replace(e, overhead_s=e.overhead_s + 6.0)


# labels of the names this lesson emits (studio.core.labels has the common ones)
LABELS = {
    "torch vs ONNX Runtime": bi("torch vs ONNX Runtime", "torch 与 ONNX Runtime 对比"),
    "latency": bi("latency", "延迟"),
    "loss_{}": bi("Loss, {}", "损失，{}"),
    "{}_test_accuracy": bi("{}: test accuracy", "{}：测试准确率"),
    "mlp": bi("MLP", "MLP"),
    "rnn": bi("RNN", "RNN"),
    "max_abs_diff": bi("Largest |ONNX - torch|", "最大 |ONNX - torch|"),
    "torch_p50_ms": bi("torch p50 (ms)", "torch p50（毫秒）"),
    "torch_p99_ms": bi("torch p99 (ms)", "torch p99（毫秒）"),
    "onnx_p50_ms": bi("ONNX Runtime p50 (ms)", "ONNX Runtime p50（毫秒）"),
    "onnx_p99_ms": bi("ONNX Runtime p99 (ms)", "ONNX Runtime p99（毫秒）"),
    "file_kb": bi("file (KB)", "文件（KB）"),
    "export_s": bi("export (s)", "导出（秒）"),
    "{}_max_abs_diff": bi("{}: largest |ONNX - torch|", "{}：最大 |ONNX - torch|"),
    "{}_torch_p50_ms": bi("{}: torch p50 (ms)", "{}：torch p50（毫秒）"),
    "{}_torch_p99_ms": bi("{}: torch p99 (ms)", "{}：torch p99（毫秒）"),
    "{}_onnx_p50_ms": bi("{}: ONNX Runtime p50 (ms)", "{}：ONNX Runtime p50（毫秒）"),
    "{}_onnx_p99_ms": bi("{}: ONNX Runtime p99 (ms)", "{}：ONNX Runtime p99（毫秒）"),
    "{}_file_kb": bi("{}: file (KB)", "{}：文件（KB）"),
    "{}_export_s": bi("{}: export (s)", "{}：导出（秒）"),
    "{}_nodes": bi("{}: graph nodes", "{}：计算图节点数"),
    "{}_opset": bi("{}: ONNX opset", "{}：ONNX 算子集版本"),
    "{}_speedup": bi("{}: ONNX Runtime speed-up", "{}：ONNX Runtime 加速比"),
}


LESSON = Lesson(
    id="late.onnx",
    title=bi("ONNX: export a PyTorch model and run it with ONNX Runtime",
             "ONNX：导出 PyTorch 模型并用 ONNX Runtime 运行"),
    summary=bi(
        "The article's cross-platform deployment step: the iris network (4-64-3) and the sine "
        "RNN are trained briefly, exported with torch.onnx.export to the ONNX standard, checked, "
        "and run with ONNX Runtime on the CPU. It reports how far the two runtimes' outputs are "
        "apart (max_abs_diff, float32 rounding only), the latency of one input for both "
        "(p50/p99) and the file sizes. The same .onnx file runs on phones, browsers and servers; "
        "verifying an optimised large model on each platform is where compute is needed.",
        "原文的跨平台部署一步：先简单训练鸢尾花网络（4-64-3）和正弦波 RNN，用 torch.onnx.export 导出为 ONNX "
        "标准格式并检查，再用 ONNX Runtime 在 CPU 上运行。结果给出两种运行时输出的最大差异（max_abs_diff，"
        "只有 float32 舍入误差）、单个输入的延迟 p50/p99 和文件大小。同一个 .onnx 文件可以在手机、浏览器和"
        "服务器上运行；在各平台上验证优化后的大模型，才是需要算力的地方。",
    ),
    params=(
        Param("epochs", "int", 5, bi("RNN epochs", "RNN 训练轮数"), min=1, max=1000),
        Param("sequences", "int", 2000, bi("Sine sequences", "正弦序列条数"), min=50, max=1_000_000),
        Param("repeats", "int", 1000, bi("Timed calls per runtime", "每种运行时的计时次数"), min=10, max=1_000_000),
        param_seed(0),
    ),
    article_code=ARTICLE_CODE,
    changes=(
        Change(bi("The article names the step only; the lesson exports the article's two networks with the "
                  "torch.export-based exporter (dynamo=True, which needs onnxscript) and a dynamic batch size.",
                  "原文只提到这一步；本课用基于 torch.export 的导出器（dynamo=True，需要 onnxscript）导出原文的两个"
                  "网络，批大小可变。")),
        Change(bi("The models train only briefly: the lesson is about the export, not the accuracy. Files are "
                  "kept in the studio's data folder (late/onnx).",
                  "模型只做简短训练：本课关注导出而不是准确率。文件保存在本软件数据目录的 late/onnx 下。")),
    ),
    uses_torch=True,
    estimate=estimate,
    run=run,
    labels=LABELS,
)
