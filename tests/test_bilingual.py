"""The bilingual pamphlet: a translation and its original, each opening from its own side."""

from pypdf import PdfReader

from test_impose import half_text


def test_only_translations_get_a_bilingual_pamphlet(samples):
    made = sorted(path.name for path in samples.rglob("*-bilingual-booklet.pdf"))
    assert made == ["bookbinder-en-bilingual-booklet.pdf"]


def test_each_half_opens_from_its_own_cover(samples):
    booklet = samples / "bookbinder-en/bookbinder-en-bilingual-booklet.pdf"
    english = len(PdfReader(samples / "bookbinder-en/bookbinder-en-print.pdf").pages)
    persian = len(PdfReader(samples / "bookbinder-fa/bookbinder-fa-print.pdf").pages)
    pages = english + english % 2 + persian
    assert len(PdfReader(booklet).pages) == 2 * -(-pages // 4)
    # the outside of the first sheet: the English cover on the front (right half) and the
    # Persian cover on the back of an English book, which is the front of a Persian one
    front, back = half_text(booklet, 1, 1), half_text(booklet, 1, 0)
    assert front.startswith("Working Lives · 4 The Hands That Bring Books Back to Life")
    assert "Yadollah Rahnama" in front
    assert "کتاب" in back and "The Hands" not in back
