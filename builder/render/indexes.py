"""The ways into the archive: which index pages the site has, and what each one lists.

Every index is a `Listing` (paginated, see `builder.render.listing`), planned once per build,
in one pass over the archive (linear in its size):

    filings/<year>.md        the filings of a year, by month (filings/undated.md: without a date)
    forms/<form>.md          the filings of a form type, by year (forms/8-k.md, forms/8-k-a.md)
    items/<item>.md          the 8-Ks reporting an item, old and new numbers together, by year
                             (items/2-02.md: Item 2.02 and the old Item 12 it replaced)
    industries/<sic>.md      the registrants of a SIC code (industries/7372.md)
    states/<code>.md         the registrants incorporated or with a business address in a state
    registrants/a-z/<x>.md   registrants A-Z by letter, when one page would be too long
    registrants/<key>.md     a registrant's filings, by year (its continuation pages nested below)
    problems.md              every problem of the build
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from builder.edgar import current_8k_item, jurisdiction_name, sic_code
from builder.model.archive import Archive, Problem, Registrant, Role, filing_date
from builder.model.filing import Filing
from builder.model.names import normalise_name
from builder.render.listing import PAGE_ROWS, Listing

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@dataclass(frozen=True)
class ItemRow:
    """A filing in an item's index, with the item number it gives ("12" or "2.02")."""

    filing: Filing
    number: str


@dataclass(frozen=True)
class NameEntry:
    """A line of the A-Z index: a registrant under its current name, or under a former one."""

    name: str
    registrant: Registrant
    former: bool = False


@dataclass
class Indexes:
    """Every index of the site, by what it lists."""

    years: dict[str, Listing[Filing]] = field(default_factory=dict)  #: "2005" ("" undated) → filings
    forms: dict[str, Listing[Filing]] = field(default_factory=dict)  #: "8-K" ("" unknown) → filings
    items: dict[str, Listing[ItemRow]] = field(default_factory=dict)  #: "2.02" → 8-Ks
    industries: dict[str, Listing[Registrant]] = field(default_factory=dict)  #: "7372" → registrants
    states: dict[str, Listing[Registrant]] = field(default_factory=dict)  #: "DE" → registrants
    #: The A-Z index: every name (current and former) by letter; split into letter pages when
    #: it has more than `PAGE_ROWS` lines, else `letters` is empty and it is one page.
    names: list[NameEntry] = field(default_factory=list)
    letters: dict[str, Listing[NameEntry]] = field(default_factory=dict)
    timelines: dict[str, Listing[Role]] = field(default_factory=dict)  #: registrant key → its filings
    problems: Listing[Problem] | None = None


_YEAR = re.compile(r"\d{4}")
_STATE = re.compile(r"[A-Z0-9]{2}")


def year_of(filing: Filing) -> str:
    """The year a filing is listed under, "" when it has no date."""
    date = filing_date(filing)
    return date[:4] if _YEAR.match(date) else ""


def form_key(filing: Filing) -> str:
    """The form type a filing is listed under: upper case, "" when unknown."""
    return (filing.form_type or "").strip().upper()


def is_8k(form_type: str | None) -> bool:
    """Whether a form type is of the 8-K family (8-K, 8-K/A, 8-K12B ...): its items are 8-K items."""
    return (form_type or "").strip().upper().startswith("8-K")


def letter_of(name: str) -> str:
    """The A-Z letter a name is listed under ("#" for digits and the rest)."""
    first = normalise_name(name)[:1]
    return first if first.isalpha() else "#"


def _by_year(filing: Filing) -> tuple[str, str]:
    year = year_of(filing)
    return year, year or "Undated"


def _by_month(filing: Filing) -> tuple[str, str]:
    date = filing_date(filing)
    m = re.match(r"(\d{4})-(\d{2})", date)
    if m and 1 <= int(m.group(2)) <= 12:
        return m.group(0), f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return date[:4], date[:4] or "Undated"


def _role_by_year(role: Role) -> tuple[str, str]:
    return _by_year(role.filing)


def _item_by_year(row: ItemRow) -> tuple[str, str]:
    return _by_year(row.filing)


def _by_letter(entry: NameEntry) -> tuple[str, str]:
    letter = letter_of(entry.name)
    return letter, letter


def plan_indexes(archive: Archive, registrant_pages: dict[str, str], segment) -> Indexes:
    """Every index of the archive. `registrant_pages`: registrant key → its page path;
    `segment(value, taken, default)`: a safe, unique URL segment (`paths.safe_segment`)."""
    indexes = Indexes()
    by_year: dict[str, list[Filing]] = defaultdict(list)
    by_form: dict[str, list[Filing]] = defaultdict(list)
    by_item: dict[str, list[ItemRow]] = defaultdict(list)
    for filing in archive.filings:  # newest first
        by_year[year_of(filing)].append(filing)
        by_form[form_key(filing)].append(filing)
        if is_8k(filing.form_type):
            seen: set[str] = set()
            for item in filing.items:
                current = current_8k_item(item.number)
                if current and current not in seen:
                    seen.add(current)
                    by_item[current].append(ItemRow(filing, item.number))
    for year in sorted((y for y in by_year if y), reverse=True) + [""] * ("" in by_year):  # undated last
        indexes.years[year] = Listing(year, f"filings/{year or 'undated'}", by_year[year], _by_month)
    taken: set[str] = {"index"}
    for form in sorted(by_form, key=lambda f: (f == "", f)):
        slug = segment(_slug(form) or "unknown", taken, default="form")
        indexes.forms[form] = Listing(form, f"forms/{slug}", by_form[form], _by_year)
    for number in sorted(by_item, key=_item_order):
        indexes.items[number] = Listing(number, f"items/{_slug(number)}", by_item[number], _item_by_year)

    by_sic: dict[str, list[Registrant]] = defaultdict(list)
    by_state: dict[str, list[Registrant]] = defaultdict(list)
    for r in archive.registrants:  # A-Z
        code = sic_code(r.sic)
        if code:
            by_sic[code].append(r)
        for state in dict.fromkeys(s for s in (state_key(r.state_of_incorporation),
                                                state_key(r.business_address.state if r.business_address else None)) if s):
            by_state[state].append(r)
        indexes.names.append(NameEntry(r.name, r))
        for other in r.other_names:
            indexes.names.append(NameEntry(other.name, r, former=True))
    for code in sorted(by_sic):
        indexes.industries[code] = Listing(code, f"industries/{code}", by_sic[code])
    for state in sorted(by_state, key=lambda s: (jurisdiction_name(s) is None, s)):
        indexes.states[state] = Listing(state, f"states/{state.lower()}", by_state[state])
    indexes.names.sort(key=lambda e: (letter_of(e.name) == "#", normalise_name(e.name), e.former, e.registrant.key))
    if len(indexes.names) > PAGE_ROWS:
        by_letter: dict[str, list[NameEntry]] = defaultdict(list)
        for entry in indexes.names:
            by_letter[letter_of(entry.name)].append(entry)
        for letter, entries in by_letter.items():
            slug = "other" if letter == "#" else letter.lower()
            indexes.letters[letter] = Listing(letter, f"registrants/a-z/{slug}", entries, _by_letter)

    for r in archive.registrants:
        base = registrant_pages[r.key][: -len(".md")]
        indexes.timelines[r.key] = Listing(r.key, base, r.filings, _role_by_year)
    indexes.problems = Listing("problems", "problems", archive.problems)
    return indexes


def state_key(code: str | None) -> str | None:
    """An EDGAR state or country code as listed ("DE", "E9"), None when it is not one."""
    code = (code or "").strip().upper()
    return code if _STATE.fullmatch(code) else None


def _slug(value: str) -> str:
    """"8-K/A" → "8-k-a", "2.02" → "2-02", "SC 13G" → "sc-13g"."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _item_order(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))
