"""Light and dark themes. Dark is for dim rooms: low glare, no pure white."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from export.colours import LIGHT, Colors

DARK = Colors("dark", "#15181d", "#1d2128", "#d6dae0", "#8c95a3", "#6ea8e6", "#e0a040",
              "#ef6b6b", "#79c07e", "#ef8a80", "#7fb2f0", "#c39ae0", "#5cc6cf", "#8fd18f",
              "#ffab5c", "#6ea8e61e", "#e0a0402a")


def colors_for(dark: bool) -> Colors:
    return DARK if dark else LIGHT


def apply_theme(app: QApplication, dark: bool) -> Colors:
    """Fusion style with a palette built from ``Colors``; returns the colours used."""
    c = colors_for(dark)
    app.setStyle("Fusion")
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.window,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.base,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.base,
        QPalette.ColorRole.ToolTipBase: c.base,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Link: c.accent,
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.muted))
    app.setPalette(p)
    return c
