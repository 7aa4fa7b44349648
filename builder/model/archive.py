"""The archive: parsed filings linked to the registrants that filed them, and to each other.

`build_archive(filings, problems)` makes three kinds of links:

- **registrants**: `builder.model.registrants` decides which filers are one registrant (CIK,
  then file number, IRS number, name); this module folds each registrant's facts together: its
  names over time, former names, and the identity facts of its latest filing;
- **parties**: every filing's registrants with their roles, the one the filing is about first
  (`Filing.primary_filer`: the subject company or issuer of an SC 13G or Form 4, else the filer);
- **filing to filing**: the previous and next filing of the same (primary) registrant, and an
  amendment ("8-K/A") to what it amends (`builder.model.amendments`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from builder.model.amendments import find_original
from builder.model.filing import Address, Filer, Filing, FormerName, facts_digest
from builder.model.names import normalise_name, slugify
from builder.model.registrants import BORROWED_FILE_NUMBER_ROLES, Matcher, Merge, Occurrence


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
    #: The name the filing gives the registrant (it may be a former one).
    name_as_filed: str | None = None


@dataclass
class RegistrantName:
    """One name of a registrant and when it was used.

    Seen in filings (`first_seen` … `last_seen`, the dates of the first and last filing of the
    archive giving it), or known from a header's FORMER COMPANY block (`changed`: the DATE OF NAME
    CHANGE, the day it stopped being the name), or both.
    """

    name: str
    first_seen: str | None = None
    last_seen: str | None = None
    changed: str | None = None
    #: How many filings of the archive give this name.
    filings: int = 0


@dataclass
class Registrant:
    """One company (or person) across all its filings and all the names it used.

    `key` is the URL id: the 10-digit CIK when known, else a slug of the current name.
    """

    key: str
    name: str
    cik: str | None = None
    #: Every name: the ones seen in the archive's filings and the former names of headers, oldest first.
    names: list[RegistrantName] = field(default_factory=list)
    former_names: list[FormerName] = field(default_factory=list)
    state_of_incorporation: str | None = None
    file_numbers: list[str] = field(default_factory=list)
    irs_number: str | None = None
    sic: str | None = None
    fiscal_year_end: str | None = None
    business_address: Address | None = None
    mail_address: Address | None = None
    phone: str | None = None
    #: Newest first.
    filings: list[Role] = field(default_factory=list)
    #: How this registrant's filers were matched: rule → number of filers ("cik", "file number",
    #: "irs number", "name", "alone" for a filer without a CIK that matched nothing).
    matched_by: Counter = field(default_factory=Counter)
    #: The joins of filer groups made by a rule other than the CIK (see `builder.model.registrants`).
    merges: list[Merge] = field(default_factory=list)

    def form_counts(self) -> list[tuple[str, int]]:
        """(form type, number of filings), most frequent first."""
        counts = Counter(r.filing.form_type or "unknown" for r in self.filings)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def other_names(self) -> list[RegistrantName]:
        """Every name but the current one, oldest first."""
        current = normalise_name(self.name)
        return [n for n in self.names if normalise_name(n.name) != current]


@dataclass(frozen=True)
class ArchiveCounts:
    """How many filings, registrants, documents and problems an archive holds: what a build still
    says of it once the archive itself is let go of."""

    filings: int = 0
    registrants: int = 0
    documents: int = 0
    problems: int = 0


@dataclass
class Archive:
    """Every filing, every registrant and every problem of one build, and the links between them."""

    filings: list[Filing] = field(default_factory=list)
    registrants: list[Registrant] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Every join of filer groups made by a rule other than the CIK.
    merges: list[Merge] = field(default_factory=list)
    #: (rule, value) of the values left unused because registrants of different CIKs share them.
    ambiguous: list[tuple[str, str]] = field(default_factory=list)
    _parties: dict[str, list[Party]] = field(default_factory=dict, repr=False)
    _by_key: dict[str, Registrant] = field(default_factory=dict, repr=False)
    _previous: dict[str, Filing] = field(default_factory=dict, repr=False)
    _next: dict[str, Filing] = field(default_factory=dict, repr=False)
    _amends: dict[str, Filing] = field(default_factory=dict, repr=False)
    _amendments: dict[str, list[Filing]] = field(default_factory=dict, repr=False)

    def counts(self) -> ArchiveCounts:
        return ArchiveCounts(len(self.filings), len(self.registrants),
                             sum(len(f.documents) for f in self.filings), len(self.problems))

    def parties(self, filing: Filing) -> list[Party]:
        """The registrants a filing names, with their roles: the primary one first, then the
        others in the filing's own order."""
        return self._parties.get(filing.id, [])

    def primary(self, filing: Filing) -> Party | None:
        """The registrant the filing is about (see `Filing.primary_filer`)."""
        parties = self._parties.get(filing.id)
        return parties[0] if parties else None

    def registrant(self, key: str) -> Registrant | None:
        """The registrant with this URL key."""
        return self._by_key.get(key)

    def previous_filing(self, filing: Filing) -> Filing | None:
        """The filing of the same primary registrant just before this one (by date, then id)."""
        return self._previous.get(filing.id)

    def next_filing(self, filing: Filing) -> Filing | None:
        """The filing of the same primary registrant just after this one."""
        return self._next.get(filing.id)

    def amends(self, filing: Filing) -> Filing | None:
        """For an amendment ("8-K/A"), the filing it amends (rules in `builder.model.amendments`)."""
        return self._amends.get(filing.id)

    def amendments(self, filing: Filing) -> list[Filing]:
        """The amendments of a filing, oldest first."""
        return self._amendments.get(filing.id, [])

    def merge_counts(self) -> Counter:
        """Rule → how many registrants needed it to bring their filers together."""
        return Counter(rule for r in self.registrants for rule in {m.rule for m in r.merges})


def archive_facts(filings: list[Filing], problems: list[Problem], known: dict[str, str]) -> str:
    """What linking and the index pages are made of, as text to hash: the `facts_digest` of each
    filing in order (from `known`, source → digest, where it is; made and added there where not)
    and the problems."""
    facts = [known.get(f.source) or known.setdefault(f.source, facts_digest(f)) for f in filings]
    return repr((facts, [(p.source, p.reason, p.recovered) for p in problems]))


def filing_date(filing: Filing) -> str:
    """The date a filing is sorted by: filed date, else date of report, else ""."""
    return filing.filed_date or filing.period_of_report or ""


def _sort_key(filing: Filing) -> tuple[str, str]:
    return filing_date(filing), filing.id


def build_archive(filings: list[Filing], problems: list[Problem] | None = None) -> Archive:
    """Link filings to registrants and to each other. Linear in the number of filers."""
    ordered: list[Filing] = []
    ids: set[str] = set()
    for filing in sorted(filings, key=_sort_key):
        if filing.id not in ids:  # the same filing twice is published once
            ids.add(filing.id)
            ordered.append(filing)
    occurrences = [Occurrence(f, filer, filing_date(f)) for f in ordered for filer in f.filers]
    matcher = Matcher(occurrences)
    matcher.run()
    registrant_of: list[Registrant | None] = [None] * len(occurrences)
    registrants: list[Registrant] = []
    for members in matcher.groups():
        registrant = _fold([occurrences[i] for i in members])
        registrant.matched_by = Counter(matcher.via[i] for i in members)
        registrant.merges = list(matcher.group_merges(members))
        registrants.append(registrant)
        for i in members:
            registrant_of[i] = registrant
    _assign_keys(registrants)

    archive = Archive(problems=list(problems or []), ambiguous=list(matcher.ambiguous))
    node = 0
    for filing in ordered:
        parties: list[Party] = []
        by_registrant: dict[int, Party] = {}
        primary = filing.primary_filer
        filers = list(filing.filers)
        order = sorted(range(len(filers)), key=lambda i: filers[i] is not primary)
        for i in order:
            registrant = registrant_of[node + i]
            party = by_registrant.get(id(registrant))
            if party is None:
                party = Party(registrant=registrant, role=filers[i].role, name_as_filed=filers[i].name)
                by_registrant[id(registrant)] = party
                parties.append(party)
                registrant.filings.append(Role(filing=filing, role=filers[i].role))
            elif filers[i].role not in party.role.split(", "):
                party.role = f"{party.role}, {filers[i].role}"
                for role in registrant.filings[::-1]:
                    if role.filing is filing:
                        role.role = party.role
                        break
        node += len(filers)
        if parties:
            archive._parties[filing.id] = parties
    for registrant in registrants:
        registrant.filings.reverse()  # newest first (filings were added oldest first)
    _link_filings(archive, ordered)

    archive.filings = ordered[::-1]
    archive.registrants = sorted(registrants, key=lambda r: (normalise_name(r.name), r.key))
    archive.merges = [m for r in archive.registrants for m in r.merges]
    archive._by_key = {r.key: r for r in archive.registrants}
    return archive


def _fold(occurrences: list[Occurrence]) -> Registrant:
    """One registrant from its filers, oldest first: later filings win for the current facts."""
    registrant = Registrant(key="", name="")
    names: dict[str, RegistrantName] = {}
    counted: set[tuple[str, str]] = set()
    current: str | None = None
    for o in occurrences:
        filer = o.filer
        registrant.cik = registrant.cik or filer.cik
        if filer.name:
            current = filer.name
            key = normalise_name(filer.name) or filer.name
            entry = names.get(key)
            if entry is None:
                entry = names[key] = RegistrantName(name=filer.name)
            entry.name = filer.name  # the latest spelling
            if o.date:
                entry.first_seen = min(entry.first_seen or o.date, o.date)
                entry.last_seen = max(entry.last_seen or o.date, o.date)
            if (key, o.filing.id) not in counted:
                counted.add((key, o.filing.id))
                entry.filings += 1
        _absorb(registrant, filer)
    for former in registrant.former_names:
        key = normalise_name(former.name) or former.name
        entry = names.get(key)
        if entry is None:
            entry = names[key] = RegistrantName(name=former.name)
        if (former.date_changed or "") > (entry.changed or ""):
            entry.changed = former.date_changed
    registrant.name = current or "Unknown registrant"
    registrant.names = sorted(names.values(), key=lambda n: (n.first_seen or n.changed or "", n.name))
    registrant.former_names.sort(key=lambda f: (f.date_changed or "", f.name))
    return registrant


def _absorb(registrant: Registrant, filer: Filer) -> None:
    """Fold one filer's facts into its registrant: the later value wins."""
    for attr in ("state_of_incorporation", "irs_number", "sic", "fiscal_year_end",
                 "business_address", "mail_address", "phone"):
        value = getattr(filer, attr)
        if value:
            setattr(registrant, attr, value)
    if filer.file_number and filer.role not in BORROWED_FILE_NUMBER_ROLES \
            and filer.file_number not in registrant.file_numbers:
        registrant.file_numbers.append(filer.file_number)
    known = {(f.name, f.date_changed) for f in registrant.former_names}
    for former in filer.former_names:
        if former.name and (former.name, former.date_changed) not in known:
            registrant.former_names.append(former)
            known.add((former.name, former.date_changed))


def _assign_keys(registrants: list[Registrant]) -> None:
    """URL keys: the CIK, else a slug of the current name, made unique in a stable order."""
    taken = {r.cik for r in registrants if r.cik}
    slugged = [r for r in registrants if not r.cik]
    for r in registrants:
        if r.cik:
            r.key = r.cik
    # Stable whatever the input order: by slug, then by the first filing of the registrant.
    slugged.sort(key=lambda r: (slugify(normalise_name(r.name)), _first_id(r)))
    for r in slugged:
        key = base = slugify(normalise_name(r.name)) or "unknown"
        n = 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        taken.add(key)
        r.key = key


def _first_id(registrant: Registrant) -> str:
    return registrant.filings[-1].filing.id if registrant.filings else ""


def _link_filings(archive: Archive, ordered: list[Filing]) -> None:
    """Previous/next filing of each filing's primary registrant; amendments to what they amend."""
    position = {f.id: i for i, f in enumerate(ordered)}
    timelines: dict[int, list[Filing]] = {}
    for filing in ordered:  # oldest first
        primary = archive.primary(filing)
        if primary is not None:
            timelines.setdefault(id(primary.registrant), []).append(filing)
    for registrant in {id(p.registrant): p.registrant for ps in archive._parties.values() for p in ps[:1]}.values():
        timeline = timelines.get(id(registrant), [])
        # Neighbours among all of the registrant's filings (as filer, subject, owner ...).
        own = sorted((role.filing for role in registrant.filings), key=lambda f: position[f.id])
        at = {f.id: i for i, f in enumerate(own)}
        for filing in timeline:
            i = at[filing.id]
            if i > 0:
                archive._previous[filing.id] = own[i - 1]
            if i + 1 < len(own):
                archive._next[filing.id] = own[i + 1]
            original = find_original(filing, own, position)
            if original is not None:
                archive._amends[filing.id] = original
                archive._amendments.setdefault(original.id, []).append(filing)
