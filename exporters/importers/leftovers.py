"""What a web page leaves around an article: appeals, comment forms, share buttons, menus.

Each test returns the reason a paragraph is dropped (for the import report), or
``None`` to keep it. :func:`ends_article` marks the start of a page's tail
(comments, related posts) after which nothing belongs to the interview.
"""

from __future__ import annotations

import re

from .said import LINK_TARGET, LINK_WORDS

_APPEALS = re.compile(
    r"\b((please )?(consider )?support(ing)? (our|us|independent|this (site|magazine|work))|"
    r"donate (now|today|here|to (us|our|keep|support))|(make|with) a (\w+ )?donation|"
    r"(one.off|monthly) (donation|gift|contribution)|subscribe (to our|now|today|here)|"
    r"sign up (for|to) (our|the) newsletter|join our (mailing list|newsletter)|"
    r"become a (paying )?(member|patron|subscriber|supporter)|patreon|buy (us|me) a coffee|"
    r"ko-fi|reader.(supported|funded)|(is|are) (funded|supported|made possible) by (readers|"
    r"our readers|people like you))\b",
    re.IGNORECASE)
_COMMENT_FORM = re.compile(
    r"(your email address will not be published|required fields are marked|"
    r"save my name, email|notify me of (new|follow.up) (comments|posts)|^post comment$|"
    r"^(name|email|website|comment)\s*\*?$|you must be logged in to post|"
    r"this site uses akismet|cancel reply|^reply$|^log in to reply$)",
    re.IGNORECASE)
_SHARE = re.compile(
    r"^(share( this( (post|article|interview|story))?)?( on)?|click to (share|print|email)|"
    r"tweet( this)?|pin it|like this|loading\W*|print( this)?|email( this)?|"
    r"(share on |follow us on )?(facebook|twitter|x|linkedin|reddit|whatsapp|pinterest|"
    r"mastodon|bluesky|telegram|tumblr|threads)(\s*[|·•,/]\s*(facebook|twitter|x|linkedin|"
    r"reddit|whatsapp|pinterest|mastodon|bluesky|email|print|telegram|tumblr|threads))*)"
    r"\W*$", re.IGNORECASE)
_NAVIGATION = re.compile(
    r"^(home|about( us)?|contact( us)?|menu|search|skip to (main )?content|archives?|"
    r"categories|blog|log ?in|sign ?in|sign ?up|subscribe|donate|shop|events|"
    r"(«|‹|<)?\s*(previous|next|older|newer)( (post|article|entry|story))?\s*(»|›|>)?|"
    r"read more|continue reading|back to top|advertisement|sponsored|"
    r"(posted|filed|published) (in|under) .{1,60}|tag(s|ged)?:? .{1,80}|categor(y|ies): .{1,80}|"
    r"(\d+|no) comments?|all rights reserved.*|©.{0,80}all rights reserved.*|"
    r"(\d+ )?min(ute)?s? read|we use cookies.*|accept( all)? cookies)\W*$",
    re.IGNORECASE)
_MENU_BAR = re.compile(r"^(?=.*[^\W\d_])\W*\w[\w '&-]{0,20}(\s*[|·•›»>/]\s*\w[\w '&-]{0,30}){2,}"
                       r"\W*$")
"""Menu items between separators, with a word among them: '2021/10/06' is a date."""
_TAIL = re.compile(
    r"^(leave a (reply|comment)|(\d+ )?(comments?|responses?|replies)( on .{1,120})?|"
    r"related( posts| articles| stories| reading)?|you (may|might) also (like|enjoy)|"
    r"more (from|in|interviews|stories)( .{1,40})?|recommended( for you)?|"
    r"(join|add to) the (discussion|conversation)|what do you think\?|"
    r"read (next|more interviews))\W*$",
    re.IGNORECASE)
CHROME_CLASS = re.compile(
    r"(^|[\s_-])(share|sharing|social|related|comments?|respond|reply|newsletter|subscribe|"
    r"subscription|donat\w*|support-us|sidebar|widget|nav|navigation|menu|breadcrumbs?|"
    r"footer|header|masthead|cookie\w*|banner|promo|advert\w*|ads?|sponsor\w*|popup|modal|"
    r"author-bio|post-meta|entry-meta|tags|paywall)($|[\s_-])",
    re.IGNORECASE)
"""Class or id names of page furniture in HTML."""


_TEMPLATE_TAG = re.compile(r"^(?:\\?\{%.*?%\\?\}|\\?\{\\?\{[<%].*?[>%]\\?\}\\?\}|"
                           r"\\?\{\\?\{.*?\\?\}\\?\}|\s)+$", re.S)
"""A paragraph made only of Liquid, Jekyll, Hugo or Nunjucks tags: ``{% include x %}``,
``{{< youtube id >}}``, ``{{ page.title }}`` (escaped or not)."""
_TEMPLATED_MARKUP = re.compile(r"^(?=.*(?:\{%|\{\{))(?:<[^<>]*>|\{%.*?%\}|\s)+$", re.S)
"""Raw HTML with no text of its own around a template tag: ``<div><img src="{{ page.image
}}" alt=""> {% include author.html %}</div>``, a layout's leftover."""
_MDX_STATEMENT = re.compile(r"(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?(['\"])[^'\"\n]+\1|"
                            r"export\s+(?:const|let|default|function)\b[^\n]*?);?")
"""An MDX post's JavaScript line (Docusaurus, Gatsby): ``import authors from
'utils/author-data';``."""
_LICENCE = re.compile(
    r"^(?:this (?:work|article|interview|post|text) is (?:licensed|published|available) "
    r"under|licensed under (?:a |the )?creative commons|creative commons attribution|"
    r"cc by(?:-[a-z]{2}){0,3} \d\.\d)", re.IGNORECASE)
_TRANSCRIBED_BY = re.compile(r"^(?:transcribed|transcription|transcript)(?: (?:generated|"
                             r"made|produced))? (?:by|with|using) \S+(?: \S+){0,5}$",
                             re.IGNORECASE)
"""The credit a transcription service puts under its transcript: 'Transcribed by
https://otter.ai'."""
_MORE_ABOUT = re.compile(r"^(?:more (?:about|on|from|by) .{1,60}|learn more about .{1,60}|"
                         r"find out more( about .{1,60})?)[:.]?$", re.IGNORECASE)


_ONLY_TAGS = re.compile(r"(?:\s*</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)+\s*")
"""A paragraph of HTML tags and nothing else; not an address in angle brackets, which shows."""
_PICTURE_TAG = re.compile(r"<(?:img|picture|svg)\b", re.I)


def leftover(text: str) -> str | None:
    """Why ``text`` (one paragraph, as plain text) is page furniture, or None."""
    line = text.strip()
    if not line:
        return "empty"
    if _TEMPLATE_TAG.match(line) or _TEMPLATED_MARKUP.match(line):
        return "a template tag of the site's generator"
    if _MDX_STATEMENT.fullmatch(line):
        return "an MDX import or export line of the site's generator"
    if _ONLY_TAGS.fullmatch(line) and not _PICTURE_TAG.search(line):
        return "HTML markup with no text (a figure or link whose picture was not imported)"
    if "\n" in line:  # a list: furniture when every item is
        return "navigation" if all(leftover(item) for item in line.split("\n")) else None
    words = len(line.split())
    if _COMMENT_FORM.search(line):
        return "comment form"
    if _SHARE.match(line):
        return "share buttons"
    if words <= 12 and _NAVIGATION.match(line):
        return "navigation"
    if words <= 14 and _MENU_BAR.match(line) and not line.endswith((".", "?", "!")):
        return "navigation"
    if words <= 60 and _APPEALS.search(line):
        return "donation or subscription appeal"
    if words <= 60 and _LICENCE.match(line):
        return "the site's licence footer (put it in 'rights:' if it covers the interview)"
    if words <= 12 and _MORE_ABOUT.match(line):
        return "a 'more about' link block"
    if _TRANSCRIBED_BY.match(line):
        return "the transcription service's credit"
    return None


_LINK_ITEM = re.compile(rf"^\s*(?:[-*+]|\d+[.)])\s+{LINK_WORDS}{LINK_TARGET}\s*$")


def link_list(markdown: str) -> str | None:
    """A Markdown list made only of links is a menu or a list of related posts."""
    lines = [line for line in markdown.split("\n") if line.strip()]
    if len(lines) >= 2 and all(_LINK_ITEM.match(line) for line in lines):
        return "a list of links (menu or related posts)"
    return None


def ends_article(text: str) -> str | None:
    """The reason the page's tail starts at this paragraph (comments, related posts), or None."""
    line = text.strip()
    if len(line.split()) <= 16 and _TAIL.match(line):
        return f"the page's tail starts here ('{line[:40]}'): comments and related posts"
    return None
