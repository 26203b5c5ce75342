"""Labels of the names lessons and the core emit (studio.core.labels)."""

from studio.core.labels import device_label, find, label
from studio.core.text import bi

OWN = {"loss_{}": bi("Loss, {}", "损失，{}"), "{}_light": bi("{} (light)", "{}（轻量）"), "row": bi("Row", "行")}


def test_common_names_and_prefixes_have_both_languages():
    assert find("hw_peak_ram_used_mb") == bi("Peak RAM used (MiB)", "内存峰值（MiB）")
    assert find("val_loss") == bi("Validation loss", "验证损失")
    assert find("test_accuracy") == bi("Test accuracy", "测试准确率")
    assert find("val_r2") == bi("Validation R²", "验证R²（决定系数）")  # an acronym keeps its case


def test_a_lesson_labels_its_own_names_and_patterns():
    assert find("row", OWN) == bi("Row", "行")
    assert find("loss_mlp", OWN) == bi("Loss, mlp", "损失，mlp")
    assert find("val_loss_light", OWN) == bi("Validation loss (light)", "验证损失（轻量）")  # the inner name's label
    assert find("row") is None and find("loss_") is None


def test_a_name_without_a_label_reads_as_words():
    assert find("peak_speedup") is None
    assert label("peak_speedup") == bi("peak speedup", "peak speedup")


def test_devices():
    assert device_label("cpu") == bi("CPU", "CPU")
    assert device_label("cuda:1") == bi("GPU (CUDA) 1", "GPU（CUDA） 1")
    assert device_label("tpu") == bi("tpu", "tpu")
