"""Read an interview file: bytes to text, front matter split from the body.

Everything an editor can get wrong at this stage (not text, not UTF-8, no front
matter, broken YAML) becomes a :class:`ContentError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .errors import ContentError, Problem

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
    data = path.read_bytes()
    text = _decode(path, data)
    handler = YAMLHandler()
    if not handler.detect(text):
        raise ContentError(Problem(path, 1, "no front matter found", FRONT_MATTER_HINT))
    try:
        _, front, body = handler.FM_BOUNDARY.split(text, 2)
    except ValueError:
        raise ContentError(
            Problem(path, 1, "the front matter is not closed", "add a line '---' after the last field")
        ) from None
    front_line = 1  # ``front`` starts with the newline that ends the opening '---'
    try:
        metadata = yaml.load(front, Loader=yaml.SafeLoader)
        node = yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = front_line + (mark.line if mark else 0)
        what = error.problem or "invalid YAML"
        raise ContentError(
            Problem(path, line, f"the front matter is not valid YAML ({what})",
                    "check the quotes, colons and indentation on this line; "
                    "put a value that contains ': ' in double quotes")
        ) from None
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


def _decode(path: Path, data: bytes) -> str:
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _key_lines(node: yaml.Node | None, first_line: int, prefix: str = "") -> dict[str, int]:
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key_node, value_node in node.value:
        key = f"{prefix}{key_node.value}"
        lines[key] = first_line + key_node.start_mark.line
        lines.update(_key_lines(value_node, first_line, key + "."))
    return lines
