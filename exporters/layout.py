"""One WeasyPrint layout per document, shared by the PDF editions.

An interview or a volume is laid out once, at the trim size with the print edition's bleed
(and crop marks, when asked for). Every PDF edition is written from that one
layout: the print edition as it is, the screen edition cropped to the trim box
and tagged (PDF/UA-1), and the booklet imposed by :mod:`exporters.impose` from
the print edition's written pages. Cropping and boxes are set in WeasyPrint's
``finisher`` hook, on the PDF objects, so nothing is laid out twice.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pydyf

from .assets import data_uri, media_type, with_image_sources
from .fetch import LocalFetcher
from .hyphenation import without_ladders
from .joiners import font_uri, joiners_extractable, with_carriers
from .mark_text import marks_keep_own_text, raised_marks_extractable
from .pdf_text import rewrite_texts, text_fonts
from .output import cache_path, scratch_folder, write_atomic
from .edition import Document, Edition, Settings
from .zero_advance import zero_advance_letters_extractable
from .paper import MARK_GAP, PrintSetup, Sides

PX = 0.75  # PDF points per CSS pixel
OUTPUT_CONDITION = ("FOGRA39", "Offset printing on coated paper, ISO 12647-2:2004/Amd 1")
"""What templates/icc/cmyk.icc characterises (it is made from the FOGRA39L data)."""


class LayoutEdition(Edition):
    """The base of the PDF editions: they share the worker's :class:`Layouts`."""

    template_folders = ("pdf", "icc")
    imports = ("weasyprint",)

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.layouts = Layouts.of(settings)

    def target(self, document: Document, suffix: str) -> Path:
        """Where this edition of an interview or a volume goes: ``<slug>/<slug><suffix>``."""
        slug = document.meta.slug
        return self.settings.target(slug, f"{slug}{suffix}")


class Layouts:
    """The WeasyPrint machinery of one worker, and the layout of the interview being built.

    Built once per worker (WeasyPrint's import, the fonts and the parsed stylesheet are
    reused), and shared by the pdf, print and booklet exporters through ``Settings.shared``.
    """

    def __init__(self, settings: Settings):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.settings = settings
        self.templates = settings.templates
        self.paper: PrintSetup = self.templates.paper
        self.fetcher = LocalFetcher([settings.content_root, *self.templates.folders])
        with project_fonts_only(self.templates.folders, cache_path(settings.out_dir, "fontconfig")):
            self.fonts = FontConfiguration()
        # WeasyPrint copies each @font-face font into a folder it makes in the system's
        # temporary folder and removes when the configuration is garbage-collected, which a
        # worker process never is: 3.7 MB left behind per worker and build. The copies go in
        # the output folder instead, where the build removes them (remove_leftovers).
        self.fonts._folder = scratch_folder(settings.out_dir, "fonts")
        self.color_profiles: dict[str, Any] = {}  # filled by the stylesheet's @color-profile
        self.carriers = True
        """Whether ZWNJs go to WeasyPrint as :data:`exporters.joiners.CARRIER`: not when a
        font of the stylesheet sets Arabic script but cannot draw it (see ``font_url``)."""

        def stylesheet(screen: bool) -> Any:
            css = self.templates.render(
                "pdf/style.css", paper=self.paper, screen=screen,
                font_url=self.font_url,
                icc_url=self.templates.find("icc/cmyk.icc").as_uri()
                if self.paper.standard != "none" else "")
            return CSS(string=css, font_config=self.fonts, url_fetcher=self.fetcher,
                       color_profiles=self.color_profiles, base_url=str(self.templates.folders[0]) + "/")

        self.stylesheet = stylesheet(screen=False)
        self.screen_stylesheet = stylesheet(screen=True) if self.paper.screen else None
        self.volume_stylesheet = CSS(string=self.templates.render("pdf/volume.css"),
                                     font_config=self.fonts, url_fetcher=self.fetcher)
        self._current: Layout | None = None

    @functools.cache  # noqa: B019 - one Layouts per worker
    def font_url(self, name: str) -> str:
        """A font of the PDF stylesheet; an Arabic-script font's copy keeps ZWNJs in the text
        (:mod:`exporters.joiners`)."""
        url, may_carry = font_uri(self.templates.find(name))
        self.carriers = self.carriers and may_carry
        return url

    @classmethod
    def of(cls, settings: Settings) -> Layouts:
        if "layouts" not in settings.shared:
            settings.shared["layouts"] = cls(settings)
        return settings.shared["layouts"]

    def layout(self, document: Document) -> Layout:
        """The layout of an interview or a volume; only the latest one is kept, to bound
        memory."""
        if self._current is None or self._current.content is not document:
            self._current = Layout(self, document, self.render(document, self.stylesheet))
        return self._current

    def render(self, document: Document, stylesheet: Any) -> Any:
        """The document laid out; a volume's front matter has roman folios."""
        from weasyprint import HTML

        meta = document.meta
        html = self.templates.render(
            "pdf/document.html", document=document, meta=meta,
            words=self.templates.words(meta.lang), generator=self.settings.generator,
            timestamp=self.settings.timestamp(document).strftime("%Y-%m-%dT%H:%M:%SZ"),
            source=document.path.name)
        # data: URLs, not file: URLs, so that nothing in the PDF depends on where the project is
        images = {key: data_uri(*self.image(path)) for key, path in document.images.items()}
        html = with_image_sources(html, images, unknown="")
        html = with_carriers(html) if self.carriers else html
        stylesheets = [stylesheet, *([self.volume_stylesheet] if document.is_volume else [])]
        return without_ladders(HTML(string=html, base_url=str(document.path.parent) + "/",
                                    url_fetcher=self.fetcher),
                               stylesheets=stylesheets, font_config=self.fonts,
                               color_profiles=self.color_profiles)

    @functools.cache  # noqa: B019 - one Layouts per worker
    def packed_profile(self) -> bytes:
        """The CMYK profile as the PDF embeds it, compressed once per worker."""
        return zlib.compress(self.color_profiles["device-cmyk"].content)

    def image(self, path: Path) -> tuple[bytes, str]:
        """An image as the PDFs embed it: as it is, or in CMYK for a print-standard PDF."""
        if self.paper.standard == "none":
            return path.read_bytes(), media_type(path)
        return cmyk_jpeg(path, self.templates.find("icc/cmyk.icc")), "image/jpeg"


@dataclass
class Layout:
    """One interview or volume laid out; each PDF edition is written from it."""

    layouts: Layouts
    content: Document
    """What was laid out."""
    document: Any
    """WeasyPrint's laid-out document."""
    _print: bytes | None = field(default=None, repr=False)

    @property
    def paper(self) -> PrintSetup:
        return self.layouts.paper

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def print_pdf(self) -> bytes:
        """The print edition: trim, bleed and boxes as the preset asks (written once)."""
        if self._print is None:
            document = self.document
            if not self.paper.bookmarks:
                document = without_bookmarks(document)
            options: dict[str, Any] = {}
            if self.paper.standard != "none":
                options["pdf_variant"] = self.paper.standard
            def finish(laid: Any, pdf: pydyf.PDF) -> None:
                self.print_boxes(laid, pdf)
                # PDF/X-1a is PDF 1.3, which has no /ActualText (PDF 1.5)
                self.finish(laid, pdf, actual_text=self.paper.standard != "pdf/x-1a")

            self._print = document.write_pdf(
                pdf_identifier=self.identifier, finisher=finish, **options)
        return self._print

    def screen_pdf(self, target: Path) -> int:
        """The screen edition, tagged (PDF/UA-1): the layout cropped to the trim size, or a
        layout of its own on ``screen_page_size``. Returns its page count."""
        from weasyprint import Document

        if self.layouts.screen_stylesheet is not None:
            document = self.layouts.render(self.content, self.layouts.screen_stylesheet)
        else:
            document = self.document
        # no output intent: a print-standard layout's CMYK profile is the print edition's
        document = Document(document.pages, document.metadata, document.url_fetcher,
                            document.font_config, {}, None)
        def finish(laid: Any, pdf: pydyf.PDF) -> None:
            crop_to_trim(laid, pdf)
            self.finish(laid, pdf)

        with without_marks(document):
            document.write_pdf(target, pdf_identifier=self.identifier, pdf_variant="pdf/ua-1",
                               finisher=finish)
        return len(document.pages)

    def finish(self, document: Any, pdf: pydyf.PDF, actual_text: bool = True) -> None:
        """What every PDF edition's finisher ends with, after its own page boxes: page
        labels, extractable marks, right-to-left ligatures, ZWNJs and letters drawn with no
        advance (raised marks as ``/ActualText`` where the PDF may have it), each stream
        compressed once."""
        self.page_labels(document, pdf)
        marks_keep_own_text(pdf)
        right_to_left_ligatures_extractable(pdf)
        zero_advance_letters_extractable(pdf)
        joiners_extractable(pdf)
        if actual_text:
            raised_marks_extractable(pdf)
        streams_serialised_once(pdf)

    def page_labels(self, document: Any, pdf: pydyf.PDF) -> None:
        """A volume's page numbers as viewers show them (/PageLabels): roman for the front
        matter, arabic from 1 at the first interview, as the printed folios run."""
        if not self.content.is_volume:
            return
        first = self.content.interviews[0].meta.slug
        opening = next((number for number, page in enumerate(document.pages)
                        if first in page.anchors), 0)
        numbers = [opening, pydyf.Dictionary({"S": "/D", "St": 1})]
        if opening:
            numbers = [0, pydyf.Dictionary({"S": "/r"}), *numbers]
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(numbers)})

    @property
    def identifier(self) -> bytes:
        return self.content.meta.identifier.encode()

    def print_boxes(self, document: Any, pdf: pydyf.PDF) -> None:
        """Set each page's BleedBox to the bleed asked for (WeasyPrint caps it at 10pt and,
        with crop marks, the media also holds the marks); KDP gets no bookmarks or links."""
        for page, laid in zip(pdf_pages(pdf), document.pages):
            width, height = laid.width * PX, laid.height * PX  # CSS px to points
            bleed = self.paper_bleed(laid.bleed)
            page["TrimBox"] = pydyf.Array([0, 0, width, height])
            page["BleedBox"] = pydyf.Array([-bleed.left, -bleed.bottom, width + bleed.right,
                                            height + bleed.top])
            if not self.paper.bookmarks:
                page.pop("Annots", None)
        for stream in pdf.objects:  # pydyf compresses the profile at level 9: slow, every time
            if isinstance(stream, pydyf.Stream) and stream.extra.get("N") == 4 and stream.compress:
                stream.stream, stream.compress = [self.layouts.packed_profile()], False
                stream.extra["Filter"] = "/FlateDecode"
        if "OutputIntents" in pdf.catalog:  # name the registered condition the profile is for
            intent = pdf.catalog["OutputIntents"][0]
            intent.update({
                "OutputConditionIdentifier": pydyf.String(OUTPUT_CONDITION[0]),
                "OutputCondition": pydyf.String(OUTPUT_CONDITION[1]),
                "RegistryName": pydyf.String("http://www.color.org")})

    def paper_bleed(self, css_bleed: dict[str, float]) -> Sides:
        """The bleed of one laid-out page, in points, without the room for crop marks."""
        points = {side: value * PX for side, value in css_bleed.items()}
        if self.paper.marks:
            points = {side: value / 2 - MARK_GAP for side, value in points.items()}
        return Sides(points["top"], points["right"], points["bottom"], points["left"])


def pdf_pages(pdf: pydyf.PDF) -> list[pydyf.Dictionary]:
    """The page dictionaries of a PDF that WeasyPrint is writing, in order."""
    return [obj for obj in pdf.objects
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page"]


class _SerialisedStream(pydyf.Object):
    """A stream of the PDF as it will be written, compressed already: at zlib's level 6, where
    pydyf's 9 took 2.4 times as long for streams 1.4% smaller (7 ms against 3 ms an
    interview's PDF)."""

    def __init__(self, stream: pydyf.Stream):
        super().__init__()
        self.number, self.generation, self.free = stream.number, stream.generation, stream.free
        data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
        extra = pydyf.Dictionary(stream.extra.copy())
        if stream.compress:
            extra["Filter"] = "/FlateDecode"
            data = zlib.compress(data, 6)
        extra["Length"] = len(data)
        self.serialised = b"\n".join((extra.data, b"stream", data, b"endstream"))

    @property
    def data(self) -> bytes:
        return self.serialised

    @property
    def compressible(self) -> bool:
        return False  # a stream is never put in an object stream


def streams_serialised_once(pdf: pydyf.PDF) -> None:
    """Serialise and compress each stream now, for good: given an identifier, pydyf
    serialises every object twice (the file, then the hash in its /ID), and compressing the
    streams is a few per cent of writing an interview. The last step of a finisher:
    nothing may change a stream after it. Other objects refer to a stream by its number, which
    is kept."""
    pdf.objects[:] = [_SerialisedStream(item) if isinstance(item, pydyf.Stream) else item
                      for item in pdf.objects]


@contextlib.contextmanager
def without_marks(document: Any) -> Iterator[None]:
    """Crop marks switched off while ``document`` is written: WeasyPrint reads ``marks`` from
    each page box's style when it paints, and the screen edition must not carry untagged
    marks, even outside its cropped page."""
    styles = [page._page_box.style for page in document.pages]
    saved = [style["marks"] for style in styles]
    for style in styles:
        style["marks"] = ()
    try:
        yield
    finally:
        for style, marks in zip(styles, saved):
            style["marks"] = marks


def without_bookmarks(document: Any) -> Any:
    """The same pages with no PDF outline (KDP rejects bookmarks)."""
    from weasyprint import Document

    class Unbookmarked(Document):
        def make_bookmark_tree(self, scale: float = 1, transform_pages: bool = False) -> list:
            return []

    return Unbookmarked(document.pages, document.metadata, document.url_fetcher,
                        document.font_config, document.color_profiles, document.output_intent)


def right_to_left_ligatures_extractable(pdf: pydyf.PDF) -> None:
    """Write the text of each right-to-left ligature (لله in الله, a lam-alef) backwards in the
    fonts' ToUnicode maps, so that copied, searched and spoken text comes out in reading order.

    A PDF holds right-to-left text in visual order; poppler, pdf.js and Acrobat put it back
    in reading order by reversing each line's characters, the characters of a ligature's
    text included. WeasyPrint writes that text in reading order, so it came out reversed:
    یدالله as یداهلل. A glyph of Arabic or Hebrew letters only ever stands in right-to-left
    runs, so its reversed text is right wherever it is used."""
    for font in text_fonts(pdf):
        rewrite_texts(font.to_unicode, _reversed_if_right_to_left)


def _reversed_if_right_to_left(match: re.Match) -> bytes:
    text = bytes.fromhex(match[2].decode()).decode("utf-16-be")
    if len(text) < 2 or not all(unicodedata.bidirectional(c) in ("R", "AL", "NSM")
                                for c in text):
        return match[0]
    return b"<%s> <%s>" % (match[1], text[::-1].encode("utf-16-be").hex().encode())


def crop_to_trim(document: Any, pdf: pydyf.PDF) -> None:
    """The screen edition's pages are the trimmed pages: no bleed, no marks, no print boxes."""
    for page, laid in zip(pdf_pages(pdf), document.pages):
        page["MediaBox"] = pydyf.Array([0, 0, laid.width * PX, laid.height * PX])
        page.pop("TrimBox", None)
        page.pop("BleedBox", None)


def cmyk_jpeg(path: Path, profile: Path) -> bytes:
    """An image converted from sRGB to the print profile's CMYK, as a JPEG (PDF/X forbids
    RGB images); transparency is flattened onto white paper."""
    from PIL import Image, ImageCms

    with Image.open(path) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            paper = Image.new("RGBA", image.size, "white")
            image = Image.alpha_composite(paper, image)
        rgb = image.convert("RGB")
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), str(profile),
                                        "RGB", "CMYK")
    output = io.BytesIO()
    ImageCms.applyTransform(rgb, transform).save(output, "JPEG", quality=92, dpi=(300, 300))
    return output.getvalue()


@contextlib.contextmanager
def project_fonts_only(template_folders: list[Path], cache: Path) -> Iterator[None]:
    """For the FontConfiguration made in this block: fontconfig sees the templates' ``fonts/``
    folders and nothing else, with its cache in the folder ``cache`` (inside the output folder).

    WeasyPrint falls back to any font fontconfig knows for a missing glyph; with the host's
    fonts hidden, every PDF is set in the project's own fonts on every machine. fontconfig
    reads ``FONTCONFIG_FILE`` when the configuration is made, so the variable is set for that
    moment only and then put back as it was: no process-wide setting is left behind.
    """
    cache.mkdir(parents=True, exist_ok=True)
    folders = "".join(f"<dir>{escape(str(folder / 'fonts'))}</dir>" for folder in template_folders
                      if (folder / "fonts").is_dir())
    config = cache / "fonts.conf"
    text = ('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
            f"<fontconfig>{folders}<cachedir>{escape(str(cache))}</cachedir></fontconfig>\n")
    if not config.is_file() or config.read_text(encoding="utf-8") != text:
        write_atomic(config, text.encode("utf-8"))
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(config)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = before

