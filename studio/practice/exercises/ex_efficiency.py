"""Exercises on the article's efficiency advice: vectorise, pick the dtype, free memory."""

from studio.core.text import bi
from studio.practice.checks import array, at_least, at_most, close, faster_than_starter, passed
from studio.practice.exercise import Exercise, check

MiB = 2**20

# -- efficiency.vectorize -------------------------------------------------------------------------
VECTORISE_STARTER = '''\
import numpy as np

data = np.random.default_rng(0).random(1_000_000)  # 1,000,000 floats
result = np.empty_like(data)

# The article's slow way: one interpreted step per element
for i in range(len(data)):
    result[i] = data[i] * 2

print(result[:5])
'''

VECTORISE_SOLUTION = '''\
import numpy as np

data = np.random.default_rng(0).random(1_000_000)  # 1,000,000 floats
result = data * 2  # one call: the loop runs in NumPy's compiled code

print(result[:5])
'''


@check("values", bi("`result` equals `data * 2` for all 1,000,000 floats", "`result` 等于 `data * 2`（全部 1,000,000 个数）"))
def _doubled(env):
    data = array(env, "data", shape=(1_000_000,))
    return close(array(env, "result", shape=data.shape), data * 2, rtol=0, atol=0, what="result")


@check("speed", bi("at least 10x faster than the starter's loop, both timed in the kernel",
                   "比起始代码的循环至少快 10 倍（两者都在内核中计时）"))
def _ten_times_faster(env):
    return faster_than_starter(env, 10)


RELU_STARTER = '''\
import numpy as np

data = np.random.default_rng(1).random(1_000_000) - 0.5  # from -0.5 to 0.5
relu = np.empty_like(data)

# ReLU, one element at a time: negative numbers become 0
for i in range(len(data)):
    relu[i] = data[i] if data[i] > 0 else 0.0

print(relu[:5])
'''


@check("values", bi("`relu` equals max(data, 0) element by element", "`relu` 逐元素等于 max(data, 0)"))
def _relu_values(env):
    import numpy as np

    data = array(env, "data", shape=(1_000_000,))
    return close(array(env, "relu", shape=data.shape), np.maximum(data, 0), rtol=0, atol=0, what="relu")


@check("speed", bi("at least 10x faster than the starter's loop", "比起始代码的循环至少快 10 倍"))
def _relu_speed(env):
    return faster_than_starter(env, 10)


# -- efficiency.float32 -----------------------------------------------------------------------------
HALVE_STARTER = '''\
import numpy as np

X64 = np.random.default_rng(0).random((2_000_000, 8))  # float64: 8 bytes a number, 122 MiB
X = X64  # your code: X as float32, in half the memory

print(X.dtype, X.shape, f"{X.nbytes / 2**20:.0f} MiB")
'''


def _x64(env):
    return array(env, "X64", shape=(2_000_000, 8), dtype="float64")


@check("dtype", bi("`X` is a float32 array of shape (2000000, 8)", "`X` 是形状为 (2000000, 8) 的 float32 数组"))
def _x_dtype(env):
    x = array(env, "X", shape=_x64(env).shape)
    return passed(str(x.dtype) == "float32", "float32", str(x.dtype))


@check("bytes", bi("`X` takes half the bytes of `X64`", "`X` 占用的字节数是 `X64` 的一半"))
def _x_bytes(env):
    x64, x = _x64(env), array(env, "X")
    return passed(x.nbytes * 2 == x64.nbytes, f"{x64.nbytes // 2:,} bytes", f"{x.nbytes:,} bytes")


@check("values", bi("`X` equals `X64` within float32 rounding (a relative 2**-24)",
                    "`X` 与 `X64` 的差在 float32 舍入误差之内（相对误差 2**-24）"))
def _x_values(env):
    import numpy as np

    x64, x = _x64(env), array(env, "X", shape=(2_000_000, 8))
    worst = float(np.max(np.abs(x.astype(np.float64) - x64) / np.maximum(np.abs(x64), 1e-30)))
    return at_most(worst, 2**-24 * (1 + 1e-6), "max relative difference")  # 1e-6: the float64 arithmetic


BORN_STARTER = '''\
import numpy as np

rng = np.random.default_rng(0)
weights = rng.standard_normal((1_000_000, 10))  # float64 by default: 76 MiB
weights = weights.astype(np.float32)             # 38 MiB, but the float64 copy was made first

print(weights.dtype, f"{weights.nbytes / 2**20:.0f} MiB")
'''


@check("dtype", bi("`weights` is float32 of shape (1000000, 10)", "`weights` 是形状为 (1000000, 10) 的 float32"))
def _weights_dtype(env):
    w = array(env, "weights", shape=(1_000_000, 10))
    return passed(str(w.dtype) == "float32", "float32", str(w.dtype))


@check("normal", bi("its numbers are standard normal (mean 0, standard deviation 1)",
                    "其中的数服从标准正态分布（均值 0，标准差 1）"))
def _weights_normal(env):
    w = array(env, "weights")
    mean, std = float(w.mean(dtype="float64")), float(w.std(dtype="float64"))
    return passed(abs(mean) < 0.01 and abs(std - 1) < 0.01, "mean 0 ± 0.01, std 1 ± 0.01",
                  f"mean {mean:.4f}, std {std:.4f}")


@check("peak", bi("the code's allocations never pass 60 MiB (no float64 copy on the way)",
                  "代码分配的内存峰值不超过 60 MiB（过程中没有 float64 副本）"))
def _weights_peak(env):
    return at_most(round(env.peak_bytes / MiB, 1), 60, "peak MiB")


# -- efficiency.gc ------------------------------------------------------------------------------------
FREE_STARTER = '''\
import gc

import numpy as np

big = np.ones(25_000_000)  # 200 MB of float64
alias = big                # a second name for the same array


class Node:
    pass


node = Node()
node.data = big
node.myself = node         # a reference cycle: node refers to itself

# your code: free the 200 MB before the code ends (the check measures what is still held)
del big
print("done")
'''


@check("allocated", bi("the 200 MB array was really made", "确实分配了那个 200 MB 的数组"))
def _was_allocated(env):
    return at_least(round(env.peak_bytes / MiB), 190, "peak MiB")


@check("freed", bi("less than 10 MiB of what the code allocated is still held at its end",
                   "代码结束时，它分配的内存仍被占用的不足 10 MiB"))
def _was_freed(env):
    return at_most(round(env.current_bytes / MiB, 1), 10, "held MiB")


EXERCISES = [
    Exercise(
        id="efficiency.vectorize/vectorise",
        title=bi("Vectorise the loop", "把循环向量化"),
        task=bi(
            "The starter doubles 1,000,000 floats in a Python loop, the article's slow way. Compute "
            "`result` (equal to `data * 2`) at least **10x faster**. The checks time your whole code "
            "and the starter's in the kernel; keep `data` as it is.",
            "起始代码用 Python 循环把 1,000,000 个浮点数逐个乘 2，这正是原文的低效写法。请把 `result`"
            "（等于 `data * 2`）的计算提速到**至少 10 倍**。检查会在内核中分别为你的整段代码和起始代码计时；"
            "`data` 保持不变。"),
        starter=VECTORISE_STARTER,
        solution=VECTORISE_SOLUTION,
        hints=(bi("NumPy applies an operation to every element of an array in one call.",
                  "NumPy 用一次调用就能对数组的每个元素做同一运算。"),
               bi("Replace the loop and the `np.empty_like` line by one assignment: `result = data * 2`.",
                  "把循环和 `np.empty_like` 那一行换成一条赋值：`result = data * 2`。")),
        checks=(_doubled, _ten_times_faster),
        wrong=(VECTORISE_SOLUTION.replace("data * 2 ", "data * 3 ").replace("  # one call:", "  # wrong, and"),
               VECTORISE_SOLUTION.replace("result = data * 2  # one call: the loop runs in NumPy's compiled code",
                                          "result = np.array([x * 2 for x in data])  # a list comprehension")),
    ),
    Exercise(
        id="efficiency.vectorize/relu",
        title=bi("ReLU without a loop", "不用循环实现 ReLU"),
        task=bi(
            "ReLU keeps positive numbers and turns negative ones into 0. The starter applies it to "
            "1,000,000 numbers in a loop. Compute `relu` with NumPy, at least **10x faster**.",
            "ReLU 保留正数、把负数变成 0。起始代码用循环对 1,000,000 个数逐个计算。请用 NumPy 计算 `relu`，"
            "速度**至少快 10 倍**。"),
        starter=RELU_STARTER,
        solution=RELU_STARTER.replace(
            "relu = np.empty_like(data)\n\n# ReLU, one element at a time: negative numbers become 0\n"
            "for i in range(len(data)):\n    relu[i] = data[i] if data[i] > 0 else 0.0\n",
            "relu = np.maximum(data, 0)  # element by element, in compiled code\n"),
        hints=(bi("`np.maximum(a, b)` takes the larger of two values element by element; b can be a number.",
                  "`np.maximum(a, b)` 逐元素取两者中较大的一个；b 可以是一个数。"),
               bi("`np.where(data > 0, data, 0.0)` works too.", "`np.where(data > 0, data, 0.0)` 也可以。")),
        checks=(_relu_values, _relu_speed),
        wrong=(RELU_STARTER.replace("relu = np.empty_like(data)", "relu = np.abs(data)").split("\n# ReLU")[0],
               RELU_STARTER.replace("relu = np.empty_like(data)", "relu = np.array([max(x, 0.0) for x in data])")
               .split("\n# ReLU")[0]),
    ),
    Exercise(
        id="efficiency.float32/halve",
        title=bi("Half the memory with float32", "用 float32 省一半内存"),
        task=bi(
            "`X64` holds 2,000,000 x 8 random numbers as float64 (NumPy's default). Make `X` the "
            "same numbers as **float32**: half the bytes, equal within float32's rounding, which is "
            "plenty for training a model.",
            "`X64` 以 float64（NumPy 的默认类型）保存 2,000,000 x 8 个随机数。请让 `X` 以 **float32** "
            "保存同样的数：字节数减半，数值只差 float32 的舍入误差，训练模型完全够用。"),
        starter=HALVE_STARTER,
        solution=HALVE_STARTER.replace("X = X64  # your code: X as float32, in half the memory",
                                       "X = X64.astype(np.float32)  # 4 bytes a number"),
        hints=(bi("An array's `astype(dtype)` returns a copy with another element type.",
                  "数组的 `astype(dtype)` 返回换了元素类型的副本。"),
               bi("`X = X64.astype(np.float32)`", "`X = X64.astype(np.float32)`")),
        checks=(_x_dtype, _x_bytes, _x_values),
        wrong=(HALVE_STARTER.replace("X = X64  #", "X = X64.astype(np.float16)  #"),
               HALVE_STARTER.replace("X = X64  #", "X = (X64 + 0.001).astype(np.float32)  #")),
    ),
    Exercise(
        id="efficiency.float32/born_float32",
        title=bi("float32 from the start", "一开始就用 float32"),
        task=bi(
            "Converting with `astype` needs the float64 array first: for a moment both are in memory. "
            "Make `weights`, 1,000,000 x 10 standard normal numbers, as float32 **from the start**, "
            "so the code's allocations never pass 60 MiB (the check traces them).",
            "用 `astype` 转换时必须先有 float64 数组：有一段时间两份都在内存里。请**一开始**就以 float32 "
            "生成 `weights`（1,000,000 x 10 个标准正态随机数），使代码分配的内存峰值不超过 60 MiB（检查会跟踪分配）。"),
        starter=BORN_STARTER,
        solution=BORN_STARTER.replace(
            "weights = rng.standard_normal((1_000_000, 10))  # float64 by default: 76 MiB\n"
            "weights = weights.astype(np.float32)             # 38 MiB, but the float64 copy was made first\n",
            "weights = rng.standard_normal((1_000_000, 10), dtype=np.float32)  # 38 MiB, no float64 copy\n"),
        hints=(bi("NumPy's random Generator methods take a `dtype` argument.",
                  "NumPy 随机数 Generator 的方法可以接收 `dtype` 参数。"),
               bi("`rng.standard_normal(shape, dtype=np.float32)`", "`rng.standard_normal(shape, dtype=np.float32)`")),
        checks=(_weights_dtype, _weights_normal, _weights_peak),
        wrong=(BORN_STARTER.replace("weights = weights.astype(np.float32) ", "weights = weights.astype('float32')"),
               BORN_STARTER.replace("weights = rng.standard_normal((1_000_000, 10))",
                                    "weights = np.zeros((1_000_000, 10), dtype=np.float32)")
               .replace("weights = weights.astype(np.float32) ", "pass"),
               BORN_STARTER.replace("weights = weights.astype(np.float32) ", "pass")),
        trace_memory=True,
    ),
    Exercise(
        id="efficiency.gc/free_it",
        title=bi("Free the array for real", "真正释放数组"),
        task=bi(
            "`del big` removes a name, not the array: `alias` and the cycle through `node` still "
            "hold its 200 MB. Change the end of the code so that less than 10 MiB of what it "
            "allocated is still held when it ends (the check traces the allocations).",
            "`del big` 删除的只是一个名字，而不是数组：`alias` 和经由 `node` 的循环引用仍占着那 200 MB。"
            "请修改代码的结尾，使代码结束时它分配的内存仍被占用的不足 10 MiB（检查会跟踪分配）。"),
        starter=FREE_STARTER,
        solution=FREE_STARTER.replace("del big\n", "del big, alias, node  # every name\n"
                                                   "gc.collect()          # and the cycle\n"),
        hints=(bi("An object is freed when nothing refers to it any more: delete every name that does.",
                  "没有任何引用时对象才会被释放：删除所有引用它的名字。"),
               bi("`node` refers to itself, so deleting it is not enough: the cycle waits for the garbage "
                  "collector.", "`node` 引用了自己，只删除它还不够：循环引用要等垃圾回收器处理。"),
               bi("`del big, alias, node` then `gc.collect()`.", "先 `del big, alias, node`，再 `gc.collect()`。")),
        checks=(_was_allocated, _was_freed),
        wrong=(FREE_STARTER.replace("del big\n", "del big, alias, node\n"),
               FREE_STARTER.replace("np.ones(25_000_000)", "np.ones(25_000)")
               .replace("del big\n", "del big, alias, node\ngc.collect()\n")),
        trace_memory=True,
    ),
]
