"""A spaCy Matcher that first asks whether a span could match at all.

The Matcher evaluates every ``IN``/``REGEX`` predicate of every pattern on every token, which
made the few ACLED matchers (figurative phrases, bylines, origin cues) cost more than the
checks that read their matches, though most sentences hold no word any pattern needs. Each
pattern's *required* tokens (no ``OP``, or ``+``) must all occur in a span for it to match;
their text values (``ORTH``/``TEXT``/``LOWER``/``NORM``/``LEMMA``: one string, ``IN`` a list, or
``REGEX``) are checked against the span's token hashes, read once per document with
``Doc.to_array``. When no pattern passes, the span cannot match and the Matcher is not run;
otherwise it runs as before, so the matches are the same either way (``enabled`` turns the
shortcut off, for the tests)."""
from __future__ import annotations

import re

from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "LEMMA": LEMMA}
COLUMNS = (ORTH, LOWER, NORM, LEMMA)
REQUIRED = (None, "+")  # operators under which a pattern's token must be there
HASHES_KEY = "eventcoder_acled.token_hashes"  # per document: its tokens' text hashes


class GatedMatcher:
    """``Matcher`` with the same ``add`` and call; skips spans no pattern could match."""

    enabled = True

    def __init__(self, vocab):
        self.matcher = Matcher(vocab)
        self.needs: list[list[tuple[int, object]]] = []  # per pattern: (column, values or regex)

    def add(self, key: str, patterns: list) -> None:
        self.matcher.add(key, patterns)
        self.needs += [_needs(pattern) for pattern in patterns]

    def __call__(self, span: Span | Doc) -> list:
        if GatedMatcher.enabled and not self.could_match(span):
            return []
        return self.matcher(span)

    def could_match(self, span: Span | Doc) -> bool:
        doc = span.doc if isinstance(span, Span) else span
        start, end = (span.start, span.end) if isinstance(span, Span) else (0, len(doc))
        rows = _hashes(doc)[start:end]
        seen: dict[int, set[int]] = {}
        for needs in self.needs:
            for column, wanted in needs:
                if column not in seen:
                    seen[column] = set(rows[:, COLUMNS.index(column)].tolist())
                if isinstance(wanted, re.Pattern):
                    if not any(wanted.search(doc.vocab.strings[h]) for h in seen[column]):
                        break
                elif wanted.isdisjoint(seen[column]):
                    break
            else:
                return True
        return False


def _hashes(doc: Doc):
    """The document's ORTH, LOWER, NORM and LEMMA hashes, read once per document."""
    found = doc.user_data.get(HASHES_KEY)
    if found is None:
        found = doc.user_data[HASHES_KEY] = doc.to_array(list(COLUMNS))
    return found


def _needs(pattern: list[dict]) -> list[tuple[int, object]]:
    """What the tokens a pattern cannot do without must be: hash sets or regexes by column."""
    needs: list[tuple[int, object]] = []
    for token in pattern:
        if token.get("OP") not in REQUIRED:
            continue
        for key, value in token.items():
            column = ATTRS.get(key.upper())
            if column is None:
                continue
            if isinstance(value, str):
                needs.append((column, {get_string_id(value)}))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list) and \
                    all(isinstance(v, str) for v in value["IN"]):
                needs.append((column, {get_string_id(v) for v in value["IN"]}))
            elif isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                needs.append((column, re.compile(value["REGEX"])))
    return needs
