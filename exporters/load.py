"""Read an interview file: bytes to text, front matter split from the body.

Everything an editor can get wrong at this stage (not text, not UTF-8, no front
matter, broken YAML) becomes a :class:`ContentError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .errors import ContentError, Problem

BUILTIN_TEMPLATES = Path(str(resources.files(__package__) / "templates")).resolve()
"""The built-in templates, fonts, ICC profile and words: package data of ``exporters``, which
in a checkout is a link to the top-level ``templates/`` folder."""
MAX_CONTENT_BYTES = 4 * 2**20
"""The largest interview, series.yml or foreword read: a book-length interview is under 1 MB."""
MAX_YAML_DEPTH = 20
"""How deeply lists and maps may nest in front matter, series.yml and theme.yml."""
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters that XML (so XHTML, EPUB and the PDF tags) cannot hold."""

_FENCE = re.compile(r"^(?:-{3,}|\+{3})[ \t]*$", re.MULTILINE)
"""The line that opens and closes a front matter: three hyphens (YAML), or three pluses (the
TOML of Hugo's posts, which only the importer meets)."""
FRONT_MATTER_HINT = (
    "begin the file with a line '---', then fields such as 'title: ...' and 'date: 2026-01-31', "
    "then another line '---'"
)


@dataclass(frozen=True)
class Source:
    """An interview file, split and parsed but not yet validated."""

    path: Path
    content_root: Path
    metadata: dict[str, Any]
    body: str
    body_line: int
    """1-based line number, in the file, of the first line of ``body`` (the closing '---')."""
    field_lines: dict[str, int] = field(default_factory=dict)
    """Line of each front-matter key; nested keys are dotted (``speakers.Q.name``)."""

    def line_of(self, key: str) -> int:
        """The line of a front-matter field, or of its nearest parent, or 1."""
        while key:
            if key in self.field_lines:
                return self.field_lines[key]
            key = key.rpartition(".")[0]
        return 1

    def problem(self, key: str, message: str, hint: str = "", severity="error") -> Problem:
        return Problem(self.path, self.line_of(key), message, hint, severity)


def read_source(path: Path, content_root: Path) -> Source:
    """Read ``path`` and split it into front matter and body."""
    if path.name == SERIES_FILE:
        raise ContentError(Problem(path, 1, "this is a series' file, not an interview",
                                   "its series is checked and its volume built by 'check' or "
                                   "'build' with no file named"))
    text = read_text(path)
    if not text.strip():
        raise ContentError(Problem(path, 1, "the file is empty",
                                   "write the interview in it, or delete it"))
    if not YAMLHandler().detect(text) or not text.startswith("-"):
        raise ContentError(Problem(path, 1, "no front matter found", FRONT_MATTER_HINT))
    split = split_front_matter(text)
    if split is None:
        raise ContentError(
            Problem(path, 1, "the front matter is not closed", "add a line '---' after the last field")
        ) from None
    front, body = split
    front_line = 1  # ``front`` starts with the newline that ends the opening '---'
    metadata, node = parse_yaml(front, path, front_line, what="the front matter")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise ContentError(Problem(path, front_line, "the front matter is not a list of fields",
                                   "write one 'field: value' per line"))
    body_line = front_line + front.count("\n")
    return Source(
        path=path,
        content_root=content_root,
        metadata=metadata,
        body=body,
        body_line=body_line,
        field_lines=_key_lines(node, front_line),
    )


def split_front_matter(text: str) -> tuple[str, str] | None:
    """``(front matter, body)`` of a text that opens with a fence line and closes it again, or
    None. ``front`` starts with the end of the first line, ``body`` with the end of the closing
    one, so that line N of either is N lines below the fence it starts from."""
    opening = _FENCE.match(text)
    closing = _FENCE.search(text, opening.end()) if opening else None
    if not closing or closing.group().strip()[0] != opening.group().strip()[0]:
        return None
    return text[opening.end():closing.start()], text[closing.end():]


def read_text(path: Path, limit: int = MAX_CONTENT_BYTES) -> str:
    """A content file's text, newlines made ``\\n``; raises ContentError unless it is a readable
    UTF-8 text file of at most ``limit`` bytes."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ContentError(Problem(
                path, 1, f"the file is {size / 2**20:.1f} MB, over the limit of "
                         f"{limit / 2**20:.0f} MB for one file",
                "split it into several interviews (a series keeps them together)"))
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except IsADirectoryError:
        raise ContentError(Problem(path, 1, "this is a folder, not a file",
                                   "rename the folder so that its name does not end in .md")) from None
    except OSError as error:
        raise ContentError(Problem(path, 1, f"the file cannot be read ({error.strerror})",
                                   "check that it exists and that you may read it")) from None
    return _decode(path, data)


def parse_yaml(text: str, path: Path, first_line: int = 1, what: str = "the file",
               last_of_repeated_keys: bool = False) -> tuple[Any, yaml.Node | None]:
    """YAML text read as data, with its node tree for line numbers. Aliases, nesting deeper
    than :data:`MAX_YAML_DEPTH`, keys given twice (unless ``last_of_repeated_keys``: the last
    counts, as site generators read a post) and impossible dates are refused with a
    ContentError naming the line; ``first_line`` is the file line of the text's first line."""
    loader = None
    try:
        loader = _BoundedLoader(text)
        node = loader.get_single_node()
        if not last_of_repeated_keys:
            _check_keys(node, path, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        if isinstance(error, _RefusedYAML):
            line = first_line + error.problem_mark.line
            raise ContentError(Problem(path, line, str(error.problem), error.hint)) from None
        line, problem, hint = _syntax_error(error, text)
        raise ContentError(Problem(path, first_line + line, f"{what} is not valid YAML "
                                                            f"({problem})", hint)) from None
    except yaml.reader.ReaderError as error:
        line = first_line + text[: error.position].count("\n")
        character = f" (U+{error.character:04X})" if isinstance(error.character, int) else ""
        raise ContentError(Problem(path, line, f"{what} holds a character YAML does not "
                                               f"allow{character} on this line",
                                   "delete it, or write the value in double quotes")) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, node


_CLOSING = {'"': '"', "'": "'", "[": "]", "{": "}"}
_OPENER = {'"': "quote", "'": "quote", "[": "bracket", "{": "brace"}


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """The 0-based line of a YAML syntax error in ``text``, what is wrong, and what to do.
    A quote or bracket left open is named at the line that opens it, not where YAML gives
    up: at the end of the text, or on a later line whose own quote closed it."""
    opening = _unclosed(error, text)
    if opening is not None:
        char = text[opening.index]
        return (opening.line, f"the {_OPENER[char]} {char} opened on this line is not closed",
                f"close the {_OPENER[char]}: add {_CLOSING[char]} at the end of the value")
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    said = text.split("\n")[line] if line < text.count("\n") + 1 else ""
    problem = str(error.problem or "")
    if "\t" in said and "'\\t'" in problem:
        return line, "this line holds a tab, which YAML does not take for indenting", \
            "replace the tab with spaces"
    early = _QUOTE_ENDS_EARLY.match(said)
    if early and "but found" in problem:
        quote = early["quote"]
        return line, f"a {quote} inside the value ends it early", (
            "put the value in single quotes instead, or use curly quotes inside it"
            if quote == '"' else "write the apostrophe twice ('') or put the value in double "
                                 "quotes")
    if problem.startswith("mapping values are not allowed"):
        if said[:1].isspace() and line and not text.split("\n")[line - 1].rstrip().endswith(":"):
            return line, "this line is indented under a field that holds a value", \
                "start it at the same column as the other fields"
        return line, "the value holds ': ', which YAML reads as the start of another field", \
            "put the whole value in double quotes"
    return (line, error.problem or "invalid YAML",
            "check the quotes, colons and indentation on this line; "
            "put a value that contains ': ' in double quotes")


_QUOTE_ENDS_EARLY = re.compile(r"""^\s*[\w.-]+:\s*(?P<quote>["'])[^"']*(?P=quote)\s*\S""")
"""A field whose quoted value is followed by more text: the quote closed inside the value."""


def _unclosed(error: yaml.MarkedYAMLError, text: str) -> yaml.Mark | None:
    """Where the quote or bracket that ``error`` comes from opens, if one was left open."""
    problem = error.problem_mark
    if problem is None:
        return None
    context = error.context_mark
    opener = text[context.index:context.index + 1] if context is not None else ""
    if opener in _CLOSING and (not text[problem.index:].strip() or (
            problem.line > context.line and str(error.problem).startswith("expected ','"))):
        return context  # YAML read on, to the end or to another line, for the closing character
    quoted = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line >= problem.line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                quoted = token
    except yaml.YAMLError:
        pass
    if quoted is not None and quoted.start_mark.line < quoted.end_mark.line == problem.line:
        return quoted.start_mark  # a quote left open, closed by the next value's first quote
    return None


class _RefusedYAML(yaml.MarkedYAMLError):
    """YAML that parses but that we refuse, with a hint for the editor."""

    def __init__(self, problem: str, mark: yaml.Mark, hint: str):
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, bounded: no aliases (a few nested ones make gigabytes: the
    'billion laughs'), limited nesting, and a value that cannot be built (2026-02-30) refused
    at its line instead of a bare ValueError."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _RefusedYAML(f"the alias '*{event.anchor}' repeats another value",
                               event.start_mark, "write the value out in full: aliases "
                               "(&name and *name) are not allowed here")
        self.depth += 1
        try:
            if self.depth > MAX_YAML_DEPTH:
                raise _RefusedYAML(f"lists or maps nested more than {MAX_YAML_DEPTH} deep",
                                   self.peek_event().start_mark, "flatten the value")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as error:  # PyYAML's constructors raise many kinds (!!bool maybe)
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            timestamp = node.tag.endswith(":timestamp")
            raise _RefusedYAML(
                f"'{value}' is not a real {'date or time' if timestamp else 'value'} ({error})",
                node.start_mark, "write a date that exists, as YYYY-MM-DD" if timestamp
                else "write the value in double quotes if it is text") from None


def _check_keys(node: yaml.Node | None, path: Path, first_line: int) -> None:
    """Refuse a key given twice in one map, which YAML would silently read as the last."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_keys(item, path, first_line)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                line = first_line + key_node.start_mark.line
                if key_node.value in seen:
                    raise ContentError(Problem(
                        path, line, f"'{key_node.value}' is given twice, on lines "
                                    f"{seen[key_node.value]} and {line}",
                        "keep one of them: only the last would count"))
                seen[key_node.value] = line
            _check_keys(value_node, path, first_line)


def _utf16(head: bytes) -> bool:
    """Whether text starts as UTF-16 does (Windows' "Unicode"): with its byte-order mark, or
    with a zero byte beside every letter of plain text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    pairs = len(head) // 2
    even, odd = head[0::2][:pairs], head[1::2][:pairs]
    return pairs >= 4 and any(zeros.count(0) > 0.9 * pairs and letters.count(0) < 0.1 * pairs
                              for zeros, letters in ((odd, even), (even, odd)))


def _decode(path: Path, data: bytes) -> str:
    if _utf16(data[:8192]):
        raise ContentError(Problem(path, 1, "the file is saved as UTF-16, not UTF-8 text",
                                   "save the file as UTF-8 in your editor"))
    if b"\x00" in data[:8192]:
        raise ContentError(Problem(path, 1, "this is a binary file, not Markdown text",
                                   "keep only interview .md files and their images in content/"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise ContentError(
            Problem(path, line, f"the file is not UTF-8 text (byte 0x{byte:02X} on this line)",
                    "save the file as UTF-8 in your editor")
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL_CHARACTERS.search(text)
    if control:
        line = text[: control.start()].count("\n") + 1
        raise ContentError(Problem(
            path, line, f"the file holds an invisible control character "
                        f"(U+{ord(control.group()):04X}) on this line",
            "delete it (retype the line if you cannot see it)"))
    return text


def _key_lines(node: yaml.Node | None, first_line: int, prefix: str = "") -> dict[str, int]:
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key_node, value_node in node.value:
        key = f"{prefix}{key_node.value}"
        lines[key] = first_line + key_node.start_mark.line
        lines.update(_key_lines(value_node, first_line, key + "."))
    return lines


def discover(paths: Iterable[Path], content_root: Path) -> list[Path]:
    """Every interview file named by ``paths`` (files or folders), or all under the content root."""
    return list(dict.fromkeys(each_interview(paths, content_root)))


def each_interview(paths: Iterable[Path], content_root: Path) -> Iterator[Path]:
    """The files of :func:`discover`, in its order, found a folder at a time: a batch of any
    size is walked, not held. A file named twice (``content/a.md content``) comes twice."""
    for path in list(paths) or [content_root]:
        if path.is_dir():
            yield from _markdown_under(path)
        else:
            yield path


def _markdown_under(folder: Path) -> Iterator[Path]:
    """The ``.md`` files under ``folder``, by their paths' parts (a folder's files before the
    file of the same name plus ``.md``); not in linked folders, nor hidden or ``_`` files."""
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.is_dir() and not entry.is_symlink():
            yield from _markdown_under(entry)
        elif entry.name.endswith(".md") and not entry.name.startswith((".", "_")) \
                and entry.is_file():
            yield entry


SERIES_FILE = "series.yml"


def find_series(content_root: Path) -> list[Path]:
    """Every ``series.yml`` under the content root."""
    return sorted(content_root.rglob(SERIES_FILE)) if content_root.is_dir() else []


def folder_slug(series_file: Path) -> str:
    """The slug of a series with no ``slug:`` field: its folder's name made one."""
    from .slugs import slugify

    return slugify(series_file.parent.name)


def series_claims(series_file: Path, title: str, slug: str, interview_path: Path,
                  series_name: str) -> bool:
    """Whether the series of ``series_file`` (titled ``title``, with the slug ``slug``) holds
    an interview at ``interview_path`` that names ``series_name``: it is in the series'
    folder, or it names the series by its title or slug."""
    inside = interview_path.resolve().is_relative_to(series_file.parent.resolve())
    return inside or series_name in (title, slug)


def template_folders(override: Path | None) -> list[Path]:
    """The template folders of a build, in the order they are searched: ``--templates``, if
    given, then the built-in ones."""
    return [folder.resolve() for folder in (override, BUILTIN_TEMPLATES) if folder]
