"""From a flat list of paragraphs to an interview: introduction, questions, answers.

The format readers hand over :class:`Para` objects; this module decides which
paragraphs are questions. Three kinds of evidence, strongest first:

1. labels at the start of paragraphs (``Q:``, ``Maya Ortiz:``, ``<v Maya>``);
2. emphasis: questions set whole in bold, italics, or as headings ending in '?';
3. the words: a '?' at the end, length, "you", question words, prompts like
   "Tell me about...", and the first person that opens most answers.

Every guess the third kind makes near its threshold is reported as unsure.
"""

from __future__ import annotations

import itertools
import re
from difflib import get_close_matches
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from .roles import hosts_roles, label_roles, misnamed_speakers
from .said import (INTERVIEWEE, INTERVIEWER, LINK_TARGET, LINK_WORDS, NAME, NAME_PARTICLES,
                   NAME_SUFFIX,
                   NOT_LABELS, Cast, Note, Para, Section, Spoken, Structure, ends_sentence,
                   ends_with_question, known_role, names, role_of_label, split_sentences)
from .sequence import DEFAULT_MODEL as SEQUENCE_MODEL
from .sequence import roles as sequence_roles

_TIMESTAMP = re.compile(
    r"^\s*\\?[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\\?[\])]?\s*[-–]?\s*")
"""A time at the start of a turn, ``[12:34]``, ``(01:02:03)``, also as escaped Markdown."""
CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
"""A time as transcripts write it: '0:02', '01:02:18', '00:00:00.5'."""
_TIME = re.compile(CLOCK)


def stamp_of(text: str) -> str:
    """The time a turn's text starts with (``[00:12:34]`` gives ``00:12:34``), or ''."""
    return _time_in(_TIMESTAMP.match(text))


def without_stamp(text: str) -> str:
    """``text`` without the time it starts with, if any (:func:`stamp_of`)."""
    return _TIMESTAMP.sub("", text, count=1)


def lone_time(text: str) -> bool:
    """Whether ``text`` is a time stamp and nothing else ('[00:47:32]', '\\[00:00:01\\]')."""
    found = _TIMESTAMP.match(text)
    return bool(found and _time_in(found) and not text[found.end():].strip())


def _time_in(found: re.Match | None) -> str:
    """The time inside a matched stamp or label, with a decimal point, or ''."""
    time = _TIME.search(found.group()) if found else None
    return time.group().replace(",", ".") if time else ""


HEADER_FIELD = re.compile(
    r"^(?P<field>interviewers?|interviewees?|narrators?|interview date|date of interview|date|title|"
    r"location|place|recording|audio(?: file)?|media(?: file)?|"
    r"interviewerin|interviewpartner(?:in)?|interviewte[rn]?|befragte[rn]?|datum|ort|"
    r"entrevistador[a]?|entrevistad[oa]|fecha|lugar|intervistat(?:ore|rice|[oa])|luogo|"
    r"intervieweur|interviewée?|lieu)\s*:\s*(?P<value>\S.{0,300})$",
    re.I)
"""An oral history's header: 'INTERVIEWEE: David Baltimore', 'DATE: 7 February 1994', and a
transcript's 'Recording: episode-12.mp3'; in German, Spanish, Italian and French too
('Interviewpartner: Marco Reitano', 'Datum: 21.01.2021')."""


PLACE_FIELDS = ("location", "place", "ort", "lugar", "luogo", "lieu")
"""The header fields of :data:`HEADER_FIELD` that give a place."""


def session_header(text: str) -> bool:
    """A header line repeated where a new session starts ('INTERVIEWER: Sondra Schlesinger'):
    a name, date or place of two to six words, capitalised or numbers, no sentence; a place
    may say more ('LOCATION: David Baltimore’s home, Boston, MA')."""
    found = HEADER_FIELD.match(text.strip())
    words = found["value"].replace(",", " ").split() if found else []
    if found and found["field"].lower() in PLACE_FIELDS:
        return a_place(found["field"], found["value"])
    return 2 <= len(words) <= 6 and all(word[0].isupper() or word[0].isdigit()
                                        or word in NAME_PARTICLES for word in words) \
        and not found["value"].rstrip().endswith(("?", "!", ":"))


def a_place(field: str, value: str) -> bool:
    """Whether a header's 'LOCATION:' value names a place ('David Baltimore’s home, Boston,
    MA', 'via Zoom' after a field in capitals), not a speaker's sentence ('Location: it never
    mattered much to us.')."""
    value = value.strip()
    return 1 <= len(value.split()) <= 12 and not value.endswith((".", "?", "!", ":")) \
        and (field.isupper() or value[0].isupper() or value[0].isdigit())


_QUESTION_HEADING = re.compile(r"^(?:q|question)\s*[.:)]\s+(?P<text>\S.*)$", re.I | re.S)
"""A heading that says it is a question: ``# Q. What changed?``."""
BREAK_MARKER = re.compile(
    r"^\W*(?:\\?[\[(]\s*)?(?:ad break|advertisement|break|sponsor(?:ed)?(?: message)?|"
    r"(?:intro |outro |theme )?music|music (?:plays|fades)|applause|laughter|crosstalk)"
    r"\s*(?:\\?[\])]|\\?:|$)", re.I)
"""A transcript's "Break: ...", "[Ad break]", "(Music)": no one's turn; left out."""
TRANSCRIPT_BOUND = re.compile(
    r"^\W*(?:(?:start|end|beginning|begin) of (?:the )?(?:transcript(?:ion)?|interview|recording)|"
    r"(?:beginn|anfang|ende) (?:des|der) (?:transkript(?:s|es|ion)?|interviews|aufnahme))\W*$", re.I)
"""'Start of transcript', 'End of interview', 'Ende des Transkripts': no one's words."""
_LABEL = re.compile(
    r"^(?P<o>\*\*|__|\*(?!\*)|_(?!_))?(?P<label>\\?[$@]?[^\W_][\w.'’ /\u200c-]{0,38}?)"
    rf"(?P<credential>, {NAME_SUFFIX})?"
    r"(?:\s?[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]\ufe0f?){0,3}"
    r"(?:\s+\((?P<alias>(?i:interviewer|interviewee)|[^\W\d_][\w.'’-]{0,9})\))?"
    r"(?P<time>\s+[(\[]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[)\]])?"
    r"(?:(?P<shut>(?P=o))(?:\s*[:：]|\s+[-–—])|[:：]\s*(?P<after>(?P=o))|[:：]"
    r"|(?(time)\s*[-–—]|(?!)))(?:\s+|$|(?<=：))")
"""A speaker's label: ``Maya Ortiz:``, ``**Q:**``, ``**$STDOUT:**``, ``**Janet**：`` (a CJK
colon), ``Gina Helfrich, Ph.D.:`` (a degree or suffix after a comma is part of the
name), ``Aaron van Wirdum (AvW):`` (the short form in brackets is the label the later turns
use), a name in bold before a dash, ``**Emma** - ...``, and the form transcription
services write, ``Adam Wiggins (00:00:27) - ...`` or ``Adam Wiggins [00:27]: ...``, also in
emphasis, ``*WS (0:01:44)*: ...``."""


def split_label(text: str) -> tuple[str, str]:
    """``("Maya Ortiz", "rest")`` for ``**Maya Ortiz:** rest``; ``("", text)`` otherwise.

    When the label's emphasis goes on past it (``**Q: How did you start?**``, a paragraph set
    wholly in bold), the rest keeps that emphasis: unwrapped when it covered the whole rest.
    """
    stripped = _label_text(text)
    numbered = _NUMBERED_QUESTION.match(stripped)
    if numbered:  # 'Pergunta 1: …', 'Question 12.', '**Q3:**': the question's word is its label
        return numbered["label"], stripped[numbered.end():]
    match = _LABEL.match(stripped)
    if not match:
        bare = _BARE_ROLE_LABEL.match(stripped)  # "**Q** Was there ...?": a role, no colon
        if bare is None and (dashed := _DASHED_ROLE_LABEL.match(stripped)) \
                and role_of_label(dashed["label"]):
            bare = dashed  # "P - Hola Andreas.": a role, then a dash
        if bare is None and _TIMESTAMP.match(text):  # "0:00:14.2 **Jen Luker** text"
            bare = TIMED_BOLD_NAME.match(stripped)
        if bare is None and (timed := _BOLD_LABEL_TIMED.match(text)) \
                and timed["label"].lower() not in NOT_LABELS:
            bare = timed  # "**I [00:00:00]** text": the turn's time in the bold label
        if bare is None and _TIMESTAMP.match(text):  # "00:05 p2 text": a participant's code
            bare = _TIMED_CODE.match(stripped)
        return (bare["label"], stripped[bare.end():]) if bare else ("", text)
    label = match["label"].strip().rstrip(".").lstrip("\\")
    words = label.lstrip("$@").split()
    if match["credential"] and len(words) < 2:
        return "", text  # "So, PhD: ...": a degree goes after a full name
    label += match["credential"] or ""
    if match["alias"] and not match["alias"][0].isupper() and not role_of_label(match["alias"]):
        return "", text
    if match["alias"] and role_of_label(match["alias"]):
        label = f"{label} ({match['alias']})"  # "Maya Ortiz (Host):": her role, named
    else:
        label = match["alias"] or label  # "Aaron van Wirdum (AvW):" speaks as "AvW" later
    if words and words[0][0].isdigit() and not _initials(words):
        return "", text  # "1990: ..." or "2.": a date or a number, not a speaker
    if label.lower() in NOT_LABELS or len(words) > 4 or _SAYS.search(label) or (
            not _handle(match, words) and (not _capital(words[0]) or any(
                word[0].islower() for word in words
                if word not in NAME_PARTICLES))):
        return "", text
    rest = stripped[match.end():]
    if match["o"] and match["shut"] is None and match["after"] is None:
        rest = _emphasis_goes_on(match["o"], rest)
    return label, rest


def _label_text(text: str) -> str:
    """A paragraph as its label is matched: without the turn's time before it, a label in
    bold italics as one in bold (:func:`_unnested`)."""
    return _unnested(_TIMESTAMP.sub("", text, count=1))


def _initials(words: list[str]) -> bool:
    """Whether a label is one word of capitals and digits, an organisation's short name
    (``18F``, ``3M``), or a participant's code (:data:`_PSEUDONYM`): a speaker, unlike a year
    or a number."""
    return len(words) == 1 and words[0].isalnum() and any(c.isalpha() for c in words[0]) \
        and (words[0].upper() == words[0] or _PSEUDONYM.fullmatch(words[0]) is not None)


_PSEUDONYM = re.compile(r"(?=(?:\D*\d){2})(?=(?:[^a-zA-Z]*[a-zA-Z]){2})[0-9A-Za-z]{5,12}")
"""A research participant's code in place of a name, '3j14j0': two digits and two letters or
more."""


def _capital(word: str) -> bool:
    """Whether a label's first word starts as a name does: a capital, or a letter of the
    Arabic script, which has no capitals ('محمد:', 'س:'), or an organisation's short name."""
    return word[0].isupper() or bool(ARABIC_SCRIPT.match(word)) or (
        word[0].isdigit() and _initials([word]))


ARABIC_SCRIPT = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
"""A letter of the Arabic script, as Persian and Arabic write it (its digits, marks and
punctuation, which :data:`exporters.typography.ARABIC_SCRIPT_CHARACTERS` holds too, are no
letters)."""
_SAYS = re.compile(r"(?:^|\s)(?:گفت|گفتم|گفتیم|گفتند|می‌گوید|می‌گویند|می‌گفت|پرسید|پرسیدم|"
                   r"نوشت|افزود|قال|قالت|قالوا|يقول|تقول|أضاف|أضافت|سأل|سألت|كتب)$")
"""A verb of saying that ends a clause before a quotation, 'گفتم: نه.' ('I said: no.'), 'قال:':
no speaker, though the Arabic script has no capitals to tell the two apart."""


_BARE_ROLE_LABEL = re.compile(r"^(\*\*|__)(?P<label>Q|A|Question|Answer)\1[ \t]+(?=\S)")
_DASHED_ROLE_LABEL = re.compile(r"^(?P<label>[^\W\d_]{1,12})[ \t]+[-–—][ \t]+(?=\S)")
"""A role's label before a dash, as some transcripts write them: 'P - Hola Andreas.'."""
NAME_WORDS = r"[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,3}"
"""A speaker's name as a label gives it: one to four capitalised words."""
BOLD_NAME = rf"(\*\*|__)(?P<label>{NAME_WORDS})\1"
"""A speaker's name in bold, with no colon: '**Jen Luker**', one to four capitalised words."""
TIMED_BOLD_NAME = re.compile(rf"^{BOLD_NAME}[ \t]+(?=\S)")
"""A speaker's name in bold with no colon, after the turn's time: '0:00:14.2 **Jen Luker** …'."""


_NUMBERED_QUESTION = re.compile(
    r"^(?:\*\*|__)?(?P<label>(?i:q|question|pregunta|pergunta|frage|domanda|vraag|سؤال|پرسش))"
    r"[ \t]*(?:n[º°o.][ \t]*)?\d{1,3}[ \t]*(?:\*\*|__)?[ \t]*[.:)–—-][ \t]*(?:\*\*|__)?[ \t]*(?=\S)")
"""A question labelled with its number: 'Pergunta 1: …', 'Question 12. …', '**Q3:** …'."""
def numbered_question(text: str) -> bool:
    """Whether a line opens with a question's word and number ('Pergunta 13. …')."""
    return _NUMBERED_QUESTION.match(text) is not None


_TIMED_CODE = re.compile(r"^(?P<label>[A-Za-z]{1,2}\d{1,2})[ \t]+(?=\S)")
_BOLD_LABEL_TIMED = re.compile(
    rf"^(\*\*|__)(?P<label>{NAME_WORDS})[ \t]+\\?[\[(]{CLOCK}\\?[\])]\1[ \t]+(?=\S)")
_BOLD_ITALIC_LABEL = re.compile(r"^(\*\*|__)([*_])([^*_\n]{1,40}?[:：])\2\1")
_LABEL_IN_ITALIC_TURN = re.compile(r"^([*_])(\*\*|__)([^*_\n]{1,40}?[:：])\2[ \t]*")


def _unnested(text: str) -> str:
    """A label in bold italics, ``**_Ana:_** ...``, as ``**Ana:** ...``; a turn set in italics
    with its label in bold inside, ``_**Ana:** text_``, as ``**Ana:** _text_``."""
    text = _BOLD_ITALIC_LABEL.sub(r"\1\3\1", text, count=1)
    return _LABEL_IN_ITALIC_TURN.sub(r"\2\3\2 \1", text, count=1)


_DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+", re.I)


def _handle(match: re.Match, words: list[str]) -> bool:
    """Whether a label is a user name in lower case set in bold, as forums and group chats
    write their speakers (``**reyalp**: ...``): one word, the emphasis closed before the
    colon; or a site's own name, a domain in bold (``**kubuntu-de.org:**``)."""
    return bool(match["o"]) and len(words) == 1 and (
        match["shut"] is not None or bool(_DOMAIN.fullmatch(words[0])))


def alias_name(text: str) -> str:
    """The full name of a label that gives its short form too: 'Aaron van Wirdum' for
    ``Aaron van Wirdum (AvW): ...``; else ''."""
    match = _LABEL.match(_label_text(text))
    return match["label"].strip().lstrip("\\") if match and match["alias"] else ""


def _label_time(text: str) -> str:
    """The time written inside a label, ``Adam Wiggins (00:00:27) - ...``, ``**I
    [00:00:05]** ...``, or ''."""
    return _time_in(_LABEL.match(text) or _BOLD_LABEL_TIMED.match(text))


def _emphasis_goes_on(mark: str, rest: str) -> str:
    """The rest of a paragraph whose opening ``mark`` (``**``) came before its label."""
    marks = list(re.finditer(r"(?<!\\)" + re.escape(mark), rest))
    body = rest.rstrip()
    if len(marks) == 1 and marks[0].end() == len(body):
        return body[: marks[0].start()].rstrip() + rest[len(body):]  # the whole turn was bold
    return mark + rest if marks else rest


def find_labels(paras: list[Para], people: dict[str, str] | None = None) -> set[str]:
    """Labels that really name speakers: known ones, ones naming a person the source names
    elsewhere, ones used at least twice, and, within the conversation, one used once that is
    written as every repeated label is (:func:`_once_labels`)."""
    counts = Counter(p.label or split_label(p.text)[0] for p in paras if not p.heading)
    counts.pop("", None)
    labels = {label for label, count in counts.items()
              if count >= 2 or role_of_label(label) or known_role(label, people or {})}
    return labels | _once_labels(paras, {label for label in labels if counts[label] >= 2}) \
        | set(short_forms(set(counts) - labels, labels))


def short_forms(found: set[str], labels: set[str]) -> dict[str, str]:
    """A speaker's full name used as a label once or twice, and their initials or first name
    in the other turns ('**Dan Brown**:', then '**DB**:'; '**Rinku Gupta:**', then
    '**Rinku:**'; 'Jannis Leidel:', then 'Leidel:'; 'Jean-Philipe Bernardy', then 'JPB';
    'Bodigrim', then 'B'): full name -> the short label; a numbered label ('P1', 'P2') has
    none."""
    forms = {}
    for label in found:
        words = label.split()
        if not all(word[0].isupper() for word in words) or any(c.isdigit() for c in label):
            continue
        initials = "".join(word[0] for part in words for word in part.split("-")).upper()
        short = [form for form in (initials, *(words[:1] + words[-1:]) * (len(words) > 1))
                 if form in labels and form != label]
        if short:
            forms[label] = short[0]
    return forms


def _short_label_of(label: str, labels: set[str]) -> str:
    """The one label of ``labels`` written in full whose short form (:func:`short_forms`)
    ``label`` is, or ''."""
    owners = [full for full, short in short_forms(labels, {label}).items() if short == label]
    return owners[0] if len(owners) == 1 else ""


def _names_given_for(paras: list[Para], labels: set[str]) -> dict[str, str]:
    """The full names the text gives for labels of initials, as it introduces the speakers:
    'I spoke to _Timothy Miller_ (TM) and _Lourens Veen_ (LV)': label -> name."""
    initials = {label for label in labels if re.fullmatch(r"[A-Z]{2,4}", label)}
    found: dict[str, str] = {}
    for para in paras if initials else []:
        text = re.sub(r"[*_]", "", _LINK.sub(lambda link: link[1] or "",
                                             para.text.replace("\\", "")))
        for given in re.finditer(rf"(?P<name>{NAME})\s*\((?P<label>[A-Z]{{2,4}})\)", text):
            if given["label"] in initials and names(given["label"], given["name"]):
                found.setdefault(given["label"], given["name"])
    return found | _first_names_introduced(paras, labels - initials)


@dataclass(frozen=True)
class KeyEntry:
    """One line of a key to the speakers' labels ('Dr = Dr. Carmen Gillespie', 'INT =
    Interviewer (Mary Fox)'): the label, the name it stands for and the role it says, where
    the key gives them."""

    label: str
    name: str
    role: str | None


_KEY_ENTRY = re.compile(r"^(?P<label>[^\W_][\w.]{0,19}?)[ \t]*(?P<mark>[=:])[ \t]*(?P<value>\S.{0,150})$")
_KEY_HEAD = re.compile(r"^(?:key|legend|speakers|abbreviations|initials|legende|"
                       r"abkürzungen)[ \t]*:?$", re.I)
_KEY_ROLES = {
    INTERVIEWER: ("interviewer", "interviewerin", "co-interviewer", "host", "moderator",
                  "moderatorin", "protokollant", "protokollantin", "note-taker", "note taker",
                  "researcher", "forscher", "forscherin", "investigador", "investigadora",
                  "pesquisador", "pesquisadora", "chercheur", "chercheuse", "intervieweur"),
    INTERVIEWEE: ("interviewee", "respondent", "narrator", "participant", "student",
                  "befragter", "befragte", "befragte person", "teilnehmer", "teilnehmerin",
                  "proband", "probandin", "interviewpartner", "interviewpartnerin", "guest",
                  "interviewed", "interviewte", "interviewter", "interviewé", "interviewée",
                  "informant", "subject"),
}
"""The words a key gives for the roles ('I = Interviewer', 'B: Befragter', 'S = Student');
a word of eight letters or more close to one of them says it too ('Interwiever')."""
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")


def read_key(para: Para, labels: AbstractSet[str]) -> tuple[list[KeyEntry], str]:
    """A key to the speakers' labels that a paragraph before the turns holds, and what else
    the paragraph says: a line an entry, 'Dr = Dr. Carmen Gillespie'; entries in a line,
    'I: Interviewer, B: Befragter', '(S = Student; I = Interviewer)'; or a list's items,
    '- I: Interviewer', '- P1: [Person j5mWdx](…)', among others ('- Photos: …'), which
    stay. ([], the text) when it holds none."""
    entries: list[KeyEntry] = []
    rest: list[str] = []
    listed = para.block and all(_LIST_MARK.match(line)
                                for line in para.text.splitlines() if line.strip())
    for line in para.text.splitlines():
        plain = re.sub(r"[*_]|\\(?=:)", "", _LIST_MARK.sub("", line)).strip()
        if not plain or _KEY_HEAD.match(plain):
            continue
        found = _line_entries(plain, labels, listed)
        entries += found
        if not found:
            rest.append(line)
    if not entries or (rest and not listed):
        return [], para.text
    return entries, "\n".join(rest)


def key_line(line: str) -> bool:
    """Whether a line is a key to labels of two speakers or more, whatever the labels:
    '(S = Student; I = Interviewer)', 'I: Interviewer, B: Befragter'."""
    return len(found := _key_pieces(line)) >= 2 and all(found)


def _key_pieces(line: str) -> list[re.Match | None]:
    line = " ".join(line.split())  # one space between words: the split below is linear
    inner = re.fullmatch(r"\((.+)\)", line)
    pieces = re.split(r"\s*;\s*|,\s+(?=[^\W_][\w.]{0,19}[ \t]*[=:])", inner[1] if inner else line)
    return [_KEY_ENTRY.match(piece) for piece in pieces]


def _line_entries(line: str, labels: AbstractSet[str], listed: bool) -> list[KeyEntry]:
    """The key's entries one line holds, all of them for labels of ``labels`` (or their
    numbered family: 'S' for 'S1' and 'S2'), or []; 'X: …' alone is an entry only in a
    list, else it is a turn."""
    found = _key_pieces(line)
    if not all(found) or (len(found) < 2 and not listed and found[0]["mark"] == ":"):
        return []
    entries = [_key_entry(match, labels) for match in found]
    return entries if all(entries) else []  # type: ignore[return-value]


def _key_entry(found: re.Match, labels: AbstractSet[str]) -> KeyEntry | None:
    """An entry of a key, where its label is a code that stands for a name ('Dr', 'INT',
    'P1') or its value a role; a name's label ('Anna: Product Manager') says what she is."""
    label = found["label"]
    if label not in labels and not any(re.fullmatch(rf"{re.escape(label)}\d{{1,2}}", other)
                                       for other in labels):
        return None
    coded = len(label) <= 2 or label.isupper() or any(c.isdigit() for c in label)
    linked = re.fullmatch(rf"{LINK_WORDS}{LINK_TARGET}", found["value"].strip())
    if linked and coded and 0 < len(linked[1].split()) <= 4:  # '[Person j5mWdx](…)'
        return KeyEntry(label, linked[1].strip(), None)
    value = found["value"].strip().rstrip(";,")
    inner = re.fullmatch(r"(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)", value)
    parts = [inner["outer"], inner["inner"]] if inner else \
        [part.strip() for part in value.split(",", 1)]
    roles = [_key_role(part) for part in parts]
    name = next((part for part, role in zip(parts, roles) if role is None), "")
    role = next((role for role in roles if role), None)
    if name and not (coded and re.fullmatch(NAME, name)):  # 'Anna: Product Manager': no key
        return None
    return KeyEntry(label, name, role) if name or role else None


def role_word(word: str) -> str | None:
    """The role a word for a person says ('Befragte', 'Researcher', 'Entrevistado'), as a
    key or a header gives it, if any."""
    lowered = word.lower().strip(" .")
    return next((role for role, said in _KEY_ROLES.items() if lowered in said),
                None) or role_of_label(word)


def _key_role(word: str) -> str | None:
    """The role a key's word says (:func:`role_word`), or that of a role word of eight letters
    or more it is close to, a typo ('Interwiever')."""
    lowered = word.lower().strip(" .")
    exact = role_word(word)
    if exact or len(lowered) < 8:
        return exact
    return next((role for role, said in _KEY_ROLES.items()
                 if get_close_matches(lowered, said, n=1, cutoff=0.8)), None)


def _key_askers(key: dict[str, KeyEntry], people: dict[str, str]) -> tuple[str, ...]:
    """The labels a key says ask: by the role it gives, or by the name it gives where the
    header or byline names that person the interviewer."""
    return tuple(label for label, entry in key.items()
                 if entry.role == INTERVIEWER or (
                     entry.role is None and entry.name
                     and known_role(entry.name, people) == INTERVIEWER))


def _names_said_by_themselves(conversation: list[Spoken | Section]) -> dict[str, str]:
    """The full names speakers labelled by a first name give in their first turn: 'Sure, I'm
    James Bottomley' under 'James:'."""
    found: dict[str, str] = {}
    for item in conversation:
        if not isinstance(item, Spoken) or item.speaker in found \
                or not re.fullmatch(r"[A-ZÀ-Ý][a-zß-ÿ'’-]+", item.speaker):
            continue
        said = re.search(rf"\b(?:I['’]m|I am|my name is|my name['’]s) "
                         rf"(?P<name>{re.escape(item.speaker)}(?: [A-ZÀ-Ý][\w'’-]+){{1,2}})\b",
                         item.paras[0].text)
        found[item.speaker] = said["name"] if said else ""
    return {label: name for label, name in found.items() if name}


def _first_names_introduced(paras: list[Para], labels: set[str]) -> dict[str, str]:
    """The full names an introduction gives for labels of a first name alone, where it gives
    one such name only, as it introduces the speakers: several of them in one sentence ('Ish
    Sookun, Jeff Mahoney and Rachel Schrader…', then 'Jeff:'), one as the one talked with
    ('joined by Jeff Mahoney'), presented ('team member Eva Demers-Brett', 'Keita Mochizuki
    is a contributor') or alone in a heading; not a name the introduction merely speaks of
    ('Sam Altman told the Senate…' above 'Sam:')."""
    first_names = {label for label in labels if re.fullmatch(r"[A-ZÀ-Ý][a-zß-ÿ'’-]+", label)
                   and not role_of_label(label)}
    opening = next((index for index, para in enumerate(paras)
                    if (para.label or split_label(para.text)[0]) in labels), 0)
    given: dict[str, set[str]] = {}
    introduced: set[str] = set()
    for para in paras[:opening] if first_names else []:
        text = re.sub(r"[*_]", "", _LINK.sub(lambda link: link[1] or "",
                                             para.text.replace("\\", "")))
        for sentence in re.split(r"(?<=[a-z)][.!?])\s+(?=[A-Z])", text):
            for group in _named_together(sentence, first_names):
                for name in filter(None, group.names):
                    given.setdefault(name.split()[0], set()).add(name)
                    if len(group.names) >= 2 or _TALKED_WITH.search(group.before) \
                            or _PRESENTED.search(group.before) or _TALKING.match(group.after) \
                            or _DESCRIBED.match(group.after) \
                            or (para.heading and not group.before.strip()):
                        introduced.add(name)
    return {label: next(iter(names_)) for label, names_ in given.items()
            if len(names_) == 1 and names_ <= introduced}


@dataclass(frozen=True)
class _NamedTogether:
    """Names a sentence lists together ('Ish Sookun, Jeff Mahoney and Rachel Schrader'), each
    as a full name of one of the first names looked for or '', with the text before and after
    the list."""
    names: tuple[str, ...]
    before: str
    after: str


def _named_together(sentence: str, first_names: set[str]) -> list[_NamedTogether]:
    """The lists of names in ``sentence``: names one after the other with a comma or 'and'
    between them are one list."""
    matches = list(re.finditer(NAME, sentence))
    groups: list[list[re.Match]] = []
    for match in matches:
        if groups and re.fullmatch(r"\s*(?:,|,? and|,? &|,? und|,? et|,? y)\s*",
                                   sentence[groups[-1][-1].end():match.start()]):
            groups[-1].append(match)
        else:
            groups.append([match])
    return [_NamedTogether(tuple(_introduced_name(match[0], first_names) for match in group),
                           sentence[:group[0].start()], sentence[group[-1].end():])
            for group in groups]


def _introduced_name(name: str, first_names: set[str]) -> str:
    """``name`` as a full name whose first word is one of ``first_names`` ('Jérôme Laban' of
    'Jérôme Laban. In'), or ''."""
    words = name.split()
    ends = next((at for at, word in enumerate(words) if ends_sentence(word)), None)
    words = words[:ends + 1] if ends is not None else words
    return " ".join(words).rstrip(".") if 2 <= len(words) <= 3 and words[0] in first_names else ""


_PRESENTED = re.compile(
    r"\b(?:member|colleague|developer|engineer|designer|contributor|maintainer|founder|"
    r"director|author|researcher|scientist|creator|lead|manager|chair|keeper|artist|writer|"
    r"editor|professor|student|guest|speaker|panelist|expert)\W*$")
"""What presents the name after it as someone's the post is about ('OG team member Eva
Demers-Brett')."""
_DESCRIBED = re.compile(r"\W*(?:is|was) (?:a|an|the|one of)\b")
"""What describes the name before it, as a post introduces its guest ('Keita Mochizuki is a
contributor who…')."""
_TALKING = re.compile(
    r"\W*(?i:(?:asked|asks|spoke|speaks|talked|talks|interviewed|interviews|sat down|chatted|"
    r"chats|hosts|hosted|joins|joined)\b)")
"""What follows the name of someone the introduction has talking ('Maya Ortiz asked…')."""
_TALKED_WITH = re.compile(
    r"(?i:\b(?:with|joined by|guests?|hosts?|hosted by|welcomes?|I['’]m|I am|my name is|"
    r"(?:talk|talks|talked|talking|spoke|speak|speaks|speaking|chat|chats|chatted|sat down)"
    r" (?:to|with)|interview(?:s|ed)?|asked))\W*$")
"""What comes before the name of someone the introduction talks with ('joined by', 'I spoke
with', 'this week's guest')."""


def _label_form(label: str) -> tuple[int, bool]:
    """How a label is written: its number of words, and whether in capitals ('LEE', 'CARUSO';
    'Speaker 3', 'Speaker 1'; 'Jonathan', 'Pieter')."""
    return len(label.split()), label.isupper()


_LINK = re.compile(rf"<?https?://\S+>?|{LINK_WORDS}{LINK_TARGET}")
"""An address, bare or in angle brackets, or a Markdown link (whose text is kept)."""


def _once_labels(paras: list[Para], repeated: set[str]) -> set[str]:
    """Labels used once, after the first turn, written as every repeated label is (at least
    two of them, all of one :func:`label_form`), before words, not a bare link: a speaker who
    says one thing ('LEE: Thank you, Dr. Walder.' among 'CARUSO:' and 'SUBJECT:' turns), not a
    line such as 'PR: https://...' or a 'Part 1:' above the conversation. Where every repeated
    label carries its turn's time in one markup, a label with a time in that markup anywhere
    (:func:`_timed_markup`)."""
    forms = {_label_form(label) for label in repeated}
    if len(repeated) < 2:
        return set()
    read = [(para, *((para.label, para.text, None) if para.label
                     else (*split_label(para.text), _timed_markup(para.text))))
            for para in paras]
    timed = {markup for para, label, _, markup in read if not para.label and label in repeated}
    timed_form = next(iter(timed)) if len(timed) == 1 and None not in timed else None
    if len(forms) != 1 and timed_form is None:
        return set()
    found: set[str] = set()
    started = False
    for para, label, rest, markup in read:
        if label in repeated:
            started = True
        elif label and not para.heading and (
                (started and len(forms) == 1 and _label_form(label) in forms)
                or (timed_form is not None and markup == timed_form)) \
                and re.search(r"[^\W\d_]", _LINK.sub(r"\1", rest)):
            found.add(label)
    return found


def _timed_markup(text: str) -> str | None:
    """The emphasis around a label that carries its turn's time (``*B [0:02:14]*:`` gives
    ``*``, a plain ``Ana (00:01:02):`` ''), or None: a label with a time is a transcript's
    speaker however its name is written, when every other speaker's label has one too."""
    match = _LABEL.match(_label_text(text))
    return (match["o"] or "") if match and match["time"] else None


ROLE_LETTER = re.compile(r"^(?:\*\*|__)?(?P<label>[QA])(?:\*\*|__)?\.(?:\*\*|__)?[ \t]+"
                         r"(?![A-Z]\.)(?=\S)")
"""'Q. Where were you?', 'A. At home.': a court's or an oral history's role letters with a full
stop, not an initial ('A. J. Ayer wrote…')."""
ROLE_LETTERS = 2
"""Paragraphs each letter opens, at the least, for 'Q.' and 'A.' to be labels."""


def role_letters(paras: list[Para]) -> list[Para]:
    """``paras`` with 'Q. …' and 'A. …' read as the labels Q and A, where each opens
    :data:`ROLE_LETTERS` paragraphs or more (one 'A. Lincoln…' is what is said)."""
    found = [(ROLE_LETTER.match(para.text) if not (para.label or para.heading or para.block)
              else None) for para in paras]
    letters = Counter(match["label"] for match in found if match)
    if min(letters["Q"], letters["A"]) < ROLE_LETTERS:
        return paras
    return [replace(para, label=match["label"], text=para.text[match.end():],
                    plain=para.plain[match.end():] if para.plain.startswith(match[0]) else
                    para.plain) if match else para for para, match in zip(paras, found)]


def structure(paras: list[Para], cast: Cast | None = None) -> Structure:
    """Decide the introduction, parts, turns and closing of ``paras``, knowing what ``cast``
    says."""
    return _with_closing(_turns_of(paras, cast or Cast()))


def _turns_of(paras: list[Para], cast: Cast) -> Structure:
    people = cast.people
    labels = find_labels(paras, people)
    labelled = sum(1 for p in paras if (p.label or split_label(p.text)[0]) in labels)
    named = {known_role(label, people) for label in labels} - {None}
    roles = {role_of_label(label) for label in labels}
    if len(labels) >= 2 and (labelled >= 4 or len(named) == 2 or roles == {INTERVIEWER,
                                                                            INTERVIEWEE}
                             or (INTERVIEWER in roles and labelled >= 3)) \
            or any(p.label for p in paras):  # 'P - …', 'R - …' once: a question and its answer
        return _by_labels(paras, labels, cast)
    only = next(iter(labels)) if len(labels) == 1 else ""
    if only and labelled >= 2 and (role_of_label(only) == INTERVIEWER or (
            known_role(only, people) == INTERVIEWER and _label_asks(paras, only))):
        return _by_question_labels(paras, only)
    kind = _question_emphasis(paras)
    if kind:
        return _by_emphasis(paras, kind)
    return _by_words(paras)


def _with_closing(result: Structure) -> Structure:
    """The end of the conversation set apart as its closing: the last turn's paragraphs from
    the last thematic break in it on ('* * *', then 'We thank Gen for …'); or, where the
    questions are found by their form, a last question that asks nothing and that nobody
    answers and that thanks ('**Thank you, Mark, for taking your time.**', not '**Show us
    your desk.**'). Labelled turns stay turns: a host's 'Thanks for coming on' is theirs; and
    what follows a break in the speaker's own voice ('I still go down to the quay…') is
    theirs, unless it thanks or tells of the interview ('edited for length')."""
    if not result.conversation or not isinstance(result.conversation[-1], Spoken):
        return result
    last = result.conversation[-1]
    breaks = [index for index, para in enumerate(last.paras) if para.after_rule and index]
    before = result.conversation[-2] if len(result.conversation) >= 2 else None
    if breaks and (_CLOSING_WORDS.search(" ".join(para.text for para in last.paras[breaks[-1]:]))
                   or not any(_SPEAKER_SELF.search(para.text)
                              for para in last.paras[breaks[-1]:])):
        result.closing = last.paras[breaks[-1]:]
        del last.paras[breaks[-1]:]
    elif result.method.startswith("questions set") and isinstance(before, Spoken) \
            and result.roles.get(last.speaker) == INTERVIEWER \
            and result.roles.get(before.speaker) != INTERVIEWER \
            and any(_THANKS.search(para.text) for para in last.paras) \
            and not any(ends_with_question(sentence) for para in last.paras
                        for sentence in split_sentences(para.text)):
        result.closing = result.conversation.pop().paras
    else:
        return result
    result.unsure.append(Note(result.closing[0].line, f"'{_snippet(result.closing[0].text)}' "
                              f"and what follows it, after the last answer, were written as the "
                              f"closing, nobody's turn, after a '* * *' line; if it is "
                              f"someone's turn, put their label before it and delete that "
                              f"line"))
    return result


_THANKING = (r"thank|thanks|danke|dank|merci|gracias|grazie|obrigad[oa]|tack|takk|kiitos|"
             r"dziękuj\w*|спасибо|شكرا|ممنون|سپاس")
_THANKS = re.compile(rf"(?i:\b(?:{_THANKING}))")
_CLOSING_WORDS = re.compile(rf"(?i:\b(?:{_THANKING}|appreciat)|\b(?:edited|condensed|"
                            rf"originally|first published|translated|transcribed|interview|"
                            rf"learn more|visit|check out|connect with|follow|recap)\b)|"
                            rf"https?://")
"""What a closing says: thanks, of the interview itself ('edited for length'), or where to
read more."""
_SPEAKER_SELF = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|mine|myself)\b")


def _label_asks(paras: list[Para], label: str) -> bool:
    """Whether half or more of the paragraphs ``label`` opens ask: the byline's author, who
    labels a post's only labelled turns, asks them ('Maya: Why?') or answers them ('Yael:
    "Every day looks a bit different..."', under questions in bold)."""
    said = [para for para in paras if (para.label or split_label(para.text)[0]) == label]
    return 2 * sum(ends_with_question(para.text) for para in said) >= len(said)


def _by_labels(paras: list[Para], labels: set[str], cast: Cast) -> Structure:
    result = Structure(method="speaker labels")
    people = cast.people
    current: Spoken | None = None
    resumed: Spoken | None = None
    asking = _headings_ask(paras, labels, people)
    heading_questions = _question_headings(paras)
    emphasised = _emphasis_asks(paras, labels, people)
    full_names = short_forms(labels, labels)
    key: dict[str, KeyEntry] = {}
    spoken = spoken_labels(paras)
    for index, para in enumerate(paras):
        label, rest = (para.label, para.text) if para.label else split_label(para.text)
        if label in full_names:  # "Dan Brown:" once, "DB:" after: one speaker, named in full
            result.names.setdefault(full_names[label], label)
            label = full_names[label]
        elif para.label and label not in labels:  # '**Jen**' once among '**Jen Luker**' turns
            label = _short_label_of(label, labels) or label
        if emphasised and para.emphasis == emphasised and not para.label and not label:
            # "**Where do you map?**", then "Ruben : ...", "Josefien : ...": the question,
            # set in emphasis with no label, asked of the labelled speakers
            current = Spoken("Q", [Para(question_heading(para.plain or para.text), para.line,
                                        label="Q")])
            result.conversation.append(current)
            continue
        asked = _QUESTION_HEADING.match(para.text) if para.heading else None
        if asked or (asking and index in heading_questions):
            # "# Q. Even if you do believe ...?", "## 2. How did you start?": the interviewer's
            # turn, as a heading
            question = asked["text"] if asked else question_heading(para.text)
            named, rest = split_label(question)
            if named and (named in labels or known_role(named, people)):
                question = rest  # '### Zadka: How did you start?': the asker's name is no text
            current = Spoken("Q", [Para(question, para.line, label="Q")])
            result.conversation.append(current)
            continue
        if para.heading:
            result.conversation.append(Section(para.text, index in heading_questions))
            current = None
            continue
        if not para.label and label.casefold() not in spoken \
                and session_header(_TIMESTAMP.sub("", para.text, count=1)):
            result.dropped.append(Note(para.line, f"a session's header: '{_snippet(para.text)}'"))
            continue
        entries, besides = read_key(para, labels) if current is None else ([], "")
        if entries:
            key.update({entry.label: entry for entry in entries})
            result.dropped.append(Note(para.line, f"a key to the speakers' labels: "
                                                  f"'{_snippet(para.text)}'"))
            if besides:
                _unspoken(result, replace(para, text=besides))
            continue
        if current is None and not para.label and _KEY_HEAD.match(para.text.strip()) \
                and index + 1 < len(paras) and read_key(paras[index + 1], labels)[0]:
            result.dropped.append(Note(para.line, f"the heading of a key to the speakers' "
                                                  f"labels: '{_snippet(para.text)}'"))
            continue
        if not para.label and TRANSCRIPT_BOUND.match(para.text.strip()):
            result.dropped.append(Note(para.line, f"where the transcript starts or ends: "
                                                  f"'{_snippet(para.text)}'"))
            continue
        if not para.label and BREAK_MARKER.match(_TIMESTAMP.sub("", para.text, count=1)):
            result.dropped.append(Note(para.line, f"a break in the recording: "
                                                  f"'{_snippet(para.text)}'"))
            resumed = current  # after the break, the same speaker starts a new turn
            continue
        if para.label or label in labels:
            if not para.label and alias_name(para.text):
                result.names.setdefault(label, alias_name(para.text))
            time = para.time or stamp_of(para.text) or stamp_of(rest) or _label_time(para.text)
            rest = _TIMESTAMP.sub("", rest, count=1)  # "Name: [12:34] ..." (a turn's time)
            para = Para(rest, para.line, para.emphasis, para.plain, label=label, block=para.block,
                        time=time)
            if current is not None and current.speaker == label and current is not resumed:
                current.paras.append(para)  # the same speaker again: the same turn goes on
            else:
                current = Spoken(label, [para])
                result.conversation.append(current)
        elif current is None:
            _unspoken(result, para)
        elif para.emphasis and not any(said.text.strip() for said in current.paras):
            # '**CD:**' alone, then the turn wholly in bold: the bold marks the turn, as the
            # label's would
            current.paras.append(Para(para.plain or para.text, para.line, block=para.block,
                                      after_rule=para.after_rule))
        else:
            current.paras.append(para)
    for label, name in _names_given_for(paras, {item.speaker for item in result.conversation
                                                  if isinstance(item, Spoken)}).items():
        result.names.setdefault(label, name)
    for label, name in _names_said_by_themselves(result.conversation).items():
        result.names.setdefault(label, name)
    for label, entry in key.items():
        if entry.name:
            result.names[label] = entry.name
    askers = cast.hosts or _key_askers(key, people)
    result.roles = hosts_roles(result, askers) if askers else label_roles(result, cast)
    if not cast.hosts:  # 'R = Researcher, P = Participant': the key's roles, not the letters'
        result.roles.update({label: entry.role for label, entry in key.items()
                             if entry.role and label in result.roles})
    _answers_left_unlabelled(result)
    result.unsure += misnamed_speakers([i for i in result.conversation if isinstance(i, Spoken)])
    if asking or emphasised:  # the headings or emphasis ask: every labelled speaker answers
        result.answering = {label for label in result.roles if label != "Q"}
        result.roles.update({label: INTERVIEWEE for label in result.answering})
    elif _question_emphasis(paras) == "heading":
        _answered_headings(result)
    else:
        _unlabelled_questions(result)
    return result


def spoken_labels(paras: list[Para]) -> set[str]:
    """Labels, in lower case, that open two paragraphs or more, one of them no header line: a
    role word over the turns ('Befragte: In Hamburg.', then 'Befragte: Wegen der Arbeit, …'),
    not an oral history's header repeated where each session starts ('INTERVIEWER: Sondra
    Schlesinger')."""
    firsts = [_TIMESTAMP.sub("", para.text.split("\n")[0], count=1) for para in paras
              if not para.label]
    read = [(split_label(line)[0].casefold(), line) for line in firsts]
    opened = Counter(label for label, _ in read)
    return {label for label, line in read
            if label and opened[label] >= 2 and not session_header(line)}


def _answers_left_unlabelled(result: Structure) -> None:
    """An answer whose label the source left out: the interviewer asks ('**GH:** Is there
    anyone…?'), unlabelled paragraphs follow, then the interviewer's label again ('**GH:** I’d
    love to hear…') or nothing more (the last question's answer). Those paragraphs are the one
    interviewee's answer, not the interviewer going on, where there is one interviewee; where
    'Q:' asks several, who are labelled in their first answers only, the guests' together."""
    answering = [label for label, role in result.roles.items() if role == INTERVIEWEE]
    askers = [label for label, role in result.roles.items() if role == INTERVIEWER]
    if len(answering) >= 2 and len(askers) == 1 and role_of_label(askers[0]) == INTERVIEWER \
            and "A" not in result.roles and not any(map(role_of_label, answering)):
        joint = "A"  # 'Q:' asks two guests, who answer together after their first turns
        result.names.setdefault(joint, " and ".join(result.names.get(label, label)
                                                    for label in answering))
        answering = [joint]
    if len(answering) != 1:
        return
    items = result.conversation
    index = 0
    while index < len(items):
        turn = items[index]
        index += 1
        if not isinstance(turn, Spoken) or result.roles.get(turn.speaker) != INTERVIEWER:
            continue
        last = not any(isinstance(item, Spoken) for item in items[index:])
        again = next((k for k in range(2, len(turn.paras)) if turn.paras[k].label),
                     len(turn.paras) if last else 0)
        asked = next((j for j in range(again - 2, -1, -1)
                      if ends_with_question(turn.paras[j].text)), -1) if again else -1
        if asked < 0 or any(para.label for para in turn.paras[asked + 1:again]):
            continue
        answer = Spoken(answering[0], turn.paras[asked + 1:again])
        rest = [Spoken(turn.speaker, turn.paras[again:])] if again < len(turn.paras) else []
        turn.paras[asked + 1:] = []
        items[index:index] = [answer, *rest]
        index += 1  # on to the interviewer's turn after the answer: it may ask again


def _unlabelled_questions(result: Structure) -> None:
    """A question with no label inside the answers (``¿Y cómo es …?`` after one guest's answer,
    then ``**Laura:** …``) is the interviewer's, when the interviewer's other turns are
    labelled: a guest's labelled turn that follows it would otherwise answer no one."""
    askers = [label for label, role in result.roles.items() if role == INTERVIEWER]
    if len(askers) != 1:
        return
    conversation: list[Spoken | Section] = []
    for position, item in enumerate(result.conversation):
        if not isinstance(item, Spoken) or result.roles.get(item.speaker) != INTERVIEWEE:
            conversation.append(item)
            continue
        after = result.conversation[position + 1:position + 2]
        answered_after = bool(after) and isinstance(after[0], Spoken) and \
            result.roles.get(after[0].speaker) == INTERVIEWEE
        start = 0
        for index, para in enumerate(item.paras[1:], 1):
            answered = item.paras[index + 1].label if index + 1 < len(item.paras) \
                else answered_after
            if answered and not para.label and not para.block and not para.heading \
                    and ends_with_question(para.text):
                conversation += [Spoken(item.speaker, item.paras[start:index]),
                                 Spoken(askers[0], [replace(para, label=askers[0])])]
                start = index + 1
        if start < len(item.paras):
            conversation.append(Spoken(item.speaker, item.paras[start:]))
    result.conversation = conversation


_HEADING_NUMBER = re.compile(r"^\s*(?:q\s*)?\d{1,2}\s*\\?[-–—.):]\s+", re.I)
"""A question's number: '2- ', '3. ', '4) ' (also escaped, '3\\.'), 'Q1: ', 'Q2. '."""


def question_heading(text: str) -> str:
    """A question set as a heading or in emphasis, without its number: 'How did you start?'
    for '2- How did you start?' or 'Q2: How did you start?'."""
    return _HEADING_NUMBER.sub("", text, count=1) or text


def _answered_headings(result: Structure) -> None:
    """Headings that ask, each answered straight away by an interviewee's turn, are questions,
    though the interviewer also speaks in labelled turns ('### 3- When did you start?', then
    the guests' turns, the host's follow-ups among them); the labelled interviewer asks them
    when there is one, else 'Q'. A heading the interviewer's own turn follows stays a title."""
    hosts = [label for label, role in result.roles.items() if role == INTERVIEWER]
    asker = hosts[0] if len(hosts) == 1 else "Q"
    items = result.conversation
    for index, item in enumerate(items[:-1]):
        after = items[index + 1]
        if isinstance(item, Section) and item.asks \
                and isinstance(after, Spoken) and result.roles.get(after.speaker) == INTERVIEWEE:
            items[index] = Spoken(asker, [Para(question_heading(item.title), after.paras[0].line,
                                               label=asker)])
            result.roles.setdefault(asker, INTERVIEWER)


def _headings_ask(paras: list[Para], labels: set[str], people: dict[str, str]) -> bool:
    """Whether the questions are the headings and the labels name only those who answer
    ('## 1. Why a podcast?', then '**Emma** - ...', '**Zoe** - ...'): the source sets its
    questions in headings, no label says it asks ('Q:'), and the labelled turns ask as guests
    do, in under a tenth of them, those of a person named as the interviewer too (who may
    answer the headings' questions with the guests)."""
    if _question_emphasis(paras) != "heading" or any(role_of_label(label) == INTERVIEWER
                                                     for label in labels):
        return False
    said = {label: [para for para in paras if not para.heading
                    and (para.label or split_label(para.text)[0]) == label] for label in labels}
    hosts = {label for label in labels if known_role(label, people) == INTERVIEWER}
    return all(_asks_as_guests(said[label]) for label in hosts) \
        and _asks_as_guests([para for label in labels for para in said[label]]) \
        and _first_after_headings(paras, hosts) * 2 <= len(_question_headings(paras))


def _emphasis_asks(paras: list[Para], labels: set[str], people: dict[str, str]) -> str:
    """The emphasis (``strong``, ``em``) this source sets its questions in, when the labels
    name only those who answer them: unlabelled paragraphs wholly in that emphasis, most of
    them ending in '?', each followed by a labelled turn; no label says it asks ('Q:'), and
    the labelled turns ask as guests do. Else ''."""
    kind = _question_emphasis(paras)
    if kind not in ("strong", "em") or any(role_of_label(label) == INTERVIEWER or
                                           known_role(label, people) == INTERVIEWER
                                           for label in labels):
        return ""
    asked = [index for index, para in enumerate(paras[:-1]) if para.emphasis == kind
             and not para.label and not split_label(para.text)[0]]
    answered = [index for index in asked
                if (paras[index + 1].label or split_label(paras[index + 1].text)[0]) in labels]
    said = [para for para in paras if (para.label or split_label(para.text)[0]) in labels]
    if len(answered) < 2 or len(answered) * 4 < len(asked) * 3 or not _asks_as_guests(said) \
            or sum(ends_with_question(paras[index].plain or paras[index].text)
                   for index in asked) * 2 <= len(asked):
        return ""
    return kind


def _first_after_headings(paras: list[Para], speakers: set[str]) -> int:
    """How many question headings one of ``speakers`` speaks first after: a host who opens
    each chapter ('## Why Rust?', then the host's turn) asks there, however rarely with '?'."""
    headings = _question_headings(paras)
    count = 0
    for index in headings:
        first = next((para.label or split_label(para.text)[0] for para in paras[index + 1:]
                      if para.heading or para.label or split_label(para.text)[0]), "")
        count += first in speakers
    return count


def _asks_as_guests(said: list[Para]) -> bool:
    """Whether under a tenth of these paragraphs end with '?', as guests' turns do."""
    return sum(ends_with_question(para.text) for para in said) < 0.1 * len(said)


def _question_headings(paras: list[Para]) -> set[int]:
    """Which headings are questions where the source sets its questions as headings: those
    ending in '?', and, at the level most of those use and followed by text, one that reads
    as a question ('Tell us about yourself!') or one among them ('Here is a demo of it, with a
    nice interface.' between two asking headings); not a topic before or after them
    ('Introduction', 'Final thoughts')."""
    asking = [index for index, para in enumerate(paras)
              if para.heading >= 2 and ends_with_question(para.text)]
    if not asking:
        return set()
    level = Counter(paras[index].heading for index in asking).most_common(1)[0][0]
    found = set(asking)
    for index, para in enumerate(paras[:-1]):
        if para.heading == level and index not in found and not paras[index + 1].heading \
                and ((asking[0] < index < asking[-1] and _sentence(para.text))
                     or question_score(para) >= 4
                     or (index > asking[-1] and _prompt_answered(paras, index))):
            found.add(index)
    return found


_SECTION_TITLE = re.compile(
    r"\b(?:introduction|conclusions?|summary|final (?:thoughts|words)|closing|wrap(?:ping)? up|"
    r"about|links?|resources|further|reading|references|acknowledge?ments?|credits?|notes?|"
    r"bio(?:graphy)?|contact|see also|related|thanks|footnotes?|epilogue|postscript|updates?|"
    r"disclaimer|more|learn|get involved|join|transcript|episode|sponsors?|show notes)\b", re.I)
"""Words of a section's title, not of a prompt put to a guest: 'Final thoughts', 'About the
author', 'Further reading', 'Get involved'."""


def _prompt_answered(paras: list[Para], index: int) -> bool:
    """Whether a heading after a source's last asking heading is one more prompt ('Advice for
    new developers and new members of the community'): no section's title, answered in the
    first person before the next heading."""
    if _SECTION_TITLE.search(paras[index].text):
        return False
    answer = itertools.takewhile(lambda para: not para.heading, paras[index + 1:])
    return any(_SPEAKER_WORDS.search(para.text) for para in answer)


def _sentence(text: str) -> bool:
    """Whether a heading is a sentence, as a remark put to a guest is ('Here is a demo, with a
    nice interface.'), not a topic's title ('Background', 'JavaScript maintenance')."""
    return bool(re.search(r"[.!…:;)。！][\s\"”’'»*_]*$", text)) or len(text.split()) >= 8


def _unspoken(result: Structure, para: Para) -> None:
    """A paragraph no one speaks: the introduction's before the conversation, else the
    heading's it follows."""
    if result.conversation and isinstance(result.conversation[-1], Section):
        result.conversation[-1].paras.append(para)
    else:
        result.introduction.append(para)


def _by_question_labels(paras: list[Para], label: str) -> Structure:
    """Only the questions are labelled (``Q:``): every other paragraph after one answers it;
    one that opens with another name written as the interviewer's label is (``**Sandipan**：``,
    then ``**Maciej**：``, ``**Janet**：``) starts that person's answer."""
    result = Structure(method=f"'{label}:' labels on the questions")
    roles: list[str] = []
    spoken: list[Para] = []
    form = next((_written(para.text) for para in paras
                 if not para.heading and split_label(para.text)[0] == label), None)
    for para in paras:
        asked, rest = split_label(para.text) if not (para.heading or para.block) else ("", "")
        if para.heading:
            roles.append("section")
        elif asked == label:
            roles.append("Q")
            para = Para(rest, para.line, para.emphasis, para.plain, label=label)
        else:
            roles.append("A" if "Q" in roles else "intro")
            if asked and "Q" in roles and not role_of_label(asked) \
                    and _written(para.text) == form:
                para = Para(rest, para.line, block=para.block, label=asked,
                            after_rule=para.after_rule)
        spoken.append(para)
    _assemble(result, spoken, roles)
    return result


def _written(text: str) -> tuple[tuple[int, bool], str, str]:
    """How a paragraph's label is written: its form (:func:`_label_form`), the emphasis
    around it and the colon after it ('**Sandipan**：' as '**Maciej**：', not 'Note:')."""
    label = split_label(text)[0]
    colon = re.search(r"[:：]", text)
    return _label_form(label), text[:2] if text.startswith(("**", "__")) else "", \
        colon.group() if colon else ""


def _question_emphasis(paras: list[Para]) -> str:
    """``strong``, ``em`` or ``heading``: how this source sets its questions, or ''."""
    headings = [p for p in paras if p.heading >= 2]
    levels = sorted({p.heading for p in headings if ends_with_question(p.text)})
    # all the levels together, or the questions' level alone: sub-headings inside the answers
    # ('##### Work stuff' under '### And what software?') do not outvote the questions
    for group in (headings, *([p for p in headings if p.heading == level] for level in levels)):
        if len(group) >= 2 and sum(ends_with_question(p.text) for p in group) * 2 > len(group):
            return "heading"
    counts = Counter(p.emphasis for p in paras if p.emphasis and not p.heading)
    asking = Counter(p.emphasis for p in paras
                     if p.emphasis and not p.heading and ends_with_question(p.text))
    plain = sum(1 for p in paras if not p.emphasis and not p.heading)
    # the kind that asks most, then the most common: a table's bold row names do not ask, and
    # emphasis none of whose paragraphs asks sets quotations or notes, not questions
    for kind in sorted(counts, key=lambda kind: (asking[kind], counts[kind]), reverse=True)[:1]:
        if counts[kind] >= 2 and plain >= counts[kind] and asking[kind]:
            return kind
    return ""


def _by_emphasis(paras: list[Para], kind: str) -> Structure:
    result = Structure(method="questions set " + {"heading": "in headings", "item": "as list "
                                                  "items"}.get(kind, f"in {kind}"))
    roles: list[str] = []
    heading_questions = _question_headings(paras) if kind == "heading" else set()
    paras = _answers_subheadings(paras, heading_questions)
    for index, para in enumerate(paras):
        if kind == "heading":
            is_question = index in heading_questions
        else:
            is_question = para.emphasis == kind and not para.heading
        roles.append("Q" if is_question else ("section" if para.heading else "A"))
    first = next((i for i, role in enumerate(roles) if role == "Q"), len(roles))
    # A long emphasised standfirst before the first real question is the editor's
    # introduction, as is a line that announces the questions ('**Q&A:**').
    while first < len(roles) and not ends_with_question(paras[first].text) \
            and (paras[first].words > 40 or paras[first].text.rstrip("*_ ").endswith(":")):
        result.unsure.append(Note(paras[first].line, "an emphasised paragraph before the first "
                                  "question, long or ending in a colon, was kept in the "
                                  "introduction"))
        roles[first] = "intro"
        first = next((i for i in range(first + 1, len(roles)) if roles[i] == "Q"), len(roles))
    for index in range(first):
        if roles[index] == "A":
            roles[index] = "intro"
    if _told_of(paras, roles):
        return Structure(introduction=list(paras), method=PROFILE)
    _assemble(result, paras, roles, _turn_labels(paras, roles))
    return result


def _answers_subheadings(paras: list[Para], questions: set[int]) -> list[Para]:
    """``paras`` with each heading below the questions' level, after the first question, as a
    line in bold of the answer it divides ('## Can you share some use cases?', then '###
    DataRefuge', its text, '### California Civic Data', its text): not a part of the interview.
    """
    if not questions:
        return paras
    level = Counter(paras[index].heading for index in questions).most_common(1)[0][0]
    return [Para(f"**{para.text}**", para.line, "strong", para.text)
            if para.heading > level and index > min(questions) and index not in questions
            else para for index, para in enumerate(paras)]


def _turn_labels(paras: list[Para], roles: list[str]) -> set[str]:
    """The names that open two or more questions, or two or more answers, where the questions
    are headings or emphasis: '### Zadka: How did you…?', 'Leidel: I got started…' (the
    full name once, 'Moshe Zadka:', its short form after), and a full name that
    opens the first answer only ('**Adrian Pohl**: Wir…'). They are labels, not text."""
    opening = [split_label(para.plain or para.text)[0]
               for index, (para, role) in enumerate(zip(paras, roles))
               if role == "Q" or (role == "A" and (index == 0 or roles[index - 1] != "A"))]
    named = {label for label in opening if label}
    full_names = short_forms(named, named)
    counts = Counter(full_names.get(label, label) for label in opening if label)
    first_answer = next((split_label(para.plain or para.text)[0]
                         for para, role in zip(paras, roles) if role == "A"), "")
    return {label for label in named if counts[full_names.get(label, label)] >= 2
            or (label == first_answer and len(label.split()) >= 2)}


PROFILE = "a profile in the third person"
"""What a source is whose text under its questions is told about the person, not by them."""
_QUOTED = re.compile(r"[“\"«„][^“”\"«»„]*[”\"»]")
_SPEAKER_WORDS = re.compile(r"\bI\b|\b(?i:me|my|mine|myself|we|us|our|ours|ourselves)\b")
_SUBJECT_WORDS = re.compile(r"\b(?i:he|she|his|her|him|hers|himself|herself)\b")


def _told_of(paras: list[Para], roles: list[str]) -> bool:
    """Whether the text of the answers speaks of its subject rather than as them: 'he' and
    'she' four times as often as 'I' and 'we', quotations left out (a profile: 'What
    hardware?', then 'Akash uses a Lenovo B490 at work. “This laptop is great,” says
    Akash.'), where an interview's answers say 'I'. Never of speech (captions, or paragraphs
    each with its time in a recording): no one records a profile."""
    if all(para.time or para.said_aloud for para in paras if not para.heading):
        return False
    told = " ".join(_QUOTED.sub(" ", para.plain or para.text)
                    for para, role in zip(paras, roles) if role == "A")
    about = len(_SUBJECT_WORDS.findall(told))
    return about >= 4 and len(_SPEAKER_WORDS.findall(told)) * 4 <= about


_INTERROGATIVE = re.compile(
    r"^(how|what|why|when|where|who|whom|whose|which|do|does|did|is|are|was|were|can|could|"
    r"would|will|should|have|has|had|shall|may|might|isn't|aren't|wasn't|didn't|don't|doesn't|"
    r"and|so|but)\b", re.IGNORECASE)
_PROMPT = re.compile(
    r"^(tell (me|us)|talk (me|us) through|walk (me|us) through|take (me|us)|describe|explain|"
    r"say more|let's talk|let us talk|give (me|us)|share|paint (me|us)|help (me|us) understand|"
    r"remind (me|us)|go back to|talk about|(?:we|i)(?:'d|’d| would) love to (?:hear|learn|know)|"
    r"(?:we|i)(?:'d|’d| would) like to (?:hear|know))\b", re.IGNORECASE)
_QUESTION_NUMBER = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d{1,2}\s*\\?[.):]\s+",
                              re.IGNORECASE)
"""A question's number before it: '3. Tell us about...', 'Q2) How...' (also escaped, '3\\.')."""
_YOU = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
_FIRST_PERSON_START = re.compile(
    r"^[\"“‘']?(i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|we|we're|we’re|we've|my|our|me|yes|no|yeah|"
    r"well|oh|honestly|sure|absolutely|definitely|exactly|right|not really|of course|mostly|"
    r"probably|maybe|hm+|ha)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|we|us|our)\b")
_INTRO_WORDS = re.compile(
    r"(edited for (length|clarity)|this interview|this conversation|we (spoke|talked|met)|"
    r"editor'?s? note|editor’s note|has been (edited|condensed)|condensed for)", re.IGNORECASE)


def question_score(para: Para) -> int:
    """How much a paragraph reads like a question; 4 or more is a question."""
    text = _QUESTION_NUMBER.sub("", re.sub(r"[*_]", "", para.text), count=1)
    sentences = split_sentences(text)
    asked = [s for s in sentences if s.rstrip("\"”’»)").endswith(("?", "؟", "？"))]
    score = 0
    if ends_with_question(text):
        score += 3
    if para.words <= 40:
        score += 1
    elif para.words > 90:
        score -= 2
    if _INTERROGATIVE.match(text) or (asked and sentences and _INTERROGATIVE.match(
            sentences[-1]) and ends_with_question(text)):
        score += 1  # opens with a question word, or its last sentence does
    if _PROMPT.match(text) and para.words <= 45:
        score += 3
    if _YOU.search(text):
        score += 1
    if _FIRST_PERSON_START.match(text) and not any(_YOU.search(s) for s in asked):
        score -= 2  # "I loved your book. Why did you write it?" still asks
    if len(sentences) - len(asked) >= 3:
        score -= 1
    if _INTRO_WORDS.search(text):
        score -= 3
    return score


def _by_words(paras: list[Para]) -> Structure:
    """Questions found by their wording, paragraph by paragraph (:func:`question_score`), and
    decided together by the sequence pass (sequence.py): the alternation of question and
    answer tips the doubtful ones."""
    result = Structure(method="question marks and wording")
    scores = [question_score(p) if not (p.heading or p.block) else -9 for p in paras]
    spoken = [index for index, para in enumerate(paras) if not para.heading]
    decided = sequence_roles([None if paras[i].block else scores[i] for i in spoken])
    roles = ["section" if para.heading else "A" for para in paras]
    for index, role in zip(spoken, decided):
        roles[index] = role
    first = next((i for i, role in enumerate(roles) if role == "Q"), len(roles))
    addressed = set()
    for index in range(first + 1, len(paras) - 1):
        para = paras[index]
        if (roles[index] == "A" and roles[index + 1] == "Q" and roles[index - 1] == "A"
                and _YOU.search(para.text) and not _FIRST_PERSON.search(para.text)
                and not ends_with_question(para.text) and para.words <= 60):
            roles[index] = "Q"
            addressed.add(index)
            result.unsure.append(Note(para.line, "a paragraph addressed to 'you' just before a "
                                      "question was taken as the start of that question"))
    for index, (para, score) in enumerate(zip(paras, scores)):
        if roles[index] in ("intro", "section") or index in addressed:
            continue
        alone = "Q" if SEQUENCE_MODEL.log_odds(score) > 0 else "A"
        if roles[index] != alone:
            said = ("a question, though it reads little like one: it sits between answers"
                    if roles[index] == "Q" else "part of the answer before it, though it "
                    "reads like a question: it follows a question")
            result.unsure.append(Note(para.line, f"taken as {said}: '{_snippet(para.text)}'"))
        elif score in (3, 4):
            kind = "a question" if roles[index] == "Q" else "part of an answer"
            result.unsure.append(Note(para.line, f"taken as {kind}: '{_snippet(para.text)}'"))
        elif roles[index] == "Q" and index > 0 and roles[index - 1] == "Q":
            result.unsure.append(Note(para.line, "two question paragraphs in a row were kept "
                                      "as one question"))
    if _told_of(paras, roles):
        return Structure(introduction=list(paras), method=PROFILE)
    if _asked_once(roles):
        return Structure(introduction=list(paras), method=result.method)
    _assemble(result, paras, roles)
    return result


ASKED_ONCE_AMONG = 10
"""Paragraphs from which one question found by its wording alone makes no interview."""


def _asked_once(roles: list[str]) -> bool:
    """Whether a long text asks one question only, as an essay asks its reader ('This made me
    wonder, what if…?'): an interview found by its wording asks more than once."""
    return sum(role == "Q" and (index == 0 or roles[index - 1] != "Q")
               for index, role in enumerate(roles)) < 2 and len(roles) >= ASKED_ONCE_AMONG


def _assemble(result: Structure, paras: list[Para], roles: list[str],
              speaking: AbstractSet[str] = frozenset()) -> None:
    """Group paragraphs by role into introduction, sections and turns; a name in ``speaking``
    that opens a question or an answer is its label, and is taken off."""
    current: Spoken | None = None
    answerers: set[str] = set()
    for para, role in zip(paras, roles):
        if role == "intro":
            result.introduction.append(para)
        elif role == "section":
            result.conversation.append(Section(para.text))
            current = None
        else:
            text = para.plain or para.text if role == "Q" else para.text
            if role == "Q" and (para.heading or para.emphasis):
                text = question_heading(text)
            label, rest = split_label(text) if not para.block else ("", text)
            if role_of_label(label) != (INTERVIEWER if role == "Q" else INTERVIEWEE) \
                    and label not in speaking:
                label, rest = "", text  # only a 'Q:' on a question or 'A:' on an answer
            if role == "A" and label in speaking:
                result.answering.add(label)
            named = para.label if role == "A" and para.label and para.label != "A" else ""
            para = Para(rest, para.line, block=para.block, time=para.time,
                        after_rule=para.after_rule)
            if named:  # the answer of a person named by a label (:func:`_by_question_labels`)
                current = Spoken(named, [para])
                result.conversation.append(current)
                answerers.add(named)
            elif current is None and role == "A" and not label:
                _unspoken(result, para)  # under a heading that asks nothing, before a question
            elif current is not None and not label and (
                    current.speaker == role or (role == "A" and current.speaker in answerers)):
                current.paras.append(para)
            else:
                current = Spoken(role, [para])
                result.conversation.append(current)
    result.roles = {"Q": INTERVIEWER, "A": INTERVIEWEE,
                    **{named: INTERVIEWEE for named in answerers}}


def _snippet(text: str, length: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
