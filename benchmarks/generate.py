"""Write N synthetic interviews, in the project's content format, for benchmarking.

``python benchmarks/generate.py N OUTDIR`` writes ``OUTDIR/field-notes/series.yml``
and N interview files beside it, so that they form one series; ``--series K`` shares
them out into K series (``field-notes-1/`` ... ``field-notes-K/``). The output is
deterministic: the same N gives byte-identical files on every machine. The
text is built from the word lists below (no borrowed prose): about 1,800 words
per interview, 8 questions and answers in 2 or 3 ``##`` parts, one or two
footnotes, and the front matter an editor would write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

SEED = 20261128
SERIES_SLUG = "field-notes"
TARGET_WORDS = 1800
QUESTIONS = 8

FIRST_NAMES = [
    "Ada", "Bruno", "Carmen", "Dario", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas",
    "Kiri", "Lotte", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tove",
    "Ugo", "Vera", "Wanjiru", "Xavier", "Yusuf", "Zofia", "Inès", "Jürgen", "Søren", "Zoë",
]
LAST_NAMES = [
    "Abara", "Berg", "Castell", "Duarte", "Eriksen", "Fontaine", "Gallo", "Haddad", "Ilic",
    "Jansen", "Kowal", "Lindqvist", "Moreau", "Novak", "Okafor", "Pereira", "Quist", "Rossi",
    "Sandoval", "Tanaka", "Ullman", "Varga", "Weller", "Yilmaz", "Zeller", "Dvořák", "Núñez",
    "Åberg", "Çelik",
]
TRADES = [
    ("beekeeper", "hives", "the apiary", "honey"),
    ("ferry captain", "crossings", "the wheelhouse", "tides"),
    ("night baker", "loaves", "the bakehouse", "dough"),
    ("bridge inspector", "girders", "the span", "rust"),
    ("piano tuner", "strings", "the workshop", "pitch"),
    ("lighthouse keeper", "lamps", "the tower", "fog"),
    ("map maker", "surveys", "the drawing office", "contours"),
    ("organ builder", "pipes", "the loft", "wind"),
    ("tram driver", "routes", "the depot", "rails"),
    ("seed archivist", "samples", "the vault", "germination"),
    ("glass blower", "furnaces", "the hot shop", "annealing"),
    ("river pilot", "channels", "the pilot boat", "sandbanks"),
    ("clock restorer", "movements", "the bench", "escapements"),
    ("sheep shearer", "fleeces", "the shed", "wool"),
    ("stonemason", "blocks", "the yard", "limestone"),
    ("archivist", "ledgers", "the reading room", "paper"),
]
ADJECTIVES = [
    "quiet", "heavy", "early", "narrow", "patient", "stubborn", "bright", "careful", "cold",
    "ordinary", "strange", "small", "old", "difficult", "steady", "unexpected", "crooked",
    "generous", "noisy", "slow", "clever", "honest", "tired", "lucky",
]
NOUNS = [
    "morning", "winter", "apprentice", "foreman", "ledger", "ladder", "kettle", "hand", "window",
    "season", "tool", "habit", "notebook", "customer", "neighbour", "routine", "mistake",
    "shift", "machine", "rope", "lantern", "map", "bench", "van", "drawer", "whistle",
    "calendar", "recipe", "radio", "storm",
]
VERBS_PAST = [
    "taught", "changed", "showed", "kept", "broke", "carried", "fixed", "noticed", "followed",
    "forgot", "mended", "measured", "checked", "counted", "moved", "borrowed", "repaired",
    "watched", "trusted", "tested",
]
VERBS = [
    "learn", "listen", "wait", "start again", "ask", "look twice", "write it down", "slow down",
    "keep going", "sit still", "ring someone", "go home", "make tea", "check the weather",
]
ADVERBS = [
    "slowly", "carefully", "quietly", "badly", "properly", "eventually", "always", "rarely",
    "often", "suddenly", "gently", "honestly",
]
TIMES = [
    "in the first year", "every autumn", "before dawn", "on a Tuesday", "after the flood",
    "when the old owner retired", "during the long strike", "most evenings", "in 1998",
    "the week the roof leaked", "once the snow melted", "after my father died",
]
LOCATIONS = [
    "the coast road", "the valley", "the station yard", "the market hall", "the edge of town",
    "the ridge", "the canal basin", "the old bridge", "the old quarter", "the harbour",
]
FEELINGS = [
    "proud", "frightened", "bored", "embarrassed", "grateful", "surprised", "calm", "restless",
    "homesick", "certain",
]
PEOPLE = [
    "my aunt", "the neighbour's boy", "an old teacher", "the inspector", "my first boss",
    "a customer from the coast", "the woman who ran the canteen", "my brother",
    "a retired engineer", "the apprentice before me",
]
MENTORS = [
    "your first boss", "the people who trained you", "your family", "the old hands",
    "your customers", "the apprentices",
]
PART_TITLES = [
    "Getting started", "Learning the trade", "A working day", "What the hands know",
    "Weather and luck", "The people around it", "What changed", "Looking ahead",
    "Mistakes", "The long view",
]
QUESTION_FORMS = [
    "How did you become a {trade}?",
    "What does an ordinary day at {place} look like?",
    "What did {mentor} teach you about {topic}?",
    "Which part of the work with {things} is hardest to explain?",
    "Was there a moment {time} when you nearly gave it up?",
    "How has {topic} changed since you started?",
    "What do people get wrong about being a {trade}?",
    "What would you tell someone who wants to start {time}?",
    "Do you still feel {feeling} when you walk into {place}?",
    "Who do you work with now, and how do you share the {things}?",
    "Which part of the job nobody sees matters most?",
    "If you could change one thing about {topic}, what would it be?",
]
SENTENCE_FORMS = [
    "The {adj} {noun} {verb_past} me more than any book did.",
    "{Time}, {person} {verb_past} the {noun} and said nothing about it.",
    "You learn to {verb} when the {things} are {adj}.",
    "I was {feeling} {time}, and I think that was the right thing to feel.",
    "Most of the work is {adverb} checking {things}, then checking them again.",
    "People imagine {topic} is {adj}, but really it is about the {noun}.",
    "We kept a {noun} at {place} for that, and nobody ever moved it.",
    "\"Don't rush the {noun},\" {person} used to say -- and {person2} agreed.",
    "There is a rhythm to it... you only hear it after a few years.",
    "I still have the first {noun} I {verb_past}, in a drawer at {place}.",
    "Ask anyone at {place2} and they will tell you the same thing.",
    "That was the year the {noun} {verb_past} everybody, and we laughed about it for months.",
    "I wrote the numbers in a {noun}, because a {adj} memory is worse than none.",
    "The {things} don't care how you feel; that is the first lesson and the last one.",
    "Half of it is {topic}, and the other half is turning up on time.",
    "On a {adj} night you can hear the {noun} from across {place2}.",
    "Some days the {things} behave, and some days they {adverb} refuse.",
    "If you {verb} at the right moment, the {noun} does half the work for you.",
    "It took me {number} years to understand why {person} {verb_past} the {noun} like that.",
    "The money was never the point, though I won't pretend it didn't matter.",
    "{Time} the whole of {place} smelled of {topic}, and I loved it.",
    "I ask myself whether I would {verb} differently now, and mostly the answer is no.",
    "We argued about the {noun} for a whole season -- both of us were wrong.",
    "You can tell a {adj} {trade} from a {adj2} one by how they treat the {noun}.",
    "Nobody writes that part down, so you {verb} and you remember.",
    "I made a {adj} mistake {time}, and the {noun} still shows it.",
    "My hands know more about {topic} than I can put into words.",
    "Every {noun} has a story, and most of them are {adj}.",
]
INTRO_FORMS = [
    "{Name} has worked as a {trade} near {place2} for {number} years.",
    "We met at {place}, between two jobs that could not wait.",
    "The conversation has been edited for length and clarity.",
    "{Short} talks about {things}, {topic} and the {adj} habits of the trade.",
    "Outside, the weather was turning, and inside the kettle was already on.",
    "The {things} were never far from the conversation.",
    "{Short} answered slowly, with long pauses, and laughed more than expected.",
    "A {noun} hung by the door; it had clearly been {verb_past} many times.",
]
NOTE_FORMS = [
    "In the trade, \"{topic}\" also names the {adj} {noun} used to judge the {things}.",
    "The {noun} mentioned here was first used {time} and is still kept at {place}.",
    "A {trade}'s {noun} is usually kept close at hand; this one was unusually {adj}.",
]


@dataclass(frozen=True)
class Interview:
    name: str
    text: str


class Writer:
    """Fills the sentence forms for one interview, from its own seeded random source."""

    def __init__(self, rng: random.Random, trade: tuple[str, str, str, str], short: str):
        self.rng = rng
        self.trade, self.things, self.place_of_work, self.topic = trade
        self.short = short

    def fill(self, form: str, **extra: str) -> str:
        pick = self.rng.choice
        time = pick(TIMES)
        values = {
            "adj": pick(ADJECTIVES), "adj2": pick(ADJECTIVES), "noun": pick(NOUNS),
            "verb_past": pick(VERBS_PAST), "verb": pick(VERBS), "adverb": pick(ADVERBS),
            "time": time, "Time": time[0].upper() + time[1:], "feeling": pick(FEELINGS),
            "person": pick(PEOPLE), "person2": pick(PEOPLE), "mentor": pick(MENTORS),
            "number": str(self.rng.randint(3, 40)),
            "place": pick([self.place_of_work, *LOCATIONS]), "place2": pick(LOCATIONS),
            "trade": self.trade, "things": self.things, "topic": self.topic, "Short": self.short,
            **extra,
        }
        sentence = re.sub(r"\b([Aa]) ([aeiou])", r"\1n \2", form.format(**values))
        return sentence[0].upper() + sentence[1:]

    def sentences(self, forms: list[str], words: int, **extra: str) -> list[str]:
        """Sentences until about ``words`` words, no form twice in a row of len(forms)."""
        out: list[str] = []
        queue: list[str] = []
        while sum(len(s.split()) for s in out) < words:
            if not queue:
                queue = self.rng.sample(forms, len(forms))
            out.append(self.fill(queue.pop(), **extra))
        return out

    def paragraphs(self, words: int) -> list[str]:
        """About ``words`` words in paragraphs of three to six sentences."""
        sentences = self.sentences(SENTENCE_FORMS, words)
        paragraphs = []
        while sentences:
            size = self.rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[:size]))
            sentences = sentences[size:]
        return paragraphs


def interview(number: int, series_title: str, series_number: int | None = None) -> Interview:
    """The ``number``-th interview (1-based); the same text for the same number, always. Its
    place in its series is ``series_number`` (default: ``number``)."""
    rng = random.Random(SEED * 1000 + number)
    trade = TRADES[(number - 1) % len(TRADES)]
    interviewer = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    interviewee = f"{first} {last}"
    writer = Writer(rng, trade, first)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(900))
    title = f"The {rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS).title()}"
    subtitle = f"A {trade[0]} on {trade[1]}, {trade[3]} and {trade[2]}"
    summary = " ".join(writer.fill(form, Name=interviewee) for form in INTRO_FORMS[:4:3])
    intro = writer.sentences(INTRO_FORMS[1:], 110)

    parts = rng.choice([2, 3])
    titles = rng.sample(PART_TITLES, parts)
    breaks = sorted(rng.sample(range(1, QUESTIONS), parts - 1))
    note_count = rng.choice([1, 2])
    noted = sorted(rng.sample(range(QUESTIONS), note_count))
    questions = rng.sample(QUESTION_FORMS, QUESTIONS)
    answer_words = (TARGET_WORDS - 150 - 20 * QUESTIONS - 25 * note_count) // QUESTIONS

    lines = [
        "---",
        f'title: "{title}"',
        f'subtitle: "{subtitle}"',
        f"date: {date.isoformat()}",
        "lang: en",
        f"interviewer: {interviewer}",
        f"interviewee: {interviewee}",
        f'summary: "{summary}"',
        f'series: "{series_title}"',
        f"series_number: {series_number or number}",
        f"tags: [{trade[1]}, {trade[3]}]",
        "---",
        "",
        " ".join(intro[:len(intro) // 2]),
        "",
        " ".join(intro[len(intro) // 2:]),
        "",
    ]
    notes: list[str] = []
    for index, form in enumerate(questions):
        if index == 0 or index in breaks:
            lines += [f"## {titles.pop(0)}", ""]
        lines += [f"Q: {writer.fill(form)}", ""]
        answer = writer.paragraphs(answer_words)
        if index in noted:
            label = f"n{len(notes) + 1}"
            answer[0] = answer[0].removesuffix(".") + f".[^{label}]"
            note = " ".join(writer.sentences(NOTE_FORMS, 20))
            notes.append(f"[^{label}]: {note}")
        lines += [f"A: {answer[0]}", ""]
        for paragraph in answer[1:]:
            lines += [paragraph, ""]
    for note in notes:
        lines += [note, ""]
    slug = trade[0].replace(" ", "-")
    return Interview(f"{number:03d}-{slug}.md", "\n".join(lines))


SERIES = """\
title: "{title}"
subtitle: "Synthetic conversations about working lives"
editors: [Benchmark Editor]
description: "Machine-written interviews for measuring the toolchain; not real people."
publisher: Interview Press Benchmarks
lang: en
slug: {slug}
"""


def generate(count: int, out_dir: Path, series: int = 1) -> Path:
    """Write ``count`` interviews and a ``series.yml`` for each of ``series`` series (the
    interviews shared out in order, as evenly as can be); returns the first series' folder.
    One series is ``field-notes/``, "Field Notes"; several are ``field-notes-1/``,
    "Field Notes 1", and so on. Interview N has the same text however they are shared out."""
    folders = []
    size = -(-count // series)  # interviews per series, rounded up
    for index in range(series):
        numbers = range(index * size + 1, min(count, (index + 1) * size) + 1)
        slug = SERIES_SLUG if series == 1 else f"{SERIES_SLUG}-{index + 1}"
        title = "Field Notes" if series == 1 else f"Field Notes {index + 1}"
        folder = out_dir / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "series.yml").write_text(SERIES.format(slug=slug, title=title), encoding="utf-8")
        for place, number in enumerate(numbers, 1):
            item = interview(number, title, place)
            (folder / item.name).write_text(item.text, encoding="utf-8")
        folders.append(folder)
    return folders[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many interviews")
    parser.add_argument("out_dir", type=Path, help="the content folder to write into")
    parser.add_argument("--series", type=int, default=1, metavar="K",
                        help="share the interviews out into K series (default 1)")
    arguments = parser.parse_args(argv)
    folder = generate(arguments.count, arguments.out_dir, arguments.series)
    where = folder if arguments.series == 1 else f"{arguments.series} series under {arguments.out_dir}"
    print(f"wrote {arguments.count} interview(s) and series.yml to {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
