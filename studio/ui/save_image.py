"""A widget as a PNG file, written through the one safe-write path (studio.core.safe_write)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QWidget

from studio.core import safe_write


def save_png(widget: QWidget, path: str | Path) -> Path:
    """Render `widget` and write it to `path`; OSError when the file cannot be written."""
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    if not widget.grab().save(buffer, "PNG"):
        raise OSError(f"could not encode {path} as PNG")
    return safe_write.write_bytes(path, bytes(buffer.data()))
