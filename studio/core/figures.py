"""A `Plot` as a matplotlib Figure (for PNG files written headless). OO API only."""

from __future__ import annotations

from studio.core.text import pick


def plot_to_figure(plot):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot(111)
    for s in plot.series:
        kw = {"label": pick(s.label) or None}
        if s.color:
            kw["color"] = s.color
        if s.style == "scatter":
            ax.scatter(s.x, s.y, **kw)
        elif s.style == "bar":
            ax.bar(s.x, s.y, **kw)
        else:
            ax.plot(s.x, s.y, linewidth=s.width, **kw)
    for x, y, text in plot.texts:
        ax.annotate(pick(text), (x, y))
    ax.set_title(pick(plot.title))
    ax.set_xlabel(pick(plot.xlabel))
    ax.set_ylabel(pick(plot.ylabel))
    if any(s.label for s in plot.series):
        ax.legend()
    fig.tight_layout()
    return fig
