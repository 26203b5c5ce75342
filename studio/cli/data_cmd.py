"""`studio data fetch mnist` / `studio data check mnist`: the datasets too large to ship."""

from __future__ import annotations

import sys

from studio.cli.common import fail
from studio.core import datasets


def add_parser(sub) -> None:
    p = sub.add_parser("data", help="download or check datasets (MNIST)")
    p.add_argument("action", choices=("fetch", "check"))
    p.add_argument("dataset", choices=("mnist",))
    p.add_argument("--mirror", action="append", metavar="URL",
                   help="download from this base URL instead of the known mirrors; repeat for several")
    p.set_defaults(func=run)


def _progress(done: int, total: int, name: str) -> None:
    if sys.stderr.isatty():
        frac = f"{100 * done / total:5.1f}%" if total else f"{done // 1024} KB"
        print(f"\r{name}: {frac}", end="", file=sys.stderr, flush=True)
        if total and done >= total:
            print(file=sys.stderr)


def run(args) -> int:
    folder = datasets.mnist_dir()
    if args.action == "check":
        status = datasets.check_mnist(folder)
        for name, state in status.items():
            print(f"{name:<28} {state}")
        print(f"folder: {folder}")
        return 0 if all(s == "ok" for s in status.values()) else 1
    try:
        paths = datasets.fetch_mnist(folder, _progress, mirrors=args.mirror)
    except datasets.DatasetError as exc:
        return fail(str(exc))
    for path in paths:
        print(f"{path}  SHA-256 ok")
    return 0
