"""How well ``import`` reads real interviews: the corpus in ``tests/corpus/real/``.

``python benchmarks/import_accuracy.py [--write] [--part dev]`` imports every file that has a
hand-written ``<name>.truth.yml`` beside it (written from the source, never from the
importer's output) and prints, per file, per kind of source, and for the development and
held-out parts of the corpus separately:

- question precision and recall: the interviewer's turns found, matched in order by their
  first four words (lowercased, punctuation removed) against the truth's questions;
- answer turns found against the truth's count;
- answer text lost: words a reader of the source sees (of four letters or more; not its
  front matter, markup or a site generator's tags) missing from the result;
- leftovers kept: site furniture that reached the result (template tags, "More about",
  newsletter and sharing lines, players);
- title and date right, where the source states them;
- people right: the interviewers and interviewees the import names, against the truth's, a
  name matching where it is the same (without case, accents, hyphens or a degree:
  'melody-kramer', 'Gina Helfrich, Ph.D.'), or where one is a label that names the other
  (initials, a first name, a surname); a role the truth leaves empty is right when the import
  names nobody in it (the truth lists speakers' labels as the source writes them: one that
  stands for someone it lists beside, 'JB' beside 'Joachim Breitner', is not counted twice,
  and one that names nobody, 'Q' or TODO, leaves the role unnamed);
- whether the result builds once its TODOs are filled; for a file whose truth has no
  questions and no answers (an article, not an interview), whether the import refuses it with
  one line, as it should, rather than writing a file that cannot build (no text counted lost).

``--write`` puts the tables into BENCHMARKS.md under "Import accuracy", row by row, keeping
the rows and notes written there by hand. ``--part dev`` measures
the development part alone: work on the importer looking only at its errors, and measure the
held-out part once, at the end. ``--runs`` imports each origin's files as one run, as
``import`` does for many sources, so that the people heard in many of them count as the run's
regulars (the default imports each file alone).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "real"
MATCH_WORDS = 4
LEFTOVERS = re.compile(
    r"\{%|%\}|\{\{[<%]|[>%]\}\}|<iframe|\bmore about\b|\bnewsletter\b|\bsubscribe\b|"
    r"\bshare this\b|\bshare on\b|\bcookie|\ball rights reserved\b|\bcomments?\s*\(\d+\)",
    re.IGNORECASE)
TARGETS = "question recall ≥ 0.97 with precision ≥ 0.99; no answer text lost; titles and dates right in ≥ 90%"


@dataclass(frozen=True)
class FileResult:
    name: str
    kind: str
    held_out: bool
    questions: int
    found: int
    matched: int
    answers: int
    answers_found: int
    lost_words: float
    leftovers: int
    title_right: bool | None
    date_right: bool | None
    builds: bool
    error: str = ""
    people_right: bool | None = None


def words(text: str) -> list[str]:
    """Lowercased words, as the truth files write them: apostrophes and hyphens inside a word
    dropped (what's: whats), other punctuation a word break (0.8: 0 8)."""
    text = re.sub(r"(?<=\w)['’-](?=\w)", "", text.lower())
    return re.sub(r"[^\w\s]|_", " ", text).split()


def key(text: str) -> str:
    return " ".join(words(text)[:MATCH_WORDS])


def in_order(expected: list[str], found: list[str]) -> int:
    """The longest run of ``expected`` found in order in ``found``."""
    table = [[0] * (len(found) + 1) for _ in range(len(expected) + 1)]
    for i, want in enumerate(expected):
        for j, got in enumerate(found):
            table[i + 1][j + 1] = (table[i][j] + 1 if want == got
                                   else max(table[i][j + 1], table[i + 1][j]))
    return table[-1][-1]


def source_text(path: Path) -> str:
    """The words a reader of the source sees."""
    from exporters.load import split_front_matter

    data = path.read_bytes()
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    split = split_front_matter(text) if path.suffix.lower() not in (".vtt", ".srt") else None
    if split:  # a post's front matter is metadata, not text a reader sees
        data = split[1].encode("utf-8")
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        import lxml.html

        tree = lxml.html.fromstring(data)
        for element in tree.xpath("//script|//style|//noscript|//head"):
            element.getparent().remove(element)
        return tree.text_content()
    if path.suffix.lower() == ".xml":  # an OHMS record: its transcript is what a reader sees
        import lxml.etree

        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = lxml.etree.fromstring(data, parser)
        spoken = [element.text or "" for name in ("vtt_transcript", "transcript")
                  for element in root.iter(f"{{*}}{name}")]
        text = re.sub(r"(?m)^(WEBVTT.*|NOTE.*|TRANSCRIPTION (BEGIN|END)|[\d:.,]+ --> [\d:.,]+.*)$",
                      " ", "\n".join(spoken))
        return re.sub(r"</?v[^>]*>", " ", text)
    if path.suffix.lower() == ".json":  # a transcript's segments: what each one says
        import json

        document = json.loads(data)
        segments = document if isinstance(document, list) else (
            document.get("segments") or document.get("utterances")
            or (document.get("results") or {}).get("utterances") or [])
        return "\n".join(str(segment.get("body") or segment.get("text")
                              or segment.get("transcript") or "")
                          for segment in segments if isinstance(segment, dict))
    if path.suffix.lower() == ".pdf":  # its text layer, in pypdf's reading order
        import io

        import pypdf

        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    if path.suffix.lower() == ".docx":
        import docx

        return "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)
    text = re.sub(r"<!--.*?-->", " ", data.decode("utf-8", "replace"), flags=re.S)
    # a site generator's tags ({{< figure ... >}}, {% include %}) are not text, and not counted
    text = re.sub(r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
    if path.suffix.lower() in (".vtt", ".srt"):  # the header and the cues' times
        return re.sub(r"(?m)^(WEBVTT.*|\d+|[\d:.,]+ --> [\d:.,]+.*)$", " ", text)
    if path.suffix.lower() in (".adoc", ".asciidoc"):  # attributes and comments
        return re.sub(r"(?m)^(:[\w!-]+:.*|//.*)$", " ", text)
    if path.suffix.lower() not in (".md", ".markdown"):
        return text
    from markdown_it import MarkdownIt

    text = re.sub(r"(?<=\])\{[.#][^}]*\}", "", text)  # pandoc's '[…]{.underline}': no words
    return plain(MarkdownIt("commonmark").render(text))  # what a reader of the page sees


def filled(markdown: str) -> str:
    """The imported file with its TODOs filled in, as an editor would before building."""
    markdown = re.sub(r"^date: TODO.*$", "date: 2000-01-01", markdown, count=1, flags=re.M)
    return re.sub(r"\bTODO\b", "Someone", markdown)


def plain(html: str) -> str:
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", " ", html))


def measure(truth_path: Path, regulars: dict[str, int] | None = None) -> FileResult:
    from exporters.errors import ContentError
    from exporters.importers import import_file
    from exporters.model import read_interview

    truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    source = truth_path.parent / truth["file"]
    expected = [key(question) for question in truth.get("questions") or []]
    empty = FileResult(truth["file"], truth.get("kind", "?"), bool(truth.get("held_out")),
                       len(expected), 0, 0, int(truth.get("answers") or 0), 0, 1.0, 0, None,
                       None, False)
    try:
        imported = import_file(source, regulars=regulars)
    except ContentError as error:
        if not expected and not empty.answers:  # an article with no Q&A: refusing it is right
            return FileResult(**{**empty.__dict__, "lost_words": 0.0, "builds": True,
                                 "error": f"(refused, as it should be: {error.problem.message})"})
        return FileResult(**{**empty.__dict__, "error": str(error.problem)})
    markdown = imported.document.markdown()
    result_words = set(words(plain(markdown)))
    source_words = [word for word in words(source_text(source)) if len(word) >= 4]
    lost = sum(word not in result_words for word in source_words) / max(len(source_words), 1)
    empty = FileResult(**{**empty.__dict__, "lost_words": lost})
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        content.mkdir()
        target = content / "imported.md"
        target.write_text(filled(markdown), encoding="utf-8")
        try:
            interview = read_interview(target, content)
        except ContentError as error:
            return FileResult(**{**empty.__dict__, "error": str(error.problem)})
        except Exception as error:  # noqa: BLE001 - a crash is what this measures
            return FileResult(**{**empty.__dict__, "error": f"crash: {type(error).__name__}"})
    turns = interview.body.turns
    found = [key(plain(turn.blocks[0].html)) if turn.blocks else ""
             for turn in turns if turn.kind == "question"]
    body = "\n".join(plain(block.html) for block in (
        *(block for turn in turns for block in turn.blocks), *interview.body.closing))
    stated_title, stated_date = truth.get("title"), truth.get("date")
    title_right = (None if not stated_title else
                   words(interview.meta.title) == words(str(stated_title)))
    date_right = (None if not stated_date else
                  interview.meta.date == (stated_date if isinstance(stated_date, dt.date)
                                          else dt.date.fromisoformat(str(stated_date))))
    return FileResult(
        truth["file"], truth.get("kind", "?"), bool(truth.get("held_out")), len(expected),
        len(found), in_order(expected, found), int(truth.get("answers") or 0),
        sum(turn.kind != "question" for turn in turns), lost, len(LEFTOVERS.findall(body)),
        title_right, date_right, True, people_right=people_right(truth, imported.document.values))


def people_right(truth: dict, values: dict) -> bool | None:
    """Whether the people the import names (``values``, its front matter) are the truth's, role
    by role; None where the truth gives no roles."""
    if "interviewers" not in truth and "interviewees" not in truth:
        return None
    named = named_people(values)
    return all(same_people(truth_people([str(name) for name in truth.get(key) or []]), named[role])
               for key, role in (("interviewers", "interviewer"), ("interviewees", "interviewee")))


def truth_people(listed: list[str]) -> list[str]:
    """The people a truth's list names: it lists each speaker's label as the source writes it,
    so a label that stands for someone listed beside it ('JB' beside 'Joachim Breitner', 'Adam
    & Jason' beside both) is no one else, and one that names nobody ('Q', 'Pregunta', TODO) is
    left out."""
    from exporters.importers.said import names, role_of_label
    from exporters.importers.write import TODO

    def stands_for_others(label: str) -> bool:
        others = [person for person in listed if person != label]
        parts = [part for part in re.split(r"\s*(?:&|/|\band\b)\s*", label) if part]
        return any(names(label, person) for person in others) or (
            len(parts) > 1 and all(any(names(part, person) for person in others)
                                   for part in parts))

    return [label for label in listed if label != TODO and role_of_label(label) is None
            and not stands_for_others(label)]


def named_people(values: dict) -> dict[str, list[str]]:
    """The names the imported front matter gives each role, TODO left out."""
    from exporters.importers.write import TODO

    named: dict[str, list[str]] = {"interviewer": [], "interviewee": []}
    for person in (values.get("speakers") or {}).values():
        if person.get("role") in named:
            named[person["role"]].append(str(person.get("name", "")))
    for role in named:
        given = values.get(role)
        named[role] += given if isinstance(given, list) else [given] if given else []
    return {role: _without_joint([str(name) for name in names if name and str(name) != TODO])
            for role, names in named.items()}


def _without_joint(listed: list[str]) -> list[str]:
    """``listed`` without a speaker who is several of the others together ('James Bottomley
    and Mike Rapoport', who answer jointly beside each of them), as :func:`truth_people` reads
    the truth's 'Adam & Jason'."""
    def joint(name: str) -> bool:
        parts = [part for part in re.split(r"\s*(?:&|\band\b)\s*", name) if part]
        return len(parts) > 1 and all(part in listed for part in parts)

    return [name for name in listed if not joint(name)]


def same_people(wanted: list[str], given: list[str]) -> bool:
    """Whether two lists of names are one set of people, each matched once."""
    from exporters.importers.roles import person_forms
    from exporters.importers.said import NAME_SUFFIX, names

    def bare(name: str) -> str:  # without hyphens or a degree: 'Gina Helfrich, Ph.D.'
        return re.sub(rf",\s*{NAME_SUFFIX}$", "", name).replace("-", " ")

    def one(a: str, b: str) -> bool:  # the same name without case or accents, or a label of it
        return person_forms(bare(a)) == person_forms(bare(b)) or names(a, b) or names(b, a)

    left = list(given)
    for name in wanted:
        match = next((other for other in left if one(name, other)), None)
        if match is None:
            return False
        left.remove(match)
    return not left


@dataclass(frozen=True)
class Summary:
    label: str
    files: int
    precision: float | None
    recall: float | None
    answers: float | None
    lost: float
    leftovers: int
    titles: str
    dates: str
    builds: str
    people: str


def share(values: list[bool | None]) -> str:
    stated = [value for value in values if value is not None]
    return f"{sum(stated)}/{len(stated)}" if stated else "–"


def summarise(label: str, results: list[FileResult]) -> Summary:
    found = sum(result.found for result in results)
    matched = sum(result.matched for result in results)
    questions = sum(result.questions for result in results)
    answers = sum(result.answers for result in results)
    return Summary(
        label, len(results), matched / found if found else None,
        matched / questions if questions else None,
        sum(min(r.answers_found, r.answers) for r in results) / answers if answers else None,
        max((result.lost_words for result in results), default=0.0),
        sum(result.leftovers for result in results),
        share([result.title_right for result in results]),
        share([result.date_right for result in results]),
        share([result.builds for result in results]),
        share([result.people_right for result in results]))


def figure(value: float | None) -> str:
    """A share to two places, or – where there was nothing to count (no questions asked)."""
    return "–" if value is None else f"{value:.2f}"


def table(summaries: list[Summary]) -> list[str]:
    lines = ["| part | files | question precision | question recall | answer turns | "
             "most text lost in a file | leftovers | titles right | dates right | builds | "
             "people right |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in summaries:
        lines.append(f"| {s.label} | {s.files} | {figure(s.precision)} | {figure(s.recall)} | "
                     f"{figure(s.answers)} | {s.lost:.1%} | {s.leftovers} | {s.titles} | "
                     f"{s.dates} | {s.builds} | {s.people} |")
    return lines


def file_table(results: list[FileResult]) -> list[str]:
    lines = ["| file | kind | part | questions | found | right | answers | found | lost | "
             "leftovers | title | date | builds | people |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    mark = {True: "yes", False: "**no**", None: "–"}
    for r in results:
        lines.append(f"| {r.name} | {r.kind} | {'held out' if r.held_out else 'dev'} | "
                     f"{r.questions} | {r.found} | {r.matched} | {r.answers} | "
                     f"{r.answers_found} | {r.lost_words:.1%} | {r.leftovers} | "
                     f"{mark[r.title_right]} | {mark[r.date_right]} | "
                     f"{mark[r.builds]}{' ' + r.error if r.error else ''} | "
                     f"{mark[r.people_right]} |")
    return lines


def report(results: list[FileResult]) -> list[str]:
    by_kind: dict[str, list[FileResult]] = defaultdict(list)
    for result in results:
        by_kind[result.kind].append(result)
    summaries = [summarise("all", results),
                 summarise("development", [r for r in results if not r.held_out]),
                 summarise("held out", [r for r in results if r.held_out]),
                 *(summarise(kind, group) for kind, group in sorted(by_kind.items()))]
    return [f"{len(results)} real interviews (origins and licences: "
            f"`tests/corpus/real/SOURCES.md`), measured {dt.date.today().isoformat()}. "
            f"Targets: {TARGETS}.", "", *table(summaries), "", *file_table(results)]


def write(lines: list[str], path: Path = REPO / "BENCHMARKS.md") -> None:
    """Record ``lines`` (``report``'s) under "Import accuracy" in ``path``: where the section is
    there, its opening line, each measured row (by its label) and the per-file table are
    replaced in place, a row of a kind measured for the first time goes after the last of
    them, and every line written by hand (the history of each part held out, the notes) stays
    where it is."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    heading = "## Import accuracy"
    opening = "`python benchmarks/import_accuracy.py --write`: " + lines[0]
    if heading not in text:
        section = "\n".join([heading, "", opening, *lines[1:]]) + "\n"
        path.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    before, _, rest = text.partition(heading)
    cut = rest.find("\n## ")
    body, after = (rest, "") if cut < 0 else (rest[:cut + 1], rest[cut + 1:])
    old = body.split("\n")
    files_at = next(i for i, line in enumerate(lines) if line.startswith("| file |"))
    rows = {_label(line): line for line in lines[1:files_at] if line.startswith("| ")}
    rule = next(line for line in lines[1:files_at] if line.startswith("|---"))
    kept: list[str] = []
    last_row = None
    for line in old:
        if line.startswith("`python benchmarks/import_accuracy.py --write`"):
            kept.append(opening)
        elif line.startswith("| ") and _label(line) in rows:
            kept.append(rows.pop(_label(line)))
            last_row = len(kept)
        elif line.startswith("|---") and kept and kept[-1].startswith("| part |"):
            kept.append(rule)  # the header's rule, as wide as the header
        else:
            kept.append(line)
    if last_row is not None:  # a kind of source measured for the first time: after the rest
        kept[last_row:last_row] = list(rows.values())
    new_files = lines[files_at:]
    at = next((i for i, line in enumerate(kept) if line.startswith("| file |")), None)
    if at is None:
        kept[-1:-1] = ["", *new_files]
    else:
        end = next((i for i in range(at, len(kept)) if not kept[i].startswith("|")), len(kept))
        kept[at:end] = new_files
    path.write_text(before + heading + "\n".join(kept) + after, encoding="utf-8")


def _label(row: str) -> str:
    """The first cell of a table row: 'all', 'markdown', or a hand-written part's name."""
    return row.split("|")[1].strip()


def origin(truth: dict) -> str:
    """The repository or site a corpus file comes from ('github.com/thechangelog/transcripts')."""
    stated = str(truth.get("origin"))
    found = re.match(r"https?://(github\.com/[^/]+/[^/]+|[^/]+)", stated)
    return found.group(1) if found else stated


def runs_regulars(truths: list[Path], corpus: Path) -> dict[Path, dict[str, int]]:
    """Each file's run regulars when every origin's files are imported as one run, as a
    show's publisher imports its transcripts (held-out and development files alike: a run
    counts who speaks, it learns nothing)."""
    from exporters.importers import run_regulars

    by_origin: dict[str, dict[Path, Path]] = defaultdict(dict)
    for path in sorted(corpus.glob("*.truth.yml")):
        truth = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        by_origin[origin(truth)][path] = path.parent / truth["file"]
    found = {}
    for sources in by_origin.values():
        regulars = run_regulars(list(sources.values()))
        found.update(dict.fromkeys(sources, regulars))
    return {path: found.get(path, {}) for path in truths}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the tables in BENCHMARKS.md")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--part", choices=("all", "dev", "held-out"), default="all",
                        help="measure only the development part (to work on the importer "
                             "without seeing the held-out files) or only the held-out part")
    parser.add_argument("--runs", action="store_true",
                        help="import each origin's files as one run, so that the people who "
                             "speak in many of them count as its regulars (as import does "
                             "for many sources); default: each file alone")
    arguments = parser.parse_args(argv)
    if arguments.write and arguments.runs:
        parser.error("--write records files imported alone: leave out --runs")
    if arguments.write and arguments.part != "all":
        parser.error("--write records the whole corpus: leave out --part")
    truths = [path for path in sorted(arguments.corpus.glob("*.truth.yml"))
              if arguments.part == "all" or (arguments.part == "held-out") is bool(
                  (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("held_out"))]
    if not truths:
        print(f"no *.truth.yml in {arguments.corpus}", file=sys.stderr)
        return 1
    regulars = runs_regulars(truths, arguments.corpus) if arguments.runs else {}
    results = [measure(path, regulars.get(path)) for path in truths]
    lines = report(results)
    print("\n".join(lines))
    if arguments.write:
        write(lines)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
