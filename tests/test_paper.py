"""Paper sizes, bleed and presets from theme options."""

import pytest

from exporters.paper import INCH, MM, Sides, Size, css_page_size, length, print_setup


def test_lengths_and_sizes():
    assert length("3mm", "bleed") == pytest.approx(8.504, abs=0.001)
    assert length("0.125in", "bleed") == 9
    setup = print_setup({"page_size": "6in 9in"})
    assert (setup.trim.width, setup.trim.height) == (432, 648)
    assert css_page_size("half-letter") == "396.000pt 612.000pt"
    assert css_page_size("A5") == "A5"
    # a named size written with spaces, as an editor types it: '6 x 9' is the named 6x9
    assert css_page_size("6 x 9") == "432.000pt 648.000pt"
    assert (print_setup({"page_size": "6 x 9"}).trim.width,
            print_setup({"page_size": "6 x 9"}).trim.height) == (432, 648)


@pytest.mark.parametrize("trim, sheet", [
    ("A5", (297 * MM, 210 * MM)), ("A6", (210 * MM, 148 * MM)),
    ("half-letter", (11 * INCH, 8.5 * INCH)), ("6x9", (17 * INCH, 11 * INCH)),
])
def test_automatic_booklet_sheet(trim, sheet):
    assert print_setup({"page_size": trim}).sheet == pytest.approx(Size(*sheet))


def test_presets():
    kdp = print_setup({"print_preset": "kdp"})
    assert kdp.bleed == Sides(9, 9, 9, 0) and kdp.page_bleed(recto=False) == Sides(9, 0, 9, 9)
    assert not kdp.bookmarks and not kdp.marks
    assert print_setup({"print_preset": "lulu"}).bleed == Sides(9, 9, 9, 9)
    marks = print_setup({"crop_marks": True})
    assert marks.css_bleed(True).top == pytest.approx(2 * (3 + 2) * MM)


@pytest.mark.parametrize("options, message", [
    ({"crop_marks": "yes"}, "crop_marks: 'yes' is not true or false"),
    ({"bleed": "20mm"}, "bleed: '20mm' is more than 10mm"),
    ({"creep": "2mm"}, "creep: '2mm' is more than 1mm"),
    ({"page_size": "10mm 10mm"}, "too small"),
    ({"screen_page_size": "huge"}, "screen_page_size: 'huge' is not a page size"),
])
def test_bad_values(options, message):
    with pytest.raises(ValueError, match=message):
        print_setup(options)
