"""The cover of a beneficial-ownership or tender-offer schedule (SC 13D, SC 13G, SC TO and their
amendments), when no header names the parties.

A schedule is not a report of its registrant: it is filed BY a holder (a person or a fund) ABOUT
a company (the issuer). Its cover says so in captions, the same on every schedule since the
1990s::

    Tesla Motors, Inc.
    (Name of Issuer)
    ...
    December 31, 2011
    (Date of Event Which Requires Filing of this Statement)
    ...
    1.  Names of Reporting Persons.
        Elon R. Musk

and in the items ("Item 1(a) Name of Issuer: ...", "Item 2(a) Name of Person Filing: ...").
The issuer becomes the filing's subject company, each reporting person a party in the role
"filed by", and the date of the event its period of report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.parse.dates import parse_date

#: Reporting persons kept from one cover (a group filing may list dozens; each is a page).
MAX_PERSONS = 25

_ISSUER_CAPTION = re.compile(r"^\(?\s*Name\s+of\s+(?:Issuer|Subject\s+Company)\b[^)]*\)?\s*$", re.I)
_EVENT_CAPTION = re.compile(r"^\(?\s*Date\s+of\s+Event\s+Which\s+Requires\s+Filing\b", re.I)
_PERSONS = re.compile(r"^\s*(?:\(?1\)?\s*[.)]?\s*)?Names?\s+of\s+Reporting\s+Persons?\b[^:]*?[.:]?\s*(.*)$", re.I)
_ITEM_FIELD = re.compile(r"^\s*(?:\(?[a-z]\)\s*)?Name\s+of\s+(Issuer|Person\s+Filing)\s*:\s*(.*)$", re.I)
#: Lines under "Names of Reporting Persons" that are the form's words, not a name.
_FORM_WORDS = re.compile(
    r"^(?:I\.?R\.?S\.?\s+Identification|S\.?S\.?\s+or\s+I\.?R\.?S|\(?entities\s+only\)?|\(?[a-z]\)\s*$|"
    r"\d+\s*[.)]|Check\s+the|SEC\s+Use|CUSIP|Page\s+\d)", re.I)
_RULE = re.compile(r"^[-_=*.\s]+$")
_NOT_A_NAME = re.compile(r"^(?:Item\s+\d|\(|\d|N/?A\b|None\b|See\b)", re.I)


@dataclass
class ScheduleCover:
    """What a schedule's cover says: the issuer, the reporting persons, the date of the event."""

    issuer: str | None = None
    reporting_persons: list[str] = field(default_factory=list)
    event_date: str | None = None  #: ISO date


def is_schedule(form_type: str | None) -> bool:
    """Is this form type a schedule filed by a holder about an issuer (SC 13D/G, SC TO, SC 14D...)?"""
    return bool(form_type) and form_type.upper().startswith("SC ")


def parse_schedule_cover(text: str) -> ScheduleCover:
    """The parties and the event date of a schedule's text (see the module docstring)."""
    lines = [line.strip() for line in text.splitlines()]
    cover = ScheduleCover()
    for i, line in enumerate(lines):
        if cover.issuer is None and _ISSUER_CAPTION.match(line):
            cover.issuer = _name(_value_above(lines, i))
        elif cover.event_date is None and _EVENT_CAPTION.match(line):
            cover.event_date = parse_date(_value_above(lines, i))
        elif len(cover.reporting_persons) < MAX_PERSONS and (m := _PERSONS.match(line)):
            person = _name(m.group(1)) or _name(_value_below(lines, i))
            if person and person not in cover.reporting_persons:
                cover.reporting_persons.append(person)
        elif m := _ITEM_FIELD.match(line):
            value = _name(m.group(2)) or _name(_value_below(lines, i))
            if m.group(1).lower() == "issuer":
                cover.issuer = cover.issuer or value
            elif value and not cover.reporting_persons:
                cover.reporting_persons.append(value)
    return cover


def _value_above(lines: list[str], i: int) -> str | None:
    """The line above a caption, rules (`-----`, `_____`) and blank lines skipped."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if lines[j] and not _RULE.match(lines[j]):
            return lines[j]
    return None


def _value_below(lines: list[str], i: int) -> str | None:
    for j in range(i + 1, min(len(lines), i + 6)):
        line = lines[j]
        if not line or _FORM_WORDS.match(line):
            continue
        return line
    return None


def _name(value: str | None) -> str | None:
    """A party's name from a line, or None when the line is the form's words, not a name."""
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip(" :;,-_")
    if not value or len(value) > 150 or _NOT_A_NAME.match(value) or _FORM_WORDS.match(value):
        return None
    if not re.search(r"[A-Za-z]{2}", value):
        return None
    return value
