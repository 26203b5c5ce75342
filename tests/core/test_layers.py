"""The one rule that matters most: no Qt in studio.core, studio.kernel or studio.lessons."""

import ast
import pathlib

import studio

QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "superqt", "pyqtgraph", "qtpy")
ROOT = pathlib.Path(studio.__file__).parent


def _imports(path: pathlib.Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_kernel_and_lessons_never_import_qt():
    offenders = []
    for layer in ("core", "kernel", "lessons", "practice", "live.py"):  # practice: the learner's code, in a kernel
        for path in (ROOT / layer).rglob("*.py") if layer.isidentifier() else [ROOT / layer]:
            for name in _imports(path):
                if name.split(".")[0] in QT_MODULES or name.startswith("studio.ui"):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_check_sees_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QTimer\nimport pyqtgraph as pg\n")
    assert set(_imports(bad)) == {"PySide6.QtCore", "pyqtgraph"}
