"""Exports write regular files only, through links, whole or not at all, and say when they fail."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest

from studio.cli import main
from studio.core import safe_write
from studio.core.db import Database
from studio.core.progress import ProgressStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="named pipes, device nodes and rlimits are POSIX")


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def some_progress():
    ProgressStore(Database()).set_status("os-setup", "done")


@pytest.mark.parametrize("argv", [
    ["progress", "export", "{target}"],
    ["runs", "export", "-o", "{target}.csv"],
    ["export-notebook", "numpy.array_basics", "-o", "{target}.ipynb"],
])
def test_every_export_refuses_a_named_pipe_and_leaves_it(argv, tmp_path, capsys, some_progress):
    """`progress export` renamed its temporary file over whatever was there: a pipe, a device."""
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "pipe"
    suffix = argv[-1].removeprefix("{target}")
    pipe = target.with_name(target.name + suffix)
    os.mkfifo(pipe)
    if argv[0] == "runs":  # one run to export
        main(["run", "python.list_basics"])
        capsys.readouterr()
    assert main([a.replace("{target}", str(target)) for a in argv]) == 2
    assert one_line(capsys) == (f"studio: error: cannot write {pipe}: it is a named pipe, not a regular file; "
                                "it was left as it is")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in pipe.parent.iterdir()) == [pipe.name]  # no temporary file left


def test_a_device_node_is_never_replaced(tmp_path, capsys, some_progress):
    """As root, `studio progress export /dev/full` replaced the device with a file and said
    `wrote 1 records`. A node like /dev/full (1, 7) made here, to leave the real one alone."""
    full = tmp_path / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD")
    assert main(["progress", "export", str(full)]) == 2
    assert "it is a character device, not a regular file" in one_line(capsys)
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_symbolic_link_is_written_through(tmp_path, capsys, some_progress):
    """The link stays and its target gets the new contents (it was replaced by a plain file)."""
    kept = tmp_path / "kept" / "progress.json"
    kept.parent.mkdir()
    kept.write_text("old", encoding="utf-8")
    os.chmod(kept, 0o640)
    link = tmp_path / "progress.json"
    link.symlink_to(kept)
    assert main(["progress", "export", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(kept)
    assert '"os-setup"' in kept.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o640  # the file keeps its permissions
    dangling = tmp_path / "new.json"
    dangling.symlink_to(tmp_path / "made-by-the-export.json")
    assert main(["progress", "export", str(dangling)]) == 0
    assert dangling.is_symlink() and (tmp_path / "made-by-the-export.json").is_file()
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    to_pipe = tmp_path / "to-pipe.json"
    to_pipe.symlink_to(pipe)
    capsys.readouterr()
    assert main(["progress", "export", str(to_pipe)]) == 2
    assert one_line(capsys).endswith(f"it was left as it is ({to_pipe} links to {pipe})")


FULL_DISK = """
import resource, sys
from studio.__main__ import main
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))  # Python ignores SIGXFSZ: writes fail with EFBIG
sys.exit(main(sys.argv[1:]))
"""


def test_a_write_that_fails_is_one_line_exit_2_and_the_old_file_stays(tmp_path, studio_home):
    """A full disk reported `wrote N records`. Here the disk is 'full' at 200 KB (a file-size limit)."""
    store = ProgressStore(Database())
    for i in range(6):
        store.set_note(f"item-{i}", "n" * 60_000)  # an export of about 360 KB
    store.db.close()
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "progress.json"
    target.write_text("the export of last week", encoding="utf-8")
    script = FULL_DISK.format(limit=200_000)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script), "progress", "export", str(target)],
                          capture_output=True, text=True, env={**os.environ, "STUDIO_HOME": str(studio_home)})
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [f"studio: error: cannot write {target}: File too large"]
    assert done.stdout == ""  # no "wrote 6 records"
    assert target.read_text(encoding="utf-8") == "the export of last week"
    assert sorted(p.name for p in target.parent.iterdir()) == ["progress.json"]


def test_the_helper_refuses_a_folder_and_writes_whole_files(tmp_path):
    with pytest.raises(safe_write.NotARegularFile, match="it is a folder"):
        safe_write.write_text(tmp_path, "x")
    path = tmp_path / "deep" / "er" / "file.txt"
    safe_write.write_text(path, "whole")
    assert path.read_text(encoding="utf-8") == "whole"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~_umask()
    with pytest.raises(ZeroDivisionError), safe_write.atomic_open(path) as f:
        f.write("half")
        raise ZeroDivisionError
    assert path.read_text(encoding="utf-8") == "whole"
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.txt"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
