"""Run values as text and JSON, shared by the CLI and the Runs view."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import Any


def format_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def format_params(params: Mapping[str, Any]) -> str:
    """{'lr': 0.1, 'epochs': 50} -> 'lr=0.1, epochs=50'."""
    return ", ".join(f"{k}={format_value(v)}" for k, v in params.items())


def local_time(epoch: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch)) if epoch is not None else ""


def iso_time(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(epoch))


def strict_json(value: Any) -> Any:
    """numpy values as plain ones, NaN and infinities as None (valid JSON)."""
    if isinstance(value, dict):
        return {str(k): strict_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_json(v) for v in value]
    if hasattr(value, "tolist"):
        return strict_json(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
