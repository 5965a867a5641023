"""A reason typed is stored as typed: the suggestions never lengthen it."""

from __future__ import annotations

import pytest

from ui.common.fields import reason_box
from ui.review.addendum_dialog import REASONS as ADDENDUM_REASONS
from ui.session.mark_dialog import REASONS as MARK_REASONS


@pytest.mark.parametrize("suggestions", [MARK_REASONS, ADDENDUM_REASONS])
def test_a_typed_prefix_of_a_suggestion_stays_as_typed(qtbot, suggestions):
    box = reason_box(suggestions, "Why: choose or type")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.setFocus()
    qtbot.waitUntil(box.lineEdit().hasFocus)
    prefix = suggestions[0][:4].lower()
    qtbot.keyClicks(box.lineEdit(), prefix)
    assert box.currentText() == prefix
    assert box.count() == len(suggestions)  # typing adds nothing to the list


def test_a_suggestion_is_still_one_pick_away(qtbot):
    box = reason_box(MARK_REASONS, "Why: choose or type")
    qtbot.addWidget(box)
    box.setCurrentIndex(1)
    assert box.currentText() == MARK_REASONS[1]
