"""Packaging beyond what pyproject.toml can say: the top-level `plans/` and `resources/` folders
ship inside the package, as `studio._plans` and `studio._resources` (studio/core/paths.py:shipped).

pyproject's `packages.find` cannot add packages that live outside `studio/`, so the list is made
here: every package under studio/, plus the two folders mapped by `package_dir`. The same mapping
serves an editable install (setuptools' editable finder maps the two names to the folders) and
a wheel (the files are copied under studio/), so the app looks them up one way in both.
"""

from setuptools import find_packages, setup

SHIPPED = {"studio._plans": "plans", "studio._resources": "resources"}

setup(packages=find_packages(include=["studio", "studio.*"]) + list(SHIPPED), package_dir=SHIPPED)
