"""The EPUB 3 edition, packaged by ebooklib and re-zipped reproducibly.

ebooklib writes the package document, the NCX and the zip; the XHTML pages are
our own templates, so that what EPUBCheck and Ace read is what we wrote.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import lxml.html
from ebooklib import epub
from lxml import etree
from markupsafe import Markup, escape

from ..assets import media_type
from ..model import Interview
from ..output import atomic_path
from . import Settings, Written

NAME = "epub"
ORDER = 3
_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
ROLE_TYPES = {"doc-noteref": "noteref"}
ACCESSIBILITY = [
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
]
FONT_FILES = ["GentiumBookPlus-Regular.ttf", "GentiumBookPlus-Italic.ttf",
              "GentiumBookPlus-Bold.ttf", "GentiumBookPlus-BoldItalic.ttf"]


@dataclass
class ContentsEntry:
    title: str
    href: str
    children: list[ContentsEntry] = field(default_factory=list)


def to_xhtml(markup: str) -> Markup:
    """HTML markup as well-formed XHTML (void tags closed, no named entities)."""
    fragment = lxml.html.fragment_fromstring(str(markup), create_parent="div")
    serialised = "".join(etree.tostring(child, encoding="unicode", method="xml")
                         for child in fragment)
    for role, epub_type in ROLE_TYPES.items():
        serialised = serialised.replace(f'role="{role}"', f'epub:type="{epub_type}" role="{role}"')
    return Markup(str(escape(fragment.text or "")) + serialised)


class Exporter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.templates = settings.templates
        self.templates.env.filters["xhtml"] = to_xhtml
        self.css = self.templates.render(
            "epub/style.css", font_url=lambda name: name).encode("utf-8")

    def export(self, interview: Interview) -> list[Written]:
        meta = interview.meta
        words = self.templates.words(meta.lang)
        timestamp = self.settings.timestamp(interview)
        book = epub.EpubBook()
        book.set_identifier(meta.identifier)
        book.set_title(meta.title)
        book.set_language(meta.lang)
        self._add_metadata(book, interview)

        images = {key: f"images/{key.replace('/', '-')}" for key in interview.body.images}
        page = self.templates.render("epub/interview.xhtml", interview=interview, meta=meta,
                                     words=words)
        page = _SRC.sub(lambda m: m[1] + images.get(m[2], m[2]) + m[3], page)
        chapter = epub.EpubItem(uid="interview", file_name="interview.xhtml",
                                media_type="application/xhtml+xml", content=page.encode("utf-8"))
        contents = [ContentsEntry(meta.title, "interview.xhtml", [
            ContentsEntry(part.title, f"interview.xhtml#{part.id}")
            for part in interview.body.parts if part.title
        ])]
        nav = epub.EpubItem(uid="nav", file_name="nav.xhtml", media_type="application/xhtml+xml",
                            content=self.templates.render(
                                "epub/nav.xhtml", meta=meta, words=words, contents=contents,
                                start=f"interview.xhtml#{meta.slug}").encode("utf-8"))
        nav.properties = ["nav"]
        book.add_item(epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                                    content=self.css))
        for item in (chapter, nav):
            book.add_item(item)
        for number, (key, name) in enumerate(sorted(images.items()), 1):
            path = interview.body.images[key]
            book.add_item(epub.EpubItem(uid=f"image-{number}", file_name=name,
                                        media_type=media_type(path), content=path.read_bytes()))
        if self.templates.theme.embed_fonts_in_epub:
            for number, name in enumerate(FONT_FILES, 1):
                book.add_item(epub.EpubItem(
                    uid=f"font-{number}", file_name=f"fonts/{name}", media_type="font/ttf",
                    content=self.templates.find(f"fonts/{name}").read_bytes()))
        book.toc = [_ncx_entry(entry) for entry in contents]
        book.add_item(epub.EpubNcx())
        book.spine = [chapter]
        if meta.dir == "rtl":
            book.set_direction("rtl")

        packed = io.BytesIO()
        epub.write_epub(packed, book, {
            "raise_exceptions": True, "mtime": timestamp, "epub3_pages": False,
            "epub3_landmark": False, "epub2_guide": False,
        })
        target = self.settings.folder(interview) / f"{meta.slug}.epub"
        with atomic_path(target) as temporary:
            temporary.write_bytes(repack(packed.getvalue(), timestamp.timetuple()[:6], meta.lang))
        return [Written(target)]

    def _add_metadata(self, book: epub.EpubBook, interview: Interview) -> None:
        meta = interview.meta
        people = [(name, "ive") for name in meta.interviewees]
        people += [(name, "ivr") for name in meta.interviewers]
        for number, (name, role) in enumerate(people, 1):
            book.add_author(name, role=role, uid=f"creator-{number}")
        for number, name in enumerate(meta.translators, 1):
            book.add_metadata("DC", "contributor", name, {"id": f"translator-{number}"})
            book.add_metadata(None, "meta", "trl", {"refines": f"#translator-{number}",
                                                    "property": "role", "scheme": "marc:relators"})
        book.add_metadata("DC", "date", meta.date.isoformat())
        for name, value in (("description", meta.summary), ("publisher", meta.publication),
                            ("source", meta.source_url or meta.publication),
                            ("rights", meta.rights)):
            if value:
                book.add_metadata("DC", name, value)
        for tag in meta.tags:
            book.add_metadata("DC", "subject", tag)
        accessibility = list(ACCESSIBILITY)
        if interview.body.images:
            accessibility += [("schema:accessMode", "visual"),
                              ("schema:accessibilityFeature", "alternativeText")]
        for prop, value in sorted(accessibility):
            book.add_metadata(None, "meta", value, {"property": prop})
        book.add_metadata(None, "meta", (
            "This publication conforms to WCAG 2.2 Level AA. The interview is structured with "
            "headings, each turn names its speaker, and the reading order follows the conversation."
        ), {"property": "schema:accessibilitySummary"})
        book.add_metadata(None, "meta", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
                          {"property": "dcterms:conformsTo"})


def _ncx_entry(entry: ContentsEntry):
    link = epub.Link(entry.href, entry.title, entry.href.replace("#", "-").replace(".", "-"))
    if not entry.children:
        return link
    return (epub.Section(entry.title, entry.href), [_ncx_entry(child) for child in entry.children])


def repack(data: bytes, date_time: tuple[int, ...], lang: str) -> bytes:
    """The EPUB zip again, byte-reproducible: fixed times and modes, ``mimetype`` first and
    stored, the other entries sorted by name. The package document gets the ``xml:lang``
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
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            content = source.read(name)
            if name.endswith(".opf"):
                content = content.replace(b"<package ", f'<package xml:lang="{lang}" '.encode(), 1)
            target.writestr(info, content, compresslevel=9)
    return output.getvalue()
