"""The vocabulary of ACLED events (``codebooks/acled/triggers.yaml``) as spaCy matchers.

Each phrase is matched twice, on lower-case text and on lemmas, so "exchange fire" finds
"exchanged fire" and "IEDs" finds "IED"; a phrase inside a longer one of another cue gives
way to it ("drone strike" is an air strike, not a workers' strike).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib.resources import files

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from eventcoder import yamlio
from eventcoder.errors import CodebookError, Problem
from eventcoder.phrasedocs import lemmatised

TRIGGERS_FILE = files("eventcoder_codebooks") / "acled" / "triggers.yaml"
LEMMATISING_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")  # spaCy's


@dataclass(frozen=True)
class Cue:
    """One matched phrase: which cue it signals and where (token offsets)."""

    name: str
    start: int
    end: int


def load_triggers(path=TRIGGERS_FILE) -> tuple[dict[str, list[str]], set[str]]:
    """The cue phrases by cue name, and the qualifying cues that never hide another."""
    data = yamlio.loads(path.read_text(encoding="utf-8"), str(path))
    cues = data.get("cues") if isinstance(data, dict) else None
    if not isinstance(cues, dict) or not cues:
        raise CodebookError(Problem("a 'cues' mapping of cue name -> phrases is required",
                                    file=str(path), field="cues"))
    for name, phrases in cues.items():
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise CodebookError(Problem("must be a list of phrases", file=str(path),
                                        field=f"cues.{name}"))
    qualifiers = set(data.get("qualifiers") or [])
    unknown = qualifiers - set(cues)
    if unknown:
        raise CodebookError(Problem(f"unknown cue(s) {sorted(unknown)}", file=str(path),
                                    field="qualifiers"))
    return {name: [str(p) for p in phrases] for name, phrases in cues.items()}, qualifiers


class CueMatcher:
    """Finds cues in a sentence or document; compiled once per pipeline."""

    def __init__(self, nlp: Language, added: dict[str, list[str]] | None = None):
        """``added``: phrases a codebook extension adds to cues (or new cues)."""
        self.triggers, self.qualifiers = load_triggers()
        for name, phrases in (added or {}).items():
            self.triggers[name] = [*self.triggers.get(name, []), *phrases]
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        lemmatise = [p for p in LEMMATISING_PIPES if p in nlp.pipe_names]
        for name, phrases in self.triggers.items():
            self.by_lower.add(name, [nlp.make_doc(p) for p in phrases])
            if "lemmatizer" in lemmatise:  # (a blank pipeline, as `validate` uses, has none)
                self.by_lemma.add(name, lemmatised(nlp, phrases))

    def find(self, span: Span | Doc) -> list[Cue]:
        """Cues in ``span``, longest first where phrases of different cues overlap."""
        span = span[:] if isinstance(span, Doc) else span
        vocab = span.doc.vocab
        found = {(vocab.strings[key], s, e)  # PhraseMatcher offsets are doc offsets
                 for matcher in (self.by_lower, self.by_lemma)
                 for key, s, e in matcher(span)}
        cues = [Cue(*item) for item in found]
        longest = defaultdict(int)  # token -> length of the longest cue phrase covering it
        for cue in cues:
            if cue.name in self.qualifiers:
                continue
            for i in range(cue.start, cue.end):
                longest[i] = max(longest[i], cue.end - cue.start)
        kept = [c for c in cues if c.name in self.qualifiers
                or all(longest[i] <= c.end - c.start for i in range(c.start, c.end))]
        return sorted(kept, key=lambda c: (c.start, c.name))
