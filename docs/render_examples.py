#!/usr/bin/env python3
"""Render the pictures in README.md from a fresh build of a sample interview.

    python docs/render_examples.py

Builds two sample interviews into a temporary folder and writes, with poppler's pdftoppm:
  docs/images/print-spread.png      two facing pages of the print edition, trimmed (60 dpi)
  docs/images/booklet-sheet.png     one side of a pamphlet sheet: two A5 pages on A4 (50 dpi)
  docs/images/rtl-spread.png        the same for the Persian interview, right to left
  docs/images/rtl-booklet-sheet.png its pamphlet sheet, imposed mirrored
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps
from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent
IMAGES = REPO / "docs" / "images"
SLUG, RTL_SLUG = "night-shift", "bookbinder-fa"


def page_picture(pdf: Path, page: int, dpi: int, folder: Path) -> Image.Image:
    out = folder / f"page-{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(out)], check=True)
    return Image.open(out.with_suffix(".png")).convert("RGB")


def trimmed(pdf: Path, page: int, dpi: int, folder: Path) -> Image.Image:
    """A page of the print edition cut to its TrimBox, as the reader holds it."""
    box = PdfReader(pdf).pages[page - 1]
    media, trim = box.mediabox, box.trimbox
    scale = dpi / 72
    picture = page_picture(pdf, page, dpi, folder)
    left = (float(trim.left) - float(media.left)) * scale
    top = (float(media.top) - float(trim.top)) * scale
    return picture.crop((round(left), round(top), round(left + float(trim.width) * scale),
                         round(top + float(trim.height) * scale)))


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        subprocess.run(["cp", "-r", str(REPO / "content"), str(folder / "content")], check=True)
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
        sources = [f"content/working-lives/{slug}.md" for slug in (SLUG, RTL_SLUG)]
        subprocess.run([sys.executable, str(REPO / "make.py"), "build", *sources, "--format",
                        "print,booklet"], cwd=folder, env=env, check=True, capture_output=True)
        for slug, prefix, pages in ((SLUG, "", (6, 7)), (RTL_SLUG, "rtl-", (5, 4))):
            dist = folder / "dist" / slug
            left, right = (trimmed(dist / f"{slug}-print.pdf", page, 60, folder) for page in pages)
            spread = Image.new("RGB", (left.width + right.width, left.height), "white")
            spread.paste(left, (0, 0))
            spread.paste(right, (left.width, 0))
            ImageDraw.Draw(spread).line([(left.width, 0), (left.width, spread.height)],
                                        fill=(170, 170, 170))
            save(ImageOps.expand(spread, border=1, fill=(120, 120, 120)), f"{prefix}print-spread.png"
                 if not prefix else "rtl-spread.png")
            sheet = page_picture(dist / f"{slug}-booklet.pdf", 3, 50, folder)
            ImageDraw.Draw(sheet).line([(sheet.width // 2, 0), (sheet.width // 2, sheet.height)],
                                       fill=(200, 200, 200))  # where the sheet folds
            save(ImageOps.expand(sheet, border=1, fill=(120, 120, 120)), f"{prefix}booklet-sheet.png")


def save(picture: Image.Image, name: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    picture.quantize(colors=64).save(IMAGES / name, optimize=True)
    print(f"wrote {(IMAGES / name).relative_to(REPO)} ({picture.width}x{picture.height})")


if __name__ == "__main__":
    main()
