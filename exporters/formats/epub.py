"""The EPUB 3 edition, packaged by ebooklib and re-zipped reproducibly.

ebooklib writes the package document, the NCX and the zip; the XHTML pages
(cover, title page, interview, colophon, navigation) are our own templates,
so that what EPUBCheck, Ace and the Nu Html Checker read is what we wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
from ebooklib import epub
from lxml import etree
from markupsafe import Markup, escape

from ..assets import media_type, web_font, with_image_sources
from ..body import Body, Note
from ..errors import ContentError, Problem
from ..model import Interview
from ..output import atomic_path
from ..overlays import ACTIVE_CLASS, AUDIO_FOLDER, Overlay, overlays as book_overlays, smil_clock
from ..typography import WORD_JOINER, join_names
from ..edition import Document, Edition, Settings, Written

if TYPE_CHECKING:  # Pillow is loaded only when a cover is drawn
    from ..cover import CoverFonts, CoverText

_NOTE_LINK = re.compile(r'href="#([^"]+)"')
ROLE_TYPES = {"doc-noteref": "noteref"}
FONT_FILES = ["GentiumBookPlus-Regular.ttf", "GentiumBookPlus-Italic.ttf",
              "GentiumBookPlus-Bold.ttf", "GentiumBookPlus-BoldItalic.ttf",
              "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"]
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


@dataclass
class ContentsEntry:
    title: str
    href: str
    children: list[ContentsEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Landmark:
    type: str
    href: str
    title: str


@dataclass(frozen=True)
class Cover:
    file_name: str
    data: bytes
    media_type: str
    alt: str

    @property
    def href(self) -> str:
        return self.file_name


def to_xhtml(markup: str) -> Markup:
    """HTML markup as well-formed XHTML (void tags closed, no named entities)."""
    fragment = lxml.html.fragment_fromstring(str(markup), create_parent="div")
    serialised = "".join(etree.tostring(child, encoding="unicode", method="xml")
                         for child in fragment)
    for role, epub_type in ROLE_TYPES.items():
        serialised = serialised.replace(f'role="{role}"', f'epub:type="{epub_type}" role="{role}"')
    return Markup(str(escape(fragment.text or "")) + serialised)


_CUSTOM_PROPERTY = re.compile(r"(--[\w-]+)\s*:\s*([^;}]+?)\s*(;|(?=}))")
_VARIABLE = re.compile(r"var\((--[\w-]+)\)")


def literal_css(css: str) -> str:
    """The stylesheet as older reading systems read it: each ``var(--name)`` replaced by its
    value and the custom properties removed, each selector with ``:is(...)`` written out as
    the selectors it stands for. Calibre warns about both, and its Kindle output drops the
    rules that use them. The last declaration of a name wins, as in a ``:root`` rule."""
    values = {name: value for name, value, _ in _CUSTOM_PROPERTY.findall(css)}
    css = _CUSTOM_PROPERTY.sub("", css)
    css = re.sub(r":root\s*\{\s*\}\s*", "", css)
    css = _VARIABLE.sub(lambda match: values.get(match[1], "inherit"), css)
    return _RULE_WITH_IS.sub(lambda match: ", ".join(_without_is(match[1])) + " {", css)


_RULE_WITH_IS = re.compile(r"^([^{}@\n]*:is\([^{}]*)(\s*\{)", re.MULTILINE)
_IS = re.compile(r":is\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


def _without_is(selector: str) -> list[str]:
    """``:is(a, b) c`` as ``a c``, ``b c`` (one level of parentheses inside ``:is``)."""
    match = _IS.search(selector)
    if not match:
        return [selector.strip()]
    options = [option.strip() for option in re.split(r",(?![^()]*\))", match[1])]
    return [expanded for option in options
            for expanded in _without_is(selector[:match.start()] + option + selector[match.end():])]


def plain(text: str) -> str:
    """Text for titles and metadata: without the word joiners set for line breaking."""
    return str(text).replace(WORD_JOINER, "")


def accessibility_metadata(has_images: bool, read_along: bool = False) -> list[tuple[str, str]]:
    """The schema.org accessibility properties of the book (EPUB Accessibility 1.1). A
    read-along book can also be heard, but only its conversation: the title page, introduction
    and notes are text alone, so the recording suffices only together with the text."""
    modes = ["textual", *(["visual"] if has_images else []), *(["auditory"] if read_along else [])]
    sufficient = ["textual", *(["auditory,textual"] if read_along else [])]
    features = ["structuralNavigation", "tableOfContents", "readingOrder",
                "displayTransformability"]
    if has_images:
        features.append("alternativeText")
    if read_along:
        features.append("synchronizedAudioText")
    return ([("schema:accessMode", mode) for mode in modes]
            + [("schema:accessModeSufficient", combination) for combination in sufficient]
            + [("schema:accessibilityFeature", feature) for feature in features]
            + [("schema:accessibilityHazard", "none")])


def accessibility_summary(has_images: bool, read_along: bool = False) -> str:
    summary = ("This publication conforms to WCAG 2.2 Level AA. The interview is structured with "
               "headings and a table of contents, each turn names its speaker, notes are linked "
               "both ways, and the reading order follows the conversation.")
    if has_images:
        summary += " Every image has a text description."
    if read_along:
        summary += (" The recording of the conversation is included, and each turn is "
                    "synchronised with it: reading systems that play Media Overlays read the "
                    "turns aloud in the speakers' own voices and highlight the turn being "
                    "heard. The introduction and notes are text only.")
    return summary


def place_notes(body: Body) -> dict[str, list[Note]]:
    """Each note, keyed by the place it follows: the block group that first refers to it.

    Keys: ``introduction``, ``part-P`` (the text under part P's heading),
    ``turn-P-T`` (turn T of part P), ``closing`` and ``end`` (notes nothing refers to).
    """
    by_id = {note.id: note for note in body.notes}
    placed: dict[str, list[Note]] = {}
    seen: set[str] = set()

    def claim(key: str, blocks) -> None:
        for block in blocks:
            for target in _NOTE_LINK.findall(block.html):
                if target in by_id and target not in seen:
                    seen.add(target)
                    placed.setdefault(key, []).append(by_id[target])

    claim("introduction", body.introduction)
    for p, part in enumerate(body.parts):
        claim(f"part-{p}", part.intro)
        for t, turn in enumerate(part.turns):
            claim(f"turn-{p}-{t}", turn.blocks)
    claim("closing", body.closing)
    rest = [note for note in body.notes if note.id not in seen]
    if rest:
        placed["end"] = rest
    return placed


class EpubEdition(Edition):
    name = "epub"
    order = 3
    imports = ("exporters.cover",)

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.templates = settings.templates.with_filters(xhtml=to_xhtml, plain=plain,
                                                         smil_clock=smil_clock)
        self.embed_fonts = self.templates.theme.embed_fonts_in_epub
        self.stylesheets = {read_along: literal_css(self.templates.render(
            "epub/style.css", font_url=lambda name: _font_name(name),
            active_class=ACTIVE_CLASS if read_along else "")).encode("utf-8")
            for read_along in (False, True)}

    def export(self, document: Document) -> list[Written]:
        """The e-book: cover, title page, contents, a volume's foreword, one page per
        interview (each with its own title block, speakers and notes), colophon."""
        meta = document.meta
        words = self.templates.words(meta.lang)
        cover = self.cover(document, words)
        book = new_book(meta.identifier, meta.title, meta.lang)
        overlays = book_overlays([(interview, *interview_page(document, interview))
                                  for interview in document.interviews])
        self._add_metadata(book, document, overlays)

        context = {"document": document, "meta": meta, "words": words, "cover": cover}
        images = {key: image_name(key) for key in document.images}
        spine = [("cover", "cover.xhtml", self.templates.render("epub/cover.xhtml", **context)),
                 ("titlepage", "titlepage.xhtml",
                  self.templates.render("epub/titlepage.xhtml", **context))]
        contents = [ContentsEntry(words["title_page"], "titlepage.xhtml")]
        if document.foreword_html:
            spine.append(("foreword", "foreword.xhtml",
                          self.templates.render("epub/foreword.xhtml", **context)))
            contents.append(ContentsEntry(words["foreword"], "foreword.xhtml"))
        for interview in document.interviews:
            uid, file_name = interview_page(document, interview)
            slug = interview.meta.slug
            page = self.templates.render(
                "epub/interview.xhtml", interview=interview, meta=interview.meta,
                words=self.templates.words(interview.meta.lang), cover=cover,
                notes=place_notes(interview.body))
            spine.append((uid, file_name, with_image_sources(page, images)))
            # to the heading, not the <article>: a right-to-left reader would open its last page
            contents.append(ContentsEntry(plain(interview.meta.title), f"{file_name}#{slug}-title", [
                ContentsEntry(plain(part.title), f"{file_name}#{part.id}")
                for part in interview.body.parts if part.title]))
        spine.append(("colophon", "colophon.xhtml",
                      self.templates.render("epub/colophon.xhtml", **context)))
        contents.append(ContentsEntry(words["colophon"], "colophon.xhtml"))
        opening = interview_page(document, document.interviews[0])[1]
        landmarks = [
            Landmark("cover", "cover.xhtml", words["cover"]),
            Landmark("titlepage", "titlepage.xhtml", words["title_page"]),
            Landmark("toc", "nav.xhtml#toc", words["contents"]),
            Landmark("bodymatter", f"{opening}#{document.interviews[0].meta.slug}-title",
                     words["start"]),
        ]
        spine.insert(2, ("nav", "nav.xhtml", self.templates.render(
            "epub/nav.xhtml", **context, contents=contents, landmarks=landmarks)))
        guide = [{"type": "cover", "href": "cover.xhtml", "title": words["cover"]},
                 {"type": "title-page", "href": "titlepage.xhtml", "title": words["title_page"]},
                 {"type": "toc", "href": "nav.xhtml", "title": words["contents"]},
                 {"type": "text", "href": opening, "title": plain(meta.title)},
                 {"type": "colophon", "href": "colophon.xhtml", "title": words["colophon"]}]
        target = self.settings.target(meta.slug, f"{meta.slug}.epub")
        self.package(book, target, spine, cover,
                     {images[key]: path for key, path in document.images.items()},
                     contents, guide, meta.lang, meta.dir, self.settings.timestamp(document),
                     overlays)
        return [Written(target)]

    def package(self, book: epub.EpubBook, target: Path, spine: list[tuple[str, str, str]],
                cover: Cover, images: dict[str, Path], contents: list[ContentsEntry],
                guide: list[dict], lang: str, direction: str, timestamp,
                overlays: list[Overlay]) -> None:
        """Add the pages, cover, images, fonts, navigation and the overlays with their
        recordings to ``book`` and write it."""
        book.add_item(epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                                    content=self.stylesheets[bool(overlays)]))
        cover_image = epub.EpubItem(uid="cover-image", file_name=cover.file_name,
                                    media_type=cover.media_type, content=cover.data)
        cover_image.properties = ["cover-image"]
        book.add_item(cover_image)
        # The EPUB 2 way of naming the cover, still read by older readers' libraries.
        book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
        items = []
        voiced = {found.page: found for found in overlays}
        for uid, file_name, page in spine:
            data = page.encode("utf-8")
            etree.fromstring(data)  # a template that is not well-formed XML fails here, loudly
            item = epub.EpubItem(uid=uid, file_name=file_name,
                                 media_type="application/xhtml+xml", content=data)
            if uid == "nav":
                item.properties = ["nav"]
            if file_name in voiced:
                item.media_overlay = voiced[file_name].uid
            items.append(item)
            book.add_item(item)
        for found in overlays:
            smil = self.templates.render("epub/overlay.smil", overlay=found).encode("utf-8")
            etree.fromstring(smil)
            book.add_item(epub.EpubItem(uid=found.uid, file_name=found.file_name,
                                        media_type="application/smil+xml", content=smil))
        for recording in dict.fromkeys(found.recording for found in overlays):
            book.add_item(epub.EpubItem(uid=recording.uid, file_name=recording.file_name,
                                        media_type=recording.media_type,
                                        content=recording.path.read_bytes()))
        for number, (name, path) in enumerate(sorted(images.items()), 1):
            book.add_item(epub.EpubItem(uid=f"image-{number}", file_name=name,
                                        media_type=media_type(path), content=path.read_bytes()))
        if self.embed_fonts:
            text = " ".join(_text(page) for _, _, page in spine)
            for number, name in enumerate(FONT_FILES, 1):
                book.add_item(epub.EpubItem(
                    uid=f"font-{number}", file_name=_font_name(f"fonts/{name}"),
                    media_type="font/woff2",
                    content=web_font(self.templates.find(f"fonts/{name}"), text)))
        book.toc = [_ncx_entry(entry) for entry in contents]
        book.add_item(epub.EpubNcx())
        book.spine = items
        book.guide = guide
        if direction == "rtl":
            book.set_direction("rtl")

        packed = io.BytesIO()
        epub.write_epub(packed, book, {
            "raise_exceptions": True, "mtime": timestamp, "epub3_pages": False,
            "epub3_landmark": False, "epub2_guide": True,
            "compresslevel": 0,  # repack compresses: ebooklib's zip is read once, in memory
        })
        with atomic_path(target) as temporary:
            temporary.write_bytes(repack(packed.getvalue(), timestamp.timetuple()[:6], lang))

    def cover_fonts(self) -> CoverFonts:
        from ..cover import CoverFonts

        return CoverFonts(*(self.templates.find(f"fonts/GentiumBookPlus-{style}.ttf")
                            for style in ("Regular", "Italic", "Bold")),
                          *(self.templates.find(f"fonts/NotoNaskhArabic-{style}.ttf")
                            for style in ("Regular", "Bold")))

    def cover(self, document: Document, words: dict) -> Cover:
        """The ``cover:`` image of the front matter or series.yml, or a typographic cover drawn
        for this book."""
        meta = document.meta
        alt = f"{words['cover']}: {plain(meta.title)}"
        if meta.cover:
            return given_cover(meta.cover, alt)
        wording = cover_wording(document, words)
        fonts = self.cover_fonts()
        from ..cover import draw_cover, missing_characters  # Pillow: only to draw a cover

        missing = missing_characters(wording.text, fonts)
        if missing:
            keys = next((keys for keys, value in wording.sources if set(missing) & set(value)),
                        ("title",))
            raise ContentError(Problem(
                document.path, _line_of(document.path, keys),
                f"the e-book cover cannot be drawn: its font has no '{missing[:12]}'",
                f"set 'cover:'{' in series.yml' if document.is_volume else ''} to an image of "
                "the cover, or add a font with these characters to the fonts/ folder of your "
                "--templates"))
        return Cover("cover.png", draw_cover(wording.text, fonts), "image/png",
                     " ".join(filter(None, (f"{alt}.", wording.description))))

    def _add_metadata(self, book: epub.EpubBook, document: Document,
                      overlays: list[Overlay]) -> None:
        about = book_metadata(document)
        for number, (name, roles) in enumerate(about.creators, 1):
            book.add_author(name, role=roles[0], uid=f"creator-{number}")
            for role in roles[1:]:
                book.add_metadata(None, "meta", role, {"refines": f"#creator-{number}",
                                                       "property": "role",
                                                       "scheme": "marc:relators"})
        for number, (name, role, id_prefix) in enumerate(about.contributors, 1):
            book.add_metadata("DC", "contributor", name, {"id": f"{id_prefix}-{number}"})
            book.add_metadata(None, "meta", role, {"refines": f"#{id_prefix}-{number}",
                                                   "property": "role", "scheme": "marc:relators"})
        book.add_metadata("DC", "date", about.date.isoformat())
        for name, value in about.fields:
            if value:
                book.add_metadata("DC", name, plain(value))
        for tag in about.subjects:
            book.add_metadata("DC", "subject", tag)
        if about.series:
            book.add_metadata(None, "meta", plain(about.series),
                              {"property": "belongs-to-collection", "id": "series"})
            book.add_metadata(None, "meta", "series",
                              {"refines": "#series", "property": "collection-type"})
            if about.series_number:
                book.add_metadata(None, "meta", str(about.series_number),
                                  {"refines": "#series", "property": "group-position"})
        has_images, read_along = bool(document.images), bool(overlays)
        for prop, value in accessibility_metadata(has_images, read_along):
            book.add_metadata(None, "meta", value, {"property": prop})
        book.add_metadata(None, "meta", accessibility_summary(has_images, read_along),
                          {"property": "schema:accessibilitySummary"})
        book.add_metadata(None, "meta", CONFORMANCE,
                          {"property": "dcterms:conformsTo", "id": "conformance"})
        if read_along:
            book.add_metadata(None, "meta", smil_clock(sum(found.duration for found in overlays)),
                              {"property": "media:duration"})
            for found in overlays:
                book.add_metadata(None, "meta", smil_clock(found.duration),
                                  {"property": "media:duration", "refines": f"#{found.uid}"})
            book.add_metadata(None, "meta", ACTIVE_CLASS, {"property": "media:active-class"})


@dataclass(frozen=True)
class BookMetadata:
    """What the package document says of a book besides its title and language."""

    creators: tuple[tuple[str, tuple[str, ...]], ...]
    """Name and MARC relator roles; readers and stores take as authors the creators whose
    first role is 'aut'."""
    contributors: tuple[tuple[str, str, str], ...]
    """Name, MARC relator role, and the prefix of its id."""
    date: dt.date
    fields: tuple[tuple[str, str], ...]
    """Dublin Core elements and their values (empty ones are left out)."""
    subjects: tuple[str, ...] = ()
    series: str = ""
    series_number: int | None = None


def book_metadata(document: Document) -> BookMetadata:
    """An interview is by its interviewees (Calibre, Apple Books and Kobo show them as the
    authors), with its interviewers and translators credited; a volume is by its editors,
    with everyone interviewed or interviewing in it credited."""
    meta = document.meta
    if document.is_volume:
        people = dict.fromkeys((name, "ive") for i in document.interviews
                               for name in i.meta.interviewees)
        people.update(dict.fromkeys((name, "ivr") for i in document.interviews
                                    for name in i.meta.interviewers))
        return BookMetadata(
            creators=tuple((name, ("edt",)) for name in meta.editors),
            contributors=tuple((name, role, "contributor") for name, role in people),
            date=document.date,
            fields=(("description", meta.description), ("publisher", meta.publisher),
                    ("rights", meta.rights)))
    return BookMetadata(
        creators=(*((name, ("aut", "ive")) for name in meta.interviewees),
                  *((name, ("ivr",)) for name in meta.interviewers)),
        contributors=tuple((name, "trl", "translator") for name in meta.translators),
        date=meta.date,
        fields=(("description", meta.summary), ("publisher", meta.publication),
                ("source", meta.source_url or meta.publication), ("rights", meta.rights)),
        subjects=meta.tags, series=meta.series, series_number=meta.series_number)


@dataclass(frozen=True)
class CoverWording:
    text: CoverText
    description: str
    """What the cover says besides its title, for its alternative text."""
    sources: tuple[tuple[tuple[str, ...], str], ...]
    """The fields each part of it comes from, to place a problem with its words."""


def cover_wording(document: Document, words: dict) -> CoverWording:
    """What a drawn cover says: an interview's series, people and byline, or a volume's
    publisher and editors."""
    from ..cover import CoverText, series_line

    meta = document.meta
    if document.is_volume:
        editors = join_names(meta.editors, meta.lang) if meta.editors else ""
        # "edited by" and the names on lines of their own: each line is drawn in one font,
        # and editors' names are often in another script than the volume's language
        text = CoverText(title=meta.title, subtitle=meta.subtitle, series=meta.publisher,
                         names=words["edited_by"] if editors else "", byline=editors,
                         series_name=meta.title, direction=meta.dir, lang=meta.lang)
        return CoverWording(text, f"{words['edited_by']} {editors}." if editors else "", (
            (("title",), meta.title), (("subtitle",), meta.subtitle),
            (("publisher",), meta.publisher), (("editors",), editors),
            (("lang",), words["edited_by"])))
    series = series_line(meta.series, meta.series_number, meta.lang)
    names = join_names(meta.interviewees, meta.lang)
    byline = f"{words['in_conversation']} {join_names(meta.interviewers, meta.lang)}"
    text = CoverText(title=meta.title, subtitle=meta.subtitle, series=series, names=names,
                     byline=byline, series_name=meta.series, direction=meta.dir, lang=meta.lang)
    return CoverWording(text, f"{plain(meta.subtitle) + '. ' if meta.subtitle else ''}"
                              f"{names} {byline}.", (
        (("title",), meta.title), (("subtitle",), meta.subtitle), (("series",), series),
        (("interviewee", "speakers"), names),
        (("interviewer", "speakers"), " ".join(meta.interviewers)),
        (("lang",), words["in_conversation"])))


def interview_page(document: Document, interview: Interview) -> tuple[str, str]:
    """The id and file name of an interview's page in the e-book of ``document``."""
    if document.is_volume:
        return f"i-{interview.meta.slug}", f"{interview.meta.slug}.xhtml"
    return "interview", "interview.xhtml"


def given_cover(path: Path, alt: str) -> Cover:
    """The cover image named by ``cover:`` in the front matter or series.yml, as it is."""
    return Cover(f"cover{path.suffix.lower()}", path.read_bytes(), media_type(path), alt)


def image_name(key: str) -> str:
    """Where an image of the content is in the book: ``images/``, its path flattened, and made
    of letters, digits, '.', '_' and '-' only (EPUB allows no space in a file name: RSC-020),
    with a part of the path's hash where that changed it, so two paths never meet."""
    flat = key.replace("/", "-")
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", flat)
    if safe == flat:
        return f"images/{flat}"
    stem, dot, suffix = safe.rpartition(".")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"images/{stem}-{digest}{dot}{suffix}" if dot else f"images/{safe}-{digest}"


def new_book(identifier: str, title: str, lang: str) -> epub.EpubBook:
    """An empty book with the three metadata every EPUB must have."""
    book = epub.EpubBook()
    book.set_identifier(identifier)
    book.set_title(plain(title))
    book.set_language(lang)
    return book


def _font_name(name: str) -> str:
    """Where an embedded font is in the book: subset to the book's text, as WOFF2."""
    return name.removesuffix(".ttf") + ".woff2"


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", page)


def _line_of(path: Path, keys: tuple[str, ...]) -> int:
    """The line of the first of these front-matter fields, for a problem about its value."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for key in keys:
        for number, line in enumerate(lines, 1):
            if line.startswith(f"{key}:"):
                return number
    return 1


def _ncx_entry(entry: ContentsEntry):
    link = epub.Link(entry.href, entry.title, entry.href.replace("#", "-").replace(".", "-"))
    if not entry.children:
        return link
    return (epub.Section(entry.title, entry.href), [_ncx_entry(child) for child in entry.children])


PACKED_ALREADY = (".jpg", ".jpeg", ".webp", ".woff2", ".woff", ".mp3", ".m4a", ".ogg")
"""Entries stored as they are: deflating them again gains nothing. (A PNG gains: the
cover's, run-length coded, by a quarter.)"""


def repack(data: bytes, date_time: tuple[int, ...], lang: str) -> bytes:
    """The EPUB zip again, byte-reproducible: fixed times and modes, ``mimetype`` first and
    stored, the other entries sorted by name; photographs, fonts and recordings are stored too,
    being compressed already (``PACKED_ALREADY``). The package document gets the ``xml:lang``
    that ebooklib leaves out (Ace requires it)."""
    date_time = max(tuple(date_time), (1980, 1, 1, 0, 0, 0))
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(name for name in source.namelist() if name != "mimetype")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in ["mimetype", *names]:
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            stored = name == "mimetype" or name.startswith(f"EPUB/{AUDIO_FOLDER}/") \
                or name.endswith(PACKED_ALREADY)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            content = source.read(name)
            if name.endswith(".opf"):
                content = content.replace(b"<package ", f'<package xml:lang="{lang}" '.encode(), 1)
            target.writestr(info, content, compresslevel=9)
    return output.getvalue()
