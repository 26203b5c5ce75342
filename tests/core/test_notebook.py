"""Exported notebooks run in a plain Python process, without the app, and print the app's results."""

import ast
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest

from studio.core import notebook
from studio.core.context import Context
from studio.core.lesson import Lesson, catalog
from studio.core.runner import _jsonable, run_lesson
from studio.core.text import bi

TIME_LIKE = ("_s", "_ms", "seconds", "time", "speedup", "per_s")


def run_script(tmp_path, nb) -> dict:
    """Execute the notebook's code cells as one script (the %pip line skipped) in a fresh
    interpreter outside the repository, and return the results it printed."""
    script = notebook.script(nb)
    (tmp_path / "notebook.py").write_text(script, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["MPLBACKEND"] = "Agg"
    proc = subprocess.run([sys.executable, "notebook.py"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("result: "):
            key, _, value = line[len("result: "):].partition(" = ")
            results[key] = ast.literal_eval(value)
    return results


def app_results(lesson, params) -> dict:
    ctx = Context("cpu", params)
    out = run_lesson(lesson, ctx, params)
    assert out.status == "done", out.error
    return _jsonable(out.results)


def close(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return b == pytest.approx(a, rel=1e-9)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    return a == b


def assert_same(app: dict, exported: dict) -> None:
    assert set(app) == set(exported)
    for key, value in app.items():
        if any(part in key for part in TIME_LIKE):
            continue  # measured times differ from run to run
        assert close(value, exported[key]), (key, value, exported[key])


@pytest.mark.slow
@pytest.mark.parametrize("lesson_id,params", [
    ("torch.binary_classifier", {"epochs": 200}),
    ("sklearn.iris_svc", {}),
    ("torch.rnn_sine", {"epochs": 2, "sequences": 1000}),
    ("optimize.pca", {"model": "knn", "repeats": 1}),
    ("late.explain", {"n_estimators": 20}),
])
def test_exported_notebook_prints_the_apps_results(tmp_path, lesson_id, params):
    if lesson_id not in catalog().ids():
        pytest.skip(f"{lesson_id} is not in this build yet")
    lesson = catalog().get(lesson_id)
    resolved = lesson.resolve_params(params)
    nb = notebook.notebook(lesson, params)
    nbformat.validate(nb)
    exported = run_script(tmp_path, nb)
    assert_same(app_results(lesson, resolved), exported)


def test_notebook_cells_text_install_gpu_note_and_params(tmp_path):
    lesson = catalog().get("optimize.light_model")
    path = notebook.write(lesson, tmp_path / "light.ipynb", {"epochs": 1})
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds.count("code") == 4 and kinds[0] == "markdown"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert lesson.title["en"] in text and lesson.title["zh"] in text
    assert lesson.changes[0].text["zh"] in text and "参数量减少5-10倍" in text
    assert "Change runtime type" in text and "Kaggle" in text and "scnet.cn" in text
    install = next(c.source for c in nb.cells if "%pip install" in c.source)
    assert "torch" in install and "scikit-learn" in install and "numpy" in install
    run_cell = nb.cells[-1].source
    assert "'epochs': 1," in run_cell and "run(ctx, **PARAMS)" in run_cell
    assert nb.metadata["studio"] == {"lesson": "optimize.light_model", "params": lesson.resolve_params({"epochs": 1})}
    assert nb.metadata["accelerator"] == "GPU"


def test_cpu_lessons_say_no_gpu_is_needed():
    nb = notebook.notebook(catalog().get("efficiency.vectorize"))
    assert any("CPU only" in c.source for c in nb.cells if c.cell_type == "markdown")
    assert 'DEVICE = "cpu"' in nb.cells[[c.cell_type for c in nb.cells].index("code") + 1].source


def test_every_lesson_exports_plain_python_without_studio():
    for lesson in catalog():
        code = notebook.lesson_code(lesson)
        tree = ast.parse(code)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("studio"), (lesson.id, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("studio") for a in node.names), lesson.id
        assert any(isinstance(n, ast.FunctionDef) and n.name == "run" for n in tree.body), lesson.id
        assert "LESSON = Lesson(" not in code and "ARTICLE_CODE" not in code, lesson.id


def test_helpers_imported_inside_run_are_copied(tmp_path, monkeypatch):
    module = tmp_path / "nb_fake_lesson.py"
    module.write_text(
        "def run(ctx, n: int):\n"
        "    from studio.core.text import bi, pick\n"
        "    ctx.result(text=pick(bi('en' * n, 'zh'), 'en'))\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import nb_fake_lesson

    lesson = Lesson(id="fake.lesson", title=bi("t", "t"), summary=bi("s", "s"), run=nb_fake_lesson.run,
                    module="nb_fake_lesson")
    code = notebook.lesson_code(lesson)
    assert "def bi(" in code and "def pick(" in code and "pass  # from studio.core.text" in code
    namespace = {}
    exec(compile(code, "<fake>", "exec"), namespace)
    ctx = types.SimpleNamespace(result=lambda **kw: namespace.setdefault("got", kw))
    namespace["run"](ctx, 2)
    assert namespace["got"] == {"text": "enen"}


def test_cli_export_notebook(tmp_path, capsys):
    from studio.cli import main

    out = tmp_path / "vec.ipynb"
    assert main(["export-notebook", "efficiency.vectorize", "-o", str(out), "--set", "max_size=5000"]) == 0
    assert str(out) in capsys.readouterr().out
    nb = json.loads(out.read_text(encoding="utf-8"))
    assert nb["metadata"]["studio"]["params"]["max_size"] == 5000
    assert main(["export-notebook", "efficiency.vectorize", "-o", str(tmp_path / "x.txt")]) == 2
    assert "should end in .ipynb" in capsys.readouterr().err
    assert main(["export-notebook", "no.such", "-o", str(out)]) == 2
    assert main(["export-notebook", "efficiency.vectorize", "-o", str(out), "--set", "max_size=1"]) == 2
    assert "must be >= 1000" in capsys.readouterr().err


@pytest.mark.slow
def test_a_lesson_reading_a_shipped_data_file_gets_it_in_the_notebook(tmp_path):
    lesson = catalog().get("pandas.csv_basics")
    nb = notebook.notebook(lesson)
    data_cells = [c.source for c in nb.cells if c.cell_type == "code" and "resources/data/data.csv" in c.source]
    assert len(data_cells) == 1
    assert "def resources()" in notebook.lesson_code(lesson)  # the notebook's stand-in for studio.core.paths
    assert_same(app_results(lesson, lesson.resolve_params({})), run_script(tmp_path, nb))


def test_the_stand_in_context_is_a_real_module_and_the_notebook_cell_is_its_source(capsys, tmp_path,
                                                                                     monkeypatch):
    """The shim is code ruff and tests see (studio/core/notebook/shim.py), copied as it is."""
    import matplotlib

    matplotlib.use("Agg")
    from studio.core.notebook import shim

    monkeypatch.chdir(tmp_path)
    assert notebook.SHIM == Path(shim.__file__).read_text(encoding="utf-8")
    nb = notebook.notebook(catalog().get("numpy.array_basics"))
    assert any(cell.source.startswith(notebook.SHIM) for cell in nb.cells)
    ctx = shim.NotebookContext("cpu", {"n": 3})
    for step in range(3):
        ctx.scalar("loss", step, 1.0 / (step + 1))
        ctx.progress(step + 1, 3)
    ctx.result(loss=0.5)
    ctx.plot("chart", shim.Plot("title", [shim.Series([0, 1], [1, 0], "line")]))
    ctx.show_curves()
    out = capsys.readouterr().out
    assert "[progress] 100%" in out and "result: loss = 0.5" in out
    assert ctx.curves["loss"] == ([0, 1, 2], [1.0, 0.5, 1 / 3]) and ctx.results == {"loss": 0.5}
    assert (tmp_path / "chart.png").stat().st_size > 0 and (tmp_path / "curves.png").exists()
