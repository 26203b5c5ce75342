import numpy as np
from matplotlib.figure import Figure

from studio.cli import main


def test_plot_2d_3d_builds_the_sine_line_and_the_3d_scatter(run_ok):
    ctx = run_ok("matplotlib.plot_2d_3d")
    line_fig, scatter_fig = ctx.figures["line_2d"], ctx.figures["scatter_3d"]
    assert isinstance(line_fig, Figure) and isinstance(scatter_fig, Figure)

    ax = line_fig.axes[0]
    (line,) = ax.get_lines()
    assert np.allclose(line.get_xdata(), np.linspace(0, 10, 100))
    assert np.allclose(line.get_ydata(), np.sin(np.linspace(0, 10, 100)))
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("2D Line Plot", "X Axis", "Y Axis")

    ax3 = scatter_fig.axes[0]
    assert ax3.name == "3d"
    assert ax3.get_title() == "3D Scatter Plot" and ax3.get_zlabel() == "Z Axis"
    (points,) = ax3.collections
    xs, ys, zs = points._offsets3d
    assert len(xs) == 50
    rng = np.random.RandomState(0)  # the seed parameter's default
    assert np.allclose(xs, rng.rand(50)) and np.allclose(ys, rng.rand(50)) and np.allclose(zs, rng.rand(50))


def test_plot_2d_3d_seed_and_sizes_are_parameters(run_ok):
    a = run_ok("matplotlib.plot_2d_3d", seed=7, points=20, samples=11).results
    b = run_ok("matplotlib.plot_2d_3d", seed=7, points=20, samples=11).results
    c = run_ok("matplotlib.plot_2d_3d", seed=8, points=20, samples=11).results
    assert a["centroid"] == b["centroid"] != c["centroid"]
    assert a["points"] == 20 and a["samples"] == 11


def test_plot_2d_3d_cli_writes_pngs(tmp_path, capsys):
    assert main(["run", "matplotlib.plot_2d_3d", "--out", str(tmp_path)]) == 0
    for name in ("line_2d", "scatter_3d"):
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_annotate_style_two_lines_and_five_labels(run_ok):
    ctx = run_ok("matplotlib.annotate_style")
    ax = ctx.figures["annotated"].axes[0]
    plain, dashed = ax.get_lines()
    assert list(plain.get_xdata()) == [1, 2, 3, 4, 5] and list(plain.get_ydata()) == [2, 4, 6, 8, 10]
    assert (dashed.get_color(), dashed.get_linewidth(), dashed.get_linestyle()) == ("blue", 3.0, "--")
    assert [(t.get_text(), t.xy) for t in ax.texts] == [
        ("A", (1, 2)), ("B", (2, 4)), ("C", (3, 6)), ("D", (4, 8)), ("E", (5, 10))]
    assert all(t.get_fontsize() == 12 for t in ax.texts)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Line", "Dashed Line"]
    assert ax.get_title() == "Data Annotation and Color Style Example"
    assert ctx.results == {"lines": 2, "annotations": ["A", "B", "C", "D", "E"]}


def test_annotate_style_parameters_restyle_the_second_line(run_ok):
    ctx = run_ok("matplotlib.annotate_style", color="red", linewidth=1.5, linestyle=":", fontsize=20)
    ax = ctx.figures["annotated"].axes[0]
    dashed = ax.get_lines()[1]
    assert (dashed.get_color(), dashed.get_linewidth(), dashed.get_linestyle()) == ("red", 1.5, ":")
    assert all(t.get_fontsize() == 20 for t in ax.texts)
