"""The roadmap files shipped with the app: the package `studio._plans` (see setup.py)."""
