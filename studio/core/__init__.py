"""Plain-Python core of the studio. Never imports Qt (see tests/core/test_layers.py)."""
