"""`studio lessons [--json]`: list the lessons."""

from __future__ import annotations

import json

from studio.core.lesson import catalog
from studio.core.text import pick


def add_parser(sub) -> None:
    p = sub.add_parser("lessons", help="list the lessons")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.set_defaults(func=run)


def run(args) -> int:
    lessons = list(catalog())
    if args.json:
        print(json.dumps([
            {
                "id": l.id,
                "title": dict(l.title),
                "summary": dict(l.summary),
                "devices": list(l.devices),
                "params": [
                    {"name": p.name, "kind": p.kind, "default": p.default, "min": p.min,
                     "max": p.max, "choices": list(p.choices), "label": dict(p.label)}
                    for p in l.params
                ],
            }
            for l in lessons
        ], ensure_ascii=False, indent=2))
        return 0
    width = max((len(l.id) for l in lessons), default=0)
    for l in lessons:
        print(f"{l.id:<{width}}  {pick(l.title, args.lang)}")
    return 0
