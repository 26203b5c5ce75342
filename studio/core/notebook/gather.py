"""Gathering a lesson's code: its `run` and every helper it uses from `studio`, as plain Python.

How the code is gathered: starting from `run`, every top-level name it uses is looked up in
its module (functions, classes, constants, imports) and copied; names imported from other
`studio` modules are looked up there in turn. `Plot`, `Series` and `Cancelled` come from the
stand-in. Nothing else of the app is needed, so the notebook imports no `studio` module.

`shim.py` is the stand-in run context the notebook defines; `stand_in_paths.py` replaces
`studio.core.paths` (files live next to the notebook). Both are real modules, read as text.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path

from studio.core.lesson import LessonError

SHIM_NAMES = {"Plot", "Series", "Cancelled"}  # defined by the stand-in cell
PIP_NAMES = {"sklearn": "scikit-learn", "torch": "torch", "numpy": "numpy", "pandas": "pandas",
             "matplotlib": "matplotlib", "psutil": "psutil", "threadpoolctl": "threadpoolctl",
             "scipy": "scipy", "keras": "keras", "seaborn": "seaborn", "statsmodels": "statsmodels"}


class NotebookError(LessonError):
    """The lesson's code cannot be exported as plain Python."""


# Modules whose notebook version differs from the app's: files live next to the notebook.
STAND_INS = {"studio.core.paths": "studio.core.notebook.stand_in_paths"}


def module_source(name: str) -> str:
    """A module's source text, read without importing it (the shim imports matplotlib.pyplot,
    which the window's process must not)."""
    return Path(importlib.util.find_spec(name).origin).read_text(encoding="utf-8")


@dataclass
class _Module:
    name: str
    source: str
    tree: ast.Module
    defs: dict[str, ast.stmt] = field(default_factory=dict)  # top-level name -> defining statement
    # name -> (module, attribute or None, relative level)
    imports: dict[str, tuple[str, str | None, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, name: str) -> _Module:
        source = module_source(STAND_INS[name]) if name in STAND_INS else \
            inspect.getsource(importlib.import_module(name))
        mod = cls(name, source, ast.parse(source))
        for stmt in mod.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                mod.defs[stmt.name] = stmt
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    for node in ast.walk(target):
                        if isinstance(node, ast.Name):
                            mod.defs[node.id] = stmt
            elif isinstance(stmt, ast.Import):
                for a in stmt.names:
                    top = a.name.split(".")[0]
                    mod.imports[a.asname or top] = (a.name if a.asname else top, None, 0)
            elif isinstance(stmt, ast.ImportFrom) and stmt.module != "__future__":
                for a in stmt.names:
                    mod.imports[a.asname or a.name] = (stmt.module or "", a.name, stmt.level)
        return mod

    def text(self, stmt: ast.stmt) -> str:
        lines = self.source.splitlines()
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        return "\n".join(lines[start - 1:stmt.end_lineno])


def _names(stmt: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}


def _is_studio(module: str) -> bool:
    return module == "studio" or module.startswith("studio.")


def _studio_submodule(source: str, attr: str | None) -> str | None:
    """`studio.core.paths` for `from studio.core import paths`; None when `attr` is not a module."""
    if not _is_studio(source) or attr is None:
        return None
    name = f"{source}.{attr}"
    if name in STAND_INS:
        return name
    if not hasattr(importlib.import_module(source), "__path__"):  # a module, not a package
        return None
    return name if importlib.util.find_spec(name) is not None else None


class _Gatherer:
    """Collects the statements `run` needs, module by module, dependencies first.

    `from studio.x import helper` copies `helper`; `from studio.x import submodule` copies the
    attributes used as `submodule.name` and writes them as plain `name`."""

    def __init__(self):
        self.modules: dict[str, _Module] = {}
        self.wanted: dict[str, set[str]] = {}  # module -> names needed from it
        self.order: list[str] = []  # modules, dependencies first
        self.imports: list[str] = []  # import lines, in first-seen order
        self.prefixes: dict[int, set[str]] = {}  # id(statement) -> submodule aliases to drop

    def module(self, name: str) -> _Module:
        if name not in self.modules:
            self.modules[name] = _Module.load(name)
            self.wanted[name] = set()
        return self.modules[name]

    def need(self, module: str, name: str) -> None:
        mod = self.module(module)
        if name in self.wanted[module]:
            return
        self.wanted[module].add(name)
        if name in mod.defs:
            stmt = mod.defs[name]
            aliases = {}  # submodules this statement uses as `alias.attr`
            for local_import in _studio_imports_inside(stmt):
                for a in local_import.names:
                    sub = _studio_submodule(local_import.module or "", a.name)
                    if sub:
                        aliases[a.asname or a.name] = sub
                    else:
                        self.need_import(local_import.module or "", a.name, a.asname or a.name, module)
            for used in _names(stmt) - {name}:
                if used in aliases:
                    continue
                entry = mod.imports.get(used)
                sub = _studio_submodule(entry[0], entry[1]) if entry else None
                if sub:
                    aliases[used] = sub
                elif used in mod.defs or used in mod.imports:
                    self.need(module, used)
            for alias, sub in aliases.items():
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                            and node.value.id == alias:
                        self._need_from(sub, node.attr, module)
                self.prefixes.setdefault(id(stmt), set()).add(alias)
        elif name in mod.imports:
            source, attr, level = mod.imports[name]
            if level:
                raise NotebookError(f"{module}: relative import of {name!r} cannot be exported")
            self.need_import(source, attr, name, module)
        if module not in self.order:
            self.order.append(module)

    def _need_from(self, source: str, attr: str, from_module: str) -> None:
        """Copy `attr` of studio module `source`, placing that module before `from_module`."""
        before = list(self.order)
        self.need(source, attr)
        if from_module in before and source in self.order and \
                self.order.index(source) > self.order.index(from_module):
            self.order.remove(source)
            self.order.insert(self.order.index(from_module), source)

    def need_import(self, source: str, attr: str | None, as_name: str, from_module: str) -> None:
        if _is_studio(source):
            if attr is None:
                raise NotebookError(f"{from_module}: 'import {source}' cannot be exported; "
                                    f"use 'from {source.rpartition('.')[0]} import {source.rpartition('.')[2]}'")
            if source == "studio.core.context" and attr in SHIM_NAMES:
                return
            if attr != as_name:
                raise NotebookError(f"{from_module}: 'from {source} import {attr} as {as_name}' "
                                    "cannot be exported")
            self._need_from(source, attr, from_module)
            return
        if attr is None:
            line = f"import {source}" + (f" as {as_name}" if as_name != source.split(".")[0] else "")
        else:
            line = f"from {source} import {attr}" + (f" as {as_name}" if as_name != attr else "")
        if line not in self.imports:
            self.imports.append(line)

    def code(self) -> str:
        parts = []
        if self.imports:
            parts.append("\n".join(self.imports))
        for name in self.order:
            mod = self.modules[name]
            stmts = sorted({id(s): s for n in self.wanted[name] if n in mod.defs
                            for s in [mod.defs[n]]}.values(), key=lambda s: s.lineno)
            if stmts:
                body = "\n\n\n".join(self._text(mod, s) for s in stmts)
                parts.append(f"# --- from {name} ---\n{body}")
        return "\n\n\n".join(parts) + "\n"

    def _text(self, mod: _Module, stmt: ast.stmt) -> str:
        text = _strip_studio_imports(mod, stmt)
        for alias in self.prefixes.get(id(stmt), ()):
            text = re.sub(rf"(?<![\w.]){re.escape(alias)}\.(?=[A-Za-z_])", "", text)
        return text


def _studio_imports_inside(stmt: ast.stmt) -> list[ast.ImportFrom]:
    found = []
    for node in ast.walk(stmt):
        if isinstance(node, ast.Import) and any(_is_studio(a.name) for a in node.names):
            raise NotebookError(f"line {node.lineno}: 'import {node.names[0].name}' inside a function "
                                "cannot be exported; use 'from studio... import name'")
        if isinstance(node, ast.ImportFrom) and _is_studio(node.module or ""):
            found.append(node)
    return found


def _strip_studio_imports(mod: _Module, stmt: ast.stmt) -> str:
    """The statement's text, with imports from studio inside it replaced by `pass` (their names
    are copied above)."""
    text = mod.text(stmt)
    inner = _studio_imports_inside(stmt)
    if not inner:
        return text
    first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    lines = text.splitlines()
    for node in sorted(inner, key=lambda n: n.lineno, reverse=True):
        a, b = node.lineno - first, node.end_lineno - first
        indent = lines[a][: len(lines[a]) - len(lines[a].lstrip())]
        lines[a:b + 1] = [f"{indent}pass  # {ast.unparse(node)}: copied above"]
    return "\n".join(lines)


def data_files(code: str) -> list[Path]:
    """The files of resources/data/ whose names the code mentions (the lesson reads them)."""
    from studio.core import paths

    folder = paths.resources() / "data"
    if not folder.is_dir():
        return []
    names = {n.value for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return sorted(f for f in folder.iterdir() if f.is_file() and f.name in names and f.suffix != ".md")


def lesson_code(lesson) -> str:
    """`run` of the lesson and everything it uses, as plain Python with no `studio` import."""
    module = lesson.module or lesson.run.__module__
    g = _Gatherer()
    g.need(module, lesson.run.__name__)
    g.order.remove(module)
    g.order.append(module)  # the lesson itself last
    code = g.code()
    compile(code, f"<{lesson.id}>", "exec")
    return code


def requirements(code: str) -> list[str]:
    """pip names of the third-party packages the code imports."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return sorted(PIP_NAMES[n] for n in found if n in PIP_NAMES)
