"""The Runs view's comparison chart: one curve per selected run, one colour each, its items and
legend rows reused from one selection to the next."""

from __future__ import annotations

import pyqtgraph as pg


class CompareChart(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground("w")
        plot = self.getPlotItem()
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        self.legend = plot.addLegend(offset=(-10, 10), labelTextColor="#333", brush=pg.mkBrush(255, 255, 255, 210))
        for axis in ("left", "bottom"):  # 0.69, not "690 (x0.001)"
            plot.getAxis(axis).enableAutoSIPrefix(False)
        self.setMinimumHeight(180)
        self._items: list[pg.PlotDataItem] = []

    def shown_items(self) -> list[pg.PlotDataItem]:
        return [item for item in self._items if item.isVisible()]

    def draw(self, lines: list[tuple]) -> None:
        """Show `lines` (x, y, colour, label) reusing the chart's items and legend rows:
        creating pyqtgraph items costs about 15 ms each here, updating them under 1 ms."""
        plot = self.getPlotItem()
        while len(self._items) < len(lines):
            item = pg.PlotDataItem()
            plot.addItem(item)  # takes the PlotItem's downsampling and clip-to-view
            self._items.append(item)
        # Thin lines once there are many: easier to tell apart, and wide pens cost Qt's
        # raster engine about twice the paint time (24 ms a 10,000-point curve here).
        width = 2 if len(lines) <= 4 else 1
        shown = len(self.legend.items)
        for i, (item, (x, y, color, label)) in enumerate(zip(self._items, lines, strict=False)):
            item.setData(x, y, pen=pg.mkPen(color, width=width), name=label)
            item.show()
            if i < shown:
                self.legend.items[i][1].setText(label)
            else:
                self.legend.addItem(item, label)
        for item in self._items[len(lines):]:
            item.setData([], [])
            item.hide()
            self.legend.removeItem(item)
