"""What the importer reads a source into, and the words for its speakers' roles: paragraphs
(:class:`Para`) as a format reader finds them (:class:`Extract`), turns (:class:`Spoken`),
parts (:class:`Section`), the whole (:class:`Structure`), what is said of the speakers outside
the turns (:class:`Cast`), and the
rules every later step shares: what a label says of its role, whether a label names a person,
whether a paragraph ends by asking."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from anyascii import anyascii

INTERVIEWER = "interviewer"
INTERVIEWEE = "interviewee"
QUESTION_LABELS = {"q", "p", "d", "f", "i", "question", "interviewer", "int", "host",
                   "interviewer's question", "interviewerin", "intervieweur", "intervieweuse",
                   "pregunta", "frage", "domanda", "pergunta", "entrevistador", "entrevistadora",
                   "intervistatore", "intervistatrice",
                   "س", "سؤال", "سوال", "پرسش", "مصاحبه‌گر", "مصاحبه‌کننده", "المحاور", "محاور"}
ANSWER_LABELS = {"a", "r", "answer", "interviewee", "guest", "respondent", "respuesta",
                 "réponse", "antwort", "risposta", "resposta", "entrevistado", "entrevistada",
                 "befragter", "befragte", "intervistato", "intervistata", "interviewé",
                 "interviewée", "interviewte", "interviewter",
                 "ج", "جواب", "پاسخ", "الجواب", "الإجابة", "إجابة"}
"""Labels that say a role, not a name: 'Q:', 'Pregunta:', the press's letters for question and
answer ('P:' and 'R:' in Spanish and Portuguese, 'D:' and 'R:' in Italian, 'F:' and 'A:' in
German, 'Q:' and 'R:' in French; 'I:', the interviewer, in research interviews), and in Persian and Arabic 'س:' and 'ج:' (for سؤال and جواب, question and answer),
'پرسش:', 'پاسخ:'."""
PAIRED_LETTERS = {"p": {"r"}, "d": {"r"}, "f": {"a"}, "r": {"p", "d", "q"}}
"""Letters that say a role only beside their partner: 'P:' asks beside 'R:' (pregunta,
respuesta), but beside 'I:' is a participant, who answers."""
CLASHING_LETTERS = {"i": {"q"}}
"""Letters that say no role beside another: 'I:' beside 'Q:' is the informant, who answers."""
NOT_LABELS = {"note", "editor's note", "editor’s note", "update", "photo", "photograph",
              "source", "ps", "p.s", "image", "credit", "correction", "disclaimer",
              "warning", "content warning", "edit", "read more", "tags", "share",
              "break", "ad break", "ad", "advertisement", "sponsor", "sponsored", "music",
              "intro music", "outro", "outro music", "theme music", "sound", "applause",
              "laughter", "crosstalk", "inaudible", "transition", "conclusion", "conclusão",
              "conclusión", "conclusione", "fazit", "summary", "resumo", "resumen",
              "zusammenfassung",
              "contact", "contacto", "contato", "kontakt", "email", "e-mail", "correo",
              "website", "web", "webseite", "sitio web", "site web", "homepage", "twitter",
              "github", "linkedin", "mastodon", "affiliation", "afiliación", "afiliação",
              "affiliazione", "pertenencia", "zugehörigkeit",
              "نکته", "توضیح", "یادداشت", "منبع", "عکس", "پانویس", "ملاحظة", "ملاحظه", "تنبيه",
              "المصدر", "مصدر", "صورة"}


@dataclass
class Para:
    """One paragraph of the source, as Markdown inline text."""

    text: str
    line: int
    """Where it is in the source: a line, or a paragraph number (for DOCX)."""
    emphasis: str = ""
    """``strong`` or ``em`` when the whole paragraph is set so."""
    plain: str = ""
    """The text without that whole-paragraph emphasis (for questions)."""
    heading: int = 0
    label: str = ""
    """An explicit speaker label, already removed from the text."""
    block: bool = False
    """A list or quotation, written as Markdown already: never a question."""
    time: str = ""
    """Where the paragraph starts in the recording, as the source stamps it (``00:12:34``)."""
    said_aloud: bool = False
    """Read from captions or a transcript tool's segments: speech, never a title or a
    profile, timed or not."""
    after_rule: bool = False
    """A thematic break (``* * *``, ``<hr>``) stands right before it."""

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Note:
    line: int
    text: str


@dataclass
class Extract:
    """What a format reader found: the paragraphs in order and what the page says about itself."""

    paras: list[Para]
    hints: dict[str, object] = field(default_factory=dict)
    """Front-matter values the format states (HTML meta, DOCX properties, WebVTT notes)."""
    dropped: list[Note] = field(default_factory=list)
    unsure: list[Note] = field(default_factory=list)


@dataclass
class Spoken:
    """A turn: who (a label, or Q/A when guessed) and its paragraphs."""

    speaker: str
    paras: list[Para]


@dataclass
class Section:
    title: str
    asks: bool = False
    """A heading the source sets as its questions are set
    (:func:`.structure._question_headings`)."""
    paras: list[Para] = field(default_factory=list)
    """What the source says under it before anyone speaks ('## Join us!' after the last
    answer): kept there, neither a turn nor the introduction."""


@dataclass
class Structure:
    introduction: list[Para] = field(default_factory=list)
    conversation: list[Spoken | Section] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)
    """What follows the conversation and nobody says in it: the thanks, an editor's note."""
    unsure: list[Note] = field(default_factory=list)
    dropped: list[Note] = field(default_factory=list)
    method: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    """Speaker label to role."""
    names: dict[str, str] = field(default_factory=dict)
    """Speaker label to the full name the source gives with it ('AvW': 'Aaron van Wirdum')."""
    answering: set[str] = field(default_factory=set)
    """Labels whose turns the source's form makes answers, whoever the byline names (all the
    labelled speakers, where the headings ask: :func:`.structure._headings_ask`)."""


@dataclass(frozen=True)
class Cast:
    """Who is who, as said outside the turns: ``people``, the interviewer and interviewee the
    source names elsewhere (a byline, a header), by role; ``listed``, the people a post's front
    matter lists as its speakers, without saying who asks; ``writer``, whoever the file says
    wrote it (a DOCX's author), without saying in what role; ``hosts``, the speakers the editor
    says ask (``import --hosts``), whom no evidence overrules; ``regulars``, the speakers who
    speak in many files of one import run (a show's hosts, an archive's interviewers), with the
    number of files each speaks in."""

    people: dict[str, str] = field(default_factory=dict)
    listed: tuple[str, ...] = ()
    writer: str = ""
    hosts: tuple[str, ...] = ()
    regulars: dict[str, int] = field(default_factory=dict)


_ROLE_AFTER_NAME = re.compile(r"(?P<name>.+) \((?P<role>[^()]+)\)$")


def name_before_role(label: str) -> str:
    """The name of a label that gives a role after it: 'Maya Ortiz' for 'Maya Ortiz (Host)';
    else ''."""
    named = _ROLE_AFTER_NAME.match(label)
    return named["name"] if named else ""


def role_of_label(label: str) -> str | None:
    """The role a label says: 'Q', 'Interviewer', 'Guest', or 'Maya Ortiz (Host)'."""
    lowered = label.lower().rstrip(".")
    if (named := _ROLE_AFTER_NAME.match(lowered)):
        lowered = named["role"]
    if lowered in QUESTION_LABELS:
        return INTERVIEWER
    if lowered in ANSWER_LABELS:
        return INTERVIEWEE
    return None


def role_among(label: str, labels: Iterable[str]) -> str | None:
    """The role a label says among the file's ``labels``: that of :func:`role_of_label`, but
    for a letter of :data:`PAIRED_LETTERS` with no partner among them, or one of
    :data:`CLASHING_LETTERS` beside the letter it clashes with."""
    role = role_of_label(label)
    letter = label.lower().rstrip(".")
    others = {other.lower().rstrip(".") for other in labels}
    partners, clashing = PAIRED_LETTERS.get(letter), CLASHING_LETTERS.get(letter, set())
    if role and ((partners and not partners & others) or clashing & others):
        return None
    return role


def known_role(label: str, people: dict[str, str]) -> str | None:
    """The role of the person a speaker label names (a full name, the first name as blogs
    write it, or the surname as oral histories do: 'SCHLESINGER' for the interviewer Sondra
    Schlesinger; any of the names the field lists), if known."""
    for role, name in people.items():
        if any(names(label, person) for person in listed_people(name)):
            return role
    return None


LINK_WORDS = r"\[([^\[\]]*)\]"
"""A Markdown link's or image's words in their brackets, the words the group: no bracket
inside, so that a text of many '[' and no ']' is read once, not once from each '['."""
LINK_TARGET = r"\((?:[^()]|\([^()]*\))*\)"
"""A Markdown link's address in brackets, with brackets of its own one deep ('…/Foo_(bar)'),
read once however many '(' a text holds."""


NAME = (r"[A-ZÀ-Ý][\w'’.-]{1,40}"
        r"(?: (?:de |van |von |da |al |le |la |(?-i:[A-ZÀ-Ý]) )?[A-ZÀ-Ý][\w'’.-]{1,40}){0,3}")
"""A person's name: capitalised words, with a particle ('van') or an initial with no dot
('Kent C Dodds') between two of them. A word is 41 letters at most: a text of one long word
in capitals is read in linear time, not from each of its letters to its end."""
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "of",
                            "del", "dos", "das", "y", "bin", "al", "ter", "ten", "zu"})
"""Words in lower case inside a person's name: 'Ruth van der Berg', 'Ana de la Cruz'."""
_ABBREVIATIONS = {"jr.", "sr.", "st.", "dr.", "mr.", "ms.", "mrs.", "prof.", "ph.d.", "md."}


def ends_sentence(word: str) -> bool:
    """Whether a word of a name ends its sentence ('Liu.' of 'Beyang Liu. Beyang is…'): not
    an initial ('M.', 'R.J.') nor an abbreviation ('Jr.', 'Dr.')."""
    return len(word) > 2 and word.endswith(".") and word[-2].islower() \
        and word.casefold() not in _ABBREVIATIONS


SELF_NAMED = re.compile(
    rf"\b(?P<how>(?i:my name(?:['’]s| is)|mein name ist|ich heiße|je m['’]appelle|me llamo|"
    rf"mi nombre es|mi chiamo|meu nome é|i['’]m|i am|je suis|soy|sono|eu sou|sou)) "
    rf"(?P<name>{NAME})")
"""A speaker saying who they are: "My name's Adam Wiggins", "I'm Adam", "Je m'appelle Lena
Ek", "Me llamo …"."""
SAYS_NAME = re.compile(r"(?i:my name|mein name|ich heiße|je m|me llamo|mi nombre|mi chiamo|"
                       r"meu nome)")
"""Of those, the ones that can only give a name: 'I am', 'soy' or 'sono' may give a job
('I am Senior Engineer', 'Soy Ingeniera de Software')."""
NAME_SUFFIX = (r"(?:Ph\.? ?D|M\.? ?D|Ed\.? ?D|D\.? ?Phil|MBA|MPH|M\.? ?Sc|B\.? ?Sc|M\.? ?A|"
               r"M\.? ?S|B\.? ?A|J\.? ?D|RN|Esq|Jr|Sr|II|III|IV)\.?")
"""A degree or suffix written after a name and a comma, part of it: 'Gina Hale, Ph.D.',
'Ruth Vale, Jr.'."""


def listed_people(field: str) -> list[str]:
    """The people a front-matter field lists, as the importer writes several: 'Sarah
    Schneider, David J. Caruso'; 'Gina Hale, Ph.D.' is one."""
    return [person.strip() for person in re.split(rf",(?!\s*{NAME_SUFFIX}\s*(?:,|$))", field)
            if person.strip()]


def ascii_words(text: str) -> list[str]:
    """The words of ``text``, lowercase, in ASCII, split at anything else ('eva' and 's' of
    "Eva's", 'mairin' of 'Máirín')."""
    return re.findall(r"[a-z0-9]+", anyascii(text).lower())


def bare_name(person: str) -> str:
    """A person's name without what may follow it: 'Sandipan Panda' of 'Sandipan Panda
    (DevZero)', 'Gina Hale' of 'Gina Hale, Ph.D.'."""
    return re.sub(rf"\(.*?\)|,\s*{NAME_SUFFIX}$", "", person).strip()


def names(label: str, person: str) -> bool:
    """Whether a speaker label names ``person``: the full name (with or without a middle
    initial), one of its names ('Sandipan', 'SCHLESINGER'), or its initials in capitals ('CD' for Carl Dong, 'AvW' for Aaron van
    Wirdum, 'JPB' for Jean-Philipe Bernardy)."""
    words = bare_name(person).split()
    wanted = label.casefold()
    if not words:
        return False
    initials = "".join(word[0] for word in words)
    hyphened = "".join(part[0] for word in words for part in word.split("-") if part)
    uninitialled = [word for at, word in enumerate(words)  # 'Rich McGrath', 'Rich W McGrath'
                    if at in (0, len(words) - 1) or len(word.rstrip(".")) > 1]
    return (wanted in (" ".join(words).casefold(), " ".join(uninitialled).casefold())
            or wanted in (word.casefold() for word in words if len(word) > 2)
            or (sum(c.isupper() for c in label) >= 2 and label in (initials, hyphened))
            or (label.isupper() and len(label) >= 2
                and label in (initials.upper(), hyphened.upper()))
            or (len(words) == 1 and len(label) == 1 and label == initials.upper()
                and role_of_label(label) is None))  # 'V:' for Vortex, a name of one word


_QUESTION_END = re.compile(r"[?؟？][\s\"”’'»)\]*_]*(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})?"
                           r"(?:\([^()]{1,120}\)[\s.]*)?$")
"""A question mark at the end, also Arabic-script and CJK, before closing quotes or emphasis,
a footnote's mark ('…that year?1', as a PDF's text gives it) or an aside in brackets: '…with
advanced degrees? (you two are examples of this)'."""


def ends_with_question(text: str) -> bool:
    return bool(_QUESTION_END.search(text))


def split_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…؟？。])[\"”’»)]*\s+", text.strip()) if s]
