"""CAMEO's parallel code families (``codebooks/cameo/families.yaml``) and the frames that use them.

CAMEO codes an act differently when it is asked for, promised, demanded, refused or
threatened: "X plans to visit Y" is 036, not 042; "X wants Y to attack Z" is X -> Y 020, not
Y -> Z 190; "X said it would not provide aid to Y" is 122. Both CAMEO coders (the built-in
codebook and PETRARCH dictionaries) ask this module the same three questions:

- :meth:`Families.frame_of`: is this act governed by a frame verb, and who is to act?
- :meth:`Families.framed`: the act's code in that frame (its kind's code, else the frame's
  default);
- :meth:`Families.negated`: the code of the act refused, or None when CAMEO has none.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from jsonschema import Draft202012Validator
from spacy.tokens import Token

from eventcoder import syntax, yamlio
from eventcoder.errors import CodebookError
from eventcoder.validation import collect

FAMILIES_FILE = files("eventcoder_codebooks") / "cameo" / "families.yaml"
SCHEMA_FILE = files("eventcoder_codebooks") / "cameo" / "families.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
FRAME_NAMES = ("appeal", "intend", "demand", "reject", "threaten")
# A frame verb whose complement is someone else's act needs that someone (the controller).
CONTROLLER_FRAMES = ("appeal", "demand")
SPEECH_ROOTS = ("03", "04", "05", "06", "07", "08")  # acts whose refusal CAMEO codes


@dataclass(frozen=True)
class Frame:
    """A frame verb governing an act: "urged [Germany] to send", "plans to visit"."""

    name: str  # appeal, intend, demand, reject or threaten
    verb: Token
    controller: Token | None  # who is asked to act, when it is not the frame's subject
    negated: bool


class Families:
    def __init__(self, data: dict, source: str = str(FAMILIES_FILE)):
        problems = collect(Draft202012Validator(SCHEMA), data, file=source)
        if problems:
            raise CodebookError(problems)
        self.defaults = {name: spec["default"] for name, spec in data["frames"].items()}
        self.verbs: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for name, spec in data["frames"].items():
            for phrase in spec["verbs"]:
                words = phrase.lower().split()
                if words[0] == "be" and len(words) > 1:  # "be ready": the adjective heads
                    words = words[1:]
                self.verbs.setdefault(words[0], []).append((name, tuple(words[1:])))
        self.negated_frame = data["negated_frame"]
        self.inverting_frames = frozenset(data.get("inverting_frames", ()))
        self.denial_verbs = frozenset(data.get("denial_verbs", ()))
        self.counterparts = frozenset(data.get("counterparts", ()))
        self.kinds = data["kinds"]
        self.reciprocal = frozenset(data["reciprocal"])
        self.speech_verbs = frozenset(data["speech_verbs"])
        self.verbal_roots = tuple(data["verbal_roots"])
        self.reported_acts = tuple(data.get("reported", {}).get("acts", ()))
        self.reported_code = data.get("reported", {}).get("code")
        self.nominal_agent = tuple(data["nominal"]["agent"])
        self.nominal_target = tuple(data["nominal"]["target"])
        self.nominal_target_of_agent = tuple(data["nominal"].get("target_of_agent", ()))
        self.places = frozenset(data.get("places", ()))
        self._by_act = sorted(((act, kind) for kind in self.kinds for act in kind["acts"]),
                              key=lambda pair: -len(pair[0]))

    @classmethod
    def from_yaml(cls, path=FAMILIES_FILE) -> "Families":
        return cls(yamlio.load(path), str(path))

    # -- codes ---------------------------------------------------------------------------
    def kind_of(self, code: str) -> dict | None:
        """The kind of an act code (most specific prefix), or of a framed code ("036")."""
        for act, kind in self._by_act:
            if code.startswith(act):
                return kind
        framed = [(len(kind[name]), kind) for kind in self.kinds for name in FRAME_NAMES
                  if code.startswith(kind.get(name, "-"))]
        return max(framed, key=lambda pair: pair[0])[1] if framed else None

    def framed(self, code: str, frame: str) -> str:
        """``code``'s act in ``frame``: "042" in intend -> "036"; unknown kinds -> default."""
        kind = self.kind_of(code)
        return (kind or {}).get(frame) or self.defaults[frame]

    def negated(self, code: str, frame: str | None = None) -> str | None:
        """The refusal of an act or intention ("would not provide aid" -> 122), or None when
        CAMEO has no code for it ("did not attack" is no event)."""
        if frame is None:
            frame = "intend" if code.startswith("03") else "act" if code.startswith(
                SPEECH_ROOTS) else None
        target = self.negated_frame.get(frame or "")
        if target is None:
            return None
        kind = self.kind_of(code)
        return (kind or {}).get(target) or self.defaults[target]

    @staticmethod
    def refuses(action: Token) -> bool:
        """Whether a negated act is a refusal: said of the future, with a modal or in the
        present ("will not release", "would not provide", "does not recognize"), not a
        report that it did not happen ("did not attack", "has not received any aid"),
        which is no event."""
        auxiliaries = [c for c in action.children if c.dep_ in syntax.AUXILIARY]
        if any(a.tag_ == "MD" for a in auxiliaries):  # will, would, won't, can
            return True
        return action.tag_ != "VBD" and not any(  # attacked; did, had; has (perfect)
            "Past" in a.morph.get("Tense") or a.lemma_ == "have" for a in auxiliaries)

    def pairs(self, code: str, sources: list, targets: list) -> list | None:
        """Every ordered pair of coordinated sources of a reciprocal act whose targets, if
        any, are among them (:meth:`among`: "A, B and C met", "A, B and C met in C's
        capital"), else None."""
        codes = {p.code for p in sources if p.code}
        if code not in self.reciprocal or len(codes) < 2 or any(
                not self.among(t.code, codes) for t in targets):
            return None
        return [(a, b) for a in sources for b in sources if a.code != b.code]

    @staticmethod
    def among(target: str | None, codes: set) -> bool:
        """Whether a reciprocal act's target is one of its coordinated doers: one of their
        codes, or the country of one of them, a place where they meet ("Putin and Erdogan
        met in Sochi": RUS is Putin's country, RUSGOV)."""
        return target in codes or len(target or "") == 3 and any(
            (c or "")[:3] == target for c in codes)

    # -- the parse -----------------------------------------------------------------------
    def frame_of(self, action: Token) -> Frame | None:
        """The frame verb governing ``action`` through a "to" clause (or, for appeals and
        demands, a "that" clause): "urged Germany to send", "wants Syria to attack",
        "plans to visit", "refused to meet", "demanded that Israel withdraw"."""
        head = action.head
        if head.i == action.i or action.dep_ not in syntax.OPEN_COMPLEMENT | \
                syntax.CLAUSAL_COMPLEMENT | syntax.ADVERBIAL_CLAUSE:
            return None
        if action.dep_ in syntax.ADVERBIAL_CLAUSE and not any(
                c.lower_ == "to" and c.dep_ in syntax.AUXILIARY for c in action.children):
            return None
        # the frame's other words hang on its verb ("called *on* Israel to") or mark the
        # clause ("called *for* Israel to")
        words = {c.lower_ for c in head.children} | {
            c.lower_ for c in action.children if c.dep_ in syntax.MARKER}
        names = [name for name, rest in self.verbs.get(head.lemma_.lower(), ())
                 if all(w in words for w in rest)]
        if not names:
            return None
        controller = self._controller(action, head)
        if action.dep_ in syntax.CLAUSAL_COMPLEMENT and controller is None:
            return None
        name = next((n for n in names if (n in CONTROLLER_FRAMES) == (controller is not None)),
                    names[0])
        if action.dep_ in syntax.CLAUSAL_COMPLEMENT and name not in CONTROLLER_FRAMES:
            return None
        return Frame(name, head, controller, syntax.is_negated(head) or
                     syntax.is_negated(action))

    def denied(self, action: Token) -> bool:
        """Whether ``action`` is the act a denial verb's complement denies ("Russia denied
        *attacking* Ukraine", "denied that its troops *attacked*"): not an event."""
        return action.head.i != action.i and action.head.lemma_.lower() in self.denial_verbs \
            and action.dep_ in syntax.OPEN_COMPLEMENT | syntax.CLAUSAL_COMPLEMENT

    def speaker_of(self, action: Token, code: str) -> list[Token]:
        """The subjects of the speech verb that reports a verbal act ("Asif said findings
        showed [the linkages *point* towards India]" -> Asif), or [] (not verbal, not
        reported)."""
        if not code.startswith(self.verbal_roots) or not any(
                c.dep_ in syntax.SUBJECT and c.pos_ in ("NOUN", "PROPN") for c in action.children):
            return []  # a passive ("is said to") or subject-less act has no reporter of its own
        return self._speech_subjects(action)

    def reporter_of(self, action: Token, code: str) -> list[Token]:
        """The speaker who reports an act of violence with no object ("Obama said [Syria
        *attacked*]" -> Obama), a report CAMEO codes as an accusation; [] otherwise."""
        if not self.reported_code or not code.startswith(self.reported_acts) or any(
                c.dep_ in syntax.OBJECT for c in action.children):
            return []
        doers = [c for c in action.children if c.dep_ in syntax.SUBJECT]
        if not doers or any(d.pos_ == "PRON" or any(c.dep_ in syntax.POSSESSIVE and c.pos_ ==
                            "PRON" for c in d.children) for d in doers):
            return []  # "Russia said it attacked", "... its troops attacked": its own act
        return self._speech_subjects(action)

    def _speech_subjects(self, action: Token) -> list[Token]:
        """Subjects of the speech verb (``speech_verbs``) whose clausal complement, up to
        three levels up, holds ``action``; [] when no speech verb reports it."""
        token = action
        for _ in range(3):
            if token.dep_ not in syntax.CLAUSAL_COMPLEMENT or token.head.i == token.i:
                return []
            token = token.head
            if token.lemma_.lower() in self.speech_verbs:
                return [c for c in token.children if c.dep_ in syntax.SUBJECT]
        return []

    def nominal_arguments(self, noun: Token) -> tuple[list[Token], list[Token]] | None:
        """(doers, targets) of an act named by a noun: "the attack *by* X *on* Y", "X's
        visit *to* Y", and with neither, its modifiers ("the *Israeli* attack on Gaza", "a
        *police* raid on the camp"; the caller keeps those that name an actor); None unless
        both are named."""
        preps = syntax.prepositional_objects(noun)
        doers = [t for c in noun.children if c.dep_ in syntax.POSSESSIVE
                 for t in syntax.conjuncts(c)]
        doers += [t for p in self.nominal_agent for t in preps.get(p, [])]
        doers = doers or [c for c in noun.children if c.dep_ in syntax.COMPOUND
                          and c.i < noun.i and c.pos_ in ("ADJ", "PROPN", "NOUN")]
        targets = next((preps[p] for p in self.nominal_target if preps.get(p)), [])
        if not targets:  # "the attack by Israeli forces on Gaza": "on Gaza" under "forces"
            doers_own = [syntax.prepositional_objects(t) for p in self.nominal_agent
                         for t in preps.get(p, [])]
            targets = next((own[p] for own in doers_own for p in self.nominal_target_of_agent
                            if own.get(p)), [])
        return (doers, targets) if doers and targets else None

    @staticmethod
    def _controller(action: Token, head: Token) -> Token | None:
        """Who is to act: the complement's own subject ("wants Syria to attack"), the frame
        verb's object ("urged Germany to send") or its "on" object ("called on Israel to")."""
        own = [c for c in action.children if c.dep_ in syntax.SUBJECT]
        if own and own[0].lower_ not in syntax.ACTOR_PRONOUNS | {"we", "i", "you"}:
            return own[0]
        objects = [c for c in head.children if c.dep_ in syntax.OBJECT | syntax.DATIVE]
        if objects:
            return objects[0]
        for prep in ("on", "upon"):
            found = syntax.prepositional_objects(head).get(prep)
            if found:
                return found[0]
        return None


@lru_cache(maxsize=1)
def default_families() -> Families:
    """The built-in family table, read once."""
    return Families.from_yaml()
