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


class AcledTarget(Target):
    """The sub-event type; the event type and the derived columns follow from it."""

    gold_field = event_field = "sub_event_type"

    def __init__(self, codebook):
        super().__init__(codebook)
        from eventcoder_acled.taxonomy import taxonomy
        self.taxonomy = taxonomy()

    def known(self, label: str) -> bool:
        return label in self.taxonomy.sub_events

    def groups(self) -> dict[str, str]:
        """A sub-event type's parent is its event type (the taxonomy's)."""
        return {label: sub.event_type for label, sub in self.taxonomy.sub_events.items()}

    def relabel(self, event: dict[str, Any], label: str) -> None:
        from eventcoder_acled.taxonomy import civilian_targeting
        sub = self.taxonomy.sub_events[label]
        inters = [_inter(side) for side in (event.get("actor"), event.get("recipient"))]
        event.update(event_type=sub.event_type, sub_event_type=sub.sub_event_type,
                     disorder_type=sub.disorder_type, event_code=sub.code,
                     event_label=f"{sub.event_type}: {sub.sub_event_type}",
                     civilian_targeting=civilian_targeting(sub.disorder_type, *inters) or None)


    def new_event(self, doc, document, label: str) -> dict[str, Any] | None:
        """ACLED's columns too: the side ACLED names when it is not told who acted
        ("Unidentified Armed Group (Country)", "Protesters (Country)") in the country the
        text is about; no place below the country, fatalities 0 (ACLED's "none reported")."""
        from eventcoder_acled.actors import Mention, country_name
        from eventcoder_acled.places.candidates import document_country
        event = super().new_event(doc, document, label)
        sub = self.taxonomy.sub_events[label]
        kind = {"Protests": "protesters", "Riots": "rioters"}.get(sub.event_type,
                                                                  "armed_group")
        iso3 = document_country(doc)
        actor = self.codebook.lexicon.name(Mention(kind, 0, 0, ""), iso3, document.date)
        style = self.codebook.options.get("inter_format", "numeric")
        event["actor"] = [{"text": "", "code": actor.name, "sector": str(actor.inter),
                           "start": None, "end": None, "rule": "trained model"}]
        event.update({
            "event_date": document.date, "year": int(document.date[:4]) if document.date
            else None, "time_precision": 1 if document.date else None,
            "actor1": actor.name, "assoc_actor_1": None,
            "inter1": self.taxonomy.inter_value(actor.inter, style), "actor2": None,
            "assoc_actor_2": None, "inter2": None,
            "interaction": self.taxonomy.interaction_value(actor.inter, 0, style),
            "region": None, "source_scale": None, "notes": document.text, "fatalities": 0,
            "tags": None, "country": country_name(iso3) if iso3 else None, "iso": None,
            "admin1": None, "admin2": None, "admin3": None, "latitude": None,
            "longitude": None, "geo_precision": None})
        self.relabel(event, label)
        return event


def _inter(participants: list[dict] | None) -> int:
    sector = (participants or [{}])[0].get("sector")
    return int(sector) if sector and str(sector).isdigit() else 0


class CameoTarget(Target):
    """The root code (two digits) of a coded event; code, quad class and Goldstein follow."""

    gold_field, event_field = "code", "root_code"

    def gold_label(self, gold: dict[str, Any]) -> str | None:
        code = str(gold.get("code") or "")
        return code[:2] if len(code) >= 2 and code[:2].isdigit() else None

    def known(self, label: str) -> bool:
        from eventcoder_cameo.cameo import default_table
        return label in default_table()

    def relabel(self, event: dict[str, Any], label: str) -> None:
        from eventcoder_cameo.cameo import cameo_fields, default_table
        event.update(cameo_fields(label, event.get("source"), event.get("target")))
        event.update(event_code=label, event_label=default_table().lookup(label).name)

    def new_event(self, doc, document, label: str) -> dict[str, Any] | None:
        return None  # a CAMEO event is a dyad: without the rules' source and target, none


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
    """The target of a codebook: ACLED and CAMEO by id, any YAML codebook by its entries."""
    if codebook.id == "acled":
        return AcledTarget(codebook)
    if codebook.id == "cameo":
        return CameoTarget(codebook)
    if hasattr(codebook, "rules") and hasattr(codebook, "options"):
        return RuleTarget(codebook)
    raise InputError(Problem(f"codebook {codebook.id!r} has no category eventcoder can learn "
                             "(ACLED, CAMEO and YAML codebooks do)"))
