"""Refresh the Chinese translation of the UI.

    python resources/i18n/update.py                 # lupdate + lrelease
    python resources/i18n/update.py --fill new.json # also fill {"source": "译文"} pairs
    python resources/i18n/update.py --reuse a.ts    # also reuse a.ts's translations (a merge)

pyside6-lupdate collects every self.tr()/translate() string of studio/ui into
studio_zh_CN.ts, keeping existing translations and no line numbers (so merges conflict only
on real changes); a string whose class was renamed or moved keeps the translation it had under
its old context (the same source text); --fill adds translations for the unfinished ones;
pyside6-lrelease compiles the .qm the app loads.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "studio_zh_CN.ts"
QM = HERE / "studio_zh_CN.qm"


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "studio" / "ui").rglob("*.py"))


def lupdate(ts: Path = TS) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-locations", "none", "-silent"],
                   cwd=ROOT, check=True)


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    tree = ET.parse(ts)
    out = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = "".join(f.text or "" for f in tr.iter("numerusform")) if tr is not None else ""
            text = text or (tr.text if tr is not None else "") or ""
            if tr is None or tr.get("type") in ("unfinished", "vanished") or not text.strip():
                out.append((name, msg.findtext("source")))
    return out


def fill(pairs: dict[str, str], ts: Path = TS) -> int:
    tree = ET.parse(ts)
    n = 0
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        src = msg.findtext("source")
        if tr is not None and tr.get("type") == "unfinished" and src in pairs:
            if msg.get("numerus") == "yes":  # Chinese has one plural form
                for form in list(tr):
                    tr.remove(form)
                ET.SubElement(tr, "numerusform").text = pairs[src]
            else:
                tr.text = pairs[src]
            del tr.attrib["type"]
            n += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return n


def translations(ts: Path) -> dict[str, str]:
    """Every finished translation in `ts`, by source text (whatever its context)."""
    out = {}
    for msg in ET.parse(ts).getroot().iter("message"):
        tr = msg.find("translation")
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
            continue
        text = "".join(f.text or "" for f in tr.iter("numerusform")) or tr.text or ""
        if text.strip():
            out[msg.findtext("source")] = text
    return out


def lrelease() -> None:
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM), "-silent"], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fill", type=Path, help="JSON object of source -> translation")
    parser.add_argument("--reuse", type=Path, nargs="*", default=[], help="other .ts files to take translations from")
    args = parser.parse_args()
    known = {}
    for ts in [*args.reuse, TS]:
        if ts.exists():
            known.update(translations(ts))
    lupdate()
    reused = fill(known)
    if reused:
        print(f"reused {reused}")
    if args.fill:
        print(f"filled {fill(json.loads(args.fill.read_text(encoding='utf-8')))}")
    lrelease()
    missing = unfinished()
    for ctx, src in missing:
        print(f"untranslated: [{ctx}] {src}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
