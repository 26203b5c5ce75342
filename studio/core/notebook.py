"""Export a lesson as a Jupyter notebook that runs without this app: Jupyter, Colab, Kaggle.

The notebook holds the lesson's text (title, summary, what changed from the article, the
article's code), a note on choosing a GPU runtime, an install cell, a small stand-in for the
app's run context (`NotebookContext`: print and matplotlib instead of the app's panels), the
lesson's `run` function with every helper it uses from `studio` copied in as plain Python,
and a last cell that calls `run` with the lesson's parameters.

How the code is gathered: starting from `run`, every top-level name it uses is looked up in
its module (functions, classes, constants, imports) and copied; names imported from other
`studio` modules are looked up there in turn. `Plot`, `Series` and `Cancelled` come from the
stand-in. Nothing else of the app is needed, so the notebook imports no `studio` module.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.core import safe_write
from studio.core.lesson import LessonError
from studio.core.text import pick

SHIM_NAMES = {"Plot", "Series", "Cancelled"}  # defined by the stand-in cell
PIP_NAMES = {"sklearn": "scikit-learn", "torch": "torch", "numpy": "numpy", "pandas": "pandas",
             "matplotlib": "matplotlib", "psutil": "psutil", "threadpoolctl": "threadpoolctl",
             "scipy": "scipy", "keras": "keras", "seaborn": "seaborn", "statsmodels": "statsmodels"}


class NotebookError(LessonError):
    """The lesson's code cannot be exported as plain Python."""


SHIM = '''\
from __future__ import annotations

# A stand-in for Zero-Compute ML Studio's run context: the lesson below calls the same
# methods, which here print and draw with matplotlib.
import matplotlib
import matplotlib.pyplot as plt


class Cancelled(Exception):
    """The app raises this when Stop is pressed; here nothing stops a run but the kernel."""


def _text(text):
    """A plot's text: plain, or bilingual as the app keeps it ({"en": ..., "zh": ...})."""
    return text if isinstance(text, str) else text.get("en", "")


class Series:
    def __init__(self, x, y, label="", style="line", width=2.0, color=None):
        self.x, self.y, self.label, self.style, self.width, self.color = x, y, label, style, width, color


class Plot:
    def __init__(self, title, series=(), xlabel="", ylabel="", texts=()):
        self.title, self.series, self.texts = title, list(series), list(texts)
        self.xlabel, self.ylabel = xlabel, ylabel


def _show(obj, name=""):
    """A table or figure: displayed in Jupyter, printed or saved elsewhere."""
    try:
        from IPython.display import display
    except ImportError:
        if hasattr(obj, "savefig"):
            obj.savefig(f"{name or 'figure'}.png")
            print(f"[{name}] saved {name or 'figure'}.png")
        else:
            print(obj.to_string() if hasattr(obj, "to_string") else obj)
    else:
        display(obj)


def _finish(fig, name):
    if matplotlib.get_backend().lower() == "agg":  # no screen (a plain python process)
        fig.savefig(f"{name}.png")
        plt.close(fig)
    else:
        plt.show()


class NotebookContext:
    def __init__(self, device="cpu", params=None):
        self.device = device
        self.params = dict(params or {})
        self.results = {}
        self.curves = {}
        self._last_tenth = -1

    def check(self):
        """The app stops a run here when Stop is pressed; here the kernel's stop button does."""

    def scalar(self, name, step, value):
        xs, ys = self.curves.setdefault(name, ([], []))
        xs.append(step)
        ys.append(float(value))

    def log(self, text):
        print(text)

    def status(self, text):
        pass

    def progress(self, done, total):
        tenth = int(10 * done / total) if total else 10
        if tenth > self._last_tenth:
            self._last_tenth = tenth
            print(f"[progress] {10 * tenth}%")

    def table(self, name, data):
        print(f"[{name}]")
        _show(data)

    def plot(self, name, plot):
        fig, ax = plt.subplots(figsize=(6, 4))
        for s in plot.series:
            kw = {"label": _text(s.label) or None}
            if s.color:
                kw["color"] = s.color
            if s.style == "scatter":
                ax.scatter(s.x, s.y, **kw)
            elif s.style == "bar":
                ax.bar(s.x, s.y, **kw)
            else:
                ax.plot(s.x, s.y, linewidth=s.width, **kw)
        for x, y, text in plot.texts:
            ax.annotate(_text(text), (x, y))
        ax.set(title=_text(plot.title), xlabel=_text(plot.xlabel), ylabel=_text(plot.ylabel))
        if any(s.label for s in plot.series):
            ax.legend()
        _finish(fig, name)

    def figure(self, name, fig):
        _show(fig, name)

    def result(self, **numbers):
        self.results.update(numbers)
        for key, value in numbers.items():
            value = value.tolist() if hasattr(value, "tolist") else value  # NumPy numbers as plain ones
            print(f"result: {key} = {value!r}")

    def show_curves(self):
        """The curves the app streams live (loss, accuracy...), drawn once at the end."""
        if not self.curves:
            return
        fig, ax = plt.subplots(figsize=(6, 4))
        for name, (xs, ys) in self.curves.items():
            ax.plot(xs, ys, label=name)
        ax.set(xlabel="step")
        ax.legend()
        _finish(fig, "curves")
'''


# -- gathering the code ---------------------------------------------------------------

# Modules whose notebook version differs from the app's: files live next to the notebook.
STAND_INS = {
    "studio.core.paths": '''\
"""Where the notebook keeps files: in folders next to it (the app uses its user data folder)."""

from pathlib import Path

APP_NAME = "zero-compute-ml-studio"


def home() -> Path:
    path = Path("studio-data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def database() -> Path:
    return home() / "studio.sqlite3"


def datasets() -> Path:
    path = home() / "datasets"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources() -> Path:
    """The app's resources/ folder; the notebook's data cell writes the files a lesson reads here."""
    return Path("resources")
''',
}


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
        source = STAND_INS.get(name) or inspect.getsource(importlib.import_module(name))
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


# -- the notebook ---------------------------------------------------------------------


def _both(text: Mapping[str, str]) -> str:
    en, zh = pick(text, "en"), pick(text, "zh")
    return en if en == zh else f"{en}\n\n{zh}"


GPU_NOTE = (
    "## Choosing a GPU runtime / 选择 GPU 运行时\n\n"
    "The code below uses a CUDA GPU when it finds one, and the CPU otherwise.\n\n"
    "- **Google Colab**: *Runtime > Change runtime type > T4 GPU*, then *Runtime > Run all*. "
    "Sessions last up to 12 hours; mount Google Drive to keep files.\n"
    "- **Kaggle**: *Settings > Accelerator > GPU T4 x2* (or P100); about 30 GPU hours a week. "
    "Turn *Internet* on for the install cell.\n"
    "- **National Supercomputing Internet Platform (scnet.cn)**: open a notebook on an "
    "accelerator card instance; domestic accelerator cards are offered too.\n\n"
    "代码找到 CUDA GPU 时使用 GPU，否则使用 CPU。\n\n"
    "- **Google Colab**：*代码执行程序 > 更改运行时类型 > T4 GPU*，然后 *全部运行*。"
    "单次会话最长 12 小时；"
    "挂载 Google Drive 保存文件。\n"
    "- **Kaggle**：*Settings > Accelerator > GPU T4 x2*（或 P100）；每周约 30 小时 GPU 额度。"
    "安装单元需要打开 *Internet*。\n"
    "- **国家超算互联网平台（scnet.cn）**：在加速卡实例上打开 Notebook；也提供国产加速卡。"
)


def _gpu_note(lesson) -> str:
    if "cuda" not in lesson.devices:
        return ("## Runtime / 运行环境\n\nThis lesson computes on the CPU only: the default runtime of "
                "Jupyter, Colab or Kaggle is enough.\n\n"
                "本课只使用 CPU：Jupyter、Colab 或 Kaggle 的默认运行环境即可。")
    return GPU_NOTE


def notebook(lesson, params: Mapping[str, Any] | None = None):
    """The lesson as an nbformat v4 notebook; `params` override the lesson's defaults."""
    import nbformat.v4 as nbf

    values = lesson.resolve_params(params)
    code = lesson_code(lesson)
    md, py = nbf.new_markdown_cell, nbf.new_code_cell
    cells = [md(f"# {pick(lesson.title, 'en')}\n# {pick(lesson.title, 'zh')}\n\n{_both(lesson.summary)}\n\n"
                f"*Lesson `{lesson.id}` of Zero-Compute ML Studio, exported to run without the app. "
                f"本笔记本导出自 Zero-Compute ML Studio，无需安装该应用即可运行。*")]
    if lesson.changes:
        items = "\n".join(f"- {pick(c.text, 'en')}\n  {pick(c.text, 'zh')}" for c in lesson.changes)
        cells.append(md("## What the code changes from the article / 与原文代码的不同\n\n" + items))
    if lesson.article_code:
        cells.append(md("## The article's code / 原文代码\n\n```python\n"
                        + lesson.article_code.rstrip() + "\n```"))
    cells.append(md(_gpu_note(lesson)))
    reqs = requirements(SHIM + code)
    cells.append(py("# Install what is missing (Colab and Kaggle already have most of it).\n"
                    f"%pip install -q {' '.join(reqs)}"))
    device = ('import torch\n\nDEVICE = "cuda:0" if torch.cuda.is_available() else "cpu"\n'
              if "cuda" in lesson.devices else 'DEVICE = "cpu"\n')
    cells.append(py(SHIM + "\n\n" + device + 'print("device:", DEVICE)'))
    files = data_files(code)
    if files:
        cells.append(py(_data_cell(files)))
    cells.append(md("## The lesson's code / 课程代码"))
    cells.append(py(code.rstrip()))
    cells.append(md("## Run it / 运行\n\nChange the parameters and run the cell again.\n"
                    "修改参数后重新运行本单元。"))
    cells.append(py(f"PARAMS = {_literal(values)}\n\nctx = NotebookContext(DEVICE, PARAMS)\n"
                    "run(ctx, **PARAMS)\nctx.show_curves()"))
    nb = nbf.new_notebook(cells=cells)
    nb.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "accelerator": "GPU" if "cuda" in lesson.devices else "None",
        "studio": {"lesson": lesson.id, "params": json.loads(json.dumps(values))},
    })
    return nb


def _data_cell(files: list[Path]) -> str:
    """A cell that writes the data files the lesson reads (they ship with the app) into resources/data/."""
    lines = ["# The data files this lesson reads (they ship with the app), written next to the notebook.",
             "from pathlib import Path", "", 'Path("resources/data").mkdir(parents=True, exist_ok=True)']
    for f in files:
        text = f.read_text(encoding="utf-8")
        lines.append(f'Path("resources/data/{f.name}").write_text({text!r}, encoding="utf-8")')
    return "\n".join(lines)


def _literal(values: Mapping[str, Any]) -> str:
    return "{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in values.items()) + "}"


def write(lesson, path: Path | str, params: Mapping[str, Any] | None = None) -> Path:
    import nbformat

    nb = notebook(lesson, params)
    nbformat.validate(nb)
    text = nbformat.writes(nb)
    return safe_write.write_text(path, text if text.endswith("\n") else text + "\n")


def script(nb) -> str:
    """The notebook's code cells as one plain Python script (IPython `%` and `!` lines dropped)."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines += [line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))]
            lines.append("")
    return "\n".join(lines)
