"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call that returns
nothing and kills the process after a few thousand calls (DESIGN, known pitfalls). The
dependency pin avoids it; this keeps it from coming back."""

import subprocess
import sys

CODE = """
from PySide6.QtCore import QObject
o = QObject()
for i in range(100_000):
    o.setObjectName("x")
print("alive")
"""


def test_100k_void_qt_calls_do_not_crash():
    proc = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "alive"
