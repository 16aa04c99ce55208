"""What PDF viewers call each page of a volume is what is printed on it."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader


def printed_folio(pdf, page: int) -> str:
    """The folio printed at the foot of a page ('' when there is none)."""
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")  # bidi marks pdftotext adds
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return last if re.fullmatch(r"[0-9]+|[ivxlc]+|[۰-۹]+", last) else ""


@pytest.mark.parametrize("name", ["working-lives/working-lives.pdf",
                                  "working-lives/working-lives-print.pdf",
                                  "working-lives-fa/working-lives-fa.pdf"])
def test_viewers_number_volume_pages_as_they_are_printed(samples, name):
    pdf = samples / name
    reader = PdfReader(pdf)
    labels = [reader.page_labels[index] for index in range(len(reader.pages))]
    folios = {index: printed_folio(pdf, index + 1) for index in range(len(reader.pages))}

    assert labels[0] == "i" and "1" in labels
    opening = labels.index("1")
    assert all(re.fullmatch(r"[ivxlc]+", label) for label in labels[:opening])
    assert labels[opening:] == [str(n) for n in range(1, len(labels) - opening + 1)]
    printed = {index: folio for index, folio in folios.items() if folio}
    assert len(printed) > len(labels) // 2
    western = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    for index, folio in printed.items():
        assert labels[index] == folio.translate(western), f"page {index + 1}"


def test_the_volume_title_page_is_centred_line_by_line(samples):
    """Every line of the title page (title, subtitle, editors, publisher) has the same centre,
    the middle of the text block, as a title page is set: none justified or ranged left."""
    pdf = samples / "working-lives" / "working-lives.pdf"
    page = next(number for number in range(1, 6) if "Edited by" in subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True, text=True, check=True).stdout)
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page),
                             str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', layout)
    body = [(float(left), float(right)) for left, right in lines][:-1]  # the folio is not
    centres = [(left + right) / 2 for left, right in body]
    assert len(body) >= 4 and max(centres) - min(centres) < 1, body
