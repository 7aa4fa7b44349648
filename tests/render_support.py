"""Archives built by hand for the render tests: the seed, a full submission, hostile input.

The seed's values are the contract values of `inspect --json` (see test_site.py); its text
is the fixture copy `tests/fixtures/render/seed.txt`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from builder.model.archive import Archive, Problem, build_archive
from builder.model.filing import Address, Document, Exhibit, Filer, Filing, FormerName, Item, Signature
from builder.render import GeneratedFile, render_site

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "site_templates"
SEED_TEXT_PATH = REPO / "tests" / "fixtures" / "render" / "seed.txt"
SEED_SOURCE = "filings/sonus-networks/004_edb917d2bca7005c.txt"
SEED_DESCRIPTION = ("Press release dated October 8, 2003 reporting the financial results of "
                    "Sonus Networks, Inc. for the fiscal quarter ended September 30, 2003.")
SEED_SIGNER_TITLE = "Chief Financial Officer, Vice President of Finance and Administration and Treasurer"
#: The smallest GIF there is: 1x1, transparent.
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
       b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def seed_text() -> str:
    return SEED_TEXT_PATH.read_text(encoding="ascii")


def seed_id() -> str:
    return "x-" + hashlib.sha1(SEED_TEXT_PATH.read_bytes()).hexdigest()[:12]


def seed_filing() -> Filing:
    """The seed as the parse stage reads it: a bare plain-text 8-K, no header, no accession."""
    text = seed_text()
    return Filing(
        source=SEED_SOURCE,
        shape="bare-document",
        source_paths=[SEED_SOURCE],
        form_type="8-K",
        period_of_report="2003-10-08",
        filers=[Filer(
            name="SONUS NETWORKS, INC.", role="registrant", state_of_incorporation="DE",
            file_number="000-30229", irs_number="04-3387074",
            business_address=Address(text="5 CARLISLE ROAD, WESTFORD, MASSACHUSETTS 01886"),
            phone="(978) 692-8999",
        )],
        items=[Item(number="12", title="Results of Operations and Financial Condition",
                    offset=text.index("Item 12."))],
        signatures=[Signature(name="Stephen J. Nill", title=SEED_SIGNER_TITLE, date="2003-10-08")],
        exhibits=[Exhibit(number="99.1", description=SEED_DESCRIPTION, included=False)],
        documents=[Document(type="8-K", format="text", text=text)],
        id=seed_id(),
    )


ASTA_ID = "0001125282-04-000379"
ASTA_HEADLINE = "ASTA FUNDING REPORTS RECORD FIRST QUARTER FISCAL 2004 RESULTS"


def full_submission() -> Filing:
    """A full submission (made up, in the shape of EDGAR's): header facts, the report, an
    included text exhibit, an HTML exhibit showing the submission's graphic, the GRAPHIC."""
    report = textwrap.dedent("""\
        SECURITIES AND EXCHANGE COMMISSION
                      FORM 8-K

                  ASTA FUNDING, INC.
        <PAGE>
        Item 7. Financial Statements and Exhibits.

            (c) Exhibits: 99.1 Press release.

        Item 12. Results of Operations and Financial Condition.

            See the press release attached as Exhibit 99.1.
        """)
    release = f"\t\t{ASTA_HEADLINE}\n\nEnglewood Cliffs, New Jersey - revenues grew.\n"
    html_exhibit = ('<html><body><p>Letter <b>to</b> holders</p><img src="logo.gif" alt="Asta logo">'
                    '<table><tr><td>Revenue</td><td align="right">1,234</td></tr></table>'
                    '<script>alert(1)</script></body></html>')
    return Filing(
        source=f"filings/asta-funding/1001258_8K_2004_{ASTA_ID}.txt",
        shape="full-submission",
        source_paths=[f"filings/asta-funding/1001258_8K_2004_{ASTA_ID}.txt"],
        accession_number=ASTA_ID,
        form_type="8-K",
        period_of_report="2004-02-12",
        filed_date="2004-02-13",
        filers=[Filer(
            name="ASTA FUNDING INC", role="filer", cik="0001001258", sic="6153",
            irs_number="223388607", state_of_incorporation="DE", fiscal_year_end="0930",
            file_number="000-26906",
            business_address=Address(street1="210 SYLVAN AVE", city="ENGLEWOOD CLIFFS", state="NJ", zip="07632"),
            phone="2015675648",
            former_names=[FormerName(name="ASTA GROUP INC", date_changed="1995-11-13")],
        )],
        items=[Item(number="7", title="Financial Statements, Pro Forma Financial Information and Exhibits",
                    offset=report.index("Item 7.")),
               Item(number="12", title="Results of Operations and Financial Condition",
                    offset=report.index("Item 12."))],
        signatures=[Signature(name="Mitchell Herman", title="Chief Financial Officer", date="2004-02-13")],
        exhibits=[Exhibit(number="99.1", description="Press release", included=True, document_sequence=2),
                  Exhibit(number="99.2", description="Letter to holders", included=True, document_sequence=3)],
        documents=[
            Document(sequence=1, type="8-K", filename="form8k.txt", description="Form 8-K", text=report),
            Document(sequence=2, type="EX-99.1", filename="ex99-1.txt", description="Press release", text=release),
            Document(sequence=3, type="EX-99.2", filename="ex99-2.htm", description="Letter to holders",
                     format="html", text=html_exhibit),
            Document(sequence=4, type="GRAPHIC", filename="logo.gif", description="Asta logo",
                     format="binary", data=GIF),
        ],
        id=ASTA_ID,
    )


def seed_archive() -> Archive:
    return build_archive([seed_filing()])


def sample_archive(*extra: Filing, problems: list[Problem] | None = None) -> Archive:
    return build_archive([seed_filing(), full_submission(), *extra], problems)


def render(archive: Archive) -> dict[str, str | bytes]:
    """Render an archive with the project's templates: path → content."""
    return {g.path: g.content for g in render_site(archive, TEMPLATES)}


MKDOCS_YML = """\
site_name: Render test archive
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  custom_dir: {overrides}
  features:
    - navigation.top
    - search.highlight
    - content.code.copy
extra_css:
  - assets/archive.css
nav:
  - Home: index.md
  - Registrants: registrants/index.md
  - Filings: filings/index.md
  - Problems: problems.md
not_in_nav: |
  /filings/
  /registrants/
  /forms/
  /items/
  /industries/
  /states/
  /problems/
plugins:
  - search
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - tables
  - toc:
      permalink: true
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""


def write_docs(files: list[GeneratedFile], docs: Path) -> None:
    """The generated files plus the static assets of `site_templates/docs`, into `docs`."""
    for asset in sorted((TEMPLATES / "docs").rglob("*")):
        if asset.is_file():
            target = docs / asset.relative_to(TEMPLATES / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.read_bytes())
    for g in files:
        target = (docs / g.path).resolve()
        assert target.is_relative_to(docs.resolve()), g.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(g.content, bytes):
            target.write_bytes(g.content)
        else:
            target.write_text(g.content, encoding="utf-8")


def build_site(archive: Archive, tmp: Path, filings_dir: Path | None = None) -> tuple[Path, str, int]:
    """Render, write the docs folder, run the real `mkdocs build --strict`: (site, log, exit code)."""
    docs, site = tmp / "docs", tmp / "site"
    write_docs(render_site(archive, TEMPLATES, filings_dir=filings_dir), docs)
    config = tmp / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(docs=docs, site=site, overrides=TEMPLATES / "overrides"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, cwd=tmp, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return site, result.stdout + result.stderr, result.returncode


#: Filing-derived strings that must come out as text, wherever they are shown.
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_DESCRIPTION = "[link](javascript:alert(1)) *bold* _it_ a|b {{ config }} {% if x %}"


def hostile_filing() -> Filing:
    """A filing whose every field tries to become markup, a link, a template or a path."""
    return Filing(
        source="filings/evil/<script>alert(1)</script>.txt",
        shape="full-submission",
        source_paths=["filings/evil/<script>alert(1)</script>.txt"],
        accession_number="0000000001-24-000001",
        form_type="8-K<script>alert(1)</script>",
        filed_date="2024-01-02",
        filers=[Filer(
            name=HOSTILE_NAME, role="filer", cik="0000000001",
            state_of_incorporation="{% raw %}", file_number="| x |", irs_number="*1*",
            business_address=Address(text="<b onmouseover=alert(1)>1 Main St</b>"),
            phone="[call](javascript:alert(1))",
            former_names=[FormerName(name="# Heading\n- list\n1. item", date_changed="2001-01-01")],
        )],
        items=[Item(number="2.02", title="{#id} <script>alert(1)</script>")],
        signatures=[Signature(name="![x](javascript:alert(1))", title="</td></tr><script>x</script>", date="2024-01-02")],
        exhibits=[
            Exhibit(number="99.1", description=HOSTILE_DESCRIPTION, included=False),
            Exhibit(number="99.1", description="The same number again", included=True, document_sequence=3),
        ],
        documents=[
            Document(sequence=1, type="8-K", filename="../../../../etc/passwd", format="text",
                     text="</pre><script>alert(1)</script>\n<PAGE>\n{{ 7*7 }} {% raw %}\n"),
            Document(sequence=2, type="GRAPHIC", filename="/abs/../..\\evil.html", format="binary",
                     data=b"<script>alert(1)</script>"),
            Document(sequence=3, type="EX-99.1", filename="..", format="html",
                     text='<p onclick="x()">Hi<img src=x onerror=alert(1)>'
                          '<a href="javascript:alert(1)">j</a><iframe src="https://evil"></iframe></p>'),
        ],
        problems=["<script>alert('problem')</script>"],
        id="0000000001-24-000001",
    )
