"""The text rule on its own: what is refused, what is tidied, what is kept exactly."""

from __future__ import annotations

import pytest

from monitor.errors import InvalidEntry
from monitor.text_limits import LIMITS, clean_text


def test_a_pasted_tab_or_line_break_in_a_one_line_field_becomes_a_space():
    assert clean_text("patient_name", "Ana\tSouza\r\n") == "Ana Souza"
    assert clean_text("drug", "Ondansetron\nIV") == "Ondansetron IV"


def test_a_note_keeps_its_lines_and_tabs_with_windows_line_breaks_made_plain():
    assert clean_text("note", "line one\r\nline two\rthree\tfour") == \
        "line one\nline two\nthree\tfour"


@pytest.mark.parametrize("key", sorted(LIMITS))
@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_an_invisible_control_character_is_refused_naming_the_field(key, control):
    with pytest.raises(InvalidEntry) as refused:
        clean_text(key, f"ab{control}cd")
    assert LIMITS[key].label in str(refused.value)
    assert f"U+{ord(control):04X}" in str(refused.value)
    assert refused.value.field == LIMITS[key].field


@pytest.mark.parametrize("key", sorted(LIMITS))
def test_a_lone_surrogate_is_refused_naming_the_field(key):
    with pytest.raises(InvalidEntry, match="broken character") as refused:
        clean_text(key, "ab\ud800")
    assert LIMITS[key].label in str(refused.value)


@pytest.mark.parametrize("key", sorted(LIMITS))
def test_text_at_the_limit_is_kept_and_one_more_character_is_refused(key):
    limit = LIMITS[key].max_chars
    assert clean_text(key, "é" * limit) == "é" * limit
    with pytest.raises(InvalidEntry) as refused:
        clean_text(key, "é" * (limit + 1))
    assert f"the limit is {limit:,}" in str(refused.value)
    assert LIMITS[key].label in str(refused.value)


@pytest.mark.parametrize("text", ["\u200fأحمد\u200e", "😀 calm 👍🏽", "e\u0301\u0327", "أحمد",
                                  "李雷"])
def test_right_to_left_emoji_and_combining_characters_are_kept_exactly(text):
    assert clean_text("patient_notes", text) == text
    assert clean_text("patient_name", text) == text


BIDI_CONTROLS = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


@pytest.mark.parametrize("key", sorted(LIMITS))
@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_a_bidi_override_or_isolate_is_refused_naming_the_field(key, control):
    """U+202A–202E and U+2066–2069 make stored text display in another order than it
    reads ("\u202eevil" shows as "live"): refused plainly, never stored."""
    with pytest.raises(InvalidEntry, match="changes the direction") as refused:
        clean_text(key, f"ab{control}cd")
    assert LIMITS[key].label in str(refused.value)
    assert f"U+{ord(control):04X}" in str(refused.value)
    assert refused.value.field == LIMITS[key].field


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u200d"])
def test_an_mrn_holds_no_invisible_format_character(invisible):
    """An MRN is an identifier: a zero-width character would make a look-alike of one."""
    with pytest.raises(InvalidEntry, match="invisible") as refused:
        clean_text("mrn", f"CH{invisible}1001")
    assert refused.value.field == "mrn"
    assert clean_text("patient_name", f"Ana{invisible}") == f"Ana{invisible}"
