"""An HTML page saved from a browser: find the article, keep its paragraphs, drop the page.

The article is the largest ``<article>``, else ``<main>``, else the element
holding the most paragraph text. Menus, share buttons, comment sections and
appeals are dropped by tag, by class name and by wording (``leftovers.py``).
Nothing is fetched: images on the web are reported, not downloaded.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from .bounds import MAX_HTML_ELEMENTS, check_chars, too_many
from .infer import find_date
from .leftovers import CHROME_CLASS
from .recording import named_recording
from .said import Extract, Note, Para
from .text import front_matter_start, refuse_binary
from .write import escape

DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
             "button", "svg", "iframe", "template", "select", "input", "textarea", "label",
             "menu", "dialog", "object", "embed", "video", "audio", "canvas"}
LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "figcaption",
          "blockquote", "td", "th", "caption"}
CONTAINERS = {"div", "section", "article", "main", "body", "ul", "ol", "dl", "figure", "table",
              "tbody", "thead", "tfoot", "tr", "center", "hgroup", "details", "summary"}
_PARSER = lxml.html.HTMLParser(no_network=True, huge_tree=False)
"""The defaults, stated: nothing fetched, libxml2's limits on depth (256) and size kept."""
_SOURCE_PARSER = lxml.html.HTMLParser(no_network=True, huge_tree=False, encoding="utf-8")
"""The same, for a site generator's source page, which is UTF-8 text and declares no charset
(read as Latin-1, 'sécurité' would come out 'sÃ©curitÃ©')."""
STRONG = {"strong", "b"}
EM = {"em", "i", "cite"}


def read_html(path: Path, data: bytes) -> Extract:
    """The paragraphs of a saved page. lxml's HTML parser reads no DTD and expands no entity
    but HTML's own, and fetches nothing: a page cannot pull in another file (no XXE)."""
    refuse_binary(path, data)
    extract = Extract([])
    parser = _PARSER
    if front_matter_start(data[:4096].decode("utf-8", "replace").replace("\r\n", "\n")) \
            is not None:
        # a site generator's source page (Jekyll, Hugo): its front matter says what the page's
        # <head> would; its lines are blanked, so that line numbers still match the file
        from .text import _front_matter

        text = data.decode("utf-8", "replace").lstrip("\ufeff").replace("\r\n", "\n")
        data = _front_matter(path, text, extract).encode("utf-8")
        parser = _SOURCE_PARSER
    else:
        data, parser = page_text(data).encode("utf-8"), _SOURCE_PARSER
    try:
        document = lxml.html.document_fromstring(data, parser=parser)
    except lxml.etree.ParserError:  # "Document is empty": only white space or comments
        return extract
    elements = int(document.xpath("count(//*)"))
    if elements > MAX_HTML_ELEMENTS:
        raise too_many(path, 1, elements, MAX_HTML_ELEMENTS, "HTML elements", "MAX_HTML_ELEMENTS",
                       "save the page as 'Web Page, HTML only', or copy the interview's text "
                       "into a .txt file")
    check_chars(path, sum(map(len, document.itertext())) -
                sum(len(element.text or "") for element in document.iter("script", "style")))
    extract.hints = {**_page_hints(document), **extract.hints}
    root = _article(document)
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        reason = _chrome(element)
        if reason:
            text = " ".join(" ".join(element.itertext()).split())
            if text:
                extract.dropped.append(Note(element.sourceline or 0,
                                            f"{reason}: '{text[:50]}'"))
            element.drop_tree()
    for image in list(root.iter("img")):
        extract.unsure.append(Note(image.sourceline or 0, f"image '{image.get('src', '')}' "
                                   "not imported: save it under content/images/ and add "
                                   "![alt text](images/NAME)"))
        figure = next((a for a in image.iterancestors("figure")), None)
        (figure if figure is not None else image).drop_tree()  # its caption goes with it
    _walk(root, extract.paras)
    extract.paras = _rules_marked(extract.paras)
    return extract


def _rules_marked(paras: list[Para]) -> list[Para]:
    """The paragraphs, each ``<hr>`` (an empty paragraph :func:`_walk` leaves) marked on the
    paragraph after it."""
    kept: list[Para] = []
    after_rule = False
    for para in paras:
        if para.text or not para.after_rule:
            para.after_rule, after_rule = para.after_rule or after_rule, False
            kept.append(para)
        else:
            after_rule = True
    return kept


def page_text(data: bytes) -> str:
    """A saved page's text, in the character set its bytes are in, as browsers find it: a
    byte-order mark, else the ``<meta charset>`` or ``http-equiv`` declaration, or an XML
    declaration's ``encoding``, in its first 1024 bytes; else UTF-8 where the bytes are UTF-8,
    and Windows-1252 where they are not. Latin-1 and ASCII labels read as Windows-1252, as
    the HTML standard has it (a page's curly quotes are in 0x80-0x9F)."""
    for mark, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                        (b"\xfe\xff", "utf-16-be")):
        if data.startswith(mark):
            return data[len(mark):].decode(codec, "replace")
    declared = _CHARSET_DECLARED.search(data[:1024])
    codec = _codec((declared["label"] or declared["xml"]).decode("ascii")) if declared else ""
    if codec and codec != "cp1252":
        try:
            return data.decode(codec, "replace")
        except (UnicodeError, LookupError):  # 'idna' decodes no page
            codec = ""
    if not codec:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return _windows_1252(data)


def _codec(label: str) -> str:
    """Python's codec for a page's charset label ('ISO-8859-1' reads as 'cp1252'), or ''."""
    try:
        found = codecs.lookup(label.strip())
    except LookupError:
        return ""
    name = found.name if getattr(found, "_is_text_encoding", True) else ""  # not 'rot13'
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii", "cp1252") else name


def _windows_1252(data: bytes) -> str:
    """``data`` as Windows-1252, the five bytes it leaves undefined as Latin-1 reads them."""
    return "".join(chunk.decode("cp1252") if index % 2 == 0 else chunk.decode("latin-1")
                   for index, chunk in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", data)))


_CHARSET_DECLARED = re.compile(
    rb"<meta[^>]*charset\s*=\s*[\"']?(?P<label>[\w.:-]+)|"
    rb"<\?xml[^>]*encoding\s*=\s*[\"'](?P<xml>[\w.:-]+)", re.I)


def _page_hints(document: HtmlElement) -> dict:
    def meta(*names: str) -> str:
        for name in names:
            for element in document.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
                if element.get("content", "").strip():
                    return element.get("content").strip()
        return ""

    hints: dict = {}
    linked = _linked_data(document)
    site = meta("og:site_name", "application-name")
    heading = document.xpath("//article//h1|//main//h1")
    page_title = document.find(".//title")
    # the article's own title; not a site's masthead <h1> (the text's first heading is taken
    # later, by infer.front_values, when nothing here names the title)
    title = (_without_site(meta("og:title", "twitter:title"), site)
             or str(linked.get("headline") or "").strip()
             or (" ".join(heading[0].text_content().split()) if heading else "")
             or (_without_site(page_title.text_content(), site) if page_title is not None else ""))
    hints["title"] = title
    times = document.xpath("//time[@datetime]")
    stamp = meta("article:published_time", "date", "dc.date", "DC.date.issued") or \
        str(linked.get("datePublished") or "") or (times[0].get("datetime") if times else "")
    hints["date"] = find_date(stamp[:10]) if stamp else None
    hints["lang"] = (document.get("lang") or document.get("xml:lang") or "").strip()
    hints["publication"] = meta("og:site_name", "application-name")
    url = meta("og:url") or "".join(document.xpath('//link[@rel="canonical"]/@href'))
    hints["source_url"] = url if url.startswith(("https://", "http://")) else ""
    sources = document.xpath("//audio/@src|//audio/source/@src")
    hints["audio"] = named_recording(meta("og:audio", "og:audio:url", "og:audio:secure_url")
                                     or " ".join(sources))
    author = meta("author", "article:author", "dc.creator") or _linked_name(linked.get("author"))
    hints["interviewer"] = "" if author.startswith("http") else author
    return hints


def _linked_data(document: HtmlElement) -> dict:
    """The page's JSON-LD article (schema.org ``Article``, ``NewsArticle``, ``BlogPosting``)."""
    for script in document.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and ("headline" in item or "datePublished" in item):
                return item
    return {}


def _linked_name(author: object) -> str:
    if isinstance(author, list):
        author = author[0] if author else ""
    if isinstance(author, dict):
        author = author.get("name", "")
    return author.strip() if isinstance(author, str) else ""


def _without_site(title: str, site: str) -> str:
    """A page title without the site's name: 'Talking Tides | The Lantern' -> 'Talking Tides'
    where the page names its site 'The Lantern'. Where it does not, as Mozilla's Readability
    does: the part before the last separator, else the one after the first when that is
    under three words; and the whole title when what is left has four words or fewer and a
    dash is what parts it ('Hyperaudio Lite — SoundCloud demo': no part of it is known to be
    the site's), where a bar parts a site's name off ('Ada Ruiz on compilers | The Byte
    Review')."""
    title = " ".join(title.split())
    parts = re.split(_TITLE_SEPARATOR, title)
    if len(parts) > 1 and site:
        kept = [part for part in parts if part.casefold() != site.casefold()]
        return " – ".join(kept[:1]) if kept else parts[0]
    if len(parts) > 1:
        kept = " – ".join(parts[:-1]) if len(parts[:-1]) > 1 else parts[0]
        if len(kept.split()) < 3:
            kept = " – ".join(parts[1:])
        return kept if len(kept.split()) > 4 or re.search(r"\s[|·]\s", title) else title
    return title


_TITLE_SEPARATOR = r"\s+[|–—·-]\s+"


def _article(document: HtmlElement) -> HtmlElement:
    for query in ("//article", "//main", '//*[@role="main"]'):
        found = document.xpath(query)
        if found:
            return max(found, key=lambda element: len(element.text_content()))
    scores: dict[HtmlElement, int] = {}
    for paragraph in document.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(paragraph.text_content())
    body = document.find("body")
    return max(scores, key=scores.get) if scores else (body if body is not None else document)


_TEXT_TAGS = ("p", "strong", "b", "em", "i", "span", "h1", "h2", "h3", "h4", "h5", "h6")
"""Elements whose class or id is no sign of page furniture: a heading's id is often its own
words ('h-can-you-share-a-little-about-yourself')."""


def _chrome(element: HtmlElement) -> str:
    if element.tag in DROP_TAGS:
        return f"<{element.tag}>"
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    if element.tag not in _TEXT_TAGS and CHROME_CLASS.search(names):
        return f"page furniture ({CHROME_CLASS.search(names).group(2)})"
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return "hidden"
    return ""


def _walk(element: HtmlElement, paras: list[Para]) -> None:
    """Append the paragraphs inside ``element``, in reading order."""
    pending: list = [element.text or ""]

    def flush() -> None:
        _emit(pending, element.sourceline or 0, paras, heading=0)
        pending.clear()

    for child in element:
        if not isinstance(child.tag, str):
            pending.append(child.tail or "")
            continue
        if child.tag in CONTAINERS:
            flush()
            _walk(child, paras)
        elif child.tag in LEAVES:
            flush()
            if child.tag == "blockquote" and len(child) and child[0].tag in LEAVES | CONTAINERS:
                _walk(child, paras)
            else:
                level = int(child.tag[1]) if re.fullmatch(r"h[1-6]", child.tag) else 0
                _emit([child], child.sourceline or 0, paras, level,
                      prefix="- " if child.tag == "li" else "")
        elif child.tag == "hr":
            flush()
            paras.append(Para("", child.sourceline or 0, after_rule=True))
        else:
            pending.append(child)
        pending.append(child.tail or "")
    flush()


def _emit(content: list, line: int, paras: list[Para], heading: int, prefix: str = "") -> None:
    """One paragraph (or several, where ``<br><br>`` or a bold lead-in splits it)."""
    for runs in _lines(content):
        markdown = "".join(text for text, _ in runs).strip()
        if not markdown:
            continue
        plain = [(text, style) for text, style in runs if text.strip()]
        styles = {style for _, style in plain}
        emphasis = next(iter(styles)) if len(styles) == 1 and "" not in styles else ""
        if emphasis:
            stripped = "".join(_inline_text(text) for text, _ in runs).strip()
        else:
            stripped = ""
        paras.append(Para(prefix + markdown, line, emphasis, stripped, heading,
                          block=bool(prefix)))


def _lines(content: list) -> list[list[tuple[str, str]]]:
    """Runs of (Markdown, whole style) split at ``<br><br>`` and after a bold lead-in + ``<br>``."""
    runs: list[tuple[str, str]] = []
    for item in content:
        if isinstance(item, str):
            runs.append((escape(_space(item)), ""))
        else:
            runs += _runs(item, "")
    groups: list[list[tuple[str, str]]] = [[]]
    for text, style in runs:
        if text == "\n":
            previous = groups[-1]
            whole = {s for t, s in previous if t.strip()}
            if not "".join(t for t, _ in previous).strip() or (len(whole) == 1 and "" not in whole):
                groups.append([])  # a blank line, or the end of a bold question
            else:
                previous.append(("  \n", ""))  # a line break inside the paragraph
            continue
        groups[-1].append((text, style))
    return [group for group in groups if group]


def _runs(element: HtmlElement, style: str) -> list[tuple[str, str]]:
    """The Markdown of an inline element and its children, each piece with its style."""
    if not isinstance(element.tag, str):
        return [(escape(_space(element.tail or "")), style)] if element.tail else []
    tag = element.tag
    if tag == "br":
        return [("\n", style)] + ([(escape(_space(element.tail)), style)] if element.tail else [])
    inner_style = "strong" if tag in STRONG else ("em" if tag in EM and style != "strong" else style)
    pieces = [(escape(_space(element.text or "")), inner_style)] if element.text else []
    for child in element:
        pieces += _runs(child, inner_style)
    pieces = _markup(tag, element, pieces, style)
    if element.tail:
        pieces.append((escape(_space(element.tail)), style))
    return pieces


def _markup(tag: str, element: HtmlElement, pieces: list, outer: str) -> list:
    text = "".join(t for t, _ in pieces)
    if tag in STRONG | EM and text.strip():
        mark = "**" if tag in STRONG else "*"
        if outer:  # inside another emphasis: keep the text plain
            return pieces
        lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
        style = "strong" if tag in STRONG else "em"
        return [(lead, ""), (f"{mark}{core}{mark}", style), (trail, "")]
    if tag == "a" and element.get("href", "").startswith(("https://", "http://")):
        return [(f"[{text}]({element.get('href')})", pieces[0][1] if pieces else "")]
    if tag == "code":
        return [(f"`{text}`", "")]
    return pieces


def _inline_text(markdown: str) -> str:
    """Markdown of a wholly emphasised piece without its emphasis marks."""
    return re.sub(r"^(\s*)(\*\*|\*)(.*?)\2(\s*)$", r"\1\3\4", markdown, flags=re.S)


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))
