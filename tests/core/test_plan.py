"""The plan format: the article's plan checks clean; each kind of mistake gets a precise error."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.core.lesson import catalog
from studio.core.plan import (
    PlanError,
    check_plan_file,
    default_plan_path,
    load_plan,
    parse_plan,
)

# Every lesson id the article's plan must link, one per runnable example of the article.
ARTICLE_LESSONS = {
    "torch.linear_regression", "torch.binary_classifier", "numpy.array_basics",
    "python.list_basics", "numpy.matrix_ops", "numpy.reshape", "stats.naive_bayes",
    "pandas.csv_basics", "pandas.groupby", "pandas.plotting", "matplotlib.plot_2d_3d",
    "matplotlib.annotate_style", "sklearn.linear_regression", "sklearn.preprocessing",
    "sklearn.iris_svc", "sklearn.logistic_regression", "sklearn.boston_housing",
    "keras.iris_mlp", "torch.iris_mlp", "keras.rnn_sine", "torch.rnn_sine", "torch.mnist_mlp",
    "torch.model_compression", "efficiency.vectorize", "efficiency.float32", "efficiency.gc",
    "optimize.sampling", "optimize.pca", "optimize.light_model",
    # the late stage in miniature (issue 13)
    "late.spark", "late.onnx", "late.serving", "late.streamlit", "late.explain", "late.out_of_core",
    "late.cnn", "late.transformer_scale",
}

# A small plan every test varies; tests/ui uses it too.
GOOD = (Path(__file__).parents[1] / "data" / "tiny_plan.toml").read_text(encoding="utf-8")


def errors_of(text: str, known=None) -> list[str]:
    with pytest.raises(PlanError) as info:
        parse_plan(text, "bad.toml", known)
    return info.value.errors


def test_the_article_plan_checks_clean():
    plan = load_plan(default_plan_path(), catalog().ids())
    s = plan.summary_numbers()
    assert (s.phases, plan.id) == (3, "zero-compute")
    assert [p.months for p in plan.phases] == [(1, 2), (2, 3), (3, 6)]
    assert [p.hardware for p in plan.phases] == ["pc", "pc", "gpu"]
    assert [p.title["zh"].split(":")[0] for p in plan.phases] == ["前期", "中期", "后期"]
    assert set(plan.lesson_ids()) == ARTICLE_LESSONS
    assert s.lessons_linked == len(ARTICLE_LESSONS)
    # missing = linked minus what the catalog has, whatever has been written by now
    assert set(s.lessons_missing) == ARTICLE_LESSONS - set(catalog().ids())
    assert s.items > 50 and s.hours > 100


def test_the_article_plan_is_whole_and_bilingual():
    plan = load_plan(default_plan_path())
    text = {lang: " ".join(
        i.title[lang] + " " + i.body[lang] + " " + " ".join(w.text[lang] for w in i.warnings)
        + " " + " ".join(r.title[lang] for r in i.resources)
        for i in plan.items()) for lang in ("en", "zh")}
    # the article's sections, as its own words (zh) and in English
    for zh in ("矩阵乘法", "朴素贝叶斯", "Pandas", "Matplotlib", "Jupyter", "Scikit-learn", "鸢尾花",
               "波士顿房价", "MNIST", "模型压缩", "ResNet50", "BERT", "Colab", "Spark", "100GB",
               "TensorFlow Serving", "Docker", "ONNX", "FastAPI", "Streamlit", "XGBoost",
               "GradientExplainer", "随机抽样10%", "PCA保留95%方差", "MobileNetV3", "国家超算互联网平台",
               "Kaggle", "macOS", "Windows", "Linux", "向量化", "float32", "gc.collect()",
               "100万+", "GPT-2/BERT-base", "GTX 1080 Ti", "学生优惠", "任务管理器", "nvidia-smi", "htop",
               "吴恩达", "李沐", "动手学深度学习", "《Python机器学习》", "《机器学习实战", "AWS EC2", "阿里云GN6i"):
        assert zh in text["zh"], zh
    for en in ("matrix", "naive Bayes", "Iris", "Boston", "MNIST", "ResNet50", "BERT", "Colab", "Spark",
               "100 GB", "TensorFlow Serving", "ONNX", "FastAPI", "Streamlit", "XGBoost", "GradientExplainer",
               "10%", "95%", "MobileNetV3", "supercomputing", "Kaggle", "vectoris", "float32", "gc.collect()",
               "1,000,000+", "GPT-2", "GTX 1080 Ti", "student", "Task Manager", "nvidia-smi", "htop",
               "Andrew Ng", "Dive into Deep Learning", "Python Machine Learning", "Hands-On Machine Learning"):
        assert en in text["en"], en
    urls = {r.url_for("en") for i in plan.items() for r in i.resources if r.url}
    for site in ("coursera.org", "d2l.ai", "scikit-learn.org", "pytorch.org", "keras.io",
                 "colab.research.google.com", "kaggle.com", "scnet.cn"):
        assert any(site in u for u in urls), site
    assert any("zh.d2l.ai" in r.url_for("zh") for i in plan.items() for r in i.resources if r.url)
    gpu_items = [i.id for i in plan.items() if i.needs.gpu]
    assert "bert-finetune" in gpu_items and plan.item("bert-finetune").needs.vram_gb == 8
    assert {"full-training", "untrimmed-models"} <= {w.id for i in plan.items() for w in i.warnings}


def test_every_late_stage_item_names_the_lesson_to_do_first():
    plan = load_plan(default_plan_path(), catalog().ids())
    late = plan.phases[2].items()
    assert len(late) == 15 and all(item.lesson and item.lesson.startswith("late.") for item in late)
    for item in late:  # the item's text names it, in both languages
        assert item.lesson in item.body["en"] and item.lesson in item.body["zh"], item.id
    assert not plan.item("onnx").needs.gpu  # ONNX inference runs on a PC; its warning stays
    assert "onnx-verify" in {w.id for w in plan.item("onnx").warnings}


def test_a_small_plan_and_its_summary():
    plan = parse_plan(GOOD, "good.toml", ["torch.linear_regression"])
    s = plan.summary_numbers()
    assert (s.phases, s.topics, s.items, s.hours) == (2, 2, 3, 13.5)
    assert (s.lessons_linked, s.lessons_missing) == (2, ("future.lesson",))
    assert s.line() == "2 phases, 2 topics, 3 items, 13.5 h; lessons: 2 linked, 1 present, 1 missing"
    b = plan.item("b")
    assert b.warnings[0].text["zh"] == "太大" and b.resources[0].url_for("zh") == "https://example.org/"
    assert b.where == "phases[0].topics[0].items[1]"
    c = plan.item("c")
    assert c.needs.gpu and c.needs.vram_gb == 8.0  # vram implies gpu
    assert plan.phase_of("c").id == "late"
    # without a catalog nothing can be called missing
    assert parse_plan(GOOD).summary_numbers().line().endswith("lessons: 2 linked")


def test_what_next_is_the_first_item_not_done_or_skipped():
    plan = parse_plan(GOOD)
    assert plan.next_item({}).id == "a"
    assert plan.next_item({"a": "done"}).id == "b"
    assert plan.next_item({"a": "done", "b": "learning"}).id == "b"
    assert plan.next_item({"a": "skipped", "b": "done"}).id == "c"
    assert plan.next_item({"a": "done", "b": "done", "c": "skipped"}) is None


def test_search_matches_both_languages():
    plan = parse_plan(GOOD)
    assert [i.id for i in plan.items() if i.matches("正文乙")] == ["b"]
    assert [i.id for i in plan.items() if i.matches("DOCS body")] == ["b"]
    assert [i.id for i in plan.items() if i.matches("torch.linear")] == ["a"]
    assert len([i for i in plan.items() if i.matches("  ")]) == 3


def test_toml_syntax_error_names_the_line():
    errors = errors_of(GOOD.replace('hours = 1.5', 'hours = = 1.5'))
    line = GOOD.splitlines().index("hours = 1.5") + 1
    assert len(errors) == 1
    assert errors[0].startswith(f"bad.toml: line {line}, column ")
    assert "TOML syntax error" in errors[0]


def test_missing_fields():
    errors = errors_of(GOOD.replace('hours = 2\n', '', 1).replace('months = [3, 6]\n', ''))
    assert "bad.toml: phases[0].topics[0].items[0].hours: missing field 'hours'" in errors
    assert "bad.toml: phases[1].months: missing field 'months'" in errors
    assert len(errors) == 2


def test_wrong_types():
    errors = errors_of(GOOD.replace("hours = 2\n", 'hours = "two"\n').replace("hardware = \"pc\"", "hardware = 1"))
    assert "bad.toml: phases[0].topics[0].items[0].hours: wrong type: expected a number, got a string ('two')" in errors
    assert "bad.toml: phases[0].hardware: wrong type: expected a string, got a number (1)" in errors
    errors = errors_of(GOOD.replace('title = { en = "A", zh = "甲" }', 'title = "A"'))
    assert errors == ["bad.toml: phases[0].topics[0].items[0].title: wrong type: expected a table with "
                      "'en' and 'zh', got a string ('A')"]
    assert errors_of(GOOD.replace("hours = 10", "hours = true")) == [
        "bad.toml: phases[1].topics[0].items[0].hours: wrong type: expected a number, got a boolean (true)"]


def test_duplicate_ids():
    errors = errors_of(GOOD.replace('id = "c"', 'id = "a"'))
    assert errors == ["bad.toml: phases[1].topics[0].items[0].id: duplicate item id 'a' "
                      "(first at phases[0].topics[0].items[0])"]
    errors = errors_of(GOOD.replace('id = "late"', 'id = "early"'))
    assert errors == ["bad.toml: phases[1].id: duplicate phase id 'early' (first at phases[0])"]


def test_missing_language():
    errors = errors_of(GOOD.replace('title = { en = "B", zh = "乙" }', 'title = { en = "B" }')
                       .replace('body = { en = "Body C", zh = "正文丙" }', 'body = { zh = "正文丙" }'))
    assert errors == [
        "bad.toml: phases[0].topics[0].items[1].title: missing 'zh' (every text needs both 'en' and 'zh')",
        "bad.toml: phases[1].topics[0].items[0].body: missing 'en' (every text needs both 'en' and 'zh')",
    ]
    assert errors_of(GOOD.replace('zh = "小计划"', 'zh = " "')) == ["bad.toml: title.zh: is empty"]


def test_unknown_kind_and_values():
    errors = errors_of(GOOD.replace('kind = "reading"', 'kind = "lecture"'))
    assert errors == ["bad.toml: phases[0].topics[0].items[1].kind: unknown kind 'lecture' "
                      "(expected one of: lesson, reading, practice, milestone)"]
    errors = errors_of(GOOD.replace('hardware = "gpu"', 'hardware = "tpu"')
                       .replace('type = "docs"', 'type = "blog"')
                       .replace('months = [1, 2]', 'months = [2, 1]')
                       .replace('warnings = ["big"]', 'warnings = ["huge"]')
                       .replace("https://example.org/", "javascript:alert(1)"))
    assert errors == [
        "bad.toml: phases[0].months: expected [from, to] with 0 <= from <= to <= 120, got [2, 1]",
        "bad.toml: phases[0].topics[0].items[1].resources[0].type: unknown resource type 'blog' "
        "(expected one of: course, book, docs, tool, video)",
        "bad.toml: phases[0].topics[0].items[1].resources[0].url: not an http(s) address: 'javascript:alert(1)'",
        "bad.toml: phases[0].topics[0].items[1].warnings[0]: unknown warning 'huge' (declared in [warnings]: big)",
        "bad.toml: phases[1].hardware: unknown hardware 'tpu' (expected one of: pc, gpu)",
    ]


def test_unknown_field_suggests_the_right_one():
    errors = errors_of(GOOD.replace('lesson = "torch.linear_regression"', 'lesons = "torch.linear_regression"'))
    assert "bad.toml: phases[0].topics[0].items[0].lesons: unknown field 'lesons' (did you mean 'lesson'?)" in errors
    # and the lesson item now lacks its lesson
    assert ("bad.toml: phases[0].topics[0].items[0].lesson: missing field 'lesson' "
            "(an item of kind 'lesson' names its lesson id)") in errors


def test_lesson_ids_malformed_missing_and_strict():
    errors = errors_of(GOOD.replace('lesson = "future.lesson"', 'lesson = "Future Lesson"'))
    assert errors == ["bad.toml: phases[1].topics[0].items[0].lesson: malformed lesson id 'Future Lesson' "
                      "(expected dotted lowercase, like 'torch.linear_regression')"]
    known = ["torch.linear_regression"]
    # well-formed but not written yet: listed, not an error ...
    plan = parse_plan(GOOD.replace("future.lesson", "torch.linear_regresion"), "ok.toml", known)
    assert [(lesson, item.id) for lesson, item in plan.missing_lessons()] == [("torch.linear_regresion", "c")]
    # ... unless strict, where it is an error with a suggestion
    with pytest.raises(PlanError) as info:
        parse_plan(GOOD.replace("future.lesson", "torch.linear_regresion"), "bad.toml", known, strict=True)
    assert info.value.errors == ["bad.toml: phases[1].topics[0].items[0].lesson: unknown lesson id "
                                 "'torch.linear_regresion' (did you mean 'torch.linear_regression'?)"]


def test_every_error_is_reported_at_once():
    bad = (GOOD.replace('kind = "reading"', 'kind = "lecture"')
           .replace('id = "c"', 'id = "a"')
           .replace('zh = "主题二"', 'fr = "x"'))
    errors = errors_of(bad)
    assert len(errors) == 4  # unknown kind, duplicate id, missing zh, unknown language
    assert all(e.startswith("bad.toml: phases[") for e in errors)


def test_check_plan_file_lines(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    result = check_plan_file(good, ["torch.linear_regression"])
    assert result.ok
    assert result.lines[0] == (f"{good}: ok: 2 phases, 2 topics, 3 items, 13.5 h; "
                               "lessons: 2 linked, 1 present, 1 missing")
    assert result.lines[1] == (f"{good}: phases[1].topics[0].items[0].lesson: lesson 'future.lesson' "
                               "is not written yet (item 'c')")
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('kind = "reading"', 'kind = "lecture"'), encoding="utf-8")
    result = check_plan_file(bad)
    assert not result.ok and result.lines[-1] == f"{bad}: 1 error"
    missing = check_plan_file(tmp_path / "nope.toml")
    assert not missing.ok and "cannot read the file" in missing.lines[0]
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "not UTF-8" in check_plan_file(binary).lines[0]


@pytest.mark.parametrize("needs, message", [
    ("vram_gb = 1e400", "items[0].needs.vram_gb: expected a finite number, got inf"),
    ("ram_gb = inf", "items[0].needs.ram_gb: expected a finite number, got inf"),
    ("ram_gb = nan", "items[0].needs.ram_gb: expected a finite number, got nan"),
    ("vram_gb = 1e9", "items[0].needs.vram_gb: expected a number of GB above 0 and at most 100,000, got 1e+09"),
    ("ram_gb = -2", "items[0].needs.ram_gb: expected a number of GB above 0 and at most 100,000, got -2"),
])
def test_absurd_or_non_finite_numbers_are_refused(needs, message):
    """`vram_gb = 1e400` (which TOML reads as infinity) passed `plan check` before."""
    text = GOOD.replace("needs = { vram_gb = 8 }", f"needs = {{ {needs} }}")
    assert [e for e in errors_of(text) if "needs" in e] == [f"bad.toml: phases[1].topics[0].{message}"]


def test_absurd_hours_and_months_are_refused():
    text = GOOD.replace("hours = 10", "hours = nan").replace("months = [3, 6]", "months = [3, 600000]")
    assert errors_of(text) == [
        "bad.toml: phases[1].months: expected [from, to] with 0 <= from <= to <= 120, got [3, 600000]",
        "bad.toml: phases[1].topics[0].items[0].hours: expected a finite number, got nan",
    ]


def test_an_id_with_a_trailing_newline_is_malformed():
    errors = errors_of(GOOD.replace('id = "a"', 'id = "a\\n"'))
    assert errors == ["bad.toml: phases[0].topics[0].items[0].id: malformed id 'a\\n' "
                      "(use lowercase letters, digits, '-' and '_')"]


@pytest.mark.parametrize("nested", ["x = " + "[" * 5000 + "]" * 5000, "x = " + "{a = " * 5000 + "1" + "}" * 5000])
def test_a_deeply_nested_plan_is_one_error_not_a_recursion_error(nested):
    assert errors_of(nested) == ["bad.toml: arrays or tables are nested too deeply to be a plan"]


def test_a_huge_value_is_cut_in_the_message():
    [error] = [e for e in errors_of(GOOD.replace('kind = "reading"', f'kind = "{"r" * 100_000}"')) if "kind" in e]
    assert len(error) < 200 and error.startswith("bad.toml: phases[0].topics[0].items[1].kind: unknown kind 'rrr")
