"""A lesson as a Jupyter notebook that runs without this app: Jupyter, Colab, Kaggle.

The notebook holds the lesson's text (title, summary, what changed from the article, the
article's code), a note on choosing a GPU runtime, an install cell, a small stand-in for the
app's run context (`NotebookContext`: print and matplotlib instead of the app's panels), the
lesson's `run` function with every helper it uses from `studio` copied in as plain Python,
and a last cell that calls `run` with the lesson's parameters.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from studio.core import safe_write
from studio.core.notebook.gather import data_files, lesson_code, module_source, requirements
from studio.core.text import pick

SHIM = module_source("studio.core.notebook.shim")  # the stand-in run context, a cell of its own


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
