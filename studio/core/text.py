"""Bilingual text: every content string carries English and Chinese."""

from __future__ import annotations

from collections.abc import Mapping

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
