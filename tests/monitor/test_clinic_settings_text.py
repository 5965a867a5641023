"""Settings take typed text under the same rules as every other field, on every backend
(the attack pass found NUL, lone surrogates and 1,000,000-character names stored or
crashing PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from monitor.errors import InvalidEntry
from monitor.protocol import DEFAULT_PROTOCOL

HOSTILE = ["a\x00b", "a\ud800b", "x" * 1_000_001]


@pytest.mark.parametrize("text", HOSTILE, ids=["nul", "surrogate", "huge"])
def test_the_clinic_name_is_refused_plainly(service, text):
    service.settings.ensure_defaults()
    with pytest.raises(InvalidEntry, match="Clinic name"):
        service.settings.set_setting("clinic_name", text)
    assert service.settings.clinic_name() != text


@pytest.mark.parametrize("text", HOSTILE, ids=["nul", "surrogate", "huge"])
def test_a_drug_name_is_refused_plainly(service, text):
    service.settings.ensure_defaults()
    before = service.settings.formulary()
    with pytest.raises(InvalidEntry, match="Drug name"):
        service.settings.set_formulary([(text, "mg", "IV")])
    assert service.settings.formulary() == before


def test_a_unit_or_route_not_on_the_lists_is_refused(service):
    service.settings.ensure_defaults()
    with pytest.raises(InvalidEntry, match="unit and a route"):
        service.settings.set_formulary([("Ondansetron", "bogus\x01", "IV")])
    with pytest.raises(InvalidEntry, match="unit and a route"):
        service.settings.set_formulary([("Ondansetron", "mg", "nowhere")])


@pytest.mark.parametrize("text", HOSTILE, ids=["nul", "surrogate", "huge"])
def test_a_protocol_name_is_refused_plainly(service, text):
    service.settings.ensure_defaults()
    with pytest.raises(InvalidEntry, match="Protocol"):
        service.settings.save_protocol(replace(DEFAULT_PROTOCOL, id=None, name=text))


def test_a_clinic_name_typed_with_double_spaces_is_kept_as_one_line(service):
    service.settings.ensure_defaults()
    service.settings.set_setting("clinic_name", "  Lakeside   Clinic ")
    assert service.settings.clinic_name() == "Lakeside Clinic"


@pytest.mark.parametrize("text", ["a\x00b", "a\ud800b", "x" * 10_000_000, "\x00"],
                         ids=["nul", "surrogate", "10 MB", "only nul"])
def test_a_hostile_search_finds_nothing_and_never_fails(service, text):
    from datetime import date

    from monitor.records import NewPatient

    service.register_patient(NewPatient("S-1", "Ann Bee", date(1980, 1, 1)))
    assert service.find_patients(text) in ([], service.find_patients(""))
    assert isinstance(service.review.patients_overview(text), list)
