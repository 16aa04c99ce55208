"""PDF transcripts: the text layer read back into paragraphs and turns, without running heads,
page numbers or numbers in the margin, hyphenated words joined, two columns read in turn,
Persian in the order it was written; a protected, scanned or broken PDF is one line."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, make, source_of
from exporters.errors import ContentError
from exporters.importers import import_file
from exporters.importers import pdf as pdf_reader
from exporters.model import read_interview
from test_import_roles import imported, turns

sys.path.insert(0, str(REPO / "benchmarks"))
from import_accuracy import filled, plain  # noqa: E402 - the benchmark's own rules

FONTS = REPO / "templates" / "fonts"
STYLE = f"""
@font-face {{ font-family: Body; src: url({(FONTS / 'GentiumBookPlus-Regular.ttf').as_uri()}) }}
@font-face {{ font-family: Naskh; src: url({(FONTS / 'NotoNaskhArabic-Regular.ttf').as_uri()}) }}
html {{ font-family: Body, Naskh; font-size: 11pt; line-height: 1.4 }}
"""
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"),
                                   reason="poppler-utils (tests/tools/install.sh)")

ANSWER = ("I climb aboard ships outside the harbour and steer them to their berth, and the "
          "captain knows the ship while I know the water: the shallows, the currents, the "
          "tugs and the moods of the weather over the breakwater. ")


def pdf(path: Path, body: str, css: str = "", lang: str = "en", direction: str = "ltr") -> Path:
    """A PDF that WeasyPrint makes of ``body``, set in the project's fonts."""
    import weasyprint

    html = (f"<html lang='{lang}' dir='{direction}'><head><style>{STYLE}{css}</style></head>"
            f"<body>{body}</body></html>")
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def oral_history(turn_count: int = 12) -> str:
    said = []
    for number in range(turn_count):
        said.append(f"<p>ORTIZ: What happened in the winter of {1960 + number}?</p>")
        said.append(f"<p>VALE: {ANSWER * 2}It was an extra&shy;ordinary year, number "
                    f"{number}.</p>")
    return "<h1>Bringing Them In</h1>" + "".join(said)


PAGED = """@page { size: A6; margin: 15mm 12mm;
  @top-center { content: "Oral History of Ruth Vale"; font-size: 8pt }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }
p { hyphens: manual }"""


def test_a_transcript_pdf_is_read_into_turns_without_its_running_heads_or_page_numbers(
        tmp_path):
    source = pdf(tmp_path / "vale.pdf", oral_history(), PAGED)
    assert len(pypdf.PdfReader(source).pages) >= 4
    done = import_file(source)
    front, body = imported(source)
    assert turns(body)[:4] == [("Q", "What"), ("A", "I"), ("Q", "What"), ("A", "I")]
    assert len(turns(body)) == 24 and front["title"] == "Bringing Them In"
    assert (front["interviewer"], front["interviewee"]) == ("Ortiz", "Vale"), front
    assert "Oral History of Ruth Vale" not in body and not re.search(r"Page \d", body)
    assert body.count("It was an extraordinary year") == 12  # the hyphen at a line's end gone
    assert ANSWER.strip() in body  # an answer's lines and pages one paragraph again
    report = "\n".join(done.report.lines())
    assert "(a running head or foot): 'Oral History of Ruth Vale'" in report
    assert f"vale.pdf:1: {len(pypdf.PdfReader(source).pages)} page numbers" in report, report


def test_numbers_in_the_margin_are_not_read_as_words(tmp_path):
    """A transcript that numbers its paragraphs in the margin, as court and oral-history
    transcripts do: the numbers are no part of the turns, and the labels still open them."""
    css = ("body { counter-reset: n; padding-left: 14mm }"
           "p { counter-increment: n; position: relative }"
           "p::before { content: counter(n); position: absolute; left: -14mm }")
    source = pdf(tmp_path / "numbered.pdf", oral_history(4), css)
    _, body = imported(source)
    assert turns(body) == [("Q", "What"), ("A", "I")] * 4, body
    assert not re.search(r"^\w+: \d", body, re.M) and not re.search(r"\b[2-9] ORTIZ", body)


def test_two_columns_are_read_one_after_the_other(tmp_path):
    css = "@page { size: A4 landscape; margin: 15mm } body { columns: 2; column-gap: 20mm }"
    source = pdf(tmp_path / "columns.pdf", oral_history(6), css)
    _, body = imported(source)
    assert turns(body) == [("Q", "What"), ("A", "I")] * 6, body
    assert [int(year) for year in re.findall(r"winter of (\d+)", body)] == list(range(1960, 1966))


def test_paragraphs_told_by_their_first_lines_indent(tmp_path):
    """A book's paragraphs, set close with their first line indented: each is one."""
    css = "p { margin: 0; text-indent: 2em; text-align: justify }"
    paragraphs = "".join(f"<p>{ANSWER}Paragraph {number} ends here.</p>" for number in range(4))
    source = pdf(tmp_path / "book.pdf", "<p>Q: Where do you work?</p>" + paragraphs, css)
    _, body = imported(source)
    assert [len(re.findall(rf"Paragraph {n} ends here\.$", body, re.M)) for n in range(4)] \
        == [1, 1, 1, 1], body


PERSIAN_ANSWER = ("در انتهای سرای نارنج در بازار قدیم شهر دکانی هست که بوی سریشم و کاغذ کهنه "
                  "از آن بیرون می زند و صاحبش از نوجوانی پشت همین پیشخوان نشسته است. ")


@needs_poppler
def test_persian_paragraphs_told_by_their_first_lines_indent(tmp_path):
    """Right to left, a paragraph's short last line ends where the others do: it is no
    first line set in."""
    css = "p { margin: 0; text-indent: 2em; text-align: justify }"
    paragraphs = "".join(f"<p>{PERSIAN_ANSWER * 3}بند {number} اینجا تمام می شود.</p>"
                         for number in "۱۲۳۴")
    source = pdf(tmp_path / "book.pdf", "<p>س: کجا کار می کنید؟</p>" + paragraphs, css,
                 lang="fa", direction="rtl")
    _, body = imported(source)
    assert re.findall(r"^(?:A: )?در انتهای .* بند (.) اینجا تمام می شود\.$", body, re.M) \
        == list("۱۲۳۴"), body


def persian_pdf(path: Path) -> Path:
    body = ("<h1>دست‌هایی که کتاب را دوباره زنده می‌کنند</h1><p>نسرین فرهادی: شاگردی در آن "
            "سال‌ها چطور بود؟</p><p>یدالله رهنما: سخت و بی‌مزد.</p>")
    return pdf(path, body, lang="fa", direction="rtl")


def questions(markdown_file: Path) -> list[str]:
    """The first words of each question of a content file, as its build reads them."""
    interview = read_interview(markdown_file, markdown_file.parent)
    return [" ".join(plain(turn.blocks[0].html).split()[:8]) for turn in interview.body.turns
            if turn.kind == "question"]


@needs_poppler
@pytest.mark.parametrize("slug", ["harbour-pilot", "night-shift", "bookbinder-en",
                                  "bookbinder-fa"])
def test_our_own_pdf_editions_import_back_with_their_questions(samples, tmp_path, slug):
    """A screen PDF this project made, running heads, page numbers, notes and all, imports
    as the interview it was made from: the same questions in order, the same people, the
    Persian as it was written (joiners, digits, a number's stop), read in poppler's order."""
    done = import_file(samples / slug / f"{slug}.pdf")
    imported_file = tmp_path / "imported.md"
    imported_file.write_text(filled(done.document.markdown()), encoding="utf-8")
    source = source_of(slug)
    assert questions(imported_file) == questions(source)
    wanted = read_interview(source, source.parent).meta
    got = read_interview(imported_file, tmp_path).meta
    assert (got.interviewers, got.interviewees, got.title) == (
        wanted.interviewers, wanted.interviewees, wanted.title)


def test_without_poppler_latin_text_is_read_and_arabic_script_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "pdftotext", lambda: "")
    _, body = imported(pdf(tmp_path / "vale.pdf", oral_history(3), PAGED))
    assert turns(body) == [("Q", "What"), ("A", "I")] * 3, body
    with pytest.raises(ContentError) as refused:
        import_file(persian_pdf(tmp_path / "bookbinder.pdf"))
    assert "install poppler-utils" in str(refused.value.problem)


def refusal(source: Path) -> str:
    with pytest.raises(ContentError) as raised:
        import_file(source)
    line = str(raised.value.problem)
    assert "\n" not in line and source.name in line, line
    return line


def test_a_protected_or_scanned_pdf_is_one_line_saying_what_to_do(tmp_path):
    writer = pypdf.PdfWriter(clone_from=pdf(tmp_path / "open.pdf", oral_history(2)))
    writer.encrypt(user_password="harbour", owner_password="harbour")
    with (tmp_path / "locked.pdf").open("wb") as stream:
        writer.write(stream)
    assert "protected by a password" in refusal(tmp_path / "locked.pdf")
    scan = pdf(tmp_path / "scan.pdf", "<div style='height: 50mm; background: #888'></div>")
    assert "holds no text, only pictures" in refusal(scan) and "OCR" in refusal(scan)


def test_a_pdf_is_read_as_one_whatever_its_name(tmp_path):
    source = pdf(tmp_path / "vale.pdf", oral_history(2))
    named_as_text = tmp_path / "vale.txt"
    named_as_text.write_bytes(source.read_bytes())
    _, body = imported(named_as_text)
    assert turns(body) == [("Q", "What"), ("A", "I")] * 2, body


def test_a_cut_pdf_is_one_line_and_pypdf_says_nothing_on_the_terminal(tmp_path):
    data = pdf(tmp_path / "whole.pdf", oral_history(2)).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:len(data) // 3])
    done = make("import", "cut.pdf", "-o", "out", cwd=tmp_path)
    assert "Traceback" not in done.stderr and "EOF marker" not in done.stderr, done.stderr
    assert done.code == 0 or (done.code == 1 and len(done.lines) == 1
                              and done.lines[0].startswith("cut.pdf:1: ")), done.stderr


@given(data=st.binary(max_size=400))
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_after_a_pdf_header_import_or_give_one_line(tmp_path, data):
    source = tmp_path / "any.pdf"
    source.write_bytes(b"%PDF-1.7\n" + data)
    try:
        import_file(source).document.markdown()
    except ContentError as error:
        assert "\n" not in str(error.problem) and "any.pdf" in str(error.problem)


def test_each_byte_of_a_real_pdf_changed_imports_or_gives_one_line(tmp_path):
    """A PDF hurt in many places, one at a time (a damaged download): never a traceback."""
    data = bytearray(pdf(tmp_path / "whole.pdf", oral_history(1)).read_bytes())
    for at in range(0, len(data), max(1, len(data) // 25)):
        hurt = bytearray(data)
        hurt[at:at + 8] = b"\xff(]>>/x0"
        (tmp_path / "hurt.pdf").write_bytes(bytes(hurt))
        try:
            import_file(tmp_path / "hurt.pdf").document.markdown()
        except ContentError as error:
            assert "\n" not in str(error.problem), error.problem


def test_pages_larger_than_a_bound_are_refused_before_their_text_is_read(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 2)
    source = pdf(tmp_path / "vale.pdf", oral_history(), PAGED)
    assert "more than the 2 import reads (MAX_PDF_PAGES)" in refusal(source)


COURT = [("Q.", "Please state your full name for the record, and spell your last name."),
         ("A.", "Ruth Vale, V-A-L-E."),
         ("Q.", "Where were you on the night of March 3rd, when the tanker came in?"),
         ("A.", "At the harbour office, until about eleven, and then I walked down to the "
                "quay to watch the pilot boat go out, as I always did on nights like that."),
         ("Q", "Did anyone see you there?"),
         ("A", "The night watchman did, and the pilot's wife, waiting in her car.")]


def test_a_court_transcript_double_spaced_with_numbered_lines_reads_as_its_turns(tmp_path):
    """Each line numbered in the margin, a gap after every line, 'Q.' and 'A.' (or the letter
    alone, set apart by spaces) for who speaks: the turns, whole."""
    css = ("@page { size: letter; margin: 25mm 20mm 25mm 30mm; @bottom-center { content: "
           "counter(page) } } body { counter-reset: ln; line-height: 2.2 } "
           ".l { counter-increment: ln; position: relative } "
           ".l::before { content: counter(ln); position: absolute; left: -18mm }")
    body = "".join(f"<div class=l><span style='display: inline-block; width: 12mm'>{letter}"
                   f"</span>{said}</div>" for letter, said in COURT * 2)
    _, imported_body = imported(pdf(tmp_path / "deposition.pdf", body, css))
    assert re.findall(r"^([QA]): (.*)$", imported_body, re.M) == [
        (letter[0], said) for letter, said in COURT * 2], imported_body


def test_short_answers_atop_pages_are_kept_where_running_heads_go(tmp_path):
    """'A: No.' atop two pages is said, not a running head; the head is left out."""
    said = []
    for number in range(4):
        said.append(f"<p>ORTIZ: Were you afraid in {1960 + number}?</p>")
        said.append("<p style='break-before: page'>VALE: No.</p>" if number % 2 else
                    "<p>VALE: No.</p>")
        said.append(f"<p>ORTIZ: Why not?</p><p>VALE: {ANSWER}</p>")
    _, body = imported(pdf(tmp_path / "afraid.pdf", "<h1>Afraid</h1>" + "".join(said),
                           PAGED))
    assert [said for label, said in re.findall(r"^(A): (.*)$", body, re.M)].count("No.") == 4
    assert "Oral History of Ruth Vale" not in body, body


def test_a_hyphen_at_a_line_s_end_is_kept_in_a_compound_and_joined_in_a_split_word(tmp_path):
    body = ("<p>Q: How old were you?</p><p>A: I was twenty-<br>five, and the interview was the "
            "first of my life, a real inter-<br>view at last.</p>"
            "<p>Q: And then?</p><p>A: Then I went home.</p>")
    _, imported_body = imported(pdf(tmp_path / "hyphens.pdf", body))
    assert "twenty-five" in imported_body and "a real interview at last" in imported_body


def test_a_chronology_s_years_are_no_margin_numbers(tmp_path):
    rows = "".join(f"<p>{1950 + 3 * n}&nbsp;&nbsp;&nbsp;&nbsp;The pilots signed contract {n}.</p>"
                   for n in range(8))
    body = rows + "<p>Q: Which year mattered most?</p><p>A: 1953, I think.</p>" \
        "<p>Q: Why?</p><p>A: The strike.</p>"
    _, imported_body = imported(pdf(tmp_path / "chronology.pdf", body))
    assert re.findall(r"\b19\d\d\b", imported_body)[:8] == [
        str(1950 + 3 * n) for n in range(8)], imported_body


def test_a_magazine_page_in_two_columns_under_an_introduction_set_across_them(tmp_path):
    css = ("@page { size: A4 landscape; margin: 15mm } .cols { columns: 2; column-gap: 20mm }"
           " .intro { margin-bottom: 8mm }")
    intro = ("<p class=intro>Ruth Vale guided ships into the harbour for forty years, and she "
             "kept a log of every one of them in a drawer of the pilot house on the quay.</p>")
    _, body = imported(pdf(tmp_path / "magazine.pdf",
                           intro + f"<div class=cols>{oral_history(6)}</div>", css))
    assert "in a drawer of the pilot house on the quay." in body, body
    assert turns(body) == [("Q", "What"), ("A", "I")] * 6, body
    assert body.count(ANSWER.strip()) == 12, body  # no answer cut where its column ends


def test_poppler_failing_on_a_file_hands_it_to_pypdf_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "pdftotext", lambda: shutil.which("false") or "/bin/false")
    done = import_file(pdf(tmp_path / "vale.pdf", oral_history(2)))
    assert "pdftotext cannot read this PDF (exit code 1): pypdf read it instead" in \
        "\n".join(done.report.lines())
    assert len(re.findall(r"^[QA]: ", done.document.markdown(), re.M)) == 4


@needs_poppler
def test_laid_out_text_past_its_bound_is_refused_as_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "LAID_OUT_BYTES", 500)
    line = refusal(pdf(tmp_path / "vale.pdf", oral_history(), PAGED))
    assert "bytes of laid-out text or more" in line and "(LAID_OUT_BYTES)" in line


def test_footnotes_at_a_page_s_foot_follow_the_text_and_no_answer_is_cut(tmp_path):
    css = ("@page { size: A6; margin: 12mm; @bottom-center { content: counter(page) } } "
           ".fn { float: footnote; font-size: 7pt }")
    said = "".join(
        f"<p>ORTIZ: What about the winter of {1960 + n}?</p><p>VALE: {ANSWER * 2}The bridge"
        f"{'<span class=fn>The Arrowhead Bridge, opened in 1927.</span>' if n % 2 else ''} "
        f"held that year, number {n}.</p>" for n in range(6))
    done = import_file(pdf(tmp_path / "notes.pdf", said, css))
    body = done.document.markdown()
    assert len(re.findall(rf"^A: {re.escape(ANSWER.strip())} .* held that year, number \d\.$",
                          body, re.M)) == 6, body  # each answer whole, over its pages
    assert body.count("The Arrowhead Bridge, opened in 1927.") == 3
    assert body.rindex("number 5.") < body.index("The Arrowhead Bridge")
    assert "a footnote moved to the end of the text" in "\n".join(done.report.lines())


SHORT_PAGES = ("@page { size: A6; margin: 10mm; @bottom-center { content: counter(page) } } "
               ".page { break-after: page } p { margin: 0 0 3mm; font-size: 9pt }")


@pytest.mark.parametrize("pages, kept", [
    (["<p>Yes.</p><p>{answer}</p><p><b>Were you afraid?</b></p><p>{answer}</p>"] * 3,
     "Yes."),  # an answer atop three pages, at the text's margin
    ([f"<h3>Session {n}</h3><p>ORTIZ: What happened?</p><p>VALE: {{answer}}</p>"
      for n in (1, 2, 3)], "Session 2"),  # a heading that opens each page
])
def test_the_text_s_own_lines_atop_pages_are_no_running_heads(tmp_path, pages, kept):
    body = "".join(f"<div class=page>{page.format(answer=ANSWER)}</div>" for page in pages)
    _, imported_body = imported(pdf(tmp_path / "pages.pdf", body, SHORT_PAGES))
    assert kept in imported_body and imported_body.count(ANSWER.strip()) == sum(
        page.count("{answer}") for page in pages), imported_body


def test_a_running_head_with_a_colon_is_no_speaker(tmp_path):
    css = SHORT_PAGES.replace("@bottom-center", "@top-center { content: 'Harbour Quarterly: "
                                                "Spring 2019'; font-size: 7pt } @bottom-center")
    said = "".join(f"<p>ORTIZ: What happened in {1950 + n}?</p><p>VALE: {ANSWER * 2}</p>"
                   for n in range(8))
    done = import_file(pdf(tmp_path / "quarterly.pdf", said, css))
    assert "Harbour Quarterly" not in done.document.markdown()
    assert "16 turns: 8 questions, 8 answers" in "\n".join(done.report.lines())


def test_a_footnote_marked_after_a_stop_follows_the_text_and_a_list_stays(tmp_path):
    css = ("@page { size: A6; margin: 12mm } .fn { float: footnote; font-size: 7pt }")
    said = (f"<p>ORTIZ: Where did you cross?</p><p>VALE: {ANSWER * 3}It was new then."
            "<span class=fn>The Arrowhead Bridge opened in 1927.</span> We paid a nickel "
            "each way, and my mother never forgave my father for it.</p>"
            "<p>ORTIZ: What did you do on the 1st of May?</p><p>VALE: This:</p>"
            "<ol><li>Check the lines.</li><li>Clear the ice off the deck.</li></ol>"
            "<p>ORTIZ: Why?</p><p>VALE: Her sisters lived in Duluth.</p>")
    body = imported(pdf(tmp_path / "notes.pdf", said, css))[1]
    assert "It was new then.1 We paid a nickel each way" in body, body  # one paragraph
    assert body.index("The Arrowhead Bridge opened in 1927.") > body.index("Her sisters")
    assert body.index("Check the lines.") < body.index("Q: Why?"), body


def test_one_line_turns_timed_at_their_ends_are_no_double_spacing(tmp_path):
    said = "".join(f"<p>{who}: {words} ({time})</p>" for who, words, time in [
        ("ORTIZ", "Where were you born?", "00:01:14"), ("VALE", "In Duluth.", "00:01:16"),
        ("ORTIZ", "When was that?", "00:01:20"), ("VALE", "In 1931.", "00:01:22")] * 2)
    _, body = imported(pdf(tmp_path / "timed.pdf", said))
    assert [label for label, _ in turns(body)] == ["Q", "A"] * 4, body


def test_a_numbered_list_at_the_text_s_margin_keeps_its_numbers(tmp_path):
    rows = "".join(f"<p>{n}&nbsp;&nbsp;&nbsp;&nbsp;{cargo}</p>" for n, cargo in enumerate(
        ["Grain", "Iron ore", "Coal", "Timber", "Mail", "Twelve passengers"], 1))
    said = ("<p>ORTIZ: What did she carry?</p><p>VALE: The manifest listed:</p>" + rows +
            "<p>ORTIZ: Was that a full load?</p><p>VALE: More than she was built for.</p>"
            "<p>ORTIZ: And then?</p><p>VALE: Then she sank.</p>")
    _, body = imported(pdf(tmp_path / "manifest.pdf", said))
    assert re.search(r"\b6 Twelve passengers", body) and re.search(r"\b1 Grain", body), body


def test_a_question_whose_footnote_mark_follows_its_question_mark_still_asks(tmp_path):
    css = ("@page { size: A6; margin: 12mm } .fn { float: footnote; font-size: 7pt }")
    said = "".join(f"<p>ORTIZ: What happened in the winter of {1960 + n}?"
                   f"<span class=fn>The harbour log for {1960 + n}.</span></p>"
                   f"<p>VALE: {ANSWER}</p>" for n in range(3))
    front, body = imported(pdf(tmp_path / "marked.pdf", said, css))
    assert [label for label, _ in turns(body)][:6] == ["Q", "A"] * 3, body
    assert front["interviewer"] == "Ortiz", front


def test_zero_width_spaces_a_word_processor_sets_beside_every_space_are_taken_out(
        tmp_path, monkeypatch):
    """Google Docs' PDFs give 'Interview\u200b \u200bwith' for 'Interview with': labels and
    words are read as written. (WeasyPrint writes no such text, so the laid-out text poppler
    gives for one is stood in for.)"""
    said = ["Interview with Agnes Meeker", "", "Dr: How are you doing?", "",
            "A: Fine, thanks.", "", "Dr: Do they have water?", "", "A: Some, from the roofs.",
            "", "Dr: And electricity?", "", "A: Not yet."]
    laid_out = "\n".join(line.replace(" ", "\u200b \u200b") for line in said) + "\n"
    monkeypatch.setattr(pdf_reader, "_page_texts", lambda path, data, unsure: ([(1, laid_out)],
                                                                              ""))
    front, body = imported(pdf(tmp_path / "docs.pdf", "<p>stand-in</p>"))
    assert "\u200b" not in body and front["title"] == "Interview with Agnes Meeker"
    assert [label for label, _ in turns(body)] == ["Q", "A"] * 3, body
