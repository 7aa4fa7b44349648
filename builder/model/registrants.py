"""Which filers of which filings are one registrant (a company, or a person).

EDGAR names a filer by its CIK; a bare document (a cover page, no SGML header) has none. So
filers are matched by these rules, in this order (`docs/edgar.md`, "Pitfalls"):

1. **CIK**: the same CIK is the same registrant; two different CIKs never are.
2. **file number**: the same commission file number ("000-30229" = "0-30229").
3. **irs number**: the same IRS employer identification number.
4. **name**: the same normalised name ("Sonus Networks, Inc." = "SONUS NETWORKS INC"); a header's
   FORMER COMPANY names count as names of their registrant.

Rules 2-4 only ever join a group without a CIK to another group (with or without one): they
never join two CIKs. Guards against false matches:

- values that identify nothing are not keys (`names.matching_*`): "000000000", "000-00000",
  "The Registrant";
- a value that groups of two different CIKs share is ambiguous and not used at all;
- a reporting owner's or a filed-by party's commission file number is the issuer's (EDGAR
  repeats it in their FILING VALUES): not a key of theirs.

The matching is a union-find over every filer of every filing, so the outcome does not depend
on the order files come in: a CIK-less 2004 cover page joins the CIK its 2010 header gives.
Every value that joined groups under rules 2-4 is recorded as a `Merge`.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model.filing import Filer, Filing
from builder.model.names import matching_file_number, matching_irs_number, matching_name

#: The rules after the CIK, in the order they are applied.
RULES = ("file number", "irs number", "name")
#: Roles whose commission file number is another party's (the issuer's), not their own.
BORROWED_FILE_NUMBER_ROLES = ("reporting owner", "filed by")


@dataclass(frozen=True)
class Merge:
    """Filers brought together into one registrant by one value, under a rule other than the CIK."""

    rule: str  #: "file number", "irs number" or "name"
    value: str  #: the value they share, as the first of their filings prints it
    #: The distinct names the filers gave (in the order of their filings).
    names: tuple[str, ...]
    filers: int  #: how many filers have the value
    groups: int  #: how many groups (of one CIK, or of filers matched so far) it joined


@dataclass
class Occurrence:
    """One filer of one filing: the unit the rules match."""

    filing: Filing
    filer: Filer
    date: str  #: the filing's date (filed, else of report), "" when unknown


def filer_keys(filer: Filer) -> dict[str, list[tuple[str, str]]]:
    """The matching keys of a filer by rule: rule → [(key, value as printed)]."""
    keys: dict[str, list[tuple[str, str]]] = {rule: [] for rule in RULES}
    if filer.role not in BORROWED_FILE_NUMBER_ROLES:
        fn = matching_file_number(filer.file_number)
        if fn:
            keys["file number"].append((fn, filer.file_number or ""))
    irs = matching_irs_number(filer.irs_number)
    if irs:
        keys["irs number"].append((irs, filer.irs_number or ""))
    for name in [filer.name, *(f.name for f in filer.former_names)]:
        key = matching_name(name)
        if key and all(key != k for k, _ in keys["name"]):
            keys["name"].append((key, name or ""))
    return keys


class Matcher:
    """The union-find: one node per occurrence, groups of nodes that are one registrant."""

    def __init__(self, occurrences: list[Occurrence]) -> None:
        self.occurrences = occurrences
        n = len(occurrences)
        self.parent = list(range(n))
        self.size = [1] * n
        #: Per group root: the CIK of the group (at most one).
        self.cik: list[str | None] = [o.filer.cik or None for o in occurrences]
        #: Per node: the rule that tied it to its registrant ("cik", a rule of RULES, "alone").
        self.via: list[str | None] = ["cik" if o.filer.cik else None for o in occurrences]
        #: Per group root: its nodes still without `via`, labelled when the group takes part in a merge.
        self.unlabelled: dict[int, list[int]] = {i: [i] for i in range(n) if self.via[i] is None}
        self.merges: dict[int, list[Merge]] = {}
        #: Keys left unused because groups of different CIKs share them: (rule, value).
        self.ambiguous: list[tuple[str, str]] = []

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int, rule: str | None = None) -> bool:
        """Join the groups of nodes `a` and `b` (their CIKs must agree): whether they were two.

        With a `rule`, the filers of both groups without a CIK are labelled as matched by it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rule is not None:
            for root in (ra, rb):
                for node in self.unlabelled.pop(root, []):
                    self.via[node] = rule
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.cik[ra] = self.cik[ra] or self.cik[rb]
        moved = self.unlabelled.pop(rb, [])
        if moved:
            self.unlabelled.setdefault(ra, []).extend(moved)
        merges = self.merges.pop(rb, [])
        if merges:
            self.merges.setdefault(ra, []).extend(merges)
        return True

    def run(self) -> None:
        """Apply the rules in order: CIK first, then file number, IRS number, name."""
        by_cik: dict[str, int] = {}
        for i, o in enumerate(self.occurrences):
            if o.filer.cik:
                self.union(by_cik.setdefault(o.filer.cik, i), i)
        keys = [filer_keys(o.filer) for o in self.occurrences]
        for rule in RULES:
            # Key → its nodes (in occurrence order) and the value as first printed.
            nodes: dict[str, list[int]] = {}
            printed: dict[str, str] = {}
            for i, by_rule in enumerate(keys):
                for key, value in by_rule[rule]:
                    nodes.setdefault(key, []).append(i)
                    printed.setdefault(key, value)
            for key, members in nodes.items():
                roots = {self.find(i) for i in members}
                if len(roots) < 2:
                    continue
                ciks = {self.cik[r] for r in roots if self.cik[r]}
                if len(ciks) > 1:
                    self.ambiguous.append((rule, printed[key]))
                    continue
                for i in members[1:]:
                    self.union(members[0], i, rule)
                names = tuple(dict.fromkeys(n for n in (self.occurrences[i].filer.name for i in members) if n))
                merge = Merge(rule=rule, value=printed[key], names=names, filers=len(members), groups=len(roots))
                self.merges.setdefault(self.find(members[0]), []).append(merge)

    def groups(self) -> list[list[int]]:
        """The groups (lists of node indexes, in occurrence order), in order of their first node."""
        by_root: dict[int, list[int]] = {}
        for i in range(len(self.occurrences)):
            by_root.setdefault(self.find(i), []).append(i)
        for root in by_root:
            for node in self.unlabelled.get(root, []):
                self.via[node] = "alone"
        return sorted(by_root.values(), key=lambda members: members[0])

    def group_merges(self, members: list[int]) -> list[Merge]:
        return self.merges.get(self.find(members[0]), [])
