"""Who asks and who answers, where a source labels its speakers by name: the roles the editor
gives (``import --hosts``), the speakers a post lists, the regulars of an import run, and else
the evidence of the turns (who asks, who opens the show, who introduces whom, who is called a
co-host, and a roundtable's signs, :mod:`.panel`), each rule reported where it decides."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Set as AbstractSet
from statistics import median

from . import panel
from .said import (INTERVIEWEE, INTERVIEWER, SELF_NAMED, Cast, Note, Para, Spoken, Structure,
                   ends_with_question, known_role, names, role_among, role_of_label,
                   split_sentences)


def hosts_roles(result: Structure, hosts: tuple[str, ...]) -> dict[str, str]:
    """The roles when the editor names the hosts: every speaker a label of whom names one of
    ``hosts`` asks, every other answers (a 'Q' or 'A' label keeps its role); a host named who
    speaks nowhere is reported."""
    speakers = list(dict.fromkeys(item.speaker for item in result.conversation
                                  if isinstance(item, Spoken)))
    line = next((item.paras[0].line for item in result.conversation
                 if isinstance(item, Spoken)), 1)
    for host in hosts:
        if not any(names(label, host) for label in speakers):
            result.unsure.append(Note(line, f"'{host}', named as a host, speaks nowhere in this "
                                            f"file; check the name against its speaker labels "
                                            f"({', '.join(speakers)})"))
    return {label: INTERVIEWER if any(names(label, host) for host in hosts)
            else role_among(label, speakers) or INTERVIEWEE for label in speakers}


def label_roles(result: Structure, cast: Cast) -> dict[str, str]:
    """Q/A-like labels by name; else, when a post lists some of its speakers but not others,
    the listed ones are its guests and the others its hosts; else, when some speakers are
    regulars of the import run and others are not, the regulars ask (:func:`_regulars_ask`);
    else the speaker with the most evidence of asking, weighed against the others (hosts end
    few turns with "?" in real transcripts): their share of questions, a label that says host,
    speaking first and last, naming the other speakers; and beside them, those who ask as
    hosts do (:func:`_second_hosts`) unless the interviewer introduced them as guests
    (:func:`_introduced_as_guests`), those called a co-host (:func:`_named_co_hosts`) or
    introduced as a panel beside the show's guest (:func:`_introduced_beside_a_guest`), and
    the interviewer's partners (:func:`_partners`)."""
    turns = [item for item in result.conversation if isinstance(item, Spoken)]
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    roles = {label: role_among(label, speakers) or known_role(label, cast.people)
             for label in speakers}
    guests = {label: person for label in speakers for person in cast.listed
              if names(label, person)}
    hosts = [label for label in speakers if label not in guests and roles[label] is None]
    for label, person in guests.items():  # 'V:' is Vortex, whom the list names in full
        result.names.setdefault(label, person)
    if guests and hosts and INTERVIEWER not in roles.values() and _ask_more(turns, hosts):
        for label in speakers:
            if roles[label] is None:
                roles[label] = INTERVIEWEE if label in guests else INTERVIEWER
        result.unsure.append(Note(turns[0].paras[0].line, f"{', '.join(hosts)} taken as the "
                                  f"interviewer(s): the front matter lists the other speakers "
                                  f"({', '.join(guests)}) and not them"))
        return {label: role or INTERVIEWEE for label, role in roles.items()}
    open_roles = [label for label in speakers if roles[label] is None]
    heard_in = {label: max((cast.regulars.get(form, 0) for form in
                            person_forms(label, result.names.get(label, ""))), default=0)
                for label in open_roles} \
        if cast.regulars and INTERVIEWER not in roles.values() else {}
    regulars = [label for label in open_roles if heard_in.get(label)]
    spoken_by = _spoken_by(turns)
    if INTERVIEWER not in roles.values() and _regulars_ask(spoken_by, regulars, speakers):
        others = [label for label in speakers if label not in regulars]
        for label in open_roles:
            roles[label] = INTERVIEWER if label in regulars else INTERVIEWEE
        counts = ", ".join(f"'{label}' in {heard_in[label]}" for label in regulars)
        result.unsure.append(Note(turns[0].paras[0].line, f"{', '.join(regulars)} taken as the "
                                  f"interviewer(s) and {', '.join(others)} as answering: of "
                                  f"this run's files, the first speak in many ({counts}), the "
                                  f"others in few; name the hosts with --hosts if that is "
                                  f"wrong"))
        return roles
    set_apart = _set_apart_as_askers(spoken_by, speakers)
    if open_roles and set_apart and all(  # the roles known already are the styles'
            (role == INTERVIEWER) == (label in set_apart)
            for label, role in roles.items() if role is not None):
        for label in open_roles:
            roles[label] = INTERVIEWER if label in set_apart else INTERVIEWEE
        result.unsure.append(Note(turns[0].paras[0].line, f"{', '.join(set_apart)} taken as the "
                                  f"interviewer(s): their turns, and no one else's, are set "
                                  f"whole in italics or bold, as questions are"))
        return roles
    if INTERVIEWER not in roles.values() and len(speakers) >= 2 and open_roles:
        asked_by = Counter(turn.speaker for turn in turns if _asks(turn))
        evidence = {label: _asking_evidence(label, turns, speakers, spoken_by, asked_by)
                    for label in open_roles}
        best = max(open_roles, key=lambda label: evidence[label][0])
        unmarked = _marks_no_questions(turns) and _hosts_unasking(best, turns, speakers,
                                                                   spoken_by)
        if not any(asked_by[label] for label in open_roles) and not _HOST_WORDS.search(best) \
                and not unmarked:
            # nobody asks anything (a panel, a montage of statements): all answer
            result.unsure.append(Note(turns[0].paras[0].line, "no speaker asks a question, so "
                                      "every turn is an answer; give a speaker the role "
                                      "interviewer if one asks"))
            return {label: role or INTERVIEWEE for label, role in roles.items()}
        if _holds_forth(best, spoken_by) and not _HOST_WORDS.search(best) and not unmarked:
            result.unsure.append(Note(turns[0].paras[0].line, f"no speaker puts questions to "
                                      f"another: '{best}' asks only at the end of long turns, "
                                      f"and speaks at greater length than the others, so every "
                                      f"turn is an answer; give a speaker the role interviewer "
                                      f"if one asks"))
            return {label: role or INTERVIEWEE for label, role in roles.items()}
        said = [panel.SaidTurn(turn.speaker, _said(turn), _asks(turn)) for turn in turns]
        table = [label for label in panel.roundtable(said) if label in open_roles]
        signs = panel.signs(said, table, result.names) if len(table) >= 3 else {}
        odds = {label: panel.host_odds(found) for label, found in signs.items()}
        roles[best] = INTERVIEWER
        result.unsure.append(Note(turns[0].paras[0].line,
                                  f"'{best}' is taken as the interviewer: {evidence[best][1]}"
                                  + ("; no turn has a question mark (a speech-to-text tool "
                                     "that marks none), so the one who opens and closes the "
                                     "conversation, names the others or introduces the show "
                                     "was taken" if unmarked else "")))
        others = [s for s in open_roles if s != best]

        def second_interviewer(label: str, reason: str, line: int = turns[0].paras[0].line
                               ) -> None:
            roles[label] = INTERVIEWER
            result.unsure.append(Note(line, f"'{label}' is taken as a second interviewer: "
                                            f"{reason}"))

        read_by_name = others[:_MOST_NAMED]  # past a panel, no one is introduced by name
        greeted = _name_patterns([*read_by_name, best])
        named = {label: pattern + _NO_OTHER_NAME_AFTER for label, pattern in greeted.items()}
        introduced = _introduced_as_guests(turns, best, read_by_name, named)
        thanking = _thanking_the_show(spoken_by)
        by_share = _second_hosts(spoken_by, others, thanking, INTERVIEWEE in roles.values())
        hosting = _like_hosts(odds, others, by_share, thanking, INTERVIEWEE in roles.values()) \
            if odds else by_share
        for label in (label for label in by_share if label not in hosting):
            result.unsure.append(Note(turns[0].paras[0].line, f"'{label}' asks in "
                                      f"{_question_share(spoken_by[label]):.0%} of their turns, "
                                      f"as hosts do, but is taken as a guest: the signs of the "
                                      f"roundtable are a guest's ({panel.described(signs[label])})"
                                      f"; name the hosts with --hosts if that is wrong"))
        for label in hosting:
            if label not in introduced:
                second_interviewer(label, ("like a roundtable's host: "
                                           + panel.described(signs[label]))
                                   if odds.get(label, 0.0) > _CLEAR_ODDS else evidence[label][1])
                continue
            share = _question_share(spoken_by[label])
            result.unsure.append(Note(turns[0].paras[0].line, f"'{label}' asks in {share:.0%} "
                                      f"of their turns, as hosts do, but is taken as a guest: "
                                      f"'{best}' introduces them (\"{introduced[label]}\"); "
                                      f"name the hosts with --hosts if that is wrong"))
        for label, quoted in _named_co_hosts(turns, read_by_name, named).items():
            if roles[label] is None:
                second_interviewer(label, f"named a co-host (\"{quoted}\")")
        for label, (quoted, guest) in _introduced_beside_a_guest(
                turns, best, read_by_name, named, greeted, thanking).items():
            if roles[label] is None and label not in introduced:
                second_interviewer(label, f"'{best}' introduces them (\"{quoted}\") but "
                                          f"'{guest}' as the guest")
        for label, reason in _partners(spoken_by, [s for s in others if roles[s] is None], best,
                                       cast.writer, INTERVIEWEE in roles.values()).items():
            second_interviewer(label, reason.replace("HOST", best))
        for label in others:  # the show's own voice: a 'Narrator', a co-host who opens it
            own = spoken_by[label]
            if roles[label] is None and sum(roles[s] is None for s in others) > 1 and (
                    _HOST_WORDS.search(label) or _opens_the_show(own)):
                second_interviewer(label, "the label says so" if _HOST_WORDS.search(label)
                                   else "introduces the show or the guest", own[0].paras[0].line)
    return {label: role or INTERVIEWEE for label, role in roles.items()}


SET_APART = 0.8
"""The share of a speaker's turns set whole in emphasis for their turns to be set apart, and
of the others' turns set plain (:func:`_set_apart_as_askers`)."""


def _set_apart_as_askers(spoken_by: dict[str, list[Spoken]], labels: list[str]) -> list[str]:
    """The speakers whose turns, label and all, are set whole in italics or bold, where the
    others' are not ('_J: What are your preferred features?_' over '**M:** High bit depth…'),
    and who ask more often than the others: a post's way of setting its questions apart; []
    where the styles do not part the speakers so (answers set in italics are no questions)."""
    emphasised = {label: sum(bool(turn.paras[0].emphasis) for turn in spoken_by[label])
                  / len(spoken_by[label]) for label in labels}
    apart = [label for label in labels if emphasised[label] >= SET_APART]
    plain = [label for label in labels if emphasised[label] <= 1 - SET_APART]
    if not apart or not plain or len(apart) + len(plain) < len(labels) \
            or sum(len(spoken_by[label]) for label in apart) < 3:
        return []
    asking = _question_share([turn for label in apart for turn in spoken_by[label]])
    return apart if asking > _question_share([turn for label in plain
                                              for turn in spoken_by[label]]) else []


def _ask_more(turns: list[Spoken], some: list[str]) -> bool:
    """Whether the speakers ``some`` end a larger share of their turns with a question than
    the others do: a post whose front matter lists its guests leaves out those who ask, while
    one that lists everyone leaves out only a label mistyped or unnamed."""
    theirs = [turn for turn in turns if turn.speaker in some]
    others = [turn for turn in turns if turn.speaker not in some]
    return not others or _question_share(theirs) > _question_share(others)


def person_forms(label: str, full_name: str = "") -> frozenset[str]:
    """The forms under which an import run counts a speaker: the label ('AL') and the full name
    the source gives with it ('Andres Löh'), each without case or accents, so that 'Andres Loh'
    in one transcript and 'Andres Löh' in the next are one person."""
    return frozenset(_folded(form) for form in (label, full_name) if form)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(char for char in decomposed
                            if not unicodedata.combining(char)).split())


def _regulars_ask(spoken_by: dict[str, list[Spoken]], regulars: list[str],
                  speakers: list[str]) -> bool:
    """Whether the run's regulars among ``speakers`` are this file's interviewers: some of the
    speakers are regulars and some are not, and a regular asks in as large a share of their
    turns as any of the others (a narrator heard in many sessions of an archive, each with
    another interviewer, is a regular who answers)."""
    if not regulars or len(regulars) == len(speakers):
        return False
    shares = {label: _question_share(spoken_by[label]) for label in speakers}
    most = max(shares[label] for label in regulars)
    return most > 0 and all(most >= shares[label] for label in speakers
                            if label not in regulars)


def _spoken_by(turns: list[Spoken]) -> dict[str, list[Spoken]]:
    """Each speaker's turns, in order."""
    spoken: dict[str, list[Spoken]] = {}
    for turn in turns:
        spoken.setdefault(turn.speaker, []).append(turn)
    return spoken


def _opens_the_show(own: list[Spoken]) -> bool:
    """Whether a speaker's first turns open the show as a host does ("Welcome to ...")."""
    return panel.opens_the_show([_said(turn) for turn in own])


def _said(turn: Spoken) -> str:
    """A turn's words as one text."""
    return " ".join(para.text for para in turn.paras)


def misnamed_speakers(turns: list[Spoken]) -> list[Note]:
    """A speaker who, in their first turns, gives as their own the name that labels another
    speaker ('Kirk McKusick': "I am Elisabetta Mori, an interviewer with FOSSDA"): the tool
    that told the voices apart may have swapped or merged them."""
    spoken_by = _spoken_by(turns)
    labels = list(spoken_by)
    notes = []
    for label in labels:
        for para in (p for turn in spoken_by[label][:3] for p in turn.paras):
            said = SELF_NAMED.search(para.text)
            first = said["name"].split()[0] if said else ""
            other = next((o for o in labels if said and o != label and names(first, o)
                          and not names(first, label)), None)
            if other is not None:
                notes.append(Note(para.line, f"'{label}' says \"{said.group(0)}\", the name of "
                                             f"'{other}': the source may have swapped or mixed "
                                             "up their voices; check who speaks where"))
                break
    return notes


def _own_names(label: str, own: list[Spoken]) -> set[str]:
    """The names a speaker goes by: the words of a label that is a name ('Adam Wiggins'), and
    the first name they give for themselves in their opening turns (under 'Speaker 2')."""
    said = (SELF_NAMED.search(para.text) for turn in own[:2] for para in turn.paras)
    return {name.casefold() for name in _label_words(label) | {found["name"].split()[0]
                                                                 for found in said if found}}


def _label_words(label: str) -> set[str]:
    """The words of a label that is a name ('Adam', 'Wiggins'), as written; none of 'Speaker 2'."""
    return {word for word in label.split() if len(word) > 2 and word[0].isupper()
            and not any(char.isdigit() for char in label)}


def _partners(spoken_by: dict[str, list[Spoken]], others: list[str], host: str,
              writer: str = "", guest_known: bool = False) -> dict[str, str]:
    """Among the speakers left, the interviewer's partners, whatever they ask, with the reason
    ('HOST' standing for the interviewer): those who speak of the interviewer and themselves
    as one ("at least Adam and I have given"), or of whom the interviewer speaks so ("on
    today's show, Mikeal and I talked with Karl"), and one whose label names the file's author
    (who wrote the interview down: an interviewer, as 'LEE:' for 'Berry, Lee'). Never the one
    of them who speaks most, who is the guest, unless the guest is known already."""
    if len(others) < 2 and not guest_known:
        return {}
    own = {label: [p for t in spoken_by[label] for p in t.paras] for label in (*others, host)}
    guest = None if guest_known else max(
        others, key=lambda label: sum(para.words for para in own[label]))
    found = {}
    for label in others:
        if label == guest:
            continue
        if _speaks_as_one(own[label], _own_names(host, spoken_by[host])):
            found[label] = "speaks of 'HOST' and themselves as one ('… and I')"
        elif _speaks_as_one(own[host], _own_names(label, spoken_by[label])):
            found[label] = "'HOST' speaks of them and themselves as one ('… and I')"
        elif writer and names(label, writer.replace(",", " ")):
            found[label] = f"names the file's author, {writer}"
    return found


def _speaks_as_one(paras: list[Para], other: set[str]) -> bool:
    """Whether someone speaks of another, by one of their names, and themselves as one: "at
    least Adam and I have given", "Mikeal and I talked with"."""
    if not other:
        return False
    either = _any_of(sorted(other))
    pair = re.compile(rf"\b(?:(?:{either}) and (?:I|me)|I and (?:{either}))\b", re.I)
    return any(pair.search(para.text) for para in paras)


def _like_hosts(odds: dict[str, float], others: list[str], by_share: list[str],
               thanking: AbstractSet[str], guest_known: bool) -> list[str]:
    """Among ``others``, the speakers besides the interviewer, those whose signs (``odds``:
    :mod:`.panel`) clearly show a host (:data:`_CLEAR_ODDS`), and those who ask as hosts do
    (``by_share``: :func:`_second_hosts`) unless their signs clearly show a guest; never one
    who thanks the show for having them (``thanking``), and never all of them unless the guest
    is known already: then the one least like a host is the guest."""
    hosting = [label for label in others if label not in thanking and (
        odds.get(label, 0.0) > _CLEAR_ODDS
        or label in by_share and odds.get(label, 0.0) > -_CLEAR_ODDS)]
    if not guest_known and hosting and set(others) <= set(hosting):
        hosting.remove(min(hosting, key=lambda label: odds.get(label, 0.0)))
    return hosting


_CLEAR_ODDS = 1.0
"""How far from even the signs must point to overrule the share of questions."""


def _thanking_the_show(spoken_by: dict[str, list[Spoken]]) -> set[str]:
    """The speakers who thank the show "for having me": guests, whatever else they do."""
    return {label for label, own in spoken_by.items()
            if panel.thanks_the_show(_said(turn) for turn in own)}


def _second_hosts(spoken_by: dict[str, list[Spoken]], others: list[str],
                  thanking: AbstractSet[str], guest_known: bool
                  ) -> list[str]:
    """Among the speakers left, those who ask as hosts do: twice or more, in a tenth of their
    turns or more (guests in real transcripts ask in under a tenth, and a guest's one
    rhetorical question is no sign), never the one who asks least of those who say much (a
    fifth of the words of the one who says most, or more), who is a guest, unless the guest
    is ``guest_known`` already ("we're talking to Kent C. Dodds"), nor one who thanks for
    having them on the show (``thanking``), a guest who asks the others in a roundtable."""
    if len(others) < (1 if guest_known else 2):
        return []
    own = {label: spoken_by[label] for label in others}
    shares = {label: _question_share(spoken) for label, spoken in own.items()}
    said = {label: sum(para.words for turn in spoken for para in turn.paras)
            for label, spoken in own.items()}
    most = max(said.values())
    guest = None if guest_known else min((label for label in others if 5 * said[label] >= most),
                                         key=lambda label: shares[label])
    return [label for label in others if label != guest and shares[label] >= 0.1
            and shares[label] * len(own[label]) >= 2 and label not in thanking]


def _introduced_as_guests(turns: list[Spoken], host: str, others: list[str],
                          named: dict[str, str]) -> dict[str, str]:
    """Among ``others``, those whom the interviewer introduces as guests before they first
    speak, with the words that do: "we have Jacob, who started…", "we have Björn from
    Grafana", "and our guest, Mark", "Welcome to the show, Mark". The guest words go with the
    name itself ("With me is Tuva from the Guardian, and our guest Oskar" introduces Oskar
    only), a name is the speaker's full label or one of its words that no other speaker's
    label has and that no other capitalised word follows ("we have Adam Jacob" is not Adam
    Stacoviak), as written (``named``: :func:`_name_patterns`); and never in a sentence that
    speaks of co-hosts or a panel."""
    found = {}
    firsts = _first_turns(turns)
    hosts_sentences = [(at, sentence) for at, turn in enumerate(turns) if turn.speaker == host
                       for para in turn.paras for sentence in split_sentences(para.text)
                       if not _NOT_A_GUEST.search(sentence)]
    for label in others:
        name = named[label]
        introduced = re.compile(
            rf"(?:{_INTRODUCING}).{{0,80}}?{name},? (?:who\b|from (?:the )?[A-Z])|"
            rf"\b(?:(?:our|my) (?:special )?guests?|welcome to the (?:show|podcast|program)),? "
            rf"(?:today,? |is |are )?{name}|{name},? (?:our|my) (?:special )?guest\b")
        for sentence in (sentence for at, sentence in hosts_sentences if at < firsts[label]):
            if (said := introduced.search(sentence)):
                quoted = sentence[said.start():].split()[:len(said.group(0).split())]
                found[label] = " ".join(quoted[-10:])
                break
    return found


def _introduced_beside_a_guest(turns: list[Spoken], host: str, others: list[str],
                               named: dict[str, str], greeted: dict[str, str],
                               thanking: AbstractSet[str]) -> dict[str, tuple[str, str]]:
    """Among ``others``, the panel a show's host introduces beside its guest, with the words
    that do and the guest: in the opening, the interviewer names each speaker in the turns
    just before they first speak (the last three of theirs), one of them as "our special
    guest", "my guest", and others with no guest word, before the guest word is first said
    ("On the show today we have myself, Erik, Brian Ketelsen is also here… And our special
    guest today is Ben Johnson") or as panelists ("our two panelists joining us again - we
    have Divya"). Not when the guest is one of several ("another guest", "my guests")."""
    said_before: dict[str, str] = {}
    handing_over: dict[str, str] = {}
    firsts: dict[str, int] = {}
    since = 0
    for at, turn in enumerate(turns):
        if turn.speaker in others and turn.speaker not in said_before:
            firsts[turn.speaker] = at
            hosts_turns = [earlier for earlier in turns[since:at] if earlier.speaker == host]
            said_before[turn.speaker] = " ".join(map(_said, hosts_turns[-3:]))
            handing_over[turn.speaker] = _said(turns[at - 1]) \
                if at and turns[at - 1].speaker == host else ""
            since = at + 1
    first_guest_word = next((at for at, turn in enumerate(turns) if turn.speaker == host
                             and any(_GUEST_WORD.search(para.text) for para in turn.paras)),
                            len(turns))
    guests = [label for label, text in said_before.items()
              if _named_as_the_guest(text, named[label])]
    found = {}
    for label, text in said_before.items() if guests else ():
        naming = next((sentence[:said.end()] for name, said_in in
                       ((named[label], text), (greeted[label], handing_over[label]))
                       for sentence in split_sentences(said_in)
                       if (said := re.search(name, sentence))), None)
        if naming is None or _GUEST_WORD.search(text) or label in thanking:
            continue
        if firsts[label] < first_guest_word or _PANEL.search(text):
            found[label] = (" ".join(naming.split()[-12:]), guests[0])
    return found


def _first_turns(turns: list[Spoken]) -> dict[str, int]:
    """Where each speaker first speaks, by turn."""
    firsts: dict[str, int] = {}
    for at, turn in enumerate(turns):
        firsts.setdefault(turn.speaker, at)
    return firsts


def _named_as_the_guest(text: str, name: str) -> bool:
    """Whether ``text`` names the speaker ``name`` as a show's one guest, in the sentence that
    says guest or in one that goes on from it ("our special guest today is well known…
    Please welcome Ben Johnson")."""
    sentences = split_sentences(text)
    return any(_GUEST_WORD.search(sentence) and not _SEVERAL_GUESTS.search(sentence) and (
        re.search(name, sentence) or at + 1 < len(sentences)
        and re.match(rf"(?:{_HANDING_OVER}.{{0,20}}?)?{name}", sentences[at + 1]))
        for at, sentence in enumerate(sentences))


_GUEST_WORD = re.compile(r"\bguests?\b", re.I)
_SEVERAL_GUESTS = re.compile(r"\b(?:(?:an)?other|second|third|final|last|next|fellow|both|two|"
                             r"three) (?:\w+ )?guests?\b|\bguests\b", re.I)
_HANDING_OVER = r"(?:[Aa]nd |[Ss]o |[Pp]lease )?(?:[Ww]elcome|[Ss]ay hello|[Mm]eet|[Ii]t['’]s|" \
                r"[Tt]hat['’]s|[Ii]ntroducing|[Gg]ive it up|[Ww]e(?:['’]ve got| have)|" \
                r"[Hh]ere(?:['’]s| is))\b"
_PANEL = re.compile(r"\b(?:co-?hosts?|panel|panelists?)\b", re.I)


def _named_co_hosts(turns: list[Spoken], others: list[str], named: dict[str, str]
                    ) -> dict[str, str]:
    """Among ``others``, those whom a speaker calls a co-host, with the words that do: "I'm
    joined by my co-host, Nick Nisi", "my co-hosts, Kball and Nick Nisi", "Tuva, my co-host":
    the name right after the word, or in the list right after "co-hosts"."""
    mentions = [(turn.speaker, para.text) for turn in turns for para in turn.paras
                if "o-host" in para.text or "ohost" in para.text]
    found = {}
    for label in others if mentions else ():
        name = named[label]
        said = re.compile(rf"\b[Cc]o-?host,? (?:{_PRAISE} )?{name}|"
                          rf"\b[Cc]o-?hosts,? (?:{_PRAISE} )?(?:{_NAMED}(?:, |,? and ))*{name}|"
                          rf"{name},? (?:is |as )?(?:my|our) (?:\w+ )?co-?host\b")
        for text in (text for speaker, text in mentions if speaker != label):
            if (match := said.search(text)):
                found[label] = " ".join(match.group(0).split()[-10:])
                break
    return found


_MOST_NAMED = 40
"""The most speakers, in order of their first turn, whom the rules that read introductions
and co-hosts look for by name: a panel has a few; a file with thousands of labels would cost
their square."""
_PRAISE = r"(?:the |my |our )?(?:amazing|wonderful|awesome|great|lovely|good friend|friend|" \
          r"Mr\.|Mrs\.|Ms\.|Dr\.|Mx\.)"
_NAMED = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?"
"""Someone named in a list: "Kball", "Nick Nisi"."""


def _name_patterns(speakers: list[str]) -> dict[str, str]:
    """How a text names each of ``speakers``, as written: the whole label, or a word of it
    that no other speaker's label has. In the turn that hands over to them, that is all ("And
    Carlisia Campos…", then Carlisia Thompson speaks); elsewhere the name must have no other
    capitalised word after it (:data:`_NO_OTHER_NAME_AFTER`: "we have Adam Jacob" is not Adam
    Stacoviak)."""
    words = {label: _label_words(label) for label in speakers}
    held_by = Counter(word for label in dict.fromkeys(speakers) for word in words[label])
    patterns = {}
    for label in speakers:
        forms = sorted({label, *(word for word in words[label] if held_by[word] == 1)},
                       key=len, reverse=True)
        patterns[label] = rf"\b(?:{_any_of(forms)})\b"
    return patterns


_NO_OTHER_NAME_AFTER = r"(?! [A-Z])"


def _any_of(names: list[str]) -> str:
    """A regular expression's alternatives for ``names``, each as written."""
    return "|".join(map(re.escape, names))


_INTRODUCING = r"\b(?:[Ww]e have|[Ww]e['’]ve got|[Nn]ext up|[Pp]lease welcome|[Ii]ntroduc\w*)\b"
_NOT_A_GUEST = re.compile(r"\b(?:co-?hosts?|panel|panelists?|as (?:usual|always|ever))\b", re.I)


_HOST_WORDS = re.compile(r"\b(?:host|hosts|interviewer|moderator|presenter|anchor|reporter|"
                         r"journalist|narrator)\b", re.I)


def _asking_evidence(label: str, turns: list[Spoken], speakers: list[str],
                     spoken_by: dict[str, list[Spoken]], asked_by: Counter[str]
                     ) -> tuple[float, str]:
    """How much points to ``label`` being the interviewer, and the reasons, in words
    (``spoken_by``: each speaker's turns; ``asked_by``: how many of them ask)."""
    own = spoken_by[label]
    asked, overall = asked_by[label], asked_by.total() / len(turns)
    score = _weighed(asked, len(own), overall) \
        - _weighed(asked_by.total() - asked, len(turns) - len(own), overall)
    reasons = [f"{asked / len(own):.0%} of their turns are questions"]
    if _HOST_WORDS.search(label):
        score += 1.0
        reasons.append("the label says so")
    if turns[0].speaker == label:
        score += 0.3
        reasons.append("speaks first")
    if turns[-1].speaker == label:
        score += 0.2
        reasons.append("speaks last")
    named = _names_others(label, own, speakers)
    if named:
        score += 0.5
        reasons.append(f"names {', '.join(named)}")
    if _opens_the_show(own):
        score += 0.5
        reasons.append("introduces the show or the guest")
    return score, ", ".join(reasons)


def _names_others(label: str, own: list[Spoken], speakers: list[str]) -> list[str]:
    """The other speakers whose labels ``label``'s turns (``own``) say."""
    text = " ".join(para.text for turn in own for para in turn.paras)
    return [s for s in speakers if s != label and len(s) > 3 and s in text]


def _hosts_unasking(label: str, turns: list[Spoken], speakers: list[str],
                    spoken_by: dict[str, list[Spoken]]) -> bool:
    """Whether ``label`` hosts a conversation whose transcript marks no question: opens and
    closes it, names the others, or introduces the show."""
    return (turns[0].speaker == label == turns[-1].speaker
            or bool(_names_others(label, spoken_by[label], speakers))
            or _opens_the_show(spoken_by[label]))


def _holds_forth(label: str, spoken_by: dict[str, list[Spoken]]) -> bool:
    """Whether ``label``, the likeliest to ask, asks only as a speaker of a montage does: at
    the end of turns of :data:`_MONOLOGUE` words or more, in fewer than half of its turns (an
    interviewer whose every long turn ends asking still asks), and with turns no shorter, in
    the median, than the others' (an interviewer speaks less than the one who answers), while
    the others ask nothing."""
    own = spoken_by[label]
    others = [turn for speaker, turns in spoken_by.items() if speaker != label
              for turn in turns]
    if not others or any(_asks(turn) for turn in others):
        return False
    asked = [turn for turn in own if _asks(turn)]
    return 2 * len(asked) < len(own) and all(_words(turn) >= _MONOLOGUE for turn in asked) \
        and median(map(_words, own)) >= median(map(_words, others))


_MONOLOGUE = 150
"""Words in a turn past which a question at its end is rhetorical, where nothing else shows
that the speaker asks: hosts' questions in the corpus's transcripts are shorter."""


def _words(turn: Spoken) -> int:
    return sum(len(para.text.split()) for para in turn.paras)


def _weighed(asked: int, turns: int, overall: float) -> float:
    """The share of questions as evidence, ``asked`` of ``turns``: drawn towards the whole
    conversation's share as by two turns of it, so that one question in one turn weighs less
    than ten in twenty."""
    return (asked + 2 * overall) / (turns + 2)


UNMARKED_TURNS = 40
"""Turns from which a conversation with no question mark anywhere is a transcription that
marks none (a speech-to-text tool's), not a montage of statements in which no one asks."""


def _marks_no_questions(turns: list[Spoken]) -> bool:
    return len(turns) >= UNMARKED_TURNS and not any(
        mark in para.text for turn in turns for para in turn.paras for mark in "?؟？")


def _asks(turn: Spoken) -> bool:
    return ends_with_question(turn.paras[-1].text)


def _question_share(turns: list[Spoken]) -> float:
    asked = sum(1 for turn in turns if _asks(turn))
    return asked / len(turns) if turns else 0.0
