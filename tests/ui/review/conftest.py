"""The review view on a real SQLite file, in UTC (not shown: the tests read its widgets)."""

from __future__ import annotations

from datetime import timezone

import pytest

from export.colours import LIGHT
from ui.review.review_view import ReviewView


@pytest.fixture
def review(qtbot, ui_service):
    view = ReviewView(ui_service, LIGHT, timezone.utc)
    qtbot.addWidget(view)
    return view
