"""The matplotlib backend of practice attempts: `plt.show()` sends every open figure to the app
(as Jupyter's inline backend does) and closes it. Selected by the attempt with
`matplotlib.use("module://studio.practice.mpl_backend")`; figures are drawn by Agg."""

from __future__ import annotations

from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase

sink = None  # callable(figure), set by the attempt while it runs


def show(*_args, **_kwargs) -> None:
    """Hand the open figures to `sink` in the order they were made, then close them."""
    import matplotlib.pyplot as plt
    from matplotlib._pylab_helpers import Gcf

    for manager in sorted(Gcf.get_all_fig_managers(), key=lambda m: m.num):
        if sink is not None:
            sink(manager.canvas.figure)
    plt.close("all")
