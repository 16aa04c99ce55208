"""Front matter from what the text says about itself: title, byline, date, place, language."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections import Counter
from collections.abc import Collection

import jdatetime

from ..typography import arabic_script_language
from .recording import named_recording
from .said import (LINK_TARGET, LINK_WORDS, NAME, NAME_PARTICLES, NAME_SUFFIX, SAYS_NAME, SELF_NAMED, Note, Para,
                   ascii_words, bare_name, ends_sentence, listed_people, split_sentences)
from .structure import (ARABIC_SCRIPT, BREAK_MARKER, HEADER_FIELD, PLACE_FIELDS, a_place,
                        key_line, lone_time, role_word, spoken_labels, split_label)

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_ARABIC_LETTER_FORMS = str.maketrans("يىكأإآة", "ییکاااه")
"""Arabic-script letters Persian and Arabic write differently, or with or without hamza, as
one ('يونيو' and 'یونیو', 'أبريل' and 'ابريل'), for matching month names."""
_EASTERN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
"""Persian and Arabic-Indic digits, as the dates of Persian and Arabic sources write them."""
MONTHS.update({name: number for number, names in enumerate((
    ("enero", "janvier", "januar", "jänner", "gennaio", "janeiro"),
    ("febrero", "février", "fevrier", "februar", "febbraio", "fevereiro"),
    ("marzo", "mars", "märz", "março"), ("abril", "avril", "aprile"),
    ("mayo", "mai", "maggio", "maio"), ("junio", "juin", "juni", "giugno", "junho"),
    ("julio", "juillet", "juli", "luglio", "julho"), ("agosto", "août", "aout"),
    ("septiembre", "setiembre", "settembre", "setembro"),
    ("octubre", "octobre", "oktober", "ottobre", "outubro"),
    ("noviembre", "novembre", "novembro"),
    ("diciembre", "décembre", "decembre", "dezember", "dicembre", "dezembro")), start=1)
    for name in names})
MONTHS.update({name.translate(_ARABIC_LETTER_FORMS): number for number, names in enumerate((
    ("ژانویه", "يناير", "كانون الثاني"), ("فوریه", "فبراير", "شباط"), ("مارس", "آذار"),
    ("آوریل", "أبريل", "نيسان"), ("مه", "می", "مايو", "أيار"), ("ژوئن", "يونيو", "حزيران"),
    ("ژوئیه", "جولای", "يوليو", "تموز"), ("اوت", "آگوست", "أغسطس", "آب"),
    ("سپتامبر", "سبتمبر", "أيلول"), ("اکتبر", "أكتوبر", "تشرين الأول"),
    ("نوامبر", "نوفمبر", "تشرين الثاني"), ("دسامبر", "ديسمبر", "كانون الأول")), start=1)
    for name in names})
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
SOLAR_HIJRI_MONTHS = {name: number for number, name in enumerate((
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
    "بهمن", "اسفند"), start=1)}
"""The months of the Persian (Solar Hijri) calendar, in which Iranian sources date: '۱۴ مهر
۱۴۰۰' is 6 October 2021."""
_AFGHAN_SOLAR_HIJRI_MONTHS = {name: number for number, name in enumerate((
    "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو",
    "حوت"), start=1)}
"""The same months as Afghan sources name them, in Dari and Pashto: '۲۴ اسد ۱۴۰۰' is 15
August 2021."""
_SOLAR_HIJRI_NUMBERS = {name.translate(_ARABIC_LETTER_FORMS): number for name, number in
                        (SOLAR_HIJRI_MONTHS | _AFGHAN_SOLAR_HIJRI_MONTHS).items()}
"""The months of both as find_date matches them, their letters written one way."""
_SOLAR_HIJRI_MONTH = "|".join(sorted(_SOLAR_HIJRI_NUMBERS, key=len, reverse=True))
_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATES = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    # '8 May 2024', and as it is said: 'the 8th of May, 2024'; '8 de mayo de 2024', '1er mai
    # 2024', '8. Mai 2024'
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º|°|\.)? (?:of |de )?(?P<mon>{_MONTH})\.?,? "
               rf"(?:de |del )?(?P<y>\d{{4}})\b", re.I),
    # 'May 8, 2024', and as it is said: 'May 8th in the year 2024'
    re.compile(rf"\b(?P<mon>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? "
               rf"(?:in the year )?(?P<y>\d{{4}})\b", re.I),
    # '09.07.2018', as German and other European sources write the day first
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
    # '2021/10/06', and a Persian source's '1400/07/14'
    re.compile(r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)"),
    # '۱۴ مهر ۱۴۰۰'
    re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<shmon>{_SOLAR_HIJRI_MONTH})،? (?P<y>1[34]\d\d)\b"),
)
_BYLINE = re.compile(
    rf"^(?:an? )?(?:interview(?:ed)?|conversation|questions|words|text|story|reporting)?"
    rf"\s*(?:conducted )?by:? (?P<name>(?-i:{NAME}))(?![\w'’]*,? (?-i:[a-z]))", re.I)
"""'Interview by Maya Ortiz', 'By Maya Ortiz': a name, capitalised, that no lower-case word
follows ('By accident, mostly.' and 'By Tuesday, we' open answers, not bylines)."""
_ARABIC_WORD = f"{ARABIC_SCRIPT.pattern}(?:{ARABIC_SCRIPT.pattern}|[\u064b-\u065f\u0670])*"
"""A word in Arabic script, with the vowel marks and shadda a vocalised text writes."""
_BYLINE_ARABIC_SCRIPT = re.compile(
    r"^(?:گفت‌وگو|گفت‌و‌گو|گفتگو|مصاحبه|حوار|مقابلة|أجرى الحوار|أجرت الحوار|حاوره|حاورته|حاورها)"
    rf"(?: از|:| از:)\s*(?P<name>{_ARABIC_WORD}(?:[ \u200c]{_ARABIC_WORD}){{0,3}})\.?$")
"""A Persian or Arabic byline, a line of its own: 'گفت‌وگو از مریم احمدی' (interview by),
'حوار: سلمى يوسف'; the name is all the rest (no capitals tell where a name ends)."""


_WITH_ARABIC_SCRIPT = re.compile(
    r"(?:گفت‌وگو|گفت‌و‌گو|گفتگو|مصاحبه|حوار|مقابلة|لقاء)\s+(?:با|مع)\s+"
    rf"(?P<name>{_ARABIC_WORD}(?:[ \u200c]{_ARABIC_WORD}){{1,2}})(?=\s*[،,:؛|–—]|\s+-\s)")
"""'گفت‌وگو با علی دهباشی، سردبیر بخارا' (a conversation with …, editor of …), 'حوار مع سلمى
يوسف: …': the name, two or three words, where a comma, colon or dash ends it; with nothing
after it, 'گفت‌وگو با صحاف محله' (with the neighbourhood's bookbinder) may be no name."""


def _byline(text: str) -> re.Match | None:
    """The byline ``text`` is, in English or in Persian or Arabic, with the name as ``name``."""
    return _BYLINE.match(text) or _BYLINE_ARABIC_SCRIPT.match(text)


_AUTHOR_LINE = re.compile(rf"^(?i:authors?|written by)\s*:\s*(?P<name>{NAME})(?<!\.)$")
"""A post's author line, 'Author: Purneswar Prasad': a name and nothing else, so that an
answer labelled 'Author:' ('Author: Mostly because of the rain.') is no byline."""
_DATE_THEN_BYLINE = re.compile(r"^(?P<date>[\w ,./-]{6,30}?)\s+(?=(?i:interview(?:ed)?|conducted|"
                               r"by)\b)")
"""A date line and a byline run together: 'May 5th, 2022 Interviewed by: Bill Mulligan'."""
_DATE_LINE = re.compile(r"^(?:(?:published|posted|updated|first published|recorded|"
                        r"publication date|date published|date|publicado|publié|publiée|"
                        r"veröffentlicht|pubblicato|pubblicata|fecha|datum|data|"
                        r"منتشر شده|تاریخ|نشر|بتاريخ)"
                        r"(?: on| el| en| em| le| am| il| في| در)?:? )?"
                        r"[\w ,./-]{6,30}$", re.I)
_DATED_FOR = re.compile(r"^(?:recorded|published|posted|first published|written)(?: on)? "
                        r"(?P<date>[\w ,.-]{6,30}?) (?:for|in|by) (?P<pub>[^.;]{2,60})$", re.I)
_PUBLISHED_IN = re.compile(
    r"^(?:this interview )?(?:was )?(?:first|originally) (?:published|appeared) (?:in|by|on) "
    r"(?:the (?:website|magazine|blog|journal) )?(?P<pub>[^.,;]{2,60})", re.I)
_WITH = re.compile(rf"\b(?:(?:conversation|interview|talk|talking|speaking|chat|q&a|"
                   rf"in conversation) with|(?:talking|speaking) to) "
                   rf"(?P<name>{NAME}(?: [A-ZÀ-Ý][\w'’.-]*){{0,3}})", re.I)
"""'An interview with PipeWire creator Wim Taymans': the name is the last run of capitalised
words (:func:`_last_name_in`), the case-blind match taking in the words before it, up to
seven ('longtime Debian developer Ruth M. Vale')."""
_ONE_OF_SEVERAL = rf"{NAME}(?: \([A-Z]{{1,4}}\))?"
_WITH_SEVERAL = re.compile(
    rf"\b(?i:conversation|interview|talk|chat|q&a)(?i: is| was)? (?i:with)"
    rf"(?: (?i:the|our|its|their)(?: [\w-]+){{1,3}},)? (?P<names>{_ONE_OF_SEVERAL}"
    rf"(?:(?:,| and|, and) {_ONE_OF_SEVERAL})+)")
"""'my conversation with the co-chairs, Divya Mohan (DM), Rey Lejano (RL) and Natali Vlatko
(NV)', 'Today's interview is with Nicholas Preston, Katy Huff, and Milad Fatenejad': several
people interviewed, each by name, as a list ends ('and') or with their initials; not 'Raj
Katakam, Intuit Credit Karma', a name and a workplace."""
_OTHER_OCCASION_WORDS = (r"last|previous|earlier|next|upcoming|another|future|ago|once|would|"
                         r"will|love to|like to|want to|hope to")
"""Words that tell of another conversation than this one ('Our last interview was with…',
'Last year I spoke with…', 'I'd love to talk with…')."""
_ANOTHER_TIME = re.compile(rf"(?i:\b(?:{_OTHER_OCCASION_WORDS})\W+(?:\w+\W+){{0,2}}|"
                           rf"['’]d\W+(?:\w+\W+){{0,2}})$")
"""Those words just before the conversation it names ('Our last interview was with')."""
_WITH_ELSEWHERE = re.compile(
    rf"\b(?i:interview mit|gespräch mit|entretien avec|entrevue avec|interview avec|"
    rf"entrevista (?:a|con|com)|"
    rf"intervista (?:a|con)|conversa com) (?P<name>{NAME})")
"""'Intervista a Mario Fusco', 'Interview mit Lydia Pintscher zur Akademy': the name is the
capitalised words only."""
_SPOKE_WITH = re.compile(
    rf"(?:\b(?i:we|i)\b|(?P<asker>{NAME}))\s+(?i:spoke|speaks|talked|talks|sat down|caught up|"
    rf"chatted)(?:\s+\w+ly)?\s+(?i:to|with)\s+(?P<name>{NAME})")
"""'Maya Ortiz spoke with Tomas Lind', 'We sat down recently with Ruth Vale': who asks and who
answers."""
_INTERVIEWS_ELSEWHERE = re.compile(
    rf"(?P<asker>{NAME})\s+(?i:intervista|entrevista a|entrevista|interviewt|interviewe|"
    rf"s['’]entretient avec|spricht mit|parla con|habla con|conversa com)\s+(?P<name>{NAME})")
"""'Daniele Scasciafratte intervista Edoardo Viola', 'Ana Ruiz entrevista a Luis Vidal': who
asks and who answers, in Italian, Spanish, Portuguese, German and French."""
_SENT_QUESTIONS = re.compile(
    rf"(?:(?i:the|a)\s+(?i:magazine|journal|newspaper|website|blog|podcast|site)\s+)?"
    rf"(?P<asker>{NAME})\s+(?i:sent|emailed|mailed|asked)\s+(?i:me|us)\s+(?i:some|these|a few|"
    rf"a couple of|\w+)?\s*(?i:questions)")
"""'The magazine Lantern sent me some questions': the one who writes answers them."""
_INTERVIEWED_ME = re.compile(
    rf"(?:\b(?i:i was|we were) (?i:interviewed|asked some questions) (?i:by|for) "
    rf"(?:(?i:the)\s+)?(?P<by>{NAME})|(?P<asker>{NAME})\s+(?i:interviewed|quizzed) "
    rf"(?i:me|us)\b)")
"""'I was interviewed by Maya Ortiz', 'Lantern Quarterly interviewed me': a first-person
author who answers."""
_PEOPLE = rf"{NAME}(?:(?:,| and|, and| und| et| y| e) {NAME})*"
_ARABIC_PEOPLE = rf"{_ARABIC_WORD}(?:[ \u200c](?:و |، )?{_ARABIC_WORD}){{0,7}}"
_IN_CONVERSATION = re.compile(
    rf"^(?P<names>{_PEOPLE}) (?i:in conversation with|en conversación con|en conversation "
    rf"avec|im Gespräch mit|in conversazione con|em conversa com) (?P<askers>{_PEOPLE})"
    rf"|^(?P<names_>{_ARABIC_PEOPLE}) (?:در گفت‌وگو با|في حوار مع) (?P<askers_>{_ARABIC_PEOPLE})")
"""'Ruth Okafor in conversation with Ines Moreau', the line an event's programme, and this
project's editions, set under a title (in each language of ``words.yml``): the one named first
answers, the one after the words asks."""
_AND = re.compile(r",\s*(?:and\s+)?|\s+(?:and|und|et|y|e|و)\s+")
_SEPARATORS = re.compile(r"\s*[|·•—–]\s*|\s+-\s+")

STOPWORDS = {
    "en": "the and of to is in that it was you for on with as have but they this what".split(),
    "fr": "le la les et des est une pas que qui dans pour vous sur avec ce mais nous".split(),
    "de": "der die das und ist nicht ich sie es ein eine mit auf den dem zu wir aber".split(),
    "es": "el la los las que de y en es un una por con para pero no se muy".split(),
    "it": "il lo la che di e è un una per non con sono ma mi gli della".split(),
    "pt": "o a os as que de e é um uma para não com mas se do da em".split(),
    "nl": "de het een en van is dat niet ik je op te zijn maar met wat".split(),
}


def find_date(text: str) -> dt.date | None:
    """The first date ``text`` writes, its month in words (English, Spanish, French, German,
    Italian, Portuguese, Persian, Arabic, or a month of the Persian calendar) or in numbers
    (Persian and Arabic-Indic digits too); a date in numbers whose year is one of the Persian
    calendar (1300 to 1499) is read in it."""
    text = text.translate(_EASTERN_DIGITS).translate(_ARABIC_LETTER_FORMS)
    for pattern in _DATES:
        match = pattern.search(text)
        if not match:
            continue
        solar_hijri = "shmon" in pattern.groupindex or (
            "m" in pattern.groupindex and 1300 <= int(match["y"]) < 1500)
        month = (int(match["m"]) if "m" in pattern.groupindex
                 else _SOLAR_HIJRI_NUMBERS[match["shmon"]] if "shmon" in pattern.groupindex
                 else MONTHS[match["mon"].lower()])
        try:
            if solar_hijri:
                return jdatetime.date(int(match["y"]), month, int(match["d"])).togregorian()
            return dt.date(int(match["y"]), month, int(match["d"]))
        except ValueError:
            continue
    return None


_SCRIPTS = (("ko", re.compile(r"[\uac00-\ud7af]")), ("ja", re.compile(r"[\u3040-\u30ff]")),
            ("zh", re.compile(r"[\u4e00-\u9fff]")))
"""Languages told by their script: Hangul, kana (Japanese writes Han characters too), Han."""


def guess_language(text: str) -> str | None:
    """The language of ``text``: by its script, when Korean, Japanese or Chinese characters
    outnumber Latin letters (its links and names aside); else by its commonest words."""
    latin = len(re.findall(r"[A-Za-z\u00c0-\u024f]", _LINKS.sub("", text)))
    for lang, script in _SCRIPTS:
        if len(script.findall(text)) > max(latin, 20) / (4 if lang == "ja" else 1):
            return lang
    if len(ARABIC_SCRIPT.findall(text)) > max(latin, 20):
        return arabic_script_language(text)
    words = Counter(re.findall(r"[^\W\d_]+", text.lower()))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    return best if ranked[0] >= 10 and ranked[0] >= 1.5 * ranked[1] else None


_LINKS = re.compile(rf"\]{LINK_TARGET}|https?://\S+")
"""A Markdown link's address or a bare one: no words of the text's language."""

_PICTURE = re.compile(rf"!{LINK_WORDS}(?:{LINK_TARGET}|{LINK_WORDS})")
"""A Markdown image, inline or by reference: a line of nothing else is no title."""
_TITLE_CHARS = 300
"""A longer line is no title or subtitle, however few its words."""
_CONTENTS = re.compile(r"(?:table of )?contents|toc|inhalt(?:sverzeichnis)?|sommaire|"
                       r"table des matières|índice|contenido|indice|sumário", re.I)
"""A heading over the page's own list of sections: no title."""
_TRAILING_ADDRESS = re.compile(r"\s*(?:[-–—|:]\s*)?<?https?://\S+>?\s*$")
"""The episode's address after its title: 'Episode 16: Conda Forge - https://manifest.fm/16'."""


def front_values(paras: list[Para], hints: dict, dropped: list[Note]) -> tuple[list[Para], dict]:
    """Take the title, byline, date and publication lines off the top; return what they say.

    Lines it takes are reported in ``dropped`` with what they became.
    """
    values: dict = {k: v for k, v in hints.items() if v}
    paras = list(paras)
    byline = next((i for i, p in enumerate(paras[:8]) if p.words <= 25 and not p.heading
                   and _front_fields(_clean(p.text))), 0)
    if "title" not in values and byline >= 2 and paras[byline - 1].words <= 20 \
            and not _spoken(paras[:byline - 1], paras):
        paras = _below_page_header(paras, byline - 1, dropped)  # the site's name and section
    top = next((i for i, p in enumerate(paras[:3]) if p.heading == 1), 0)
    if "title" not in values and top and not _spoken(paras[:top], paras):
        paras = _below_page_header(paras, top, dropped)  # 'Read the transcript!' above '# Colin'
    if "title" not in values and paras:
        first = paras[0]
        spoken = first.label or first.time or first.said_aloud or split_label(first.text)[0]
        if len(first.text) <= _TITLE_CHARS and not lone_time(first.text) \
                and _PICTURE.sub("", first.text).strip() \
                and not BREAK_MARKER.match(first.text) \
                and not _CONTENTS.fullmatch(_clean(first.text)) and (
                first.heading or (
                first.words <= 20 and not spoken and not first.text.rstrip().endswith((".", ":")))):
            values["title"] = " ".join(  # a line break within it (a DOCX's) is a space
                _TRAILING_ADDRESS.sub("", _clean(first.plain or first.text)).split())
            dropped.append(Note(first.line, "the title line became 'title'"))
            paras.pop(0)
    elif paras and _clean(paras[0].text).casefold() == str(values.get("title", "")).casefold():
        dropped.append(Note(paras[0].line, "the title line became 'title'"))
        paras.pop(0)
    if paras and paras[0].heading == 0 and "subtitle" not in values and paras[0].words <= 15 \
            and len(paras[0].text) <= _TITLE_CHARS and not lone_time(paras[0].text) \
            and _PICTURE.sub("", paras[0].text).strip() \
            and not _clean(paras[0].text).rstrip("\"”’»'*_ ").endswith(
                (".", "?", "!", ":", "؟", "？", "。")) \
            and not (paras[0].label or paras[0].time or paras[0].said_aloud
                     or split_label(paras[0].text)[0] or key_line(_clean(paras[0].text))) \
            and not _take_front_line(_clean(paras[0].text), {}) \
            and not _TRAILING_ADDRESS.fullmatch(_clean(paras[0].text)) \
            and not find_date(paras[0].text):
        values["subtitle"] = _clean(paras[0].plain or paras[0].text)
        dropped.append(Note(paras[0].line, "the line under the title became 'subtitle'"))
        paras.pop(0)
    kept: list[Para] = []
    turn_labels = spoken_labels(paras)
    listing, last_line = "", 0  # after 'INTERVIEWERS: Sarah Schneider', the field named
    for index, para in enumerate(paras):
        text = _clean(para.text)
        if listing and para.line == last_line + 1 and _NAME_ALONE.fullmatch(text):
            values[listing] = f"{values[listing]}, {text}"
            dropped.append(Note(para.line, f"'{text}' became another '{listing}'"))
            last_line = para.line
            continue
        header = HEADER_FIELD.match(text)
        listing, last_line = "", para.line
        if header and header["field"].casefold() in turn_labels:  # 'Befragte:' over turns
            kept.append(para)
            continue
        taken = index < 8 and _take_front_line(text, values) if para.words <= 25 else False
        if taken and header and header["field"].lower().endswith("s"):
            listing = _header_role(header["field"].lower())
        published = _PUBLISHED_IN.match(text)
        if published and para.words <= 25:
            values.setdefault("publication", published["pub"].strip())
            date = find_date(text)
            if date:
                values.setdefault("date", date)
            taken = "'publication'"
        if taken:
            dropped.append(Note(para.line, f"'{text[:50]}' became {taken}"))
        else:
            kept.append(para)
    if "date" not in values and find_date(str(values.get("title", ""))):
        values["date"] = find_date(str(values["title"]))
    _details_stated(values, [_clean(para.text) for para in itertools.takewhile(
        lambda para: not (para.label or split_label(para.text)[0]), kept[:8])])
    _who_asks_whom(values, [str(values.get(key, "")) for key in ("title", "subtitle", "summary")]
                   + [_clean(p.text) for p in kept[:3]])
    _not_their_own_interviewer(values, dropped)
    return kept, values


_TOOK_PLACE = re.compile(
    r"\b(?:(?:the |this )?(?:interview|conversation|recording|session)s? (?:took place|was "
    r"(?:conducted|recorded|held|made)|happened)(?: on)?|(?:interviewed|recorded) on) "
    r"(?P<rest>[^.!?]{6,40})", re.I)
_INTERVIEWER_IS = re.compile(
    rf"\b(?:the )?interviewers? (?:is|are|was|were) "
    rf"(?P<names>(?-i:{NAME})(?:(?:, | and | & )(?-i:{NAME}))*)[.!]?$", re.I)
"""'Interviewer is Jonas Rosland and Rich W McGrath.': the names and nothing after them."""


def _details_stated(values: dict, texts: list[str]) -> None:
    """The day and the interviewer a transcript's details say in a sentence, above the
    turns: 'Interview took place on March 26, 2021. Interviewer is Jonas Rosland and Rich
    McGrath.'"""
    for text in texts:
        took_place = _TOOK_PLACE.search(text)
        if "date" not in values and took_place and find_date(took_place["rest"]):
            values["date"] = find_date(took_place["rest"])
        named = next(filter(None, map(_INTERVIEWER_IS.search, split_sentences(text))), None)
        people = [name.strip(" .") for name in re.split(r", | and | & ", named["names"])] \
            if named else []
        if "interviewer" not in values and people and all(len(name.split()) >= 2
                                                          for name in people):
            values["interviewer"] = ", ".join(people)


def _header_role(field: str) -> str:
    """The role an oral history's header field names ('INTERVIEWERS:' the interviewer,
    'NARRATOR:' the interviewee), or ''. The plural may go on with a name a line, as the
    Science History Institute's 'INTERVIEWERS: Sarah Schneider', then 'David J. Caruso'."""
    role = field.lower()
    return role_word(role.removesuffix("s") if role.endswith(("ers", "ees", "ors")) else role) \
        or ""


_NAME_ALONE = re.compile(rf"{NAME}")


def _not_their_own_interviewer(values: dict, dropped: list[Note]) -> None:
    """An author taken as the interviewer whom the opening lines name as the one interviewed
    ('Sherry Rumbolt – Shared Services Canada' over 'Interview with Sherry Rumbolt'): the
    byline says whose words these are, not who asked."""
    asker = str(values.get("interviewer") or "")
    answering = str(values.get("interviewee") or "")
    pieces = [piece for piece in _SEPARATORS.split(asker) if piece]
    if answering and pieces and pieces[0].casefold() == answering.casefold():
        del values["interviewer"]
        dropped.append(Note(1, f"'{asker}', the author, is the one interviewed, so not the "
                               "interviewer"))


def _who_asks_whom(values: dict, texts: list[str]) -> None:
    """The interviewer and interviewee that the opening lines name: "X spoke with Y", "an
    interview with Y", and "the magazine X sent me some questions" or "I was interviewed by
    X", where the author (a
    byline or ``author`` field, taken as the interviewer until now) is the one who answers."""
    for text in texts:
        talk = _IN_CONVERSATION.match(text)
        if talk:
            for key, said in (("interviewee", talk["names"] or talk["names_"]),
                              ("interviewer", talk["askers"] or talk["askers_"])):
                values[key] = ", ".join(person_named(name) for name in _AND.split(said.strip()))
            return
    for text in texts:
        sent = _SENT_QUESTIONS.search(text) or _INTERVIEWED_ME.search(text)
        if sent:
            author = values.pop("interviewer", "")
            values["interviewer"] = person_named(sent["asker"] or sent["by"])
            if author and "interviewee" not in values:
                values["interviewee"] = author
            return
    if "interviewee" in values:
        return
    for text in texts:
        several = next((match for match in _WITH_SEVERAL.finditer(text)
                        if not _ANOTHER_TIME.search(text[:match.start()])), None)
        people = [person_named(name) for name in re.findall(
            NAME, re.sub(r"\([A-Z]+\)", ",", several["names"]))] if several else []
        listed = several and (" and " in several["names"] or several["names"].count("(") >= 2)
        if listed and len(people) >= 2 and all(len(person.split()) >= 2 for person in people):
            values["interviewee"] = ", ".join(people)
            return
        spoke = _SPOKE_WITH.search(text) or _INTERVIEWS_ELSEWHERE.search(text)
        asker = _sentence_s_own(spoke["asker"]) if spoke and spoke["asker"] else ""
        if asker and asker.casefold() not in _PRONOUNS:
            values["interviewer"] = person_named(asker)  # over a byline
        with_whom = _WITH.search(text)
        elsewhere = _WITH_ELSEWHERE.search(text) or _WITH_ARABIC_SCRIPT.search(text)
        for named, last_run in ((spoke, False), (with_whom, True), (elsewhere, False)):
            if named and _take_interviewee(values, named["name"], last_run):
                return
    title = _NAMED_IN_TITLE.search(texts[0]) if texts else None
    if title:
        _take_interviewee(values, title["name"])


def _sentence_s_own(words: str) -> str:
    """The words of a run of capitalised words that its last sentence holds: 'She' of
    'Duluth. She' ('…in Duluth. She spoke to Maya Ortiz'), not 'J.R. Lind' cut at an
    initial."""
    split = words.split()
    ends = [at for at, word in enumerate(split[:-1]) if ends_sentence(word)]
    return " ".join(split[ends[-1] + 1:] if ends else split)


_PRONOUNS = {"he", "she", "they", "it", "er", "sie", "il", "elle", "ils", "elles", "él",
             "ella", "ellos", "lei", "lui", "ele", "ela"}
"""Pronouns a sentence may open with before 'spoke to', 'spricht mit', 'habla con': nobody's
name."""


def named_as_interviewed(texts: list[str]) -> str:
    """The one ``texts`` (an introduction) say is interviewed: "For my first article, I spoke
    with Juan Ríos, who…", "an interview with Y"; or ''."""
    found: dict = {}
    sentences = [sentence for text in map(_clean, texts)
                 for sentence in re.split(r"(?<=[.!?])\s+", text)
                 if not _OTHER_OCCASION.search(sentence)]
    _who_asks_whom(found, ["", *sentences])  # no title among them
    return str(found.get("interviewee") or "")


_OTHER_OCCASION = re.compile(rf"(?i:\b(?:{_OTHER_OCCASION_WORDS})\b|['’]d\b)")
"""Those words anywhere in a sentence ('Last year I spoke with…')."""


def several_people(field: str) -> list[str]:
    """The people a field the importer filled lists, when it lists several and each is a
    person's name or handle ('Sarah Schneider, David J. Caruso', 'saravilla, pherterich');
    else [] ('Dan Caruso, Professor of History' and 'Ruth Walder, Dayton, Ohio' are one
    person each)."""
    people = listed_people(field)
    return people if len(people) > 1 and all(
        re.fullmatch(r"[a-z][\w.-]*", person) or (
            _NAME_ALONE.fullmatch(bare_name(person)) and len(bare_name(person).split()) >= 2)
        for person in people) else []


def person_titled(title: str, body: str, source_name: str) -> str:
    """The person a title is the name of, whole or after its colon or dash ('Gabriel Roth',
    'Meet our Keynoters: Máirín Duffy', 'Stimmen aus der Community: Jannis R.', 'Meet the
    Maintainer - Laurent Bernaille'), where the text or the
    source file's name says so too: the first name alone in the text ('Máirín is…', '[Jannis]
    (https://…)') or the name in the file's ('usesthis-gabriel-roth'); or ''. A title the text
    writes in lower case ('Open Science') or in capitals ('GC Notify') is no one's."""
    named = re.split(r": | [-–—] ", title)[-1].strip()  # 'Meet the Maintainer - Ruth Vale'
    words = named.split()
    if not _NAME_ALONE.fullmatch(named) or not 2 <= len(words) <= 4 \
            or any(_BRAND.match(word) for word in words) or _in_capitals_as_a_group(words) \
            or words[0].casefold() in _ARTICLES | _NOT_NAMES:
        return ""
    text = _LINKS.sub("", body)
    if any(_A_THING.match(text, found.end()) for found in re.finditer(re.escape(named), text)):
        return ""  # 'Godot Showcase - Usagi Shima' over 'Usagi Shima is a relaxing … game'
    in_lower_case = set(re.findall(r"(?<![\w'’@/.-])[a-zß-ÿ][\w'’-]*", text))
    if any(word.casefold() in in_lower_case for word in words if len(word) > 2):
        return ""
    first_alone = re.search(rf"\b{re.escape(words[0])}\b(?! {re.escape(words[1])})", body)
    in_file_name = "-".join(ascii_words(named)) in "-".join(ascii_words(source_name))
    return named if first_alone or in_file_name else ""


def _take_interviewee(values: dict, said: str, last_run: bool = False) -> bool:
    """Whether the person ``said`` names (its last run of capitalised words, if ``last_run``)
    was taken as the interviewee: not an organisation ('an interview with DigitalOcean', 'with
    the Harbour Board', 'mit Der Spiegel' say who answers for it, not who)."""
    name = person_named(_last_name_in(said) if last_run else said)
    opening = said[:said.rfind(name)].split() if name and name in said else []
    before = opening[-1] if opening else ""  # 'the' of 'the Harbour Board'
    if not name or _BRAND.match(name) or before.casefold() in _ARTICLES \
            or name.split()[0].casefold() in _ARTICLES:
        return False
    values["interviewee"] = name
    return True


_ARTICLES = {"the", "der", "die", "das", "het", "il", "gli", "los", "las"}
"""Articles before a name, which make it an organisation's: 'the Harbour Board', 'The Hackers
Within', 'Der Spiegel', 'Il Post'; not those that open persons' names too ('Le Corbusier',
'La Toya', 'Les Paul', 'El Sayed', 'Lo Wei')."""
_BRAND = re.compile(r"(?!(?:Mc|Mac|Fitz|Van|De|Di|Da|Du|La|Le|O)[A-Z])[A-Z][a-z]+[A-Z]\S*$"
                    r"|\S*[a-z][A-Z]{2,}$")
"""One word with a capital inside it, past a name's prefix: 'DigitalOcean', 'ForgeRock',
'KeePassXC', a brand; not 'McDonald' or 'DiBona', nor 'Ruth McDonald', which is two words."""


def _in_capitals_as_a_group(words: list[str]) -> bool:
    """Whether a name in mixed case opens with a word in capitals, as a group's does ('SIG
    Docs', 'NASA Ames'); not initials with dots ('J.R.R. Tolkien'), and not a surname in
    capitals after the given name ('Jean DUPONT')."""
    first = words[0]
    return len(first) >= 2 and first.isupper() and "." not in first \
        and not all(word.isupper() for word in words)


_NAMED_IN_TITLE = re.compile(
    rf"^(?:(?:meet|introducing|say hello to)\s+|[^:]{{0,40}}?\b(?:spotlight|interview|"
    rf"of the month|du mois|des monats|del mes|do mês)\s*:\s*)(?P<name>(?-i:{NAME}))", re.I)
"""A title that names the one interviewed: 'Meet Mark Paluch, …', 'Maintainer spotlight: Gen
Li (@rami3l)', 'Interview: David Jackson at the UK Met Office', 'Contributeur du mois:
Jacques Fondaire'."""


def person_named(words: str) -> str:
    """The person in a run of capitalised words an opening line gives: not whose they are
    ("CFPB’s Natalie Kurz", "Google's Chris DiBona"), nor the word that opens a sentence ("Mit
    Silke Ramelow, …"), nor the job before the name ("Photographer Riley Brandt")."""
    kept = (words if re.search(rf"\b{NAME_SUFFIX}$", words) else words.rstrip(".")).split()
    ends = next((at for at, word in enumerate(kept[:-1]) if at and ends_sentence(word)), None)
    if ends is not None:  # 'Bozhidar Batsov. Sorry, am I…': the sentence ended
        kept = [*kept[:ends], kept[ends].rstrip(".")]
    owner = max((at for at, word in enumerate(kept[:-1]) if _POSSESSIVE.search(word)),
                default=-1)
    kept = kept[owner + 1:]
    while len(kept) > 1 and kept[0].casefold() in _NOT_A_NAME_START:
        kept = kept[1:]
    if len(kept) > 2 and kept[0].casefold() in _JOBS:
        kept = kept[1:]
    return " ".join(kept)


_POSSESSIVE = re.compile(r"['’]s$")
_NOT_A_NAME_START = {"with", "mit", "con", "avec", "com", "and", "und", "et", "y", "e",
                     "der", "die", "das", "le", "la", "el", "il", "lo", "o", "a"}
_JOBS = {"photographer", "developer", "designer", "author", "artist", "engineer", "founder",
         "co-founder", "maintainer", "creator", "director", "writer", "programmer",
         "researcher", "scientist", "professor", "editor", "journalist", "musician",
         "composer", "illustrator", "animator", "translator", "mayor", "ceo", "cto"}
"""Jobs a title may set before a name with a capital, as a title: 'A Q&A with Photographer
Riley Brandt'."""


_ENDS_A_NAME = {"is", "was", "and", "or", "about", "who", "from", "on", "at", "in", "for",
                "to", "of", "the", "a", "an", "with", "as", "by"}
"""Words after which no name that a title's 'interview with …' began goes on."""


def _last_name_in(words: str) -> str:
    """The last run of capitalised words in ``words`` before a word that ends the phrase:
    'Wim Taymans' in 'PipeWire creator Wim Taymans', 'Ruth Vale' in 'Ruth Vale about the',
    'Atul' in 'Atul is Nick Nisi'."""
    kept: list[str] = []
    for word in words.split():
        if kept and word.lower() in _ENDS_A_NAME and not word[0].isupper():
            break
        kept.append(word)
        if ends_sentence(word):
            break  # 'Beyang Liu. Beyang is the CTO': the sentence ended
    names = re.findall(NAME, " ".join(kept))
    return names[-1].rstrip(".") if names else ""


_TODAY = re.compile(rf"\b(?:today(?:['’]s date)? is (?:still )?|it(?:['’]s| is) (?=(?:the \d|"
                    rf"(?:{_WEEKDAY}|{_MONTH})\b)))(?P<rest>[^.!?]{{6,60}})", re.I)
"""'So today is Wednesday, January 24, 2024', 'It's the 20th of April, 2023': how an oral
history's recording opens."""


def spoken_date(paragraphs: list[str]) -> dt.date | None:
    """The date the opening turns say it is ('Today is Monday, December 11, 2023'), or None."""
    for text in paragraphs:
        for match in _TODAY.finditer(_clean(text)):
            date = find_date(match["rest"])
            if date:
                return date
    return None


def name_in(paragraphs: list[str], other_than: Collection[str] = ()) -> str:
    """The first full name (two or more capitalised words) that opens a sentence, where the
    sentence does not ask ('Are Urbit IDs NFTs? Sure, …') and the name is none of
    ``other_than`` (the post's author and its interviewer)."""
    for text in paragraphs:
        for match in re.finditer(rf"(?:^|[.!?:]\s+)(?P<name>{NAME})(?=[^.!?\n]*(?P<end>.?))",
                                 _clean(text)):
            name = person_named(match["name"])
            words = name.split()
            if len(words) >= 2 and name not in other_than and match["end"] != "?" \
                    and words[0].lower() not in _NOT_NAMES and not _in_capitals_as_a_group(words) \
                    and not any(word.casefold() in _BODIES for word in words) \
                    and not _A_THING.match(_clean(text)[match.end("name"):]):
                return name
    return ""


_BODIES = {"council", "office", "agency", "department", "ministry", "committee", "board",
           "foundation", "institute", "university", "college", "corps", "fellows", "service",
           "services", "administration", "bureau", "commission", "association", "society",
           "center", "centre", "team", "group", "project", "inc", "ltd", "llc", "gmbh"}
"""Words that make capitalised words a body's name, not a person's ('U.S. Chief Information
Officers Council')."""
_A_THING = re.compile(
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:(?!(?:at|of|for|in|on|with|from|and|who)\b)"
    r"[\w'’,-]+\s+){0,4}?(?:game|app|application|tool|library|framework|project|platform|"
    r"company|startup|studio|engine|language|service|website|site|program|software|podcast|"
    r"show|book|film|band|organi[sz]ation|group|team|charity|city|town|country|conference|"
    r"event|product|system|browser|editor)s?"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:that|which|where|with|for|from|by|about|made|built|"
    r"developed|created|released|written|set|based)\b)", re.I)
"""What says the capitalised words before it are a thing's name: 'Usagi Shima is a relaxing,
idle bunny collecting game.'; not a person's work ('is a game designer', 'is a software
engineer at a game studio')."""


_GREETING = re.compile(r"^[¡¿]?(?i:hi|hello|hey|hola|bonjour|salut|hallo|ciao|olá|oi)"
                       r"(?:\s+(?i:there|everyone|all|tout le monde|a todos))?[,!.]?\s+")


def self_named(answer: str, context: str) -> str:
    """The full name the speaker of ``answer`` gives as their own in its first words ('My
    name is Ian Hansen and…', 'Je m’appelle Lena Ek.'), or a first name alone that ``context``
    gives as a maker's ('made by Jess'), or ''. After 'I am', 'soy' or 'sono',
    which may give a job ('I am Senior Engineer, …'), only a name whose surname ``context``
    (the title, the introduction, the file's name) has too, or that a job follows ('I'm Ryo
    Maruyama, a software developer')."""
    text = _GREETING.sub("", _clean(answer), count=1)
    said = SELF_NAMED.match(text)
    if not said or not re.match(r"(?:[,.;:!]|\s+(?:and|y|et|und|e)\b|\s*$)",
                                text[said.end():]):
        return ""
    name = person_named(said["name"])
    words = name.split()
    if words and (words[0].casefold() in _ARTICLES | _NOT_NAMES
                  or any(word.casefold() in _JOBS for word in words)):
        return ""
    if len(words) == 1:  # 'Hi, I'm Jess!' of 'a game made by Jess, a solo developer'
        full = set(re.findall(rf"\b{re.escape(name)} [A-ZÀ-Ý][\w'’-]+", context))
        if len(full) == 1:  # 'a game made by Jess Park'
            return full.pop()
        return name if re.search(rf"\b(?i:by|von|par|por|di|de|da) {re.escape(name)}\b",
                                 context) else ""
    if len(words) < 2:
        return ""
    if not SAYS_NAME.match(said["how"]) and ascii_words(words[-1])[-1:] \
            and ascii_words(words[-1])[-1] not in ascii_words(context) \
            and not _APPOSITION.match(text[said.end():]):
        return ""
    return name


_APPOSITION = re.compile(r",\s+(?i:a|an|un|una|uno|une|um|uma)\s")
"""What says a name was given rather than a job: "I'm Ryo Maruyama, a software developer"."""


_NOT_NAMES = {"the", "this", "your", "his", "her", "their", "in", "on", "at", "for", "when",
              "after", "before", "we", "it", "our", "my", "last", "every", "most", "some",
              "since", "editor's", "editor’s", "interview", "interviews", "transcript",
              "transkript", "transcription", "entrevista", "intervista", "gespräch"}


def _spoken(paras: list[Para], whole: list[Para]) -> bool:
    """Whether any of ``paras`` is a quotation or a turn of a speaker who speaks again in
    ``whole`` ('CARUSO: Where did you grow up?'): no page header, which 'Section: Interviews'
    may be."""
    labels = Counter(p.label or split_label(p.text)[0] for p in whole[:200])
    return any(p.block or labels[p.label or split_label(p.text)[0]] >= 2 for p in paras
               if p.block or p.label or split_label(p.text)[0])


def credits_taken(paras: list[Para], values: dict, dropped: list[Note]) -> list[Para]:
    """``paras`` without the credits that end a translated article, as the Linux China
    translation project (LCTT) and translators write them ('via: https://…', '作者：Jim Hall',
    '译者：lkxed', 'Translated by …'): the address is the source's, the author the one who
    asked, the translator the translator; a placeholder ('译者ID') and the project's own
    credits are left out. Each is reported with what it became."""
    end = len(paras)
    while end and _credit(_clean(paras[end - 1].text)) is not None:
        end -= 1
    for para in paras[end:]:
        field, value = _credit(_clean(para.text))
        if field and value and not value.endswith("ID"):
            values.setdefault(field, value)
        dropped.append(Note(para.line, f"a translation's credit line became "
                                       f"{repr(field) if field else 'nothing'}: "
                                       f"'{_clean(para.text)[:50]}'"))
    return paras[:end]


_CREDIT = re.compile(r"(?P<key>via|作者|译者|校对|选题|translation|traducci[oó]n|traduction|"
                     r"übersetzung|tradução)\s*[:：]\s*(?P<value>\S.*)|"
                     r"(?P<by>via|translated by)\s+(?P<name>\S.*)|本文由 LCTT .*", re.I)
_CREDIT_FIELDS = {"via": "source_url", "作者": "interviewer", "译者": "translator",
                  "translated by": "translator", "translation": "translator",
                  "traducción": "translator", "traduccion": "translator",
                  "traduction": "translator", "übersetzung": "translator",
                  "tradução": "translator"}


def _credit(text: str) -> tuple[str, str] | None:
    """The field a credit line gives and its value ('', '' for the project's own credits);
    None for any other line."""
    found = _CREDIT.fullmatch(text.strip()) if len(text) <= 200 else None
    if not found:
        return None
    field = _CREDIT_FIELDS.get((found["key"] or found["by"] or "").lower(), "")
    value = (found["value"] or found["name"] or "").strip()
    if found["by"] and field == "translator" and not re.match(r"\[?[A-ZÀ-Ý]", value):
        return None  # 'translated by hand', not by someone
    if field == "source_url" and not value.startswith(("https://", "http://")):
        return None
    if field in ("interviewer", "translator") and (len(value.split()) > 6
                                                   or value.endswith((".", "?", "!", "…"))):
        return None  # a sentence ('Translation: it is never exact.'), not a name
    return field, value if field else ""


def _below_page_header(paras: list[Para], title: int, dropped: list[Note]) -> list[Para]:
    """``paras`` from the title at ``title`` on, the lines above it reported as the page's."""
    for para in paras[:title]:
        dropped.append(Note(para.line, f"page header above the title: '{_clean(para.text)[:50]}'"))
    return paras[title:]


def _front_fields(text: str) -> dict:
    """What a byline, date line or header field says ('By Maya Ortiz': the interviewer); not
    a photo credit or a reading time, which say nothing of the interview."""
    found: dict = {}
    _take_front_line(text, found)
    return found


def _take_front_line(text: str, values: dict) -> str | None:
    """If ``text`` is a byline, date line or header field, record it and say what it
    became; a paragraph of such lines ('May 5th, 2022', then 'Interviewed by: Bill
    Mulligan', on one line or two) is read line by line, all of them or none."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    dated = _DATE_THEN_BYLINE.match(text)
    if len(lines) == 1 and dated and find_date(dated["date"]):
        lines = [dated["date"], text[dated.end("date"):].strip()]  # joined by a soft break
    if len(lines) > 1:
        found: dict = {}
        became = [_take_front_line(line, found) for line in lines]
        if not all(became):
            return None
        for key, value in found.items():
            values.setdefault(key, value)
        return " and ".join(map(str, became))
    header = HEADER_FIELD.match(text)
    if header:
        return _header_field(header["field"], header["value"].strip(), values)
    author = _AUTHOR_LINE.match(text)
    if author:  # 'Author: Purneswar Prasad' under the title: a byline, who asks
        values.setdefault("interviewer", author["name"])
        return "'interviewer'"
    became = []
    pieces = [piece for piece in _SEPARATORS.split(" ".join(text.split())) if piece]
    if not pieces:
        return None
    for piece in pieces:
        byline = _byline(piece)
        dated = _DATED_FOR.match(piece)
        if byline and len(piece.split()) <= 10:
            values.setdefault("interviewer", byline["name"].rstrip(".,"))
            became.append("'interviewer'")
            if find_date(piece):
                values.setdefault("date", find_date(piece))
                became.append("'date'")
        elif dated and find_date(dated["date"]):
            values.setdefault("date", find_date(dated["date"]))
            values.setdefault("publication", dated["pub"].strip())
            became.append("'date' and 'publication'")
        elif find_date(piece) and _DATE_LINE.match(piece):
            values.setdefault("date", find_date(piece))
            became.append("'date'")
        elif re.fullmatch(r"\d+ min(ute)?s? read|(?:photos?(graphy)?|illustration|posted) by "
                          r"(?-i:[A-Z]).*", piece, re.I):  # who posted a post may not have asked
            became.append("nothing (reading time or credit)")
        else:
            return None
    return " and ".join(became)


def _header_field(written: str, value: str, values: dict) -> str | None:
    field = written.lower()
    if field in ("recording", "audio", "audio file", "media", "media file"):
        name = named_recording(value)
        if not name:
            return None
        values.setdefault("audio", name)
        return "'audio' (the recording)"
    key = _header_role(field)
    if key:
        if not _names_people(value):  # 'Interviewerin: Wo sind Sie aufgewachsen?': a turn
            return None
        values.setdefault(key, value)
        return f"'{key}'"
    if field in PLACE_FIELDS:
        return "nothing (the place)" if a_place(written, value) else None
    if field == "title":  # Pelican's "Title:" line above the text
        values.setdefault("title", value)
        return "'title'"
    date = find_date(value)
    if date is None:
        return None
    values.setdefault("date", date)
    return "'date'"


def _names_people(value: str) -> bool:
    """Whether a header's value names people, as 'INTERVIEWER: Sondra Schlesinger', 'Prof.
    Dr. Christian Kohls', 'Sarah Schneider, David J. Caruso' do; not a turn's sentence."""
    people = [person.strip() for person in re.split(r",| and | und | y | et | e ", value)]
    return all(person and len(person.split()) <= 6 and not re.search(r"[?!:;]", person)
               and not re.search(r"\w{4,}\.$", person)  # 'In Hamburg.': a sentence; not 'Jr.'
               and all(word[0].isupper() or word[0].isdigit() or word in NAME_PARTICLES
                       for word in person.split()) for person in people)



def _clean(text: str) -> str:
    """Markdown inline text as plain text: no emphasis, links, list marks or escapes."""
    text = _LINK.sub(_first_group, text)  # a C callable: no Python call per match
    text = _SPAN.sub(_first_group, text)
    text = _LIST_MARK.sub("", text)
    return _ESCAPED.sub(_first_group, _EMPHASIS_MARK.sub("", text)).strip()


_LINK = re.compile(rf"!?{LINK_WORDS}{LINK_TARGET}")
_SPAN = re.compile(rf"{LINK_WORDS}\{{[^{{}}]*\}}")
"""A span with attributes, as pandoc writes it from a word processor: '[Interview
mit …]{.underline}'."""
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)
_EMPHASIS_MARK = re.compile(r"(?<!\\)[*_]{1,2}")
_ESCAPED = re.compile(r"\\(.)")
_first_group = operator.itemgetter(1)
