"""Export a lesson as a Jupyter notebook that runs without this app: Jupyter, Colab, Kaggle.

- `build`: the notebook (`notebook`, `write`, `script`) and its cells.
- `gather`: the lesson's `run` with every `studio` helper it uses, as plain Python.
- `shim`: the stand-in for the app's run context that the notebook defines (print, matplotlib).
- `stand_in_paths`: `studio.core.paths` as the notebook has it (folders next to it).
"""

from studio.core.notebook.build import GPU_NOTE, SHIM, notebook, script, write
from studio.core.notebook.gather import NotebookError, data_files, lesson_code, requirements

__all__ = ["GPU_NOTE", "SHIM", "NotebookError", "data_files", "lesson_code", "notebook", "requirements",
           "script", "write"]
