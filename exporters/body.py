"""The Markdown body of an interview, read into introduction, parts, turns, closing and notes.

A paragraph at the top level that begins with a declared label and a colon
(``Q:``, ``**Maya Ortiz:**``) starts a turn; the blocks after it continue that
turn until the next label or ``## heading``. A rule (``* * *``) in the last turn ends the
conversation: the blocks after it are its closing (an editor's note, the thanks), nobody's
turn. Everything is rendered to HTML
once here, sanitised, with curly quotes and dashes for the interview's language.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .assets import resolve_local
from .errors import ContentError, Problem
from .load import Source
from .metadata import Metadata, Speaker
from .typography import direction, in_digits, typographer, typeset


@dataclass(frozen=True)
class Block:
    """One top-level Markdown block, as sanitised HTML."""

    kind: str
    """paragraph, figure, list, quote, heading, code, rule, table or html."""
    html: str
    inner: str = ""
    """For a paragraph, its content without the ``<p>`` tags."""
    line: int = 0


@dataclass(frozen=True)
class Turn:
    speaker: Speaker
    blocks: tuple[Block, ...]
    line: int
    time: float | None = None
    """Where the turn starts in the recording, in seconds (``Q [12:34]:``), or None."""
    id: str = ""
    """The turn's anchor, unique in a volume (``night-shift-turn-3``)."""

    @property
    def kind(self) -> str:
        return "question" if self.speaker.is_question else "answer"


@dataclass(frozen=True)
class Part:
    """A stretch of the conversation under one ``##`` heading (or none)."""

    id: str
    title_html: str
    title: str
    intro: tuple[Block, ...]
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Note:
    number: int
    id: str
    ref_id: str
    html: str


@dataclass(frozen=True)
class Body:
    introduction: tuple[Block, ...]
    parts: tuple[Part, ...]
    notes: tuple[Note, ...]
    images: dict[str, Path]
    """Image key, as it stands in ``src`` attributes, to the file it names."""
    closing: tuple[Block, ...] = ()
    """What follows the conversation, after a rule in its last turn."""
    warnings: tuple[Problem, ...] = ()
    errors: tuple[Problem, ...] = ()
    """What stops a build but not the reading (a missing image): ``check`` reports them with
    the warnings, the build refuses the interview (:func:`exporters.model.read_interview`)."""
    text_lines: frozenset[int] = frozenset()
    """The lines of the source's body (from 0) that hold running text, not code: what
    ``check``'s rules on typed text read."""

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(turn for part in self.parts for turn in part.turns)


ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "bdi", "bdo",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "lang", "dir", "title"},
    "a": {"href", "role"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
}
UNSAFE_HTML = re.compile(r"<\s*(script|style|iframe|object|embed|form|link|meta)\b|\son\w+\s*=",
                         re.IGNORECASE)
BLOCK_KINDS = {
    "paragraph_open": "paragraph", "bullet_list_open": "list", "ordered_list_open": "list",
    "blockquote_open": "quote", "heading_open": "heading", "fence": "code", "code_block": "code",
    "hr": "rule", "html_block": "html", "table_open": "table",
}


_LANG_WITHOUT_DIR = re.compile(r'<(\w+)((?:(?!\sdir=)[^>])*?)\slang="([^"]+)"((?:(?!\sdir=)[^>])*)>')


MAX_TURNS = 10_000
"""The most turns one interview may have: about 700 printed pages."""
_RAW_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


def sanitise(html: str) -> str:
    """Allowed markup only; every element marked with a language also gets its direction."""
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                      url_schemes={"http", "https", "mailto"})
    return _LANG_WITHOUT_DIR.sub(
        lambda m: f'<{m[1]}{m[2]} lang="{m[3]}" dir="{direction(m[3])}"{m[4]}>', clean)


@lru_cache(maxsize=16)
def markdown_parser(lang: str) -> MarkdownIt:
    return _configured_parser(lang)


@lru_cache(maxsize=16)
def block_parser(lang: str) -> MarkdownIt:
    """The same parser reading only the blocks (paragraphs, lists, notes, with their lines),
    not their inline text: several times cheaper, for what needs only the lines."""
    md = _configured_parser(lang)
    md.core.ruler.disable("inline")
    return md


def _configured_parser(lang: str) -> MarkdownIt:
    md = typographer(lang).enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    # [words in another language]{lang=fa}, and {lang=fa} on the line before a paragraph
    md.use(attrs_plugin, spans=True, allowed=["lang"])
    md.use(attrs_block_plugin, allowed=["lang"])
    md.add_render_rule("footnote_ref",
                       lambda self, tokens, idx, options, env:
                       _note_reference(tokens[idx].meta, env.get("id_prefix", ""), lang))
    # Let every link and image through the parser: images are checked by resolve_local,
    # links by the sanitiser, and both report what they refuse.
    md.validateLink = lambda url: True
    return md


def _note_reference(meta: dict, prefix: str, lang: str) -> str:
    """A note's number in the text, in the language's digits, linked to the note."""
    number = meta["id"] + 1
    ref_id = f"{prefix}noteref-{number}{_sub_reference(meta)}"
    return (f'<a href="#{prefix}note-{number}" id="{ref_id}" class="noteref" '
            f'role="doc-noteref">{in_digits(number, lang)}</a>')


def label_pattern(labels: Collection[str]) -> re.Pattern[str]:
    """Matches a label at the start of a line: ``Q:``, ``**Q:**`` or ``**Q**:``, each with an
    optional time before the colon (``Q [12:34]:``), or just after it (``Q: [12:34]``). It may
    match a name that is not one of ``labels`` (:func:`declared_label` tells): one pattern
    serves every file whose labels hold none of the characters around them, as compiling one
    per file costs more than reading the file."""
    if not any(_LABEL_SYNTAX.intersection(label) for label in labels):
        return _ANY_LABEL
    return _label_regex("|".join(re.escape(label) for label in sorted(labels, key=len,
                                                                        reverse=True)))


def declared_label(pattern: re.Pattern[str], text: str,
                   labels: Collection[str]) -> re.Match[str] | None:
    """The match of one of ``labels`` at the start of ``text``, or None."""
    match = pattern.match(text)
    return match if match and (match["b"] or match["u"] or match["p"]) in labels else None


def _label_regex(names: str) -> re.Pattern[str]:
    time = r"(?:[ \t]*\[(?P<{}>[^\]\n]*)\])?"
    return re.compile(
        rf"^[ ]{{0,3}}(?:\*\*(?P<b>{names}){time.format('bt')}(?::\*\*|\*\*:)"
        rf"|__(?P<u>{names}){time.format('ut')}(?::__|__:)"
        rf"|(?P<p>{names}){time.format('pt')}:)(?=\s|$)[ \t]*"
        rf"(?:\[(?P<after>[ \t]*\d+:[\d:.,]*[ \t]*)\](?![\[(:])[ \t]*)?"
    )


_LABEL_SYNTAX = frozenset("*_:[]\n")
_ANY_LABEL = _label_regex(r"[^*_:\[\]\n]+?")


_TIME = re.compile(r"[ \t]*(?:(\d{1,3}):([0-5]\d)|(\d{1,4})):([0-5]\d)(?:[.,](\d{1,3}))?[ \t]*")


def parse_time(text: str) -> float | None:
    """``MM:SS`` or ``HH:MM:SS``, with optional fractions (``01:02:03.5``), in seconds; None
    for anything else."""
    match = _TIME.fullmatch(text)
    if not match:
        return None
    hours, minutes = (int(match[1]), int(match[2])) if match[1] else (0, int(match[3]))
    fraction = float(f"0.{match[5]}") if match[5] else 0.0
    return hours * 3600 + minutes * 60 + int(match[4]) + fraction


def format_time(seconds: float) -> str:
    """Seconds as the ``[HH:MM:SS]`` an editor writes (``MM:SS`` under an hour), to the
    millisecond."""
    seconds = round(seconds, 3)
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    text = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"
    fraction = round(seconds - whole, 3)
    return text + (f"{fraction:.3f}".rstrip("0")[1:] if fraction else "")


LOOKS_LIKE_LABEL = re.compile(
    r"^[ ]{0,3}(?:(?:\*\*|__)(?P<bold>[^*_:\n]{1,40})(?::\*\*|\*\*:|:__|__:)"
    r"|(?P<plain>[A-Z]{1,4}|[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}):)(?=\s|$)"
)


ONE_WORD_LABEL = re.compile(
    r"^[ ]{0,3}(?:\*\*|__)?(?P<word>[^\W\d_][\w'’.-]{0,30})(?:\*\*|__)?(?P<mark>[:;：])(?:\*\*|__)?"
    r"(?=\s|$)")
"""A paragraph that opens with one word and a colon or semicolon: 'Tomas:', 'Aa:', 'A;'."""


def meant_label(word: str, mark: str, labels: dict[str, Speaker]) -> str:
    """The declared label that ``word`` (before ``mark``) most likely stands for, or '': the
    label with a semicolon for its colon ('A;'), in other letters ('Mo:' for 'MO:'), with one
    letter added to a short one ('Aa:' for 'A:'), or a name of the speaker it labels ('Tomas:'
    for Tomas Lind's 'TL:'). A word no
    speaker's label or name comes near ('Update:', 'Note:') is ordinary text."""
    for label, speaker in labels.items():
        if mark == ";" and word == label:
            return label
        if mark == ";":
            continue
        slip = word.casefold() == label.casefold() or (
            len(word) == len(label) + 1 and word.casefold().startswith(label.casefold())
            and len(label) <= 2)
        if slip or (word != label and word.casefold() in
                    (part.casefold() for part in speaker.name.split() if len(part) > 2)):
            return label
    return ""


_UNREAD_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<path>[^()<>\s\"“‘«]+(?: [^()<>\s\"“‘«]+)+?)"
                           r"(?:\s+[\"'(“‘«][^)]*)?\)")
"""An image Markdown left as text, its path holding a space: '![A ferry](images/Ferry
Boat.jpg "At dawn")'."""


def parse_body(source: Source, metadata: Metadata, id_prefix: str = "") -> Body:
    """Read the Markdown body of ``source`` into its parts and turns."""
    reader = _BodyReader(source, metadata, id_prefix)
    return reader.read()


@dataclass
class _BodyReader:
    source: Source
    metadata: Metadata
    id_prefix: str
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    images: dict[str, Path] = field(default_factory=dict)
    times: dict[int, str] = field(default_factory=dict)
    """Edited line index of a turn's label -> the time written with it, as written."""
    malformed: set[int] = field(default_factory=set)
    """The file lines of the times that are not times."""
    text_lines: set[int] = field(default_factory=set)

    def file_line(self, body_index: int) -> int:
        return self.source.body_line + body_index

    def warn(self, body_index: int, message: str, hint: str, rule: str = "") -> None:
        self.warnings.append(Problem(self.source.path, self.file_line(body_index), message, hint,
                                     "warning", rule))

    def fail(self, body_index: int, message: str, hint: str, rule: str = "") -> ContentError:
        return ContentError(Problem(self.source.path, self.file_line(body_index), message, hint,
                                    rule=rule))

    def read(self) -> Body:
        if not self.source.body.strip():
            raise self.fail(1, "the interview has no text",
                            "write the conversation below the closing '---'")
        md = markdown_parser(self.metadata.lang)
        lines, origin, starts = self._find_turn_starts(md)
        if len(starts) > MAX_TURNS:
            first_over = sorted(starts)[MAX_TURNS]
            raise self.fail(origin[first_over], f"the interview has {len(starts)} turns, over "
                                                f"the limit of {MAX_TURNS} for one file",
                            "split it into several interviews (a series keeps them together)")
        env: dict = {"id_prefix": self.id_prefix}
        tokens = md.parse("\n".join(lines), env)
        self._check_raw_html(tokens, origin)
        self._resolve_images(tokens, origin)

        notes_at = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"),
                        len(tokens))
        notes = self._notes(md, tokens[notes_at:], env)
        introduction, parts = self._structure(md, tokens[:notes_at], env, origin, starts)
        if not any(part.turns for part in parts):
            labels = ", ".join(f"'{label}:'" for label in self.metadata.labels)
            raise self.fail(1, "no turns found: no paragraph starts with a speaker's label",
                            f"start each question and answer with one of {labels}")
        parts, closing = _closed(parts)
        return Body(introduction, parts, notes, dict(self.images), closing,
                    tuple(self.warnings), tuple(self.errors), frozenset(self.text_lines))

    def _find_turn_starts(self, md: MarkdownIt) -> tuple[list[str], list[int], dict[int, str]]:
        """Strip the labels from the source and note where each turn starts.

        Returns the edited lines, the original line index of each edited line
        (a label in the middle of a paragraph gets a blank line inserted before
        it), and a map from edited line index to the label found there.
        """
        labels = self.metadata.labels
        pattern = label_pattern(labels)
        original = self.source.body.split("\n")
        paragraph_lines: dict[int, bool] = {}
        for token in block_parser(self.metadata.lang).parse(self.source.body, {}):
            if token.type == "inline" and token.map:
                self.text_lines.update(range(*token.map))
            if token.type == "paragraph_open" and token.level == 0 and token.map:
                first, last = token.map
                for index in range(first, last):
                    paragraph_lines[index] = index == first

        lines: list[str] = []
        origin: list[int] = []
        starts: dict[int, str] = {}
        for index, text in enumerate(original):
            if index in paragraph_lines:
                match = declared_label(pattern, text, labels)
                if match:
                    if not paragraph_lines[index]:
                        lines.append("")
                        origin.append(index)
                    starts[len(lines)] = match["b"] or match["u"] or match["p"]
                    written = next((match[group] for group in ("bt", "ut", "pt", "after")
                                    if match[group] is not None), None)
                    if written is not None:
                        self.times[len(lines)] = written
                    text = text[match.end():]
                elif paragraph_lines[index]:
                    self._check_undeclared(index, text)
            lines.append(text)
            origin.append(index)
        return lines, origin, starts

    def _check_undeclared(self, index: int, text: str) -> None:
        match = LOOKS_LIKE_LABEL.match(text)
        declared = ", ".join(self.metadata.labels)
        if match:
            label = (match["bold"] or match["plain"]).strip()
            self.warn(index, f"'{label}:' looks like a speaker label but is not declared, "
                             "so this paragraph is kept as text",
                      f"if '{label}' speaks, add it to 'speakers:' (declared: {declared})",
                      "undeclared-label")
            return
        word = ONE_WORD_LABEL.match(text)
        meant = word and meant_label(word["word"], word["mark"], self.metadata.labels)
        if meant:
            written = f"{word['word']}{word['mark']}"
            self.warn(index, f"'{written}' starts like a speaker label but is none of those "
                             f"declared ({declared}), so this paragraph is kept as text in "
                             f"the turn before it",
                      f"write '{meant}:' to start a turn of {self.metadata.labels[meant].name}",
                      "undeclared-label")

    def _check_raw_html(self, tokens: list[Token], origin: list[int]) -> None:
        removed: dict[int, list[str]] = {}
        for token, line in _walk(tokens):
            if token.type in ("html_block", "html_inline"):
                found = [match.group(0).strip() for match in UNSAFE_HTML.finditer(token.content)]
                removed.setdefault(origin[line], []).extend(found)
        for line, found in removed.items():
            if found:
                self.warn(line, f"raw HTML ({', '.join(dict.fromkeys(found))}) was removed",
                          "interviews cannot carry scripts, styles, event handlers or embedded objects",
                          "raw-html")

    def _resolve_images(self, tokens: list[Token], origin: list[int]) -> None:
        """Markdown images and raw ``<img>`` tags alike: a file inside the content folder, with
        alt text; their ``src`` becomes the image's key."""
        for token, line in _walk(tokens):
            unread = _UNREAD_IMAGE.search(token.content) \
                if token.type == "text" and "![" in token.content else None
            if unread:
                raise self.fail(origin[line], f"the image '{unread['path']}' would show as text: "
                                              "Markdown reads no path with a space in it",
                                f"write it in angle brackets, ](<{unread['path']}>), or rename "
                                "the file without spaces", "image-file")
            if token.type == "image":
                alt = "".join(c.content for c in token.children or [])
                token.attrSet("src", self._image(str(token.attrGet("src") or ""), alt,
                                                 origin[line]))
            elif token.type in ("html_block", "html_inline"):
                token.content = _RAW_IMAGE.sub(
                    lambda match: self._raw_image(match.group(0), origin[line]), token.content)

    def _raw_image(self, tag: str, body_index: int) -> str:
        attributes = {name.lower(): html.unescape(value.strip("\"'"))
                      for name, value in _ATTRIBUTE.findall(tag[4:])}
        key = self._image(attributes.get("src", ""), attributes.get("alt", ""), body_index)
        return f'<img src="{html.escape(key)}" alt="{html.escape(attributes.get("alt", ""))}">'

    def _image(self, reference: str, alt: str, body_index: int) -> str:
        """The image's key; a problem with the file or its alt text is kept in ``errors``, and
        the reading goes on so that ``check`` finds everything else too."""
        if not alt.strip():
            self.errors.append(self.fail(body_index, f"the image '{reference}' has no alt text",
                                         "describe the picture between the brackets: "
                                         "![A crane at night](...)", "image-alt").problem)
        try:
            path = resolve_local(reference, self.source.path, self.source.content_root,
                                 self.file_line(body_index))
        except ContentError as error:
            self.errors.append(dataclasses.replace(error.problem, rule="image-file"))
            return reference
        key = path.relative_to(self.source.content_root.resolve()).as_posix()
        self.images[key] = path
        return key

    def _structure(self, md: MarkdownIt, tokens: list[Token], env: dict, origin: list[int],
                   starts: dict[int, str]) -> tuple[tuple[Block, ...], tuple[Part, ...]]:
        introduction: list[Block] = []
        parts: list[dict] = []
        turn: dict | None = None
        pending = sorted(starts.items())

        def close_turn() -> None:
            nonlocal turn
            if turn is not None:
                if not turn["blocks"]:
                    self.warn(turn["index"], f"the turn of '{turn['speaker'].label}' is empty",
                              "write what was said after the label, or remove the label", "empty-turn")
                parts[-1]["turns"].append(
                    Turn(turn["speaker"], tuple(turn["blocks"]), self.file_line(turn["index"]),
                         turn["time"], turn["id"]))
                turn = None

        def open_turn() -> None:
            nonlocal turn
            close_turn()
            label_line, label = pending.pop(0)
            if not parts:
                parts.append(self._new_part(len(parts), None, md, env))
            turn = {"speaker": self.metadata.labels[label], "blocks": [],
                    "index": origin[label_line],
                    "id": f"{self.id_prefix}turn-{sum(len(p['turns']) for p in parts) + 1}",
                    "time": self._time(label_line, origin[label_line])}

        for first, last in _top_level_blocks(tokens):
            opening = tokens[first]
            line = opening.map[0] if opening.map else 0
            while pending and pending[0][0] <= line:
                open_turn()
            if opening.type == "heading_open" and opening.tag in ("h1", "h2"):
                close_turn()
                parts.append(self._new_part(len(parts), tokens[first + 1], md, env))
                continue
            block = self._block(md, tokens[first:last], env, self.file_line(origin[line]))
            if turn is not None:
                turn["blocks"].append(block)
            elif parts:
                parts[-1]["intro"].append(block)
            else:
                introduction.append(block)
        while pending:  # labels with nothing after them at the end of the body
            open_turn()
        close_turn()
        self._check_times([turn for part in parts for turn in part["turns"]])
        return tuple(introduction), tuple(
            Part(p["id"], p["title_html"], p["title"], tuple(p["intro"]), tuple(p["turns"]))
            for p in parts
        )

    def _time(self, label_line: int, body_index: int) -> float | None:
        """The time written with the label at ``label_line``, in seconds; a malformed one is
        kept in ``errors``."""
        written = self.times.get(label_line)
        if written is None:
            return None
        seconds = parse_time(written)
        if seconds is None:
            self.malformed.add(self.file_line(body_index))
            self.errors.append(self.fail(
                body_index, f"'[{written.strip()}]' is not a time",
                "write it as [MM:SS] or [HH:MM:SS], e.g. Q [12:34]: or Q [01:02:03]:",
                "turn-time").problem)
        return seconds

    def _check_times(self, turns: list[Turn]) -> None:
        """Times increase from turn to turn and stay within the recording; in an interview
        with times, a turn without one is left out of the captions (a warning)."""
        timed = [turn for turn in turns if turn.time is not None]
        if not timed:
            return
        self._check_recording_for_epub()
        duration = self.metadata.audio_duration
        previous: Turn | None = None
        for turn in timed:
            assert turn.time is not None
            where = turn.line - self.source.body_line
            if previous is not None and turn.time <= (previous.time or 0):
                self.errors.append(self.fail(
                    where, f"the time [{format_time(turn.time)}] is not after the previous "
                           f"turn's [{format_time(previous.time or 0)}] (line {previous.line})",
                    "times must increase from turn to turn", "turn-time").problem)
            if duration is not None and turn.time >= duration:
                self.errors.append(self.fail(
                    where, f"the time [{format_time(turn.time)}] is past the end of the "
                           f"recording, which lasts {format_time(round(duration, 3))}",
                    "check the time, or the file named by 'audio:'", "turn-time").problem)
            previous = turn
        for turn in turns:
            if turn.time is None and turn.line not in self.malformed:
                self.warn(turn.line - self.source.body_line,
                          f"the turn of '{turn.speaker.label}' has no time, though others have",
                          "write its time after the label, e.g. Q [12:34]:, or the captions "
                          "leave it out", "turn-time")

    def _check_recording_for_epub(self) -> None:
        """A recording an EPUB cannot carry leaves the e-book without read-along (a warning)."""
        audio = self.metadata.audio
        if audio is not None and self.metadata.audio_epub_type is None:
            self.warnings.append(Problem(
                self.source.path, self.source.line_of("audio"),
                f"the recording '{audio.name}' is Ogg Vorbis, which an e-book cannot carry: "
                "the EPUB will not read along with it",
                "export the recording as MP3, or as Opus in Ogg", "warning", "recording"))

    def _new_part(self, index: int, inline: Token | None, md: MarkdownIt, env: dict) -> dict:
        title_html = sanitise(md.renderer.renderInline(inline.children, md.options, env)) if inline else ""
        title = _plain_text(inline) if inline else ""
        return {"id": f"{self.id_prefix}part-{index + 1}", "title_html": title_html,
                "title": title, "intro": [], "turns": []}

    def _block(self, md: MarkdownIt, tokens: list[Token], env: dict, line: int) -> Block:
        kind = BLOCK_KINDS.get(tokens[0].type, "html")
        if kind == "paragraph":
            inline = tokens[1]
            content = [c for c in inline.children or []
                       if not (c.type in ("softbreak", "hardbreak")
                               or (c.type == "text" and not c.content.strip()))]
            if len(content) == 1 and content[0].type == "image":
                return Block("figure", self._figure(md, content[0], env), line=line)
            inner = sanitise(md.renderer.renderInline(inline.children, md.options, env))
            return Block(kind, f"<p>{inner}</p>", inner, line)
        if kind == "heading" and tokens[0].tag in ("h1", "h2"):
            tokens[0].tag = tokens[-1].tag = "h3"
        return Block(kind, sanitise(md.renderer.render(tokens, md.options, env)), line=line)

    def _figure(self, md: MarkdownIt, image: Token, env: dict) -> str:
        image_html = sanitise(md.renderer.renderInline([image], md.options, env))
        caption = typeset(str(image.attrGet("title") or ""), self.metadata.lang)
        if not caption:
            return f"<figure>{image_html}</figure>"
        image_html = image_html.replace(f' title="{_attr(caption)}"', "")
        return f"<figure>{image_html}<figcaption>{_text(caption)}</figcaption></figure>"

    def _notes(self, md: MarkdownIt, tokens: list[Token], env: dict) -> tuple[Note, ...]:
        notes: list[Note] = []
        body: list[Token] = []
        number = 0
        for token in tokens:
            if token.type == "footnote_open":
                number, body = token.meta["id"] + 1, []
            elif token.type == "footnote_close":
                html = sanitise(md.renderer.render(body, md.options, env))
                notes.append(Note(number, f"{self.id_prefix}note-{number}",
                                  f"{self.id_prefix}noteref-{number}", html))
            elif token.type not in ("footnote_anchor", "footnote_block_open",
                                    "footnote_block_close"):
                body.append(token)
        return tuple(sorted(notes, key=lambda note: note.number))


def _closed(parts: tuple[Part, ...]) -> tuple[tuple[Part, ...], tuple[Block, ...]]:
    """The parts, and the closing: the blocks after the last rule of the last turn, when the
    turn says something before the rule and something follows it."""
    last = parts[-1]
    if not last.turns:
        return parts, ()
    turn = last.turns[-1]
    rules = [index for index, block in enumerate(turn.blocks) if block.kind == "rule"]
    if not rules or rules[-1] in (0, len(turn.blocks) - 1):
        return parts, ()
    ended = dataclasses.replace(turn, blocks=turn.blocks[:rules[-1]])
    kept = dataclasses.replace(last, turns=(*last.turns[:-1], ended))
    return (*parts[:-1], kept), turn.blocks[rules[-1] + 1:]


def _walk(tokens: list[Token]):
    """Every token, inline children included, with the line of its block."""
    line = 0
    for token in tokens:
        if token.map:
            line = token.map[0]
        yield token, line
        for child in token.children or []:
            yield child, line
            for grandchild in child.children or []:
                yield grandchild, line


def _top_level_blocks(tokens: list[Token]):
    """(start, end) index pairs of each top-level block in a token stream."""
    index = 0
    while index < len(tokens):
        start = index
        depth = tokens[index].nesting
        index += 1
        while depth > 0 and index < len(tokens):
            depth += tokens[index].nesting
            index += 1
        yield start, index


def _plain_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or []
                   if child.type in ("text", "code_inline"))


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _text(text).replace('"', "&quot;")


def prose_html(text: str, lang: str, id_prefix: str = "") -> str:
    """A Markdown document without turns (a foreword), as sanitised HTML; its notes under it,
    each with the id its references link to (``<prefix>note-1``) and a link back to the first
    (``<prefix>noteref-1``), as an interview's notes have."""
    md = markdown_parser(lang)
    md.add_render_rule("footnote_open", lambda self, tokens, idx, options, env:
                       f'<li id="{id_prefix}note-{tokens[idx].meta["id"] + 1}">')
    md.add_render_rule("footnote_anchor", lambda self, tokens, idx, options, env:
                       f' <a href="#{id_prefix}noteref-{tokens[idx].meta["id"] + 1}'
                       f'{_sub_reference(tokens[idx].meta)}" role="doc-backlink">↑</a>')
    return sanitise(md.render(text, {"id_prefix": id_prefix}))


def _sub_reference(meta: dict) -> str:
    """The suffix of a note's second or later reference ('-2'), as :func:`_note_reference`
    writes it."""
    return f"-{meta['subId'] + 1}" if meta.get("subId") else ""
