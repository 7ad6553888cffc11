"""How the rules and a trained model decide together.

The rules find the events, participants, places and deaths; the model decides an event's
category where it is confident enough to overrule the rules: probability of its choice at
least the threshold for the category the rules chose (``switch``, one threshold per rule
category, chosen by cross-validation on the training data). Trained with texts that hold no
event, it also drops a rule event whose "no event" probability is at least ``drop``. Where
the rules found no event in a text the rules' gate read, the model adds one of its category
when its probability is at least ``add``, the text is no longer than the longest text it
was trained on (``add_max_chars``: an article is not a note) and at least
``add_min_coverage`` of its word n-grams are in the model's vocabulary (a model that never
saw a text without an event is confident on any text; one unlike its training texts is not
its to add to).

A rule category the training data gave too few examples of has no threshold: the model
never overrules it. That is what keeps a model trained on one kind of text (ACLED's notes)
from undoing the rules on another (news): it has no evidence on categories it never saw
the rules choose, and where the rules were reliable in training the threshold is high.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .targets import NO_EVENT

NEVER = 1.01  # a threshold no probability reaches


@dataclass(frozen=True)
class Policy:
    """The thresholds (chosen by CV) and the temperature that turns SVM scores into
    probabilities."""

    switch: dict[str, float] = field(default_factory=dict)  # rule category -> threshold
    drop: float = NEVER
    temperature: float = 1.0
    add: float = NEVER  # where the rules found no event
    add_max_chars: int = 0  # longest text the model may add an event to
    add_min_coverage: float = 0.0  # least share of known word n-grams in a text added to

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        """Softmax of the decision scores divided by the temperature (rows sum to 1)."""
        scaled = np.atleast_2d(scores) / self.temperature
        scaled = scaled - scaled.max(axis=1, keepdims=True)
        weights = np.exp(scaled)
        return weights / weights.sum(axis=1, keepdims=True)

    def decide(self, rule_label: str | None, probabilities: np.ndarray, classes: list[str]
               ) -> tuple[str | None, float, bool]:
        """(label, probability of the model's choice, whether the model decided).

        ``rule_label`` None means the rules found no event: the model's category when it
        is confident enough to add an event, else None.
        """
        best = int(np.argmax(probabilities))
        choice, confidence = classes[best], float(probabilities[best])
        if rule_label is None:
            added = choice != NO_EVENT and confidence >= self.add
            return (choice, confidence, True) if added else (None, confidence, False)
        if choice == NO_EVENT:
            return (NO_EVENT, confidence, True) if confidence >= self.drop else (
                rule_label, confidence, False)
        if choice != rule_label and confidence >= self.switch.get(rule_label, NEVER):
            return choice, confidence, True
        return rule_label, confidence, choice == rule_label
