"""The signature status line a screen shows above a session: the manifestation, the
draft mark, or the alteration warning in red."""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from export.colours import Colors
from monitor.accounts.signature import ALTERED_WARNING, SignatureStatus


def status_html(status: SignatureStatus, colors: Colors, tz: tzinfo | None = None) -> str:
    if status.is_altered:
        return (f"<p style='color:{colors.critical}; font-weight:700'>"
                f"⚠ {escape(ALTERED_WARNING)} {escape(status.what_changed())}<br>"
                f"{escape(status.header(tz))}</p>")
    ink = colors.advisory if status.is_draft else colors.ok
    return f"<p style='color:{ink}; font-weight:600'>{escape(status.header(tz))}</p>"
