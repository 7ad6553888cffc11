"""What a codebook decides by category, and how a decision is written back into an event.

A target reads the label of a gold event (what the researcher coded), the label of a coded
event (what the rules chose), and rewrites a coded event to another label with every field
that follows from it (ACLED: event type, disorder type, civilian targeting; CAMEO: root code,
quad class, Goldstein; a YAML codebook: its event entry's label, mode and fields).
"""
from __future__ import annotations

from typing import Any

from ..errors import InputError, Problem

NO_EVENT = "(no event)"  # the label of a text for which a correct coder emits nothing


class Target:
    """Labels from one gold field and one coded-event field (override to rewrite more)."""

    gold_field = "event_code"
    event_field = "event_code"

    def __init__(self, codebook):
        self.codebook = codebook

    def gold_label(self, gold: dict[str, Any]) -> str | None:
        value = gold.get(self.gold_field)
        return str(value) if value not in (None, "") else None

    def event_label(self, event: dict[str, Any]) -> str | None:
        value = event.get(self.event_field)
        return str(value) if value not in (None, "") else None

    def known(self, label: str) -> bool:
        return True

    def groups(self) -> dict[str, str]:
        """Each category's parent category, when the codebook has a hierarchy the model's
        choice may follow (:class:`.hybrid.Policy`); none here."""
        return {}

    def relabel(self, event: dict[str, Any], label: str) -> None:
        event[self.event_field] = event["event_code"] = label

    def new_event(self, doc, document, label: str) -> dict[str, Any] | None:
        """An event of category ``label`` over the whole text where the rules found none:
        no participant, place or count is claimed (None: this codebook's events cannot
        stand without what the rules find)."""
        event = {
            "id": f"{document.id}:{self.codebook.id}:added", "date": document.date,
            "event_code": label, "event_label": None, "actor": [], "recipient": [],
            "mode": None, "context": [], "location": None,
            "size": {"dead": None, "injured": None, "arrested": None}, "negated": False,
            "event_text": document.text,
            "text_info": {"doc_id": document.id, "sentence": 0, "start": 0,
                          "end": len(document.text), "action": None, "action_start": None},
            "cite_info": {"codebook": self.codebook.id, "version": self.codebook.version,
                          "coder": self.codebook.coder, "rule": "trained model",
                          "source": document.source},
            "meta": dict(document.meta or {})}
        self.relabel(event, label)
        return event


class RuleTarget(Target):
    """A YAML codebook (PLOVER, a researcher's own): its event code; the entry's label, mode
    and fields come along."""

    def __init__(self, codebook):
        super().__init__(codebook)
        self.rules = {rule.code: rule for rule in getattr(codebook, "rules", [])}
        self.event_field = codebook.options.get("code_field") or "event_code"
        self.gold_field = self.event_field

    def known(self, label: str) -> bool:
        return label in self.rules

    def relabel(self, event: dict[str, Any], label: str) -> None:
        rule = self.rules[label]
        event.update(rule.fields)
        event.update(event_code=label, event_label=rule.label, mode=rule.mode)
        event[self.event_field] = label


def target_for(codebook) -> Target:
    """The target of a codebook: its own (a codebook plugin's ``learn_target()``: ACLED's,
    CAMEO's), else a YAML codebook's by its entries."""
    own = getattr(codebook, "learn_target", None)
    target = own() if own is not None else None
    if target is not None:
        return target
    if hasattr(codebook, "rules") and hasattr(codebook, "options"):
        return RuleTarget(codebook)
    raise InputError(Problem(f"codebook {codebook.id!r} has no category eventcoder can learn "
                             "(ACLED, CAMEO and YAML codebooks do)"))
