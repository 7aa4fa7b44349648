"""The archive: parsed filings linked to the registrants that filed them.

Registrants are matched across filings by CIK; a filer without a CIK (a bare document
like the seed) by commission file number, then IRS number, then normalised name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from builder.model.filing import Address, Filer, Filing, FormerName
from builder.model.names import digits, file_number_key, normalise_name, slugify


@dataclass
class Problem:
    """A file (or part of one) that could not become a page, or became one with losses."""

    source: str
    reason: str
    #: What was still recovered from it ("" when nothing was).
    recovered: str = ""


@dataclass
class Role:
    """A filing as seen from one registrant: the filing and the registrant's role in it."""

    filing: Filing
    role: str


@dataclass
class Party:
    """A registrant as seen from one filing: the registrant and its role in the filing."""

    registrant: "Registrant"
    role: str


@dataclass
class Registrant:
    """One company (or person) across all its filings and all the names it used.

    `key` is the URL id: the 10-digit CIK when known, else a slug of the normalised name.
    """

    key: str
    name: str
    cik: str | None = None
    #: Every name seen in the archive's filings, oldest first, with the first and last date seen.
    names: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    former_names: list[FormerName] = field(default_factory=list)
    state_of_incorporation: str | None = None
    file_numbers: list[str] = field(default_factory=list)
    irs_number: str | None = None
    sic: str | None = None
    fiscal_year_end: str | None = None
    business_address: Address | None = None
    mail_address: Address | None = None
    phone: str | None = None
    filings: list[Role] = field(default_factory=list)
    #: How this registrant's filers were matched: rule → count ("cik", "file number", ...).
    matched_by: Counter = field(default_factory=Counter)

    def form_counts(self) -> list[tuple[str, int]]:
        """(form type, number of filings), most frequent first."""
        counts = Counter(r.filing.form_type or "unknown" for r in self.filings)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Archive:
    """Every filing, every registrant and every problem of one build."""

    filings: list[Filing] = field(default_factory=list)
    registrants: list[Registrant] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def parties(self, filing: Filing) -> list[Party]:
        """The registrants a filing names, with their roles, in the filing's own order."""
        return self._parties.get(filing.id, [])

    def registrant(self, key: str) -> Registrant | None:
        """The registrant with this URL key."""
        return self._by_key.get(key)

    def __post_init__(self) -> None:
        self._parties: dict[str, list[Party]] = {}
        self._by_key: dict[str, Registrant] = {}


def filing_date(filing: Filing) -> str:
    """The date a filing is sorted by: filed date, else date of report, else ""."""
    return filing.filed_date or filing.period_of_report or ""


class _Matcher:
    """Finds or makes the registrant for each filer, by the rules in the module docstring."""

    def __init__(self) -> None:
        self.registrants: list[Registrant] = []
        self.by_cik: dict[str, Registrant] = {}
        self.by_file_number: dict[str, Registrant] = {}
        self.by_irs: dict[str, Registrant] = {}
        self.by_name: dict[str, Registrant] = {}
        self.keys: set[str] = set()

    def match(self, filer: Filer) -> tuple[Registrant, str]:
        name_key = normalise_name(filer.name)
        if filer.cik and filer.cik in self.by_cik:
            return self.by_cik[filer.cik], "cik"
        if filer.cik:
            # A CIK never seen: it may still be a company first met without a CIK.
            for rule, found in self._match_without_cik(filer, name_key):
                if found.cik is None:
                    return found, rule
            return self._new(filer, name_key), "new"
        for rule, found in self._match_without_cik(filer, name_key):
            return found, rule
        return self._new(filer, name_key), "new"

    def _match_without_cik(self, filer: Filer, name_key: str):
        fn = file_number_key(filer.file_number)
        if fn and fn in self.by_file_number:
            yield "file number", self.by_file_number[fn]
        irs = digits(filer.irs_number)
        if irs and irs.strip("0") and irs in self.by_irs:
            yield "irs number", self.by_irs[irs]
        if name_key and name_key in self.by_name:
            yield "name", self.by_name[name_key]

    def _new(self, filer: Filer, name_key: str) -> Registrant:
        key = base = filer.cik or slugify(name_key) or "unknown"
        n = 1
        while key in self.keys:
            n += 1
            key = f"{base}-{n}"
        self.keys.add(key)
        registrant = Registrant(key=key, name=filer.name or "Unknown registrant", cik=filer.cik)
        self.registrants.append(registrant)
        return registrant

    def remember(self, registrant: Registrant, filer: Filer) -> None:
        if filer.cik and registrant.cik is None:
            registrant.cik = filer.cik
        if registrant.cik:
            self.by_cik.setdefault(registrant.cik, registrant)
        fn = file_number_key(filer.file_number)
        if fn:
            self.by_file_number.setdefault(fn, registrant)
        irs = digits(filer.irs_number)
        if irs and irs.strip("0"):
            self.by_irs.setdefault(irs, registrant)
        name_key = normalise_name(filer.name)
        if name_key:
            self.by_name.setdefault(name_key, registrant)


def _absorb(registrant: Registrant, filer: Filer, date: str) -> None:
    """Fold one filer's facts into its registrant; later filings win for current facts."""
    if filer.name:
        for i, (name, first, last) in enumerate(registrant.names):
            if normalise_name(name) == normalise_name(filer.name):
                registrant.names[i] = (name, min(first or date, date) or None, max(last or "", date) or None)
                break
        else:
            registrant.names.append((filer.name, date or None, date or None))
    for attr in ("state_of_incorporation", "irs_number", "sic", "fiscal_year_end",
                 "business_address", "mail_address", "phone"):
        value = getattr(filer, attr)
        if value:
            setattr(registrant, attr, value)
    if filer.file_number and filer.file_number not in registrant.file_numbers:
        registrant.file_numbers.append(filer.file_number)
    known = {(f.name, f.date_changed) for f in registrant.former_names}
    for former in filer.former_names:
        if (former.name, former.date_changed) not in known:
            registrant.former_names.append(former)
            known.add((former.name, former.date_changed))


def build_archive(filings: list[Filing], problems: list[Problem] | None = None) -> Archive:
    """Link filings to registrants. Filings are processed oldest first, so current facts win."""
    ordered = sorted(filings, key=lambda f: (filing_date(f), f.id))
    matcher = _Matcher()
    archive = Archive(problems=list(problems or []))
    for filing in ordered:
        date = filing_date(filing)
        seen: set[str] = set()
        for filer in filing.filers:
            registrant, rule = matcher.match(filer)
            matcher.remember(registrant, filer)
            _absorb(registrant, filer, date)
            registrant.matched_by[rule] += 1
            if registrant.key in seen:
                continue
            seen.add(registrant.key)
            registrant.filings.append(Role(filing=filing, role=filer.role))
            archive._parties.setdefault(filing.id, []).append(Party(registrant=registrant, role=filer.role))
    for registrant in matcher.registrants:
        if registrant.names:
            registrant.names.sort(key=lambda n: (n[1] or "", n[0]))
            # The current name is the one seen last.
            registrant.name = max(registrant.names, key=lambda n: (n[2] or "", n[1] or ""))[0]
        registrant.filings.sort(key=lambda r: (filing_date(r.filing), r.filing.id), reverse=True)
    archive.filings = sorted(ordered, key=lambda f: (filing_date(f), f.id), reverse=True)
    archive.registrants = sorted(matcher.registrants, key=lambda r: (normalise_name(r.name), r.key))
    archive._by_key = {r.key: r for r in archive.registrants}
    return archive
