"""The form type a document says it is, read from the top of its text.

"FORM 8-K" → "8-K"; "FORM 8-K/A", "FORM 8-K (Amendment No. 1)" and "AMENDMENT NO. 1 TO FORM 10-K"
→ "8-K/A", "10-K/A"; "Post-Effective Amendment No. 1 to Form S-3" → "POS AM"; "SCHEDULE 13G"
(Amendment No. 2) → "SC 13G/A"; "Filed Pursuant to Rule 424(b)(5)" → "424B5"; a letter to
the Commission → "CORRESP". The types are EDGAR's submission types; unknown → None.
"""

from __future__ import annotations

import re

from builder.parse.layout import clean

#: Non-blank lines at the top of a document searched for its title.
TITLE_LINES = 80

_TYPE = r"(?P<type>(?:[A-Z]{1,3}-?)?\d{1,3}[A-Z]{0,3}(?:\s?-\s?[A-Z0-9]{1,6})*)"
_AMEND_SUFFIX = r"(?P<amend>\s*/\s*A\b|-A\b)?"
#: A line that is the form's title: "FORM 8-K", "Form 10-K/A", "FORM 8-K   CURRENT REPORT".
_TITLE = re.compile(r"^\s*(?:\(\s*)?FORM\s+" + _TYPE + _AMEND_SUFFIX + r"(?P<rest>.*)$", re.IGNORECASE)
#: "FORM 8-K" anywhere on a line (a fallback when no line is a title).
_MENTION = re.compile(r"\bFORM\s+" + _TYPE + _AMEND_SUFFIX + r"(?![\w-])", re.IGNORECASE)
_SCHEDULE = re.compile(r"^\s*SCHEDULE\s+(?P<type>13D|13G|TO|14D-?9|13E-?3)\b(?P<amend>\s*/\s*A\b)?", re.IGNORECASE)
_AMENDMENT = re.compile(r"\bAMENDMENT\s+(?:NO\.?|NUMBER)\s*:?\s*(?P<n>\d[\d,]*)", re.IGNORECASE)
_POST_EFFECTIVE = re.compile(r"\bPOST[\s-]*EFFECTIVE\s+AMENDMENT\b", re.IGNORECASE)
_RULE_424 = re.compile(r"\bRule\s+424\s*\(\s*b\s*\)\s*\(\s*(\d)\s*\)", re.IGNORECASE)
_RE_LINE = re.compile(r"^\s*Re\s*:", re.IGNORECASE)
_SALUTATION = re.compile(r"^\s*(?:Ladies\s+and\s+Gentlemen|Dear\s+\S.*)\s*:?\s*$", re.IGNORECASE)
_SUMMARY_PROSPECTUS = re.compile(r"\bSummary\s+Prospectus\b", re.IGNORECASE)
_CHECKED = re.compile(r"[\u2612\u2611\u00fd\u00fe\u2713\u2714\u2327\u25a0]|\[\s*[xX]\s*\]|\(\s*[xX]\s*\)")
_RULE_485 = re.compile(r"paragraph\s+\((a|b)\)", re.IGNORECASE)
#: Registration statements whose post-effective amendments EDGAR calls "POS AM".
_POS_AM_FORMS = re.compile(r"^(?:S-1|S-3|S-4|S-11|F-1|F-3|F-4|F-10|SF-1|SF-3)$")


def _form_of(match: re.Match) -> str | None:
    """The normalised type of a FORM match ("8 - K" → "8-K"), None when it is not a form."""
    form = re.sub(r"\s+", "", match.group("type")).upper()
    if not re.search(r"\d", form) or len(form) > 12:
        return None
    return form


def _amended(lines: list[str], at: int) -> bool:
    """True when an "Amendment No. N" (N ≥ 1) is printed within three lines of the title."""
    for line in lines[max(0, at - 3): at + 4]:
        m = _AMENDMENT.search(line)
        if m and not _POST_EFFECTIVE.search(line) and int(m.group("n").replace(",", "")) > 0:
            return True
    return False


def _post_effective(lines: list[str], at: int, after: int = 1) -> bool:
    """True when "Post-Effective Amendment" is printed from 3 lines before to `after` lines after."""
    return any(_POST_EFFECTIVE.search(line) for line in lines[max(0, at - 3): at + after + 1])


def _rule_485(lines: list[str]) -> str | None:
    """485APOS/485BPOS from the checked "become effective ... pursuant to paragraph (a)/(b)" box."""
    for i, line in enumerate(lines):
        if re.search(r"proposed\s+that\s+this\s+filing\s+will\s+become\s+effective", line, re.IGNORECASE):
            window = lines[i + 1: i + 16]
            for j, option in enumerate(window):
                if not _CHECKED.search(option):
                    continue
                text = option if _RULE_485.search(option) else " ".join(window[j: j + 2])
                m = _RULE_485.search(text)
                if m:
                    return "485APOS" if m.group(1).lower() == "a" else "485BPOS"
            return None
    return None


def _schedule(m: re.Match, lines: list[str], at: int) -> str:
    kind = m.group("type").upper().replace("-", "")
    form = {"14D9": "SC 14D9", "13E3": "SC 13E3"}.get(kind, "SC " + kind)
    if kind == "TO":
        cover = " ".join(lines[at: at + 30])
        issuer = re.search(r"Filing\s+Persons?\s*\(\s*Issuer|Issuer\)\s*and\s+Filing\s+Person", cover, re.IGNORECASE)
        offeror = re.search(r"\(\s*Offerors?\s*\)", cover, re.IGNORECASE)
        form = "SC TO-I" if issuer else "SC TO-T" if offeror else "SC TO-I"
    if m.group("amend") or _amended(lines, at):
        form += "/A"
    return form


#: The title of a power of attorney (Exhibit 24): "LIMITED POWER OF ATTORNEY", "POWER OF ATTORNEY FOR ...".
_POWER_OF_ATTORNEY = re.compile(r"^(?:(?:LIMITED|SPECIAL|CONFIRMING|SECTION 16)\s+)?POWER\s+OF\s+ATTORNEY\b", re.I)


def _is_letter(lines: list[str]) -> bool:
    """A letter to the Commission: a "Re:" line, then a salutation, before any form title."""
    top = lines[:40]
    re_line = next((i for i, line in enumerate(top) if _RE_LINE.match(line)), None)
    if re_line is None or not any(_SALUTATION.match(line) for line in top[re_line:]):
        return False
    return not any(_TITLE.match(line) for line in top[:re_line])


def parse_form_type(text_lines: list[str]) -> str | None:
    """The EDGAR form type a document's title announces, or None.

    `text_lines` are the document's first lines (the cover page); only the first
    `TITLE_LINES` non-blank ones are read.
    """
    lines: list[str] = []
    for line in text_lines:
        text = clean(line)
        if text:
            lines.append(text)
            if len(lines) == TITLE_LINES:
                break
    if _is_letter(lines):
        return "CORRESP"
    if any(_POWER_OF_ATTORNEY.search(line) for line in lines[:3]):
        return "EX-24"  # a power of attorney names every form it covers; it is none of them
    for i, line in enumerate(lines):
        m = _TITLE.match(line)
        if m and len(m.group("rest")) < 60 and _form_of(m):
            form = _form_of(m)
            if form == "N-1A" and _post_effective(lines, i, after=6):
                return _rule_485(lines)
            if _POS_AM_FORMS.match(form) and _post_effective(lines, i):
                return "POS AM"
            if form == "S-8" and _post_effective(lines, i):
                return "S-8 POS"
            amended = m.group("amend") or re.search(r"/\s*A\b", m.group("rest")) or _amended(lines, i)
            return form + "/A" if amended else form
        s = _SCHEDULE.match(line)
        if s:
            return _schedule(s, lines, i)
    for line in lines[:15]:
        m = _RULE_424.search(line)
        if m:
            return "424B" + m.group(1)
    if any(_SUMMARY_PROSPECTUS.search(line) for line in lines[:10]):
        return "497K"
    for i, line in enumerate(lines[:30]):
        m = _MENTION.search(line)
        if m and _form_of(m):
            form = _form_of(m)
            return form + "/A" if m.group("amend") or _amended(lines, i) else form
    return None
