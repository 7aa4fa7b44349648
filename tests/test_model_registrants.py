"""The archive as a graph, on made-up filings: which filers are one registrant, who a filing is
about, and the links from filing to filing (previous/next, amendments)."""

from __future__ import annotations

import random

from builder.model.archive import build_archive
from builder.model.filing import Filer, Filing, FormerName
from builder.model.names import matching_file_number, matching_irs_number, matching_name

_counter = iter(range(1, 10_000))


def filing(*filers: Filer, form: str = "8-K", filed: str | None = "2005-01-03", period: str | None = None,
           accession: str | None = None, fid: str | None = None) -> Filing:
    n = next(_counter)
    f = Filing(source=f"f{n}.txt", shape="full-submission", form_type=form, filed_date=filed,
               period_of_report=period, accession_number=accession, filers=list(filers))
    f.id = fid or accession or f"x-{n:012d}"
    return f


def cover(name: str, **facts) -> Filer:
    """A registrant read from a cover page: no CIK."""
    return Filer(name=name, role="registrant", **facts)


def header(name: str, cik: str, role: str = "filer", **facts) -> Filer:
    return Filer(name=name, cik=cik, role=role, **facts)


def keys(archive) -> dict[str, list[str]]:
    """Registrant key → the ids of its filings, oldest first."""
    return {r.key: sorted((role.filing.id for role in r.filings)) for r in archive.registrants}


# -- the keys the rules match on -------------------------------------------------------------

def test_bogus_values_identify_nothing():
    assert matching_irs_number("04-3387074") == "043387074"
    for bogus in ("000000000", "00-0000000", "999999999", "123456789", "07-1234567", "1234", "N/A", None):
        assert matching_irs_number(bogus) == "", bogus
    assert matching_file_number("000-30229") == matching_file_number("0-30229") == "0-30229"
    for bogus in ("000-00000", "30229", "N/A", "", None, "001-0"):
        assert matching_file_number(bogus) == "", bogus
    assert matching_name("Sonus Networks, Inc.") == matching_name("SONUS NETWORKS INC /DE/")
    for bogus in ("The Registrant", "Inc.", "Item 1.", "WILLIAMSVILLE NY 14221", "Percentage of State or", "X"):
        assert matching_name(bogus) == "", bogus


# -- matching ------------------------------------------------------------------------------

def test_a_cik_less_filer_joins_the_registrant_with_a_cik_by_file_number_in_either_order():
    old = filing(cover("SPACEHAB, Incorporated", file_number="0-27206"), filed="2004-02-10")
    new = filing(header("SPACEHAB INC /WA/", "0001001907", file_number="000-27206"), filed="2006-01-05")
    for order in ([old, new], [new, old]):
        archive = build_archive(order)
        assert len(archive.registrants) == 1
        r = archive.registrants[0]
        assert r.key == r.cik == "0001001907"
        assert [(m.rule, m.value) for m in r.merges] == [("file number", "0-27206")]
        assert r.matched_by == {"cik": 1, "file number": 1}


def test_names_over_time_join_by_irs_number_and_keep_their_dates():
    a = filing(cover("SPACEHAB, Incorporated", file_number="0-27206", irs_number="91-1273737"), filed="2004-02-10")
    b = filing(cover("SPACEHAB, Incorporated", file_number="0-27206", irs_number="91-1273737"), filed="2004-05-11")
    c = filing(cover("Astrotech Corporation", file_number="001-34426", irs_number="91-1273737"), filed="2010-01-19")
    archive = build_archive([c, a, b])
    [r] = archive.registrants
    assert r.key == "astrotech-corp" and r.cik is None and r.name == "Astrotech Corporation"
    assert [(n.name, n.first_seen, n.last_seen, n.filings) for n in r.names] == [
        ("SPACEHAB, Incorporated", "2004-02-10", "2004-05-11", 2),
        ("Astrotech Corporation", "2010-01-19", "2010-01-19", 1),
    ]
    assert [n.name for n in r.other_names] == ["SPACEHAB, Incorporated"]
    assert {m.rule for m in r.merges} == {"file number", "irs number"}
    assert r.file_numbers == ["0-27206", "001-34426"]
    assert archive.merge_counts() == {"file number": 1, "irs number": 1}


def test_a_former_name_in_a_header_is_a_name_of_its_registrant():
    old = filing(cover("Tesla Motors, Inc."), filed=None)
    new = filing(header("Tesla, Inc.", "0001318605", former_names=[FormerName("Tesla Motors, Inc.", "2017-02-01")]),
                 filed="2020-02-13")
    archive = build_archive([old, new])
    [r] = archive.registrants
    assert r.key == "0001318605" and r.name == "Tesla, Inc."
    assert [(m.rule, m.value) for m in r.merges] == [("name", "Tesla Motors, Inc.")]
    assert [(n.name, n.changed, n.filings) for n in r.names][0] == ("Tesla Motors, Inc.", "2017-02-01", 1)


def test_two_ciks_are_never_one_registrant():
    a = filing(header("ACME CORP", "0000000001", file_number="001-11111", irs_number="11-1111111"))
    b = filing(header("ACME CORP", "0000000002", file_number="001-11111", irs_number="11-1111111"))
    archive = build_archive([a, b])
    assert sorted(keys(archive)) == ["0000000001", "0000000002"]
    assert not archive.merges


def test_a_value_two_ciks_share_is_ambiguous_and_joins_nothing():
    a = filing(header("FUND ONE", "0000000001", irs_number="52-2024849"))
    b = filing(header("FUND TWO", "0000000002", irs_number="52-2024849"))
    c = filing(cover("Fund, the third", irs_number="52-2024849"))
    archive = build_archive([a, b, c])
    assert len(archive.registrants) == 3
    assert archive.ambiguous == [("irs number", "52-2024849")]


def test_bogus_irs_numbers_and_captions_do_not_merge_strangers():
    a = filing(cover("ALPHA INC", irs_number="000000000"))
    b = filing(cover("BETA INC", irs_number="000000000"))
    c = filing(cover("Item 1."))
    d = filing(cover("Item 1."))
    archive = build_archive([a, b, c, d])
    assert len(archive.registrants) == 4
    assert sorted(keys(archive)) == ["alpha-inc", "beta-inc", "item-1", "item-1-2"]


def test_a_reporting_owners_file_number_is_the_issuers_not_its_own():
    form4 = filing(header("Lamercie Jean-Claude", "0001870985", role="reporting owner", file_number="001-04482"),
                   header("ARROW ELECTRONICS, INC.", "0000007536", role="issuer"), form="4",
                   accession="0001127602-25-004598")
    bare = filing(cover("Arrow Electronics, Inc.", file_number="1-4482"))
    archive = build_archive([form4, bare])
    owner = archive.registrant("0001870985")
    assert owner.file_numbers == [] and len(owner.filings) == 1
    # The bare 8-K joins Arrow by name, never the person by the borrowed file number.
    assert keys(archive)["0000007536"] == sorted([form4.id, bare.id])


def test_keys_are_stable_whatever_the_order_of_the_files():
    filings = [filing(cover(f"COMPANY {i % 7} INC", file_number=f"001-{i % 7 + 1:05d}"), filed=f"200{i % 9}-01-01")
               for i in range(40)]
    filings.append(filing(header("COMPANY 3 INC", "0000000033", file_number="001-00004")))
    expected = keys(build_archive(filings))
    for seed in range(3):
        shuffled = filings[:]
        random.Random(seed).shuffle(shuffled)
        assert keys(build_archive(shuffled)) == expected
    assert "0000000033" in expected and len(expected["0000000033"]) > 1


# -- who a filing is about ---------------------------------------------------------------------

def test_the_primary_registrant_is_the_subject_company_or_issuer_else_the_submitter_else_the_first():
    holder = header("GLAZER CAPITAL, LLC", "0001076809", role="filed by")
    subject = header("Avid Bioservices, Inc.", "0000704562", role="subject company")
    sc13g = filing(holder, subject, form="SC 13G", accession="0001076809-24-000144")
    subsidiaries = [header("ALABAMA POWER CO", "0000003153"), header("GEORGIA POWER CO", "0000041091"),
                    header("SOUTHERN CO", "0000092122"), header("GULF POWER CO", "0000044545")]
    southern = filing(*subsidiaries, accession="0000092122-05-000042")
    agent = filing(*subsidiaries[:2], accession="0000950123-05-000001")
    archive = build_archive([sc13g, southern, agent])
    assert sc13g.registrant_name == "Avid Bioservices, Inc."
    assert [p.role for p in archive.parties(sc13g)] == ["subject company", "filed by"]
    assert archive.primary(southern).registrant.name == "SOUTHERN CO"
    assert [p.registrant.cik for p in archive.parties(southern)] == ["0000092122", "0000003153", "0000041091",
                                                                     "0000044545"]
    assert archive.primary(agent).registrant.name == "ALABAMA POWER CO"
    for cik in ("0000003153", "0000041091", "0000092122", "0000044545"):
        assert southern in [role.filing for role in archive.registrant(cik).filings]


# -- filing to filing ---------------------------------------------------------------------------

def test_previous_next_and_amendments_of_one_registrant():
    acme = lambda: header("ACME CORP", "0000000001")  # noqa: E731
    other = filing(header("OTHER CORP", "0000000002"), filed="2004-03-01", period="2004-02-01")
    q1 = filing(acme(), filed="2004-02-11", period="2004-02-10")
    q2 = filing(acme(), filed="2004-05-12", period="2004-05-12")
    amendment = filing(acme(), form="8-K/A", filed="2004-06-01", period="2004-05-12")
    unrelated = filing(acme(), form="8-K/A", filed="2004-07-01", period="2004-07-01")
    archive = build_archive([q2, other, amendment, q1, unrelated])
    assert archive.previous_filing(q1) is None and archive.next_filing(q1) is q2
    assert archive.previous_filing(q2) is q1 and archive.next_filing(q2) is amendment
    assert archive.next_filing(unrelated) is None
    assert archive.amends(amendment) is q2 and archive.amendments(q2) == [amendment]
    assert archive.amends(unrelated) is None  # no 8-K of that period
    assert archive.previous_filing(other) is None and archive.next_filing(other) is None
