"""Exercises on the late stage's models, in miniature: a CNN layer's size and weights, an ONNX
export checked with ONNX Runtime, what a Transformer layer weighs, and SHAP values that add up."""

from studio.core.text import bi
from studio.practice.checks import call, describe, module, n_params, passed
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
]
