"""The wording around place names: capitalised name runs, cues that mark a name as a place
("in X", "near X", "X district"), and the administrative units a note names after a place
("X (Kalat, Balochistan)", "X district, Herat", "(coded as X, Kech, Balochistan)").

Pure text and token logic; the gazetteer is only asked whether a unit exists.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

LOCATIVE = {"in", "near", "at", "around", "outside", "from", "to", "towards", "toward",
            "across", "between", "into", "of", "via", "through", "inside", "within"}
NEAR = {"near", "outside", "around", "outskirts", "vicinity", "close", "nearby"}
PLACE_NOUNS = {"district", "districts", "town", "city", "village", "area", "areas", "province",
               "region", "tehsil", "upazila", "locality", "county", "camp", "neighbourhood",
               "neighborhood", "commune", "municipality", "governorate", "division", "zone",
               "hamlet", "settlement", "sub-county", "subdistrict", "department", "state",
               "center", "centre", "island", "quarter", "suburb", "union", "ward", "valley"}
UNIT_NOUNS = {"district", "province", "region", "county", "governorate", "division",
              "department", "state", "tehsil", "upazila", "municipality", "sub-county"}
CONNECTORS = {"de", "del", "da", "do", "dos", "das", "al", "el", "es", "la", "le", "les",
              "di", "du", "ad", "an", "ar", "as", "ash", "ur", "e", "i", "wa"}
NOT_PLACES = {"january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday", "on", "the", "a",
              "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
              "dec"}
TEXT_KEY = "eventcoder_acled.text"
RUNS_KEY = "eventcoder_acled.name_runs"
# "NDjamena.[size=no report]": the tokenizer keeps a name glued to ACLED's size remark
GLUED = re.compile(r"^([A-Z][\w'’-]*[a-z])\.\[")
PAREN = re.compile(r"^(?:\s+[a-z-]+){0,2}\s*[(\[]([^()\[\]]{2,160})[)\]]")
# ACLED's remarks on where it coded an event: "(coded as X at geoprecision 2)", "(location
# coded to state capital X, A, B)", "[coded to X]", "(location not found coded to nearest
# known location, X, A, B)", "(coded as X with GP2, for unfound Y)"
CODED = re.compile(r"^(?:location\s+)?(?:(?:was\s+)?not\s+found\s*,?\s*(?:and\s+)?)?coded\s+"
                   r"(?:as|to|at)\s+(?:the\s+)?(?:(?:nearest\s+known\s+location|(?:state|locality|"
                   r"district|county|provincial|regional|province|department)\s+capital|"
                   r"populated\s+place)\s*,?\s*)?", re.I)
PRECISION = re.compile(r"(?:\s+(?:at|with)\s+(?:geo\s*-?\s*precision|gp)\s*\d*\b.*|"
                       r"\s*,?\s+for\s+(?:the\s+)?unfound\b.*)$", re.I)
UNIT_WORDS = PLACE_NOUNS | {"lga", "localities", "sub-prefecture", "subprefecture", "territory"}
COMMA_UNIT = re.compile(r"^(?:\s+(?:districts?|provinces?|area|village|town|city|center|"
                        r"centre|county|region|state))*\s*,\s+((?:[A-Z][\w'-]*)(?:\s+(?:[A-Z]"
                        r"[\w'-]*|de|del|wa|al))*)")


def doc_text(doc: Doc) -> str:
    """The document's text, joined once (``Doc.text`` rebuilds it from the tokens each call)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def name_runs(span: Span) -> list[tuple[int, int]]:
    """Token ranges of capitalised names ("Atenango del Rio", "Takht-e-Pol"); acronyms,
    months and weekdays excluded. Read once per span of a document."""
    done = span.doc.user_data.setdefault(RUNS_KEY, {})
    if (span.start, span.end) not in done:
        done[span.start, span.end] = _name_runs(span)
    return done[span.start, span.end]


def _name_runs(span: Span) -> list[tuple[int, int]]:
    runs, start = [], None
    tokens = list(span)
    for pos, token in enumerate(tokens):
        text = token.text
        glued = GLUED.match(text) is not None
        capital = (text[:1].isupper() and not (text.isupper() and len(text) > 1)
                   and (token.is_alpha or "-" in text or "'" in text or glued)
                   and text.lower() not in NOT_PLACES)
        following = tokens[pos + 1] if pos + 1 < len(tokens) else None
        joins = start is not None and following is not None and (
            (text.lower() in CONNECTORS and (following.text[:1].isupper()
                                             or following.text == "-"))
            or (text == "-" and (following.text[:1].isupper()
                                 or following.text.lower() in CONNECTORS)))
        if glued:  # the name ends inside this token
            runs.append((token.i if start is None else start, token.i + 1))
            start = None
        elif capital or joins:
            start = token.i if start is None else start
        else:
            if start is not None:
                runs.append((start, token.i))
            start = None
    if start is not None:
        runs.append((start, span.end))
    doc = span.doc  # a lone capitalised stop word is no name: "No fatalities", "In all"
    return [(a, b) for a, b in runs if not (b - a == 1 and doc[a].is_stop)]


def name_text(doc: Doc, i: int, j: int) -> str:
    """The text of tokens i..j as a name: without a remark glued to its last token."""
    text = doc[i:j].text
    glued = GLUED.match(doc[j - 1].text) if j > i else None
    return text[:len(text) - len(doc[j - 1].text) + len(glued.group(1))] if glued else text


def cue(doc: Doc, i: int, j: int) -> str | None:
    """Wording that marks tokens i..j as a place: "in X", "near X", "X district"."""
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[j].lower_ if j < len(doc) else ""
    if after in PLACE_NOUNS:
        return after
    if before in LOCATIVE:
        return before
    if before == "the" and i > 1 and doc[i - 2].lower_ in LOCATIVE:
        return doc[i - 2].lower_
    return None


def named_as_place(doc: Doc, i: int, j: int) -> bool:
    """"X district", "the village of X", "the area of X": the words call it a place."""
    after = doc[j].lower_ if j < len(doc) else ""
    return after in PLACE_NOUNS or (i > 1 and doc[i - 1].lower_ == "of" and (
        doc[i - 2].lower_ in PLACE_NOUNS or doc[i - 2].lower_.removesuffix("s") in PLACE_NOUNS))


def is_near(doc: Doc, i: int) -> bool:
    """"near X", "outside X", "on the outskirts of X": ACLED's precision 2."""
    before = [doc[k].lower_ for k in range(max(0, i - 2), i)]
    return bool(before) and (before[-1] in NEAR or (before[-1] in ("of", "to")
                                                    and before[0] in NEAR))


def is_unit(doc: Doc, j: int) -> bool:
    """True when the name ending before token j is called a district, province ..."""
    return j < len(doc) and doc[j].lower_.rstrip("s") in UNIT_NOUNS


def following_units(doc: Doc, at: int, is_first_level) -> tuple[list[str], str | None]:
    """Units named right after token ``at``: "(Kalat, Balochistan)", "(coded as X, A, B)",
    or ", Herat" when ``is_first_level("Herat")``. A lone name in parentheses
    that is no province, followed by such a province, is the place's other name: "Jiji (Zazi
    Aryub) district, Paktia". Returns (units, coded-as name)."""
    if at >= len(doc) or at <= 0:
        return [], None
    text = doc_text(doc)[doc[at - 1].idx + len(doc[at - 1]):]
    hints, coded_as = parenthetical(text, is_first_level)
    if hints and not coded_as and len(hints) == 1 and not is_first_level(hints[0]):
        rest = _province_after(PAREN.sub("", text, count=1), is_first_level)
        return (rest, None) if rest else (hints, None)
    if hints or coded_as:
        return hints, coded_as
    return _province_after(text, is_first_level), None


def _province_after(text: str, is_first_level) -> list[str]:
    """", Herat" after a name, when the name that follows is a province ("Farcha in
    NDjamena" is not read so: a province named after "in" is as often the town)."""
    after = COMMA_UNIT.match(text)
    return [after.group(1)] if after and is_first_level(after.group(1)) else []


def parenthetical(text: str, is_first_level=lambda name: False
                  ) -> tuple[list[str], str | None]:
    """Admin units in "(Kalat, Balochistan)" or "(coded as Sigak, Kech, Balochistan)";
    "(coded as Dera Bugti) (Dera Bugti, Balochistan)" gives both. A lone name in square
    brackets is the name ACLED coded the place by ("Zaroum Darey [Zerma Dare] (Ouallam,
    Tillaberi)"). Acronyms ("(BCL)") are not units unless ``is_first_level`` knows them
    ("(J&K)")."""
    hints: list[str] = []
    coded_as = None
    for _ in range(2):
        match = PAREN.match(text)
        if not match:
            break
        text = text[match.end():]
        inner = match.group(1).strip()
        remark = CODED.match(inner)
        coded = remark is not None
        if coded:
            inner = PRECISION.sub("", inner[remark.end():])
        parts = []
        for part in inner.split(","):
            words = [w for w in part.split() if w.lower() not in UNIT_WORDS]
            name = " ".join(words)
            if words and all(w[:1].isupper() or w.lower() in CONNECTORS for w in words) and (
                    not any(_acronym(w) for w in words) or is_first_level(name)):
                whole = " ".join(part.split())  # "(Maputo City)" is a province
                parts.append(whole if whole != name and whole[:1].isupper()
                             and all(w[:1].isupper() for w in whole.split())
                             and is_first_level(whole) else name)
        if coded and parts:
            coded_as, parts = parts[0], parts[1:]
        elif "[" in match.group(0) and len(parts) == 1 and not is_first_level(parts[0]):
            coded_as, parts, coded = coded_as or parts[0], [], True
        hints = parts or hints
        if not coded:
            break
    return hints, coded_as


def _acronym(word: str) -> bool:
    """"NA", "NGOs", "CPI-Maoist": an organisation's initials (in part), not a unit's name."""
    return any(len(part) > 1 and part.isupper()
               for part in re.split(r"[-/]", word.removesuffix("s")))


def listed_after(text: str, previous_end: int, start: int) -> bool:
    """True when a name at ``start`` continues a list of places ("Quetta, Mastung and
    Nushki") whose previous member ended at ``previous_end``."""
    return text[previous_end:start].strip() in (",", "and", ", and", "&", "or", ", or")


def display(text: str) -> str:
    """A place name as written, without a leading article."""
    return re.sub(r"^the\s+", "", text.strip(), flags=re.I)
