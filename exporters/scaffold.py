"""``make.py new "Title"``: a content file with every front-matter field, ready to fill in."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import yaml

from .errors import Problem, display_path
from .importers.write import Document, Turn
from .slugs import slugify
from .typography import arabic_script_language, written_in_arabic_script
from .output import write_atomic

INTRODUCTION = ("TODO write the introduction. Paragraphs before the first turn introduce the "
                "interview: who, where, when.")


def scaffold(title: str, series: str = "", series_number: int | None = None,
             today: dt.date | None = None) -> str:
    """The Markdown of a new interview: required fields to fill in, optional ones commented."""
    lang = arabic_script_language(title) if written_in_arabic_script(title) else "en"
    values: dict = {"title": title, "date": today or dt.date.today(), "lang": lang}
    if series:
        values["series"] = series
        values["series_number"] = series_number or 1
    document = Document(values, [INTRODUCTION], [
        Turn("Q", ["TODO the first question?"]),
        Turn("A", ["TODO the answer. Paragraphs without a label continue the same turn."]),
    ])
    return document.markdown()


def next_in_series(series: str, content: Path) -> int:
    """One more than the highest ``series_number`` of ``series`` under ``content``."""
    numbers = [0]
    for path in content.rglob("*.md") if content.is_dir() else ():
        try:
            front = path.read_text(encoding="utf-8").split("\n---", 1)[0].lstrip("-\n")
            meta = yaml.safe_load(front)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(meta, dict) and meta.get("series") == series \
                and isinstance(meta.get("series_number"), int):
            numbers.append(meta["series_number"])
    return max(numbers) + 1


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("title", metavar="TITLE", help="the interview's title")
    command.add_argument("--series", default="", metavar="NAME",
                         help="the series it belongs to; its number is the next free one")
    command.add_argument("-o", "--output", type=Path, metavar="FILE",
                         help="the file to write (default: content/<title>.md)")
    command.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                         help="the content folder (default: content)")
    command.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(arguments: argparse.Namespace, out, errors) -> int:
    name = slugify(arguments.title)
    if not name:
        errors.print(f"make.py new: '{arguments.title}' has no letters or digits for a file "
                     "name; give one with -o", markup=False)
        return 2
    target = arguments.output or arguments.content / f"{name}.md"
    if target.exists() and not arguments.force:
        errors.print(str(Problem(target, 1, "already exists and was not overwritten",
                                 "choose another name with -o, or add --force")), markup=False)
        return 1
    number = next_in_series(arguments.series, arguments.content) if arguments.series else None
    write_atomic(target, scaffold(arguments.title, arguments.series, number).encode("utf-8"))
    out.print(f"Wrote {display_path(target)}: fill in the fields marked TODO, then run "
              f"'python make.py check {display_path(target)}'", markup=False)
    return 0
