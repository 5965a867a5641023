"""When two registrations are the same person: the MRN's identity, and the look-alikes a
nurse is warned about before registering (issue 8, issue 11 §4).

An MRN is the same MRN whatever its case and spaces ("CH1001", "ch 1001" and " Ch1001 "
are one MRN; "CH-1001" is another: the dash stays): it is compared casefolded with every
space removed, and exactly otherwise. A name with the same date of birth is
only a possible duplicate: the nurse is shown the match and may go on.
"""

from __future__ import annotations

from monitor.records import NewPatient, Patient


def mrn_key(mrn: str) -> str:
    """The MRN as compared: casefolded, every space (inner and outer) removed."""
    return "".join(mrn.split()).casefold()


def name_key(name: str) -> str:
    """A name as compared for a possible duplicate: casefolded, spaces collapsed."""
    return " ".join(name.split()).casefold()


def same_mrn(a: str, b: str) -> bool:
    return mrn_key(a) == mrn_key(b)


def same_person_details(new: NewPatient, known: Patient) -> bool:
    """The same name (any case or spacing) and the same date of birth."""
    return (known.date_of_birth == new.date_of_birth
            and name_key(known.name) == name_key(new.name))


def describe(patient: Patient) -> str:
    """A registered patient as a nurse recognises them: "Maria Lopez (MRN CH-1001, born
    1975-03-14)"."""
    return f"{patient.name} (MRN {patient.mrn}, born {patient.date_of_birth:%Y-%m-%d})"


def mrn_taken(mrn: str, existing: Patient) -> str:
    """The refusal of an MRN that is an existing patient's, apart from case and spaces."""
    if existing.mrn == mrn:
        return f"MRN {mrn} is already registered, to {describe(existing)}."
    return (f"MRN {mrn} is already registered, to {describe(existing)}: MRNs that differ "
            "only in capitals or spaces are the same MRN.")


def duplicate_warning(matches: list[Patient]) -> str:
    """What the Register dialog says before registering a name and date of birth that
    are already on record."""
    listed = "; ".join(describe(p) for p in matches)
    which = "A patient" if len(matches) == 1 else f"{len(matches)} patients"
    return (f"Possible duplicate: {which} with this name and date of birth "
            f"{'is' if len(matches) == 1 else 'are'} already registered: {listed}. "
            "If this is the same person, cancel and choose them in the patient list; if not, "
            "press Register anyway.")
