"""Qt translations: the UI follows the system locale unless the learner chose a language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from studio.core import paths, text
from studio.ui.settings import settings

LANGUAGES = {"en": "English", "zh": "中文"}
_installed: list[QTranslator] = []


def chosen_language() -> str:
    """The saved choice, else the system locale's ('zh' for any Chinese locale)."""
    saved = settings().value("language", "")
    if saved in LANGUAGES:
        return saved
    return "zh" if QLocale.system().name().lower().startswith("zh") else "en"


def save_language(lang: str) -> None:
    s = settings()
    s.setValue("language", lang)
    s.sync()


def install(app: QApplication, lang: str) -> str:
    """Load the translators for `lang` (replacing earlier ones) and set the content language."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    text.set_language(lang)
    if lang == "zh":
        ours = QTranslator(app)
        if ours.load(str(paths.resources() / "i18n" / "studio_zh_CN.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    return lang
