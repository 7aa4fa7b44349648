"""EDGAR's vocabulary: item titles, exhibit numbers, state codes.

Shared by the parse stage (to name what it reads) and the render stage (to title indexes).
Facts from `../shared/docs/edgar.md`; nothing here reads files.
"""

from __future__ import annotations

import re

#: 8-K items before 23 August 2004.
OLD_8K_ITEMS: dict[str, str] = {
    "1": "Changes in Control of Registrant",
    "2": "Acquisition or Disposition of Assets",
    "3": "Bankruptcy or Receivership",
    "4": "Changes in Registrant's Certifying Accountant",
    "5": "Other Events",
    "6": "Resignations of Registrant's Directors",
    "7": "Financial Statements, Pro Forma Financial Information and Exhibits",
    "8": "Change in Fiscal Year",
    "9": "Regulation FD Disclosure",
    "10": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "11": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "12": "Results of Operations and Financial Condition",
}

#: 8-K items from 23 August 2004.
NEW_8K_ITEMS: dict[str, str] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}

#: 10-K items (Parts I-IV); numbers are unique across the parts.
TEN_K_ITEMS: dict[str, str] = {
    "1": "Business",
    "1A": "Risk Factors",
    "1B": "Unresolved Staff Comments",
    "1C": "Cybersecurity",
    "2": "Properties",
    "3": "Legal Proceedings",
    "4": "Mine Safety Disclosures",
    "5": "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer Purchases of Equity Securities",
    "6": "[Reserved]",
    "7": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "7A": "Quantitative and Qualitative Disclosures About Market Risk",
    "8": "Financial Statements and Supplementary Data",
    "9": "Changes in and Disagreements with Accountants on Accounting and Financial Disclosure",
    "9A": "Controls and Procedures",
    "9B": "Other Information",
    "9C": "Disclosure Regarding Foreign Jurisdictions that Prevent Inspections",
    "10": "Directors, Executive Officers and Corporate Governance",
    "11": "Executive Compensation",
    "12": "Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters",
    "13": "Certain Relationships and Related Transactions, and Director Independence",
    "14": "Principal Accountant Fees and Services",
    "15": "Exhibits and Financial Statement Schedules",
    "16": "Form 10-K Summary",
}

#: 10-K item titles as they were before a rule change: (item, in force before) → title.
TEN_K_ITEMS_BEFORE: dict[tuple[str, str], str] = {
    ("4", "2010-02-28"): "Submission of Matters to a Vote of Security Holders",
    ("4", "2012-01-27"): "(Removed and Reserved)",
    ("6", "2021-02-10"): "Selected Financial Data",
}

#: 10-Q items: Part I ("I-1" ... "I-4") and Part II ("II-1" ... "II-6").
TEN_Q_ITEMS: dict[str, str] = {
    "I-1": "Financial Statements",
    "I-2": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "I-3": "Quantitative and Qualitative Disclosures About Market Risk",
    "I-4": "Controls and Procedures",
    "II-1": "Legal Proceedings",
    "II-1A": "Risk Factors",
    "II-2": "Unregistered Sales of Equity Securities and Use of Proceeds",
    "II-3": "Defaults Upon Senior Securities",
    "II-4": "Mine Safety Disclosures",
    "II-5": "Other Information",
    "II-6": "Exhibits",
}

#: 10-Q item titles before a rule change, as for `TEN_K_ITEMS_BEFORE`.
TEN_Q_ITEMS_BEFORE: dict[tuple[str, str], str] = {
    ("II-4", "2010-02-28"): "Submission of Matters to a Vote of Security Holders",
    ("II-4", "2012-01-27"): "(Removed and Reserved)",
}

#: Old 8-K item → the new item that took its place (edgar.md).
OLD_TO_NEW_8K_ITEM: dict[str, str] = {
    "1": "5.01", "2": "2.01", "3": "1.03", "4": "4.01", "5": "8.01", "6": "5.02",
    "7": "9.01", "8": "5.03", "9": "7.01", "10": "5.05", "11": "5.04", "12": "2.02",
}

#: The day the new 8-K item numbers took effect.
NEW_8K_ITEMS_FROM = "2004-08-23"

#: Exhibit types by their whole number (Regulation S-K Item 601, simplified).
EXHIBIT_KINDS: dict[str, str] = {
    "1": "Underwriting agreement",
    "2": "Plan of acquisition, reorganization, arrangement, liquidation or succession",
    "3": "Articles of incorporation and bylaws",
    "4": "Instruments defining the rights of security holders",
    "5": "Opinion regarding legality",
    "8": "Opinion regarding tax matters",
    "10": "Material contracts",
    "13": "Annual report to security holders",
    "14": "Code of ethics",
    "16": "Letter regarding change in certifying accountant",
    "21": "Subsidiaries of the registrant",
    "23": "Consents of experts and counsel",
    "24": "Power of attorney",
    "31": "Rule 13a-14(a)/15d-14(a) certifications",
    "32": "Section 1350 certifications",
    "97": "Clawback policy",
    "99": "Additional exhibits",
    "101": "Interactive data (XBRL)",
    "104": "Cover page interactive data",
    "107": "Filing fee table",
}

#: US states and territories, spelled out → 2-letter code (as EDGAR writes them).
STATE_CODES: dict[str, str] = {
    "ALABAMA": "AL", "ALASKA": "AK", "ARIZONA": "AZ", "ARKANSAS": "AR", "CALIFORNIA": "CA",
    "COLORADO": "CO", "CONNECTICUT": "CT", "DELAWARE": "DE", "DISTRICT OF COLUMBIA": "DC",
    "FLORIDA": "FL", "GEORGIA": "GA", "HAWAII": "HI", "IDAHO": "ID", "ILLINOIS": "IL",
    "INDIANA": "IN", "IOWA": "IA", "KANSAS": "KS", "KENTUCKY": "KY", "LOUISIANA": "LA",
    "MAINE": "ME", "MARYLAND": "MD", "MASSACHUSETTS": "MA", "MICHIGAN": "MI", "MINNESOTA": "MN",
    "MISSISSIPPI": "MS", "MISSOURI": "MO", "MONTANA": "MT", "NEBRASKA": "NE", "NEVADA": "NV",
    "NEW HAMPSHIRE": "NH", "NEW JERSEY": "NJ", "NEW MEXICO": "NM", "NEW YORK": "NY",
    "NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND", "OHIO": "OH", "OKLAHOMA": "OK", "OREGON": "OR",
    "PENNSYLVANIA": "PA", "RHODE ISLAND": "RI", "SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD",
    "TENNESSEE": "TN", "TEXAS": "TX", "UTAH": "UT", "VERMONT": "VT", "VIRGINIA": "VA",
    "WASHINGTON": "WA", "WEST VIRGINIA": "WV", "WISCONSIN": "WI", "WYOMING": "WY",
    "PUERTO RICO": "PR", "GUAM": "GU", "VIRGIN ISLANDS": "VI",
}

#: Provinces and countries a registrant may be incorporated in → EDGAR's code for them
#: (EDGAR state and country codes; the jurisdictions seen on cover pages).
COUNTRY_CODES: dict[str, str] = {
    "ALBERTA": "A0", "BRITISH COLUMBIA": "A1", "MANITOBA": "A2", "NEW BRUNSWICK": "A3",
    "NEWFOUNDLAND": "A4", "NOVA SCOTIA": "A5", "ONTARIO": "A6", "PRINCE EDWARD ISLAND": "A7",
    "QUEBEC": "A8", "SASKATCHEWAN": "A9", "YUKON": "B0", "CANADA": "Z4",
    "ANGUILLA": "1A", "ARGENTINA": "C1", "ARUBA": "1C", "AUSTRALIA": "C3", "AUSTRIA": "C4",
    "BAHAMAS": "C5", "BARBADOS": "C8", "BELGIUM": "C9", "BELIZE": "D1", "BERMUDA": "D0",
    "BRAZIL": "D5", "BRITISH VIRGIN ISLANDS": "D8", "VIRGIN ISLANDS BRITISH": "D8",
    "CAYMAN ISLANDS": "E9", "CHILE": "F3", "CHINA": "F4", "PEOPLES REPUBLIC OF CHINA": "F4",
    "COLOMBIA": "F8", "CYPRUS": "G4", "CZECH REPUBLIC": "2N", "DENMARK": "G7", "FINLAND": "H9",
    "FRANCE": "I0", "GERMANY": "2M", "GIBRALTAR": "J1", "GREECE": "J3", "GUERNSEY": "Y7",
    "HONG KONG": "K3", "HUNGARY": "K5", "INDIA": "K7", "INDONESIA": "K8", "IRELAND": "L2",
    "ISLE OF MAN": "Y8", "ISRAEL": "L3", "ITALY": "L6", "JAPAN": "M0", "JERSEY": "Y9",
    "KOREA": "M5", "REPUBLIC OF KOREA": "M5", "LIBERIA": "N0", "LIECHTENSTEIN": "N2",
    "LUXEMBOURG": "N4", "MALAYSIA": "N8", "MALTA": "O1", "MARSHALL ISLANDS": "1T",
    "MAURITIUS": "O4", "MEXICO": "O5", "MONACO": "O9", "NETHERLANDS": "P7",
    "THE NETHERLANDS": "P7", "NETHERLANDS ANTILLES": "P8", "NEW ZEALAND": "Q2", "NORWAY": "Q8",
    "PANAMA": "R1", "PERU": "R5", "PHILIPPINES": "R6", "POLAND": "R9", "PORTUGAL": "S1",
    "RUSSIA": "1Z", "RUSSIAN FEDERATION": "1Z", "SINGAPORE": "U0", "SOUTH AFRICA": "T3",
    "SPAIN": "U3", "SWEDEN": "V7", "SWITZERLAND": "V8", "TAIWAN": "F5", "THAILAND": "W1",
    "TURKEY": "W8", "UNITED ARAB EMIRATES": "C0", "UNITED KINGDOM": "X0", "ENGLAND": "X0",
    "ENGLAND AND WALES": "X0", "SCOTLAND": "X0", "GREAT BRITAIN": "X0", "URUGUAY": "X3",
    "VENEZUELA": "X5",
}

_EXHIBIT_TYPE = re.compile(r"^\s*EX-?\s*([0-9]+(?:\.[0-9A-Z]+)?)", re.IGNORECASE)


def exhibit_number_from_type(doc_type: str | None) -> str | None:
    """"99.1" for the document type "EX-99.1"; None for a type that is not an exhibit."""
    if not doc_type:
        return None
    m = _EXHIBIT_TYPE.match(doc_type)
    return m.group(1).upper() if m else None


def item_title(form_type: str | None, number: str, date_iso: str | None = None) -> str | None:
    """The official title of an item of a form, or None when the number is not one of its items.

    For 8-Ks, whole numbers ("12") are the old items and decimals ("2.02") the new ones;
    `date_iso` is not needed to tell them apart but kept for callers that have it.
    """
    form = (form_type or "").upper()
    if form.startswith("8-K") or not form:
        if number in NEW_8K_ITEMS:
            return NEW_8K_ITEMS[number]
        if number in OLD_8K_ITEMS:
            return OLD_8K_ITEMS[number]
        return None
    if is_annual_report(form):
        return _dated_title(TEN_K_ITEMS, TEN_K_ITEMS_BEFORE, number, date_iso)
    if is_quarterly_report(form):
        return _dated_title(TEN_Q_ITEMS, TEN_Q_ITEMS_BEFORE, number, date_iso)
    return None


def is_annual_report(form_type: str | None) -> bool:
    """True for the 10-K family whose items are those of `TEN_K_ITEMS` (10-K, 10-K405, 10-KT, /A)."""
    return bool(re.match(r"^10-K(?:405|T)?(?:/A)?$", (form_type or "").upper()))


def is_quarterly_report(form_type: str | None) -> bool:
    """True for the 10-Q family (10-Q, 10-QT, /A)."""
    return bool(re.match(r"^10-QT?(?:/A)?$", (form_type or "").upper()))


def _dated_title(current: dict[str, str], before: dict[tuple[str, str], str], number: str, date_iso: str | None) -> str | None:
    """The title of `number` in force on `date_iso` (the current one when the date is unknown)."""
    if number not in current:
        return None
    if date_iso:
        for (item, until), title in sorted(before.items(), key=lambda kv: kv[0][1]):
            if item == number and date_iso < until:
                return title
    return current[number]


def state_code(name: str | None) -> str | None:
    """"DE" for "DELAWARE" or "Delaware" or "DE"; None when it is not a US state."""
    if not name:
        return None
    key = re.sub(r"[^A-Z ]", "", name.upper()).strip()
    key = re.sub(r"\s+", " ", key)
    if key in STATE_CODES:
        return STATE_CODES[key]
    if len(key) == 2 and key in STATE_CODES.values():
        return key
    return None


_JURISDICTION_NOISE = re.compile(
    r"\b(?:THE\s+)?(?:STATE|COMMONWEALTH|PROVINCE|REPUBLIC|KINGDOM|GRAND\s+DUCHY)\s+OF\s+"
    r"|\b(?:CORPORATION|COMPANY|LIMITED\s+PARTNERSHIP|LIMITED\s+LIABILITY\s+COMPANY|"
    r"CORP|INCORPORATED|LLC)\b"
)


def jurisdiction_code(name: str | None) -> str | None:
    """EDGAR's code for a state, province or country of incorporation, or None.

    "Delaware" and "State of Delaware" give "DE"; "Bermuda" "D0"; "Ontario, Canada" "A6"
    (the province wins over the country); anything unrecognised gives None.
    """
    code = state_code(name)
    if code or not name:
        return code
    key = re.sub(r"[^A-Z ]", " ", name.upper())
    key = re.sub(r"\s+", " ", _JURISDICTION_NOISE.sub(" ", key + " ")).strip()
    if key in STATE_CODES:
        return STATE_CODES[key]
    if key in COUNTRY_CODES:
        return COUNTRY_CODES[key]
    first = re.split(r"\s*(?:,|\bAND\b)\s*", name.upper())[0]
    if first != name.upper():
        return jurisdiction_code(first)
    return None
