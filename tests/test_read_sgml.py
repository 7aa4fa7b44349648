"""Splitting broken and unusual SGML: truncation, missing tags, repeats, odd tag spelling."""

from __future__ import annotations

from pathlib import Path


from builder.read import Shape, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "read"
TESLA = (FIXTURES / "files" / "0001564590-20-004475-minimal.txt").read_text(encoding="utf-8")
FORM4 = (FIXTURES / "files" / "0001094891-00-000193.txt").read_text(encoding="utf-8")
ZURN = (FIXTURES / "files" / "109446_8K_1994_0000109446-94-000008.txt").read_text(encoding="utf-8")
UPLOAD = FIXTURES / "folders" / "edgar" / "data" / "1875558" / "000000000026001655" / "0000000000-26-001655.txt"


def read_text(tmp_path: Path, text: str, name: str = "filing.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path, tmp_path)


def test_truncated_submission_keeps_the_text_there_is_and_says_so():
    sub = read_source(FIXTURES / "derived" / "truncated.txt")
    assert sub.shape == Shape.FULL_SUBMISSION
    main, exhibit = sub.documents
    assert main.type == "10-K" and main.text.endswith("</html>")
    assert exhibit.type == "EX-21.1"
    assert exhibit.text.rstrip().endswith("Tesla Energy Operations, Inc. (Delaware)</p>")
    assert any("document 2 (EX-21.1) has no </TEXT>" in p and "end of the file" in p for p in sub.problems)


def test_document_missing_its_text_close_runs_to_the_next_document(tmp_path):
    broken = TESLA.replace("</TEXT>", "", 1)
    sub = read_text(tmp_path, broken)
    main, exhibit = sub.documents
    assert exhibit.type == "EX-21.1" and "Subsidiaries of Tesla" in exhibit.text
    assert "<DOCUMENT>" not in main.text and "</DOCUMENT>" not in main.text
    assert any("document 1 (10-K) has no </TEXT>" in p and "next document" in p for p in sub.problems)


def test_document_without_text_tag_is_kept_without_text(tmp_path):
    second = TESLA.index("<TYPE>EX-21.1")
    broken = TESLA[:second] + TESLA[second:].replace("<TEXT>", "", 1).replace("</TEXT>", "", 1)
    sub = read_text(tmp_path, broken)
    main, exhibit = sub.documents
    assert main.text and exhibit.text is None
    assert (exhibit.type, exhibit.filename) == ("EX-21.1", "tsla-ex211_20191231.htm")
    assert "document 2 (EX-21.1) has no <TEXT>; kept without text" in sub.problems


def test_missing_document_close_is_reported_and_reading_goes_on(tmp_path):
    sub = read_text(tmp_path, TESLA.replace("</DOCUMENT>", "", 1))
    assert [d.type for d in sub.documents] == ["10-K", "EX-21.1"]
    assert "document 1 (10-K) has no </DOCUMENT>" in sub.problems


def test_empty_text_is_an_empty_string_with_a_problem(tmp_path):
    start = TESLA.index("<html>\n<head><title>Exhibit 21.1")
    end = TESLA.index("</TEXT>", start)
    sub = read_text(tmp_path, TESLA[:start] + TESLA[end:])
    assert sub.documents[1].text == ""
    assert "document 2 (EX-21.1) has an empty <TEXT>" in sub.problems


def test_whole_filing_repeated_in_one_file_is_read_once(tmp_path):
    sub = read_text(tmp_path, TESLA + "\n" + TESLA + TESLA)
    assert [d.type for d in sub.documents] == ["10-K", "EX-21.1"]
    assert "the whole submission is repeated 2 more time(s) in the file; read once" in sub.problems


def test_pem_wrapped_ims_filing_repeated_is_read_once(tmp_path):
    sub = read_text(tmp_path, ZURN + ZURN)
    assert sub.shape == Shape.IMS_SUBMISSION
    assert len(sub.documents) == 1
    assert any("repeated 1 more time" in p for p in sub.problems)


def test_a_different_submission_after_the_first_is_reported_not_mixed_in(tmp_path):
    sub = read_text(tmp_path, TESLA + FORM4)
    assert [d.type for d in sub.documents] == ["10-K", "EX-21.1"]
    assert any("other submission(s)" in p and "0001094891-00-000193" in p for p in sub.problems)


def test_a_document_repeated_exactly_is_kept_once(tmp_path):
    start = TESLA.index("<DOCUMENT>\n<TYPE>EX-21.1")
    end = TESLA.index("</DOCUMENT>", start) + len("</DOCUMENT>")
    sub = read_text(tmp_path, TESLA[:end] + "\n" + TESLA[start:end] + TESLA[end:])
    assert [d.type for d in sub.documents] == ["10-K", "EX-21.1"]
    assert "document 3 (EX-21.1) repeats document 2 exactly; kept once" in sub.problems


def test_lower_case_tags_with_trailing_spaces_read_like_upper_case(tmp_path):
    text = (
        "<document>\n<type>8-K  \n<sequence>1 \n<filename>a8k.txt\t\n<description>CURRENT REPORT \n"
        "<text>\nFORM 8-K\n</text>\n</document>\n"
    )
    [doc] = read_text(tmp_path, text).documents
    assert (doc.type, doc.sequence, doc.filename, doc.description) == ("8-K", "1", "a8k.txt", "CURRENT REPORT")
    assert doc.text == "FORM 8-K"


def test_document_tags_run_together_on_one_line(tmp_path):
    text = (
        "<DOCUMENT><TYPE>EX-99.1<SEQUENCE>2<FILENAME>ex991.htm<DESCRIPTION>PRESS RELEASE"
        "<TEXT><p>Hi</p></TEXT></DOCUMENT>"
    )
    sub = read_text(tmp_path, text)
    [doc] = sub.documents
    assert (doc.type, doc.sequence, doc.filename, doc.description) == ("EX-99.1", "2", "ex991.htm", "PRESS RELEASE")
    assert doc.text == "<p>Hi</p>"
    assert sub.problems == []


def test_junk_lines_before_the_submission_are_skipped_with_a_problem(tmp_path):
    sub = read_text(tmp_path, "\n\nHTTP/1.1 200 OK\nContent-Type: text/plain\n\n" + TESLA)
    assert sub.shape == Shape.FULL_SUBMISSION
    assert sub.header == read_source(FIXTURES / "files" / "0001564590-20-004475-minimal.txt").header
    assert len(sub.documents) == 2
    assert "42 characters before <SEC-DOCUMENT> were skipped" in sub.problems


def test_uuencoded_pdf_is_decoded_to_data_and_has_no_text():
    sub = read_source(UPLOAD)
    pdf, letter = sub.documents
    assert (pdf.type, pdf.filename) == ("LETTER", "filename1.pdf")
    assert pdf.text is None
    assert pdf.data.startswith(b"%PDF-1.") and b"%%EOF" in pdf.data[-16:]
    assert letter.type == "TEXT-EXTRACT" and "we have not reviewed" in letter.text
    assert sub.problems == []


def test_broken_uuencode_lines_are_skipped_and_reported_with_partial_data(tmp_path):
    text = UPLOAD.read_text(encoding="utf-8")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("begin 644"))
    lines[first + 3] = "M~~~~ not uuencode at all ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"
    sub = read_text(tmp_path, "\n".join(lines))
    pdf = sub.documents[0]
    assert pdf.text is None and pdf.data.startswith(b"%PDF-1.")
    assert len(pdf.data) == len(read_source(UPLOAD).documents[0].data) - 45
    assert any("1 broken line(s) skipped" in p for p in sub.problems)


def test_uuencode_without_end_line_is_reported_as_truncated(tmp_path):
    text = UPLOAD.read_text(encoding="utf-8").replace("\nend\n</PDF>", "\n</PDF>", 1)
    sub = read_text(tmp_path, text)
    assert sub.documents[0].data.startswith(b"%PDF-1.")
    assert any("has no 'end' line" in p for p in sub.problems)
