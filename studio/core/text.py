"""Bilingual text: every content string carries English and Chinese."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGS = ("en", "zh")
_current = "en"


def set_language(lang: str) -> None:
    """Choose the language that `pick` returns when none is given."""
    global _current
    _current = "zh" if lang.lower().startswith("zh") else "en"


def language() -> str:
    return _current


def pick(text: Mapping[str, str] | str, lang: str | None = None) -> str:
    """The text in `lang` (default: the current language), falling back to English."""
    if isinstance(text, str):
        return text
    lang = lang or _current
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


def bi(en: str, zh: str) -> dict[str, str]:
    """A bilingual text."""
    return {"en": en, "zh": zh}


def short_repr(value: Any, limit: int = 60) -> str:
    """`value` as Python writes it, cut to `limit` characters, for one-line messages about
    the learner's input (a huge or deeply nested value stays short)."""
    try:
        text = repr(value)
    except RecursionError:
        text = f"<{type(value).__name__} nested too deeply>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
