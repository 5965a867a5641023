"""Bedside monitors: HL7 v2 ORU^R01 (IHE PCD-01) over MLLP, read into device vitals.

Pure: framing, parsing (python-hl7), mapping codes and units, times, ACKs. No sockets,
no database here; ``monitor.devices`` never imports Qt or SQLAlchemy.
"""
