"""PySide6 views. Each view is given its model in its constructor and renders it."""
