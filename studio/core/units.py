"""Durations and sizes as the studio writes them, in one place. Sizes are binary (KiB, MiB,
GiB), as the OS task managers and the memory cap (`500M`, `2G`) count them."""

from __future__ import annotations

from studio.core.text import language

KiB, MiB, GiB = 1024, 1024**2, 1024**3


def size(n) -> str:
    """1536 -> '1.5 KiB'. Anything that is not a number (a hardware NA) is written as itself."""
    if not isinstance(n, int | float):
        return str(n)
    for unit, scale in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if abs(n) >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} B"


def clock(seconds: float | None) -> str:
    """A measured duration: '12.3 s', '3 min 05 s', '2 h 04 min'; '' when unknown."""
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def about(seconds: float | None, lang: str | None = None, short: bool = False) -> str:
    """An estimate: 'under a minute', 'about 3 min', 'about 2.5 h', 'about 4 days';
    short: '~12 s', '~3 min', '~2.5 h', '~4 days'. '?' when unknown."""
    if seconds is None:
        return "?"
    zh = (lang or language()).startswith("zh")
    if seconds < 60:
        if short:
            return f"~{max(1, round(seconds))} 秒" if zh else f"~{max(1, round(seconds))} s"
        return "不到 1 分钟" if zh else "under a minute"
    if seconds < 3600:
        n, unit = f"{round(seconds / 60)}", ("分钟" if zh else "min")
    elif seconds < 48 * 3600:
        n, unit = f"{seconds / 3600:.1f}", ("小时" if zh else "h")
    else:
        n, unit = f"{seconds / 86400:,.0f}", ("天" if zh else "days")
    if short:
        return f"~{n} {unit}"
    return f"约 {n} {unit}" if zh else f"about {n} {unit}"
