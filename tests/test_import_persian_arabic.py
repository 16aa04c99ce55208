"""Interviews written in Persian and Arabic, imported in process: speaker labels in a script
with no capitals, the role labels of both languages, dates of the Persian calendar and in
Persian and Arabic-Indic digits, and the language told by its letters. The texts are our own."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from exporters.importers import import_file

PERSIAN = """# گفت‌وگو با صحاف محله

{date}

**س:** از کی کار صحافی را شروع کردید؟

**ج:** از نوجوانی. پدرم کتاب‌های کهنه را در انباری نگه می‌داشت و من شیرازهٔ آن‌ها را می‌دوختم.

**س:** سخت‌ترین کار این حرفه چیست؟

**ج:** صبر. چسب باید یک شب بماند تا خشک شود، و هیچ‌کس نمی‌تواند عجله کند.

**س:** به جوان‌ها چه می‌گویید؟

**ج:** اول کاغذ را بشناسید، بعد ابزار را.
"""

ARABIC = """# حوار مع خبّاز الحيّ

٣ أيار ٢٠٢١

سلمى: متى تبدأ عملك كل صباح؟

يوسف: في الثالثة. العجين يحتاج إلى ساعتين قبل أن يدخل الفرن.

سلمى: وهل تغيّر الخبز منذ أيام والدك؟

يوسف: قليلاً. الدقيق صار أنعم، لكن الملح والماء كما كانا.

سلمى: ما الذي تحبه أكثر في هذا العمل؟

يوسف: رائحة الرغيف الأول، حين يكون الشارع ما زال نائماً.
"""


def imported(path: Path, text: str) -> tuple[dict, str]:
    path.write_text(text, encoding="utf-8")
    _, front, body = import_file(path).document.markdown().split("---\n", 2)
    return yaml.safe_load(front), body


def test_a_persian_interview_with_question_and_answer_labels(tmp_path):
    """'س:' and 'ج:' (question, answer) give the turns their roles; the date, in the Persian
    calendar and digits, is read as the day it is; the language is Persian."""
    front, body = imported(tmp_path / "bookbinder.md", PERSIAN.format(date="۱۴ مهر ۱۴۰۰"))
    assert front["date"] == dt.date(2021, 10, 6)
    assert front["lang"] == "fa"
    assert front["title"] == "گفت‌وگو با صحاف محله"
    asked = [line for line in body.splitlines() if line.startswith("Q: ")]
    assert [line.split()[1] for line in asked] == ["از", "سخت‌ترین", "به"], body
    assert body.count("\nA: ") == 3, body


def test_an_arabic_interview_with_named_speakers(tmp_path):
    """Names in Arabic script label the turns (no capitals to tell them by); the one who asks
    is the interviewer; the date's Levantine month and Arabic-Indic digits are read."""
    front, body = imported(tmp_path / "baker.md", ARABIC)
    assert (front["interviewer"], front["interviewee"]) == ("سلمى", "يوسف"), front
    assert front["date"] == dt.date(2021, 5, 3)
    assert front["lang"] == "ar"
    assert "في الثالثة" in body and "متى تبدأ" in body


@pytest.mark.parametrize("written, day", [
    ("۱۴۰۰/۰۷/۱۴", dt.date(2021, 10, 6)),
    ("۱۰ دی ۱۳۹۹", dt.date(2020, 12, 30)),
    ("۲۴ اسد ۱۴۰۰", dt.date(2021, 8, 15)),
    ("۱۰ جدی ۱۳۹۹", dt.date(2020, 12, 30)),
    ("۲۵ ژانویه ۲۰۲۰", dt.date(2020, 1, 25)),
    ("٣ مايو ٢٠٢١", dt.date(2021, 5, 3)),
    ("5 تشرين الأول 2019", dt.date(2019, 10, 5)),
    ("12 يونيو 2018", dt.date(2018, 6, 12)),
])
def test_dates_as_persian_and_arabic_sources_write_them(tmp_path, written, day):
    front, _ = imported(tmp_path / "dated.md", PERSIAN.format(date=written))
    assert front["date"] == day


def test_a_role_label_with_a_zero_width_non_joiner_and_a_note_that_is_no_speaker(tmp_path):
    """'مصاحبه‌گر:' (interviewer, written with a zero-width non-joiner) asks; 'نکته:' (note),
    used twice, is no speaker."""
    text = PERSIAN.format(date="").replace("**س:**", "**مصاحبه‌گر:**").replace(
        "**ج:** صبر.", "نکته: این پاسخ کوتاه شده است.\n\n**ج:** صبر.").replace(
        "**ج:** اول", "نکته: این پاسخ هم کوتاه شده است.\n\n**ج:** اول")
    front, body = imported(tmp_path / "noted.md", text)
    assert body.count("\nQ: ") + body.startswith("Q: ") == 3, body
    assert "نکته" not in str(front.get("speakers", "")), front
    assert "این پاسخ کوتاه شده است" in body and "این پاسخ هم کوتاه شده است" in body


@pytest.mark.parametrize("byline, name", [
    ("گفت‌وگو از مریم احمدی", "مریم احمدی"),
    ("حوار: سلمى يوسف", "سلمى يوسف"),
])
def test_a_byline_in_persian_or_arabic_names_the_interviewer(tmp_path, byline, name):
    """A line of its own under the title, 'گفت‌وگو از …' (interview by) or 'حوار: …', names
    the interviewer, and is neither a subtitle nor a turn."""
    text = PERSIAN.format(date="۱۴ مهر ۱۴۰۰").replace("\n\n۱۴ مهر", f"\n\n{byline}\n\n۱۴ مهر")
    front, body = imported(tmp_path / "bylined.md", text)
    assert front["interviewer"] == name
    assert "subtitle" not in front and byline not in body



def test_a_quotation_after_a_verb_of_saying_is_no_speaker(tmp_path):
    """'گفتم: …' ('I said: …') opens a paragraph of two answers: a quotation in the answer,
    not a third speaker, though the Arabic script has no capitals to tell a name by."""
    text = """# گفت‌وگو با صحاف محله

مریم: از کی کار صحافی را شروع کردید؟

حسن: از نوجوانی. پدرم کتاب‌های کهنه را نگه می‌داشت.

گفتم: من هم می‌خواهم یاد بگیرم.

مریم: سخت‌ترین کار این حرفه چیست؟

حسن: صبر. چسب باید یک شب بماند.

گفتم: پس من صبور می‌شوم.

مریم: به جوان‌ها چه می‌گویید؟

حسن: اول کاغذ را بشناسید.
"""
    front, body = imported(tmp_path / "said.md", text)
    assert (front["interviewer"], front["interviewee"]) == ("مریم", "حسن"), front
    assert "من هم می‌خواهم یاد بگیرم" in body.split("سخت‌ترین")[0]


@pytest.mark.parametrize("title, name", [
    ("گفت‌وگو با حسن صحاف، صحاف محله", "حسن صحاف"),
    ("حوار مع يوسف الخبّاز: الخبز والصباح", "يوسف الخبّاز"),
    ("گفت‌وگو با صحاف محله", "TODO"),
])
def test_the_title_names_the_one_interviewed_where_a_comma_or_colon_ends_the_name(
        tmp_path, title, name):
    """'گفت‌وگو با …' and 'حوار مع …' (a conversation with) name the interviewee where a
    comma, colon or dash ends the name; with nothing after it ('with the neighbourhood's
    bookbinder') it may be no name, and stays for the editor to fill in."""
    text = PERSIAN.format(date="۱۴ مهر ۱۴۰۰").replace("# گفت‌وگو با صحاف محله", f"# {title}")
    front, _ = imported(tmp_path / "titled.md", text)
    assert front["title"] == title
    assert front["interviewee"] == name, front
