"""`studio plan check/show` and `studio progress`: exit codes and messages."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

from studio.cli import main
from studio.core import paths
from studio.core.lesson import catalog
from studio.core.plan import default_plan_path

GOOD = (Path(__file__).parents[1] / "data" / "tiny_plan.toml").read_text(encoding="utf-8")


def test_check_the_article_plan(capsys):
    assert main(["plan", "check", str(default_plan_path())]) == 0
    out = capsys.readouterr().out.splitlines()
    missing = len(_plan_lessons() - set(catalog().ids()))
    assert out[0].startswith(f"{default_plan_path()}: ok: 3 phases, ")
    linked = len(_plan_lessons())
    assert linked == 37  # the article's 29 examples and the 8 late-stage lessons
    assert out[0].endswith(f"lessons: {linked} linked, {linked - missing} present, {missing} missing")
    assert len(out) == 1 + missing  # one line per item whose lesson is not written yet
    assert all("is not written yet" in line for line in out[1:])


def _plan_lessons() -> set[str]:
    from studio.core.plan import load_plan

    return set(load_plan(default_plan_path()).lesson_ids())


def test_check_reports_every_error_with_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('kind = "reading"', 'kind = "lecture"')
                   .replace('lesson = "future.lesson"', 'lesson = "Future"')
                   .replace('zh = "主题二"', 'fr = "x"'), encoding="utf-8")
    assert main(["plan", "check", str(bad)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{bad}: phases[0].topics[0].items[1].kind: unknown kind 'lecture' "
        "(expected one of: lesson, reading, practice, milestone)",
        f"{bad}: phases[1].topics[0].title: missing 'zh' (every text needs both 'en' and 'zh')",
        f"{bad}: phases[1].topics[0].title.fr: unknown language 'fr' (expected 'en' and 'zh')",
        f"{bad}: phases[1].topics[0].items[0].lesson: malformed lesson id 'Future' "
        "(expected dotted lowercase, like 'torch.linear_regression')",
        f"{bad}: 4 errors",
    ]


def test_check_syntax_error_and_missing_file(tmp_path, capsys):
    bad = tmp_path / "syntax.toml"
    bad.write_text('id = "x"\ntitle = {en = "a", zh = "b"\n', encoding="utf-8")
    assert main(["plan", "check", str(bad)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}: end of file: TOML syntax error: Unclosed inline table")
    assert main(["plan", "check", str(tmp_path / "none.toml")]) == 2
    assert "cannot read the file" in capsys.readouterr().out


def test_strict_makes_missing_lessons_errors(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["plan", "check", str(good)]) == 0
    assert main(["plan", "check", "--strict", str(good)]) == 2
    out = capsys.readouterr().out
    assert "unknown lesson id 'future.lesson'" in out


def test_progress_set_show_export_import(tmp_path, capsys):
    assert main(["progress", "set", "numpy-array-basics", "done", "--note", "easy"]) == 0
    assert main(["progress", "set", "no-such-item", "done"]) == 2
    assert "has no item 'no-such-item'" in capsys.readouterr().err
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "Total: 1/" in out and "Next: The plan: learn on an ordinary PC first" in out
    assert main(["plan", "show", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "[x] 例1:NumPy数据处理" in out and "前期:统计学基础+Scikit-learn  (1-2 months, 普通电脑)" in out

    exported = tmp_path / "p.json"
    assert main(["progress", "export", str(exported)]) == 0
    assert "wrote 1 record to" in capsys.readouterr().out
    data = json.loads(exported.read_text(encoding="utf-8"))
    later = datetime.fromtimestamp(time.time() + 60, UTC).isoformat()  # another machine, a minute later
    data["records"][0].update(status="skipped", updated=later)
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert main(["progress", "import", str(exported)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 added, 1 updated") and "status done -> skipped" in out
    exported.write_text("[]", encoding="utf-8")
    assert main(["progress", "import", str(exported)]) == 2
    assert "not a progress file" in capsys.readouterr().err


def test_progress_reports_a_corrupt_database(capsys):
    paths.database().write_bytes(b"garbage" * 500)
    assert main(["progress"]) == 0
    err = capsys.readouterr().err
    assert "the database was damaged; it was moved to" in err and "corrupt-" in err
