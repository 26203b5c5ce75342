"""Datasets too large to ship: MNIST's IDX files, read from the user data directory and
downloaded on request (mirrors tried in turn, SHA-256 checked, progress reported).

No Qt here: the GUI calls `fetch_mnist(progress=...)` from a worker, the CLI from
`studio data fetch mnist`, a lesson from its `download` parameter.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from studio.core import paths
from studio.core.lesson import LessonError

FETCH_HINT = ("fetch it with `studio data fetch mnist` (about 11 MB), or run the lesson with its download "
              "option on (`--set download=true`)")

# The four official files (Y. LeCun, C. Cortes, C. Burges), as the mirrors serve them.
MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}
MNIST_MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

# IDX type codes (http://yann.lecun.com/exdb/mnist/, "THE IDX FILE FORMAT"); data is big-endian.
_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}

Progress = Callable[[int, int, str], None]  # (bytes done, bytes total or 0, file name)


class DatasetError(LessonError):
    """A dataset file is missing, corrupt or could not be downloaded."""


def mnist_dir() -> Path:
    return paths.datasets() / "mnist"


# -- reading -------------------------------------------------------------------------------


def read_idx(path: Path) -> np.ndarray:
    """One IDX file (plain or .gz) as a numpy array; a clear DatasetError when it is not one."""
    path = Path(path)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as f:
                raw = f.read()
        else:
            raw = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(f"{path} is missing; {FETCH_HINT}") from None
    except (OSError, EOFError, gzip.BadGzipFile) as exc:  # truncated or damaged gzip
        raise DatasetError(f"{path} is corrupt ({exc}); delete it and {FETCH_HINT}") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_TYPES:
        raise DatasetError(f"{path} is not an IDX file (bad magic number); delete it and {FETCH_HINT}")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if ndim == 0 or len(raw) < header:
        raise DatasetError(f"{path} is truncated (incomplete header); delete it and {FETCH_HINT}")
    shape = tuple(int(d) for d in np.frombuffer(raw, ">u4", ndim, 4))
    dtype = np.dtype(_IDX_TYPES[raw[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise DatasetError(
            f"{path} is truncated or corrupt: its header promises {expected} bytes of data for shape "
            f"{shape}, the file has {len(raw) - header}; delete it and {FETCH_HINT}"
        )
    return np.frombuffer(raw, dtype, offset=header).reshape(shape).astype(dtype.newbyteorder("="))


def _find(folder: Path, name: str) -> Path:
    """`name` uncompressed or `name.gz`, whichever is there."""
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.exists():
            return candidate
    raise DatasetError(f"MNIST file {name}(.gz) is missing in {folder}; {FETCH_HINT}")


def load_mnist(folder: Path | None = None):
    """(train_images, train_labels, test_images, test_labels): uint8 images N x 28 x 28 and
    uint8 labels, from the standard IDX files (plain or gzipped) in `folder`."""
    folder = Path(folder) if folder else mnist_dir()
    out = []
    for split in ("train", "t10k"):
        images_path = _find(folder, f"{split}-images-idx3-ubyte")
        labels_path = _find(folder, f"{split}-labels-idx1-ubyte")
        images, labels = read_idx(images_path), read_idx(labels_path)
        if images.ndim != 3:
            raise DatasetError(f"{images_path} holds shape {images.shape}, not N x rows x cols images")
        if labels.ndim != 1 or len(labels) != len(images):
            raise DatasetError(
                f"{labels_path} holds {len(labels)} labels for {len(images)} images in {images_path.name}; "
                f"delete both and {FETCH_HINT}"
            )
        if len(labels) and labels.max() > 9:
            raise DatasetError(f"{labels_path} has labels above 9: not MNIST digits")
        out += [images, labels]
    return tuple(out)


# -- downloading ---------------------------------------------------------------------------


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def download(url: str, dest: Path, sha256: str, progress: Progress | None = None, timeout: float = 30) -> Path:
    """Stream `url` to `dest`, checking its SHA-256; the file appears only when it matches.
    Exceptions raised by `progress` (a Stop) pass through and leave no partial file."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    h = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(part, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while block := response.read(1 << 16):
                out.write(block)
                h.update(block)
                done += len(block)
                if progress:
                    progress(done, total, dest.name)
        if h.hexdigest() != sha256:
            raise DatasetError(
                f"{url} gave a file whose SHA-256 is {h.hexdigest()}, expected {sha256} (damaged download)"
            )
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return dest


def fetch(files: Mapping[str, str], mirrors: Sequence[str], folder: Path,
          progress: Progress | None = None, timeout: float = 30) -> list[Path]:
    """Download each `name -> sha256` of `files` into `folder`, trying the mirrors in turn.
    Files already there with the right hash are kept; a wrong one is replaced."""
    fetched = []
    for name, sha in files.items():
        dest = Path(folder) / name
        if dest.exists() and sha256_of(dest) == sha:
            fetched.append(dest)
            continue
        errors = []
        for mirror in mirrors:
            url = mirror.rstrip("/") + "/" + name
            try:
                fetched.append(download(url, dest, sha, progress, timeout))
                break
            except (OSError, ValueError, DatasetError) as exc:  # URLError, HTTPError: OSErrors
                errors.append(f"{url}: {_reason(exc)}")
        else:
            raise DatasetError(f"could not download {name}; tried:\n  " + "\n  ".join(errors))
    return fetched


def _reason(exc: Exception) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    return str(getattr(exc, "reason", None) or exc)


def fetch_mnist(folder: Path | None = None, progress: Progress | None = None,
                mirrors: Sequence[str] | None = None) -> list[Path]:
    """Download the four MNIST files (about 11 MB) into the user data directory."""
    return fetch(MNIST_SHA256, mirrors or MNIST_MIRRORS, Path(folder) if folder else mnist_dir(), progress)


def check_mnist(folder: Path | None = None) -> dict[str, str]:
    """For each official file: 'ok', 'missing', or 'wrong SHA-256' (a damaged or other file)."""
    folder = Path(folder) if folder else mnist_dir()
    status = {}
    for name, sha in MNIST_SHA256.items():
        path = folder / name
        status[name] = "missing" if not path.exists() else ("ok" if sha256_of(path) == sha else "wrong SHA-256")
    return status
