"""Screenshots of Home with some progress, a projection and a review due (README).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/render_home.py [OUT_DIR]

Makes a fresh STUDIO_HOME with two weeks of study, a few items done, two real runs and a
practice exercise failed two days ago (so its first review is due), then renders the window's
Home page in English and Chinese.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

home_dir = tempfile.mkdtemp(prefix="render-home-")
os.environ["STUDIO_HOME"] = home_dir
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studio.core.db import Database  # noqa: E402
from studio.core.progress import ProgressStore  # noqa: E402
from studio.core.study import home  # noqa: E402
from studio.core.study.log import StudyLog  # noqa: E402
from studio.practice.report import Report  # noqa: E402
from studio.practice.store import AttemptStore  # noqa: E402

DAY = 86400


def prepare() -> None:
    db = Database()
    store = ProgressStore(db, "zero-compute")
    for item in ("roadmap-overview", "os-setup", "local-tools", "monitor-tools"):
        store.set_status(item, "done")
    store.set_status("numpy-array-basics", "learning")
    log = StudyLog(db, "zero-compute")
    now = time.time()
    for days_ago, item, hours in ((13, "os-setup", 1.5), (11, "local-tools", 2.0), (8, "monitor-tools", 1.0),
                                  (5, "roadmap-overview", 0.5), (3, "numpy-array-basics", 1.5),
                                  (1, "numpy-array-basics", 1.0)):
        log.add(item, hours * 3600, at=now - days_ago * DAY)
    attempts = AttemptStore(db, clock=lambda: now - 2 * DAY)
    ex = "pandas.groupby/by_gender"
    attempts.finish(attempts.start(ex, "gender_avg = None", source="cli"), Report(ex, "fail"))
    home.set_weekly_goal(db, 6)
    db.close()
    for args in (["numpy.array_basics"], ["torch.linear_regression", "--set", "epochs=50"]):
        subprocess.run([sys.executable, "-m", "studio", "run", *args, "--json"], check=True, capture_output=True)
    db = Database()
    home.remember_opened(db, "lesson", "torch.linear_regression")
    db.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    prepare()
    for lang in ("en", "zh"):
        path = out / f"home-{lang}.png"
        subprocess.run([sys.executable, "-m", "studio", "--screenshot", str(path), "--lang", lang], check=True)
        print(path)


if __name__ == "__main__":
    main()
