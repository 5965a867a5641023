"""Messages written after public examples: the IHE PCD-01 (DEC) profile's ORU^R01 as the
GE B40 monitor's HL7 guide shows it, the Philips Efficia CM data export guide's ORU with
MDIL local codes (and °F temperature), and LOINC-coded senders. Segment ends are CR
unless a test says otherwise."""

PCD01_GE = "\r".join([
    "MSH|^~\\&|VSP^080019FFFE134535^EUI-64|GE Healthcare|||20130122134100+0000||"
    "ORU^R01^ORU_R01|004097134535|P|2.6|||NE|AL||UNICODE UTF-8|||"
    "PCD_DEC_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
    "PID|||HED12^^^PID^MR||LAZY^KITTY^^^^^L|||",
    "PV1||R|SURGERY^^V2",
    "OBR|1|080019FFFE13453520130122134100^VSP^080019FFFE134535^EUI-64|"
    "080019FFFE13453520130122134100^VSP^080019FFFE134535^EUI-64|"
    "182777000^monitoring of patient^SCT|||20130122134100+0000",
    "OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X",
    "OBX|2|NM|147842^MDC_ECG_HEART_RATE^MDC|1.5.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC"
    "|||||R|||||||080019FFFE0B4020^B40_GE",
    "OBX|3||69854^MDC_DEV_METER_PRESS_BLD_VMD^MDC|1.13.0.0|||||||X",
    "OBX|4|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.13.1.1|128|266016^MDC_DIM_MMHG^MDC"
    "|||||R|||20130122134030+0000|||080019FFFE0B4020^B40_GE",
    "OBX|5|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.13.1.2|79|266016^MDC_DIM_MMHG^MDC"
    "|||||R|||20130122134030+0000|||080019FFFE0B4020^B40_GE",
    "OBX|6|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.13.1.3|95|266016^MDC_DIM_MMHG^MDC"
    "|||||R|||20130122134030+0000|||080019FFFE0B4020^B40_GE",
    "OBX|7|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|97|262688^MDC_DIM_PERCENT^MDC"
    "|||||R|||||||080019FFFE0B4020^B40_GE",
    "OBX|8|NM|149530^MDC_PULS_OXIM_PULS_RATE^MDC|1.2.1.2|81|264864^MDC_DIM_BEAT_PER_MIN^MDC"
    "|||||R|||||||080019FFFE0B4020^B40_GE",
    "OBX|9|NM|151562^MDC_RESP_RATE^MDC|1.3.1.1|14|264928^MDC_DIM_RESP_PER_MIN^MDC"
    "|||||R|||||||080019FFFE0B4020^B40_GE",
    "OBX|10|NM|150344^MDC_TEMP^MDC|1.4.1.1|36.8|268192^MDC_DIM_DEGC^MDC"
    "|||||R|||||||080019FFFE0B4020^B40_GE",
]) + "\r"

# Philips Efficia: MDIL local codes; mapped only through the clinic's table
EFFICIA = "\r".join([
    "MSH|^~\\&|^EfficiaCM||||20140510124500||ORU^R01^ORU_R01|MONITORABC000000002D|P|2.4",
    "PID|||MRN1234||JONES^MARY^A",
    "PV1|||^^LOCATION34|||||||||||||||A|TRANSACTION1234",
    "ORC|NW|||||||||||||||||MONITORABC",
    "OBR||||MONITOR|||20140510124500|||OPERATOR12",
    "OBX||NM|0002-4bb8^SpO2^MDIL||98|0004-0220^%^MDIL|||||F",
    "OBX||NM|0002-4a05^NBPs^MDIL||122|0004-0f20^mmHg^MDIL|||||F|||20140510124430",
    "OBX||NM|0002-4a06^NBPd^MDIL||85|0004-0f20^mmHg^MDIL|||||F|||20140510124430",
    "OBX||NM|0002-4a07^NBPm^MDIL||98|0004-0f20^mmHg^MDIL|||||F|||20140510124430",
    "OBX||NM|0002-480a^Pulse^MDIL||80|0004-0aa0^bpm^MDIL|||||F",
    "OBX||NM|0002-5000^Resp^MDIL||20|0004-0ae0^rpm^MDIL|||||F",
    "OBX||NM|0002-f0c7^T1^MDIL||99.1|0004-1140^F^MDIL|||||F",
]) + "\r"
EFFICIA_TABLE = """
# Philips Efficia CM (MDIL)
MDIL 0002-4bb8 = spo2
MDIL 0002-4a05 = sbp
MDIL 0002-4a06 = dbp
MDIL 0002-4a07 = map
MDIL 0002-480a = pulse
MDIL 0002-5000 = rr
MDIL 0002-f0c7 = temp_c
"""

LOINC_SENDER = "\r".join([
    "MSH|^~\\&|VITALS^SPOT-7|WARD||CHAIRSIDE|20240301101500-0500||ORU^R01|LN-0001|P|2.5.1",
    "PID|||555||DOE^JANE",
    "OBR|1|||85353-1^Vital signs panel^LN|||20240301101400-0500",
    "OBX|1|NM|8480-6^Systolic blood pressure^LN||131|mm[Hg]^mm[Hg]^UCUM|||||F",
    "OBX|2|NM|8462-4^Diastolic blood pressure^LN||84|mm[Hg]^mm[Hg]^UCUM|||||F",
    "OBX|3|NM|8867-4^Heart rate^LN||72|/min^/min^UCUM|||||F",
    "OBX|4|NM|59408-5^SpO2 by pulse oximetry^LN||98|%^%^UCUM|||||F",
    "OBX|5|NM|9279-1^Respiratory rate^LN||16|/min^/min^UCUM|||||F",
    "OBX|6|NM|8310-5^Body temperature^LN||98.6|[degF]^[degF]^UCUM|||||F",
]) + "\r"


def oru(*obx: str, control: str = "C1", msh_extra: str = "|P|2.6",
        when: str = "20250101120000+0000", trigger: str = "R01") -> str:
    """A minimal ORU with these OBX segments (fields after 'OBX|n|')."""
    lines = [f"MSH|^~\\&|MON^0001^EUI-64|CLINIC|||{when}||ORU^{trigger}^ORU_{trigger}|"
             f"{control}{msh_extra}", "PID|||1", f"OBR|1||||||{when}"]
    lines += [f"OBX|{n}|{body}" for n, body in enumerate(obx, 1)]
    return "\r".join(lines) + "\r"


def nm(code: str, value: str, unit: str = "266016^MDC_DIM_MMHG^MDC", status: str = "F",
       at: str = "", name: str = "") -> str:
    return f"NM|{code}^{name}^MDC||{value}|{unit}|||||{status}|||{at}"
