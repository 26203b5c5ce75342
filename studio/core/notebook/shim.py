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
