"""Event dates with ACLED's time precision, from absolute dates and words relative to the
article's date ("on Saturday" in an article of Monday 2 February 2026 is 31 January).

``time_precision`` as ACLED codes it: 1 the day is known, 2 only the week (or a range of days,
"on or around"), 3 only the month.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser
from spacy.tokens import Doc, Span

from .lexicon import mapping, words

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d\d"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# (pattern, precision, needs the article date to fix the year or the day)
PATTERNS: list[tuple[re.Pattern, int, bool]] = [(re.compile(p, re.I), prec, rel) for p, prec, rel in [
    (rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b", 1, False),
    (rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b", 1, False),
    (r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b", 1, False),
    (rf"\b[0-3]?\d/[01]?\d/{YEAR}\b", 1, False),
    (rf"\b{DAY}-{MONTH}-\d\d\b", 1, False),
    (rf"\b{MONTH},?\s+{YEAR}\b", 3, False),
    (rf"\b{DAY}\s+(?:of\s+)?{MONTH}\b", 1, True),
    (rf"\b{MONTH}\s+{DAY}\b", 1, True),
    (rf"\b(?:last|this|on|early|late)?\s*{WEEKDAY}(?:\s+(?:night|morning|evening|"
     rf"afternoon))?\b", 1, True),
    (r"\b(?:yesterday|today|tonight|overnight|last night|this morning|earlier today)\b", 1,
     True),
    (r"\b(?:\d+|two|three|four|five|six)\s+days?\s+(?:ago|earlier)\b", 1, True),
    (r"\b(?:last|past|earlier this|this)\s+week(?:end)?\b", 2, True),
    (r"\b(?:last|earlier this|this)\s+month\b", 3, True),
]]
VAGUE = re.compile(r"\b(?:on or around|around|between|on or about|on or before|"
                   r"during the week|in the week|about)\s+$", re.I)
SAME_WEEKDAY = re.compile(rf"^({WEEKDAY})(?:\s+(?:night|morning|evening|afternoon))?$", re.I)
DATELINE = re.compile(rf"^[ \t]*(?:[A-Z][A-Za-z .'-]{{1,40}},[ \t]+)?((?:{MONTH}[ \t]+{DAY},?|{DAY}"
                      rf"[ \t]+{MONTH},?)[ \t]+{YEAR})[ \t]*(?:[-–—]|\(\w)", re.M)
ONE_DAY_BACK = re.compile(r"^(?:overnight|last night)$", re.I)


def resolve_date(text_or_span: str | Span | Doc, article_date: str | dt.date | None = None,
                 *, default_to_article: bool = True) -> tuple[str | None, int]:
    """(YYYY-MM-DD or None, time_precision) of the first date the text states.

    Relative words and dates without a year need ``article_date``; without it they give
    None. When the text states no date, the article's date is returned with precision 2 (the
    event is only known to fall in the week of reporting), unless ``default_to_article`` is
    False.
    """
    text = text_or_span if isinstance(text_or_span, str) else text_or_span.text
    base = _as_date(article_date)
    phrases = list(_date_phrases(text))
    if len(phrases) > 1 and not isinstance(text_or_span, str):
        span = text_or_span[:] if isinstance(text_or_span, Doc) else text_or_span
        told = [p for p in phrases if not _date_of_telling(span, p[0])]
        phrases = told + [p for p in phrases if p not in told]
    for match, precision, relative in phrases:
        if relative and base is None:
            continue
        found = _parse(match.group(0).strip(), base)
        if found is None:
            continue
        if VAGUE.search(text[max(0, match.start() - 25):match.start()]) and precision == 1:
            precision = 2
        return found.isoformat(), precision
    if default_to_article and base is not None:
        return base.isoformat(), 2
    return None, 3


def dateline_date(text: str) -> str | None:
    """The date of an article's dateline ("GOMA, March 9, 2025 - ..."), when it has one."""
    found = DATELINE.search(text[:1000])
    parsed = _parse(found.group(1), None) if found else None
    return parsed.isoformat() if parsed else None


def _date_of_telling(span: Span, match: re.Match) -> bool:
    """"Sources said today that 22 were killed overnight": the date of a reporting verb,
    or of the dateline, is when the news was told, not when the event happened."""
    line_start = span.text.rfind("\n", 0, match.start()) + 1
    dateline = DATELINE.match(span.text, line_start)
    if dateline and dateline.end(1) == match.end():
        return True
    start = span.start_char + match.start()
    dated = span.doc.char_span(start, start + len(match.group(0).rstrip()),
                               alignment_mode="expand")
    if dated is None:
        return False
    head = dated.root.head
    if dated.root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.lemma_.lower() in words("date_reporting_verbs")


def _date_phrases(text: str):
    """Date expressions in text order; at one position the longest wins."""
    found = []
    for pattern, precision, relative in PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), -(match.end() - match.start()), match, precision,
                          relative))
    found.sort(key=lambda f: (f[0], f[1]))
    seen_end = -1
    for start, _, match, precision, relative in found:
        if start < seen_end:
            continue
        seen_end = match.end()
        yield match, precision, relative


def _parse(phrase: str, base: dt.date | None) -> dt.date | None:
    if ONE_DAY_BACK.match(phrase) and base is not None:
        return base - dt.timedelta(days=1)
    phrase = re.sub(r"^(?:on|early|late)\s+", "", phrase, flags=re.I)
    weekday = SAME_WEEKDAY.match(phrase)
    if weekday and base is not None and base.strftime("%A").lower() == weekday[1].lower():
        return base  # "on Sunday" in a Sunday paper is that day, not a week before
    parsed = _dateparser(phrase, base.isoformat() if base else None)
    if parsed is None:
        return None
    return parsed.date()


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: str | None) -> dt.datetime | None:
    settings = dict(mapping("dateparser_settings"))
    if base:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(base)
    return dateparser.parse(phrase, languages=["en"], settings=settings)


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        parsed = dateparser.parse(str(value), languages=["en"])
        return parsed.date() if parsed else None
