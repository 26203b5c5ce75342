"""Zero-Compute ML Studio: learn machine learning on an ordinary PC."""

__version__ = "0.1.0"
