"""The front matter, read: which fields exist is :data:`schema.FRONT_MATTER`, what they hold
is read here.

:func:`read_metadata` turns the raw YAML mapping of a :class:`Source` into a
validated :class:`Metadata`, or raises a :class:`ContentError` naming each field's
line and what to write instead. Values are data: nothing here evaluates them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from functools import partial
from typing import Any
from urllib.parse import urlparse


from .errors import ContentError, Problem
from .load import Source
from .schema import FRONT_MATTER, ROLES, SPEAKER, Role, collect
from .slugs import SLUG_HINT, is_slug, slugify
from .typography import direction, join_names, typeset

IDENTIFIER_NAMESPACE = uuid.UUID("6f1f8f8e-3c1a-5b7e-9a55-1c0f1a2b3c4d")

FIELDS = FRONT_MATTER.names
SPEAKER_FIELDS = SPEAKER.names


@dataclass(frozen=True)
class Speaker:
    """A person (or, for ``Q``/``A`` shared by several people, a group) who speaks."""

    label: str
    name: str
    role: Role
    bio: str = ""

    @property
    def is_question(self) -> bool:
        return self.role == "interviewer"


@dataclass(frozen=True)
class Metadata:
    title: str
    date: dt.date
    lang: str
    dir: str
    slug: str
    identifier: str
    speakers: tuple[Speaker, ...]
    labels: dict[str, Speaker]
    """Every label that may start a turn: the declared keys and the speakers' names."""
    interviewers: tuple[str, ...]
    interviewees: tuple[str, ...]
    subtitle: str = ""
    summary: str = ""
    publication: str = ""
    source_url: str = ""
    series: str = ""
    series_number: int | None = None
    tags: tuple[str, ...] = ()
    rights: str = ""
    translators: tuple[str, ...] = ()
    translation_of: str = ""
    """The slug of the interview this one translates."""
    cover: Path | None = None
    audio: Path | None = None
    """The recording of the interview (``audio:``), whose times the turns may give."""
    audio_duration: float | None = None
    """The recording's length in seconds."""
    audio_epub_type: str | None = None
    """The recording's media type as an EPUB carries it; None when an EPUB cannot (Vorbis)."""


def is_label(text: str) -> bool:
    """Whether ``text`` can label a speaker's turns: no ':' '*' or '_' (the label's own
    syntax), no control characters, no space at either end."""
    return bool(_LABEL.fullmatch(text)) and text == text.strip()


_LABEL = re.compile(r"[^\s:*_][^:*_\x00-\x1f\x7f-\x9f]*")


def read_metadata(source: Source) -> Metadata:
    """Validate the front matter of ``source``; a ContentError carries every problem found,
    each at its own line."""
    meta = source.metadata
    fields = _Fields(source)
    problems = FRONT_MATTER.unknown_keys(meta, source.field_lines, source.path)
    checked = partial(collect, problems)
    lang = checked("en", fields.language, "lang")
    text = lambda key: typeset(checked("", fields.text, key), lang)  # noqa: E731
    slug = checked("interview", fields.slug, source.path)
    speakers = checked((), fields.speakers)
    if "speakers" in meta:
        people = {role: tuple(s.name for s in speakers if s.role == role) for role in ROLES}
    else:
        people = {role: checked((), fields.names, role) for role in ROLES}
    metadata = Metadata(
        title=typeset(checked("", fields.text, "title", True), lang),
        subtitle=text("subtitle"),
        date=checked(dt.date(1970, 1, 1), fields.date, "date"),
        lang=lang,
        dir=direction(lang),
        slug=slug,
        identifier=checked("", fields.text, "identifier") or default_identifier(slug),
        speakers=speakers,
        labels=_labels(speakers),
        interviewers=people["interviewer"],
        interviewees=people["interviewee"],
        summary=text("summary"),
        publication=text("publication"),
        source_url=checked("", fields.url, "source_url"),
        series=text("series"),
        series_number=checked(None, fields.number, "series_number"),
        tags=checked((), fields.keywords, "tags"),
        rights=text("rights"),
        translators=checked((), fields.names, "translator"),
        translation_of=checked("", fields.text, "translation_of"),
        cover=checked(None, fields.path, "cover"),
        audio=(audio := checked(None, fields.path, "audio", "recording")),
        **_recording(audio),
    )
    if problems:
        raise ContentError(*sorted(dict.fromkeys(problems), key=lambda problem: problem.line))
    return metadata


def _recording(audio: Path | None) -> dict[str, Any]:
    """What the metadata says of the recording, from one reading of it."""
    from .assets import recording_facts

    if audio is None:
        return {}
    duration, epub_type = recording_facts(audio)
    return {"audio_duration": duration, "audio_epub_type": epub_type}


def default_identifier(slug: str) -> str:
    """A UUIDv5 of the slug: stable across builds and machines."""
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, slug)}"


def _labels(speakers: tuple[Speaker, ...]) -> dict[str, Speaker]:
    labels: dict[str, Speaker] = {}
    for speaker in speakers:
        labels.setdefault(speaker.label, speaker)
    for speaker in speakers:
        labels.setdefault(speaker.name, speaker)
    return labels


def tag_of_language_named(name: str) -> str:
    """The tag of the language ``name`` names ('English', 'français', 'فارسی': en, fr, fa), as
    the built-in words.yml names languages in each of its own, or ''."""
    import yaml  # here, not at the top: only a wrong tag needs it

    from .cache import PACKAGE

    words = yaml.safe_load((PACKAGE / "templates/common/words.yml").read_text(encoding="utf-8"))
    wanted = name.strip().casefold()
    return next((tag for language in words.values() if isinstance(language, dict)
                 for tag, called in (language.get("languages") or {}).items()
                 if str(called).casefold() == wanted), "")


_OTHER_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
"""Persian and Arabic-Indic digits, as the digits 0-9."""
_EARLIEST_YEAR = 1800
"""An interview before this year is a Persian calendar's year written as a Gregorian one."""


CURLY_OPENING = "“‘„‚«"
CURLY_CLOSING = "”’“‘»"
"""The quotation marks a word processor types for straight ones, which YAML takes as text."""


class _Fields:
    """Typed access to front-matter fields, each failure naming its line."""

    def __init__(self, source: Source):
        self.source = source
        self.meta = source.metadata

    def fail(self, key: str, message: str, hint: str) -> ContentError:
        return ContentError(self.source.problem(key, message, hint))

    def text(self, key: str, required: bool = False, value: Any = None) -> str:
        value = self.meta.get(key) if value is None else value
        if value is None or value == "":
            if required:
                raise ContentError(Problem(self.source.path, 1, f"the field '{key}' is missing",
                                           f"add '{key}: ...' to the front matter"))
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(key, f"'{key}' should be text", f"write it as {key}: \"...\"")
        control = next((c for c in str(value) if unicodedata.category(c) in ("Cc", "Zl", "Zp")
                        and c not in "\t\n"), None)
        if control is not None:
            raise self.fail(key, f"'{key}' holds an invisible control character "
                                 f"(U+{ord(control):04X})", "delete the escape that makes it")
        return str(value).strip()

    def person(self, key: str, value: Any) -> str:
        """A person's name: text, and not wrapped in the curly quotes a word processor puts
        where the writer typed straight ones (‘Maya Ortiz’), which would print as part of it."""
        name = self.text(key, value=value)
        if len(name) > 1 and name[0] in CURLY_OPENING and name[-1] in CURLY_CLOSING:
            raise self.fail(key, f"the name {name} is written in curly quotes, which would "
                                 "print as part of it", "remove the quotes, or type straight "
                                 "ones (\"…\" or '…')")
        return name

    def names(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        names = tuple(self.person(key, item) for item in items)
        if not all(names):
            raise self.fail(key, f"'{key}' has an empty entry", "remove the empty entry")
        return names

    def _gregorian(self, key: str, date: dt.date) -> dt.date:
        """``date``, unless it is a year of the Persian calendar (1405-01-13) in a Persian
        interview: the book would print 13 January 1405."""
        language = str(self.meta.get("lang") or "").split("-")[0].lower()
        if date.year < _EARLIEST_YEAR and language in ("fa", "prs", "ps", "ku"):
            raise self.fail(key, f"'{key}: {date.isoformat()}' looks like a date of the Persian "
                                 "calendar", "write the date in the Gregorian calendar, "
                                             "YYYY-MM-DD; the book prints it in Persian")
        return date

    def keywords(self, key: str) -> tuple[str, ...]:
        """A list of keywords, or one line of them split at its commas ('labour, ports'), as
        a writer who does not know YAML's lists writes them."""
        value = self.meta.get(key)
        if isinstance(value, str):
            return tuple(word.strip() for word in value.split(",") if word.strip())
        return self.names(key)

    def date(self, key: str) -> dt.date:
        value = self.meta.get(key)
        if value is None:
            raise ContentError(Problem(self.source.path, 1, f"the field '{key}' is missing",
                                       f"add '{key}: YYYY-MM-DD' to the front matter"))
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return self._gregorian(key, value)
        try:  # '۲۰۲۶-۰۴-۰۲', as a Persian keyboard types it, is 2026-04-02
            return self._gregorian(key, dt.date.fromisoformat(
                str(value).strip().translate(_OTHER_DIGITS)))
        except ValueError:
            curly = any(mark in str(value) for mark in CURLY_OPENING + CURLY_CLOSING)
            raise self.fail(key, f"'{key}: {value}' is not a date"
                                 + (": the curly quotes are part of it" if curly else ""),
                            ("remove the quotes and " if curly else "")
                            + f"write it as YYYY-MM-DD, for example {key}: 2026-03-14") from None

    def language(self, key: str) -> str:
        value = self.meta.get(key, "en")
        if isinstance(value, bool):  # YAML 1.1 reads a bare `no` (Norwegian) as false
            raise self.fail(key, f"'{key}' was read as yes/no", f"quote the tag: {key}: \"no\"")
        tag = str(value).strip()
        import langcodes  # here, not at the top: its tables cost a no-change rebuild 60 ms

        try:
            valid = langcodes.tag_is_valid(tag) and langcodes.Language.get(tag).is_valid()
        except (ValueError, LookupError):
            valid = False
        if not valid:
            named = tag_of_language_named(tag)
            raise self.fail(key, f"'{tag}' is not a known language tag",
                            f"write the language's tag: {key}: {named}" if named else
                            "use a BCP 47 tag such as en, fr, es-MX or fa")
        return langcodes.standardize_tag(tag)

    def slug(self, path: Path) -> str:
        value = self.text("slug")
        if not value:
            value = slugify(path.stem)
            if not value:
                raise ContentError(Problem(
                    self.source.path, 1, f"the file name '{path.name}' gives no usable name for "
                                         "the output files",
                    "add a line such as 'slug: night-shift' to the front matter"))
        if not is_slug(value):
            raise self.fail("slug", f"'{value}' cannot be used as a slug", SLUG_HINT)
        return value

    def url(self, key: str) -> str:
        value = self.text(key)
        if value and (urlparse(value).scheme not in ("http", "https") or not urlparse(value).netloc):
            raise self.fail(key, f"'{value}' is not a web address",
                            "write the full address, starting with https://")
        return value

    def number(self, key: str) -> int | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(key, f"'{key}: {value}' is not a positive whole number",
                            f"write it as {key}: 3")
        return value

    def path(self, key: str, what: str = "cover image") -> Path | None:
        from .assets import resolve_local  # late import: assets depends on errors only

        value = self.text(key)
        if not value:
            return None
        return resolve_local(value, self.source.path, self.source.content_root,
                             self.source.line_of(key), what=what,
                             recording=what == "recording")

    def speakers(self) -> tuple[Speaker, ...]:
        declared = self.meta.get("speakers")
        if declared is not None:
            if not isinstance(declared, dict) or not declared:
                raise self.fail("speakers", "'speakers' should map labels to people",
                                "write e.g. speakers: {Q: {name: Maya Ortiz, role: interviewer}}")
            return tuple(self._speaker(str(label), entry) for label, entry in declared.items())
        interviewers = self.names("interviewer")
        interviewees = self.names("interviewee")
        if not interviewers or not interviewees:
            missing = "interviewer" if not interviewers else "interviewee"
            raise ContentError(Problem(
                self.source.path, 1, f"who speaks is not declared: '{missing}' is missing",
                "add 'interviewer: NAME' and 'interviewee: NAME', or a 'speakers:' map"))
        speakers = [
            Speaker("Q", join_names(interviewers, self.language("lang")), "interviewer"),
            Speaker("A", join_names(interviewees, self.language("lang")), "interviewee"),
        ]
        for role, names in (("interviewer", interviewers), ("interviewee", interviewees)):
            if len(names) > 1:
                speakers += [Speaker(name, name, role) for name in names]
        return tuple(speakers)

    def _speaker(self, label: str, entry: Any) -> Speaker:
        key = f"speakers.{label}"
        if not is_label(label):
            raise self.fail(key, f"'{label}' cannot be a speaker label",
                            "use initials or a name without ':' '*' or '_'")
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict):
            raise self.fail(key, f"speaker '{label}' should have a name and a role",
                            f"write {label}: {{name: NAME, role: interviewee}}")
        unknown = SPEAKER.unknown_keys(
            entry, {str(name): self.source.line_of(f"{key}.{name}") for name in entry},
            self.source.path)
        if unknown:
            raise ContentError(*unknown)
        name = self.person(f"{key}.name", entry.get("name"))
        if not name:
            raise self.fail(key, f"speaker '{label}' has no name", f"add name: to '{label}'")
        role = entry.get("role", "interviewee")
        if role not in ROLES:
            raise self.fail(f"{key}.role", f"'{role}' is not a speaker role",
                            "use role: interviewer or role: interviewee")
        bio = typeset(self.text(f"{key}.bio", value=entry.get("bio")), self.language("lang"))
        return Speaker(label, name, role, bio)
