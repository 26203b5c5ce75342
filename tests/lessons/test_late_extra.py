"""The late stage's optional extra and outside needs: one clear line when a package or Java is
missing, the rest of the app unaffected; hand-off notebooks."""

import ast
import importlib.abc
import json
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from studio.cli import main
from studio.core import handoff, notebook
from studio.core.lesson import catalog
from studio.lessons._late import LATE_PACKAGES

ROOT = Path(__file__).parents[2]
# each late lesson and the extra's modules it needs
NEEDS = {"late.spark": ("pyspark", "pyarrow"), "late.onnx": ("onnx", "onnxscript", "onnxruntime"),
         "late.serving": ("fastapi", "uvicorn", "httpx"), "late.streamlit": ("streamlit",),
         "late.explain": ("xgboost", "shap"), "late.out_of_core": ("duckdb", "pyarrow")}


def test_the_late_extra_lists_what_the_lessons_ask_for_and_test_pulls_it_in():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert sorted(extras["late"]) == sorted(LATE_PACKAGES.values())
    assert "zero-compute-ml-studio[late]" in extras["test"]
    assert {m for mods in NEEDS.values() for m in mods} == set(LATE_PACKAGES)


class NotInstalled(importlib.abc.MetaPathFinder):
    """An import hook for which some packages do not exist."""

    def __init__(self, names):
        self.names = set(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def hide(monkeypatch, *modules):
    """Make `import name` fail as if the package were not installed (sys.modules restored after)."""
    for loaded in [m for m in sys.modules if m.split(".")[0] in modules]:
        monkeypatch.delitem(sys.modules, loaded)
    monkeypatch.setattr(sys, "meta_path", [NotInstalled(modules), *sys.meta_path])


@pytest.mark.parametrize("lesson_id", sorted(NEEDS))
def test_a_missing_package_is_one_line_with_the_pip_command(run, monkeypatch, lesson_id):
    missing = NEEDS[lesson_id][-1]
    hide(monkeypatch, missing)
    outcome, ctx = run(lesson_id)
    assert outcome.status == "failed"
    assert outcome.error.count("\n") == 0 and "Traceback" not in outcome.error
    assert f"{missing} not installed" in outcome.error
    assert "pip install " + " ".join(f'"{LATE_PACKAGES[m]}"' for m in NEEDS[lesson_id]) in outcome.error
    assert ctx.output == [outcome.error]


def test_without_the_extra_the_rest_of_the_app_works(monkeypatch, capsys):
    hide(monkeypatch, *LATE_PACKAGES)
    from studio.core.lesson import Catalog

    found = Catalog.discover()  # every lesson module still imports
    assert {"late.spark", "late.explain", "sklearn.iris_svc"} <= set(found.ids())
    assert main(["advise", "--json"]) == 0
    verdicts = {v["id"]: v for v in json.loads(capsys.readouterr().out)["lessons"]}
    assert verdicts["late.serving"]["level"] == "runs"
    assert main(["run", "sklearn.iris_svc", "--json"]) == 0


def no_java(monkeypatch, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("JAVA_HOME", raising=False)


def test_spark_without_java_is_one_line_saying_how_to_install_it(run, monkeypatch, tmp_path):
    no_java(monkeypatch, tmp_path)
    outcome, _ = run("late.spark")
    assert outcome.status == "failed" and "\n" not in outcome.error and "Traceback" not in outcome.error
    assert "needs Java 17+" in outcome.error and "openjdk-17" in outcome.error and "JAVA_HOME" in outcome.error


def test_spark_without_java_from_the_cli_exits_1_with_one_line(monkeypatch, tmp_path, capsys):
    no_java(monkeypatch, tmp_path)
    assert main(["run", "late.spark"]) == 1  # a failed run, as documented: exit 1, one error line
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    assert [line for line in text.splitlines() if "Java" in line] == [
        next(line for line in text.splitlines() if line.startswith("Error: late.spark needs Java 17+"))]


def test_spark_with_an_old_java_names_its_version(run, monkeypatch, tmp_path):
    home = tmp_path / "jdk11"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text('#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(home))
    outcome, _ = run("late.spark")
    assert outcome.status == "failed" and "found Java 11 at" in outcome.error and "\n" not in outcome.error


def test_spark_rejects_a_master_that_is_not_a_url(run):
    outcome, _ = run("late.spark", master="my laptop")
    assert outcome.status == "failed" and "is not a Spark master URL" in outcome.error


@pytest.mark.parametrize("name", sorted(handoff.NOTEBOOKS))
def test_hand_off_notebooks_are_valid_and_their_code_compiles(tmp_path, capsys, name):
    path = tmp_path / f"{name}.ipynb"
    assert main(["export-notebook", name, "-o", str(path)]) == 0
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["accelerator"] == "GPU" and nb.metadata["studio"]["lesson_first"] in catalog().ids()
    ast.parse(notebook.script(nb))  # the code cells, without the %pip line
    assert "Colab" in nb.cells[1].source and "Kaggle" in nb.cells[1].source
