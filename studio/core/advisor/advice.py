"""Cheaper paths and free compute: the article's sections 三 and 五, offered by a verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from studio.core.advisor.estimate import GB, Estimate
from studio.core.text import bi, pick

Text = Mapping[str, str]


@dataclass
class Advice:
    """One cheaper path or free-compute option."""

    key: str
    text: Text
    lesson: str = ""  # the lesson that shows this path
    params: dict[str, Any] = field(default_factory=dict)  # settings to apply

    def to_json(self, lang: str | None = None) -> dict:
        out = {"key": self.key, "text": pick(self.text, lang)}
        if self.lesson:
            out["lesson"] = self.lesson
        if self.params:
            out["params"] = dict(self.params)
        return out



CLOUD = (
    Advice("colab", bi("Google Colab: free GPU/TPU, 12-hour sessions; mount Google Drive to keep data",
                       "Google Colab：免费 GPU/TPU，单次会话 12 小时；挂载 Google Drive 保存数据")),
    Advice("kaggle", bi("Kaggle Kernel: about 30 GPU hours a week, enough for small projects",
                        "Kaggle Kernel：每周约 30 小时 GPU 额度，足够小型项目")),
    Advice("scnet", bi("National Supercomputing Internet Platform (scnet.cn): free compute offers, "
                       "domestic accelerator cards, 64 GB cards at a discount",
                       "国家超算互联网平台（scnet.cn）：免费计算资源抢购，国产加速卡，64GB 显存卡特惠")),
)


def cheaper_paths(e: Estimate) -> list[Advice]:
    """The article's cheaper paths that fit this estimate, most effective first."""
    out = []
    if e.rows >= 100_000 and not e.sampled:
        out.append(Advice("sample", bi("train on a random 10% of the rows first (about 90% less time)",
                                       "先随机抽样 10% 的数据训练（约减少 90% 计算时间）"),
                          "optimize.sampling"))
    if e.params >= 1_000_000:
        out.append(Advice("smaller_model", bi(
            "use a lighter model: MobileNet-style depthwise-separable layers have 5-10x fewer parameters",
            "换用轻量模型：MobileNet 式深度可分离卷积，参数量减少 5-10 倍"), "optimize.light_model"))
    if e.features >= 50 and e.feature_columns:
        out.append(Advice("pca", bi("reduce the inputs with PCA keeping 95% of the variance",
                                    "用 PCA 保留 95% 方差，降低输入维度"), "optimize.pca"))
    if e.dtype == "float64":
        out.append(Advice("float32", bi("use float32 instead of float64: half the memory",
                                        "用 float32 替代 float64：内存减半"), "efficiency.float32"))
    if e.python_ops >= 1e6 and e.library == "numpy":  # torch's: framework overhead per step
        out.append(Advice("vectorize", bi("replace the Python loop with NumPy vectorised operations",
                                          "用 NumPy 向量化运算替代 Python 循环"), "efficiency.vectorize"))
    if e.bytes >= 1 * GB:
        out.append(Advice("free_memory", bi("free what you no longer need: del + gc.collect()",
                                            "及时释放不用的变量：del + gc.collect()"), "efficiency.gc"))
    return out
