"""The text a patient is found by: casefolded words of the name and of the MRN.

Kept on write in ``patient.search_key`` (one string, for contains-search) and in
``patient_search_term`` (one row a word, for indexed prefix search), so a search compares
stored, already folded text and never calls a function per row.
"""

from __future__ import annotations

import re

_MRN_PARTS = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Casefolded, whitespace collapsed: 'ÁLVAREZ ' and 'álvarez' fold alike."""
    return " ".join(text.split()).casefold()


def search_key(name: str, mrn: str) -> str:
    """Name, then MRN, one space apart: a search word has no space, so it cannot match
    across the two."""
    return f"{fold(name)} {fold(mrn)}"


def search_terms(name: str, mrn: str) -> set[str]:
    """Every word a prefix search may start at: each word of the name, the whole MRN and
    each part of it ('CH-1001' → 'ch-1001', 'ch', '1001')."""
    words = set(fold(name).split())
    whole = fold(mrn)
    if whole:
        words.add(whole)
        words.update(p for p in _MRN_PARTS.split(whole) if p)
    return words
