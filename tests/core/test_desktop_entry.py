"""`studio --install-desktop-entry`: the menu entry and icon for this user, under XDG_DATA_HOME."""

import configparser
import shlex
import sys

import pytest

from studio.__main__ import main
from studio.core import desktop_entry, paths


def read_entry(path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop entries: Linux")
def test_installs_the_entry_and_icons_under_xdg_data_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["--install-desktop-entry"]) == 0
    entry_file = tmp_path / "share" / "applications" / "zero-compute-ml-studio.desktop"
    entry = read_entry(entry_file)
    assert entry["Type"] == "Application" and entry["Name"] == "Zero-Compute ML Studio"
    assert entry["Name[zh_CN]"] == "零算力机器学习工作室"
    assert shlex.split(entry["Exec"])[1:] == ["-m", "studio"]  # the window, through this install's Python
    assert entry["Icon"] == desktop_entry.APP_ID
    for size, name in desktop_entry.ICONS.items():
        icon = tmp_path / "share" / "icons" / "hicolor" / size / "apps" / name
        assert icon.read_bytes() == (paths.resources() / "icons" / name).read_bytes()
    assert str(entry_file) in capsys.readouterr().out
    assert main(["--install-desktop-entry"]) == 0  # again: replaced, not duplicated
    assert len(list((tmp_path / "share" / "applications").iterdir())) == 1


def test_a_relative_xdg_data_home_is_ignored_as_the_spec_says(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    assert desktop_entry.data_home() == tmp_path / ".local" / "share"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert desktop_entry.data_home() == tmp_path / ".local" / "share"


def test_other_platforms_get_one_line_saying_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    for platform in ("win32", "darwin"):
        with pytest.raises(desktop_entry.Unsupported, match="Linux.*studio-gui"):
            desktop_entry.install(platform=platform)
    assert list(tmp_path.iterdir()) == []


def test_the_exec_line_quotes_what_the_spec_reserves():
    assert desktop_entry.exec_line(["/usr/bin/python3", "-m", "studio"]) == "/usr/bin/python3 -m studio"
    assert desktop_entry.exec_line(["/home/me/My Apps/python"]) == '"/home/me/My Apps/python"'
    assert desktop_entry.exec_line(["/opt/100%/py"]) == "/opt/100%%/py"  # a field code otherwise
    assert desktop_entry.exec_line(['/a"b$c']) == '"/a\\\\"b\\\\$c"'  # quoted, escaped, then backslashes doubled


def test_a_failed_write_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    if not sys.platform.startswith("linux"):
        pytest.skip("freedesktop entries: Linux")
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["--install-desktop-entry"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("studio: error: cannot install the desktop entry") and err.count("\n") == 1
