"""Every UI string is translated to Chinese, and the shipped .ts/.qm are current."""

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from studio.core import paths

spec = importlib.util.spec_from_file_location("i18n_update", paths.resources() / "i18n" / "update.py")
update = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update)


def _messages(ts):
    import xml.etree.ElementTree as ET

    return {(c.findtext("name"), m.findtext("source"))
            for c in ET.parse(ts).getroot().iter("context") for m in c.iter("message")}


def test_shipped_translation_is_complete():
    assert update.unfinished() == []
    assert update.QM.exists() and update.QM.stat().st_mtime >= update.TS.stat().st_mtime - 5


@pytest.mark.skipif(not (shutil.which("pyside6-lupdate") or Path(sys.executable).with_name("pyside6-lupdate").exists()),
                    reason="pyside6-lupdate not installed")
def test_every_tr_string_in_the_code_is_in_the_ts(tmp_path):
    fresh = tmp_path / "fresh.ts"
    update.lupdate(fresh)
    missing = _messages(fresh) - _messages(update.TS)
    assert not missing, f"run `python resources/i18n/update.py`: new strings {sorted(missing)[:10]}"


def test_the_app_loads_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    from studio.ui import i18n

    i18n.install(qapp, "zh")
    try:
        assert QCoreApplication.translate("LessonView", "Run") == "运行"
    finally:
        i18n.install(qapp, "en")
    assert QCoreApplication.translate("LessonView", "Run") == "Run"
