"""Data, translations, icons and screenshots shipped with the app: the package `studio._resources`
(see setup.py)."""
