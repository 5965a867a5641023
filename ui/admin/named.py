"""A widget with its object name (what tests and style sheets find it by)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, hint: str = "") -> W:
    """``widget`` named ``name``; ``hint`` its placeholder text, for a line edit."""
    widget.setObjectName(name)
    if hint:
        widget.setPlaceholderText(hint)  # type: ignore[attr-defined]
    return widget
