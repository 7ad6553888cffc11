"""What ``eventcoder train`` learns for ACLED: the sub-event type of an event, and the
columns that follow from it when a trained model changes it (``eventcoder.learn.targets``)."""
from __future__ import annotations

from typing import Any

from eventcoder.learn.targets import Target

from .actors import Mention, country_name
from .columns import coded_columns
from .places.candidates import document_country
from .taxonomy import civilian_targeting, taxonomy

FLAT_COLUMNS = [c for c in coded_columns() if c != "location"]  # location is an object


class AcledTarget(Target):
    """The sub-event type; the event type and the derived columns follow from it."""

    gold_field = event_field = "sub_event_type"

    def __init__(self, codebook):
        super().__init__(codebook)
        self.taxonomy = taxonomy()

    def known(self, label: str) -> bool:
        return label in self.taxonomy.sub_events

    def groups(self) -> dict[str, str]:
        """A sub-event type's parent is its event type (the taxonomy's)."""
        return {label: sub.event_type for label, sub in self.taxonomy.sub_events.items()}

    def relabel(self, event: dict[str, Any], label: str) -> None:
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
        event = super().new_event(doc, document, label)
        sub = self.taxonomy.sub_events[label]
        kind = {"Protests": "protesters", "Riots": "rioters"}.get(sub.event_type,
                                                                  "armed_group")
        iso3 = document_country(doc)
        actor = self.codebook.lexicon.name(Mention(kind, 0, 0, ""), iso3, document.date)
        style = self.codebook.options.get("inter_format", "numeric")
        event["actor"] = [dict(text="", code=actor.name, sector=str(actor.inter),
                               start=None, end=None, rule="trained model")]
        event.update(dict.fromkeys(FLAT_COLUMNS))  # every column ACLED writes, unknown
        event.update(event_date=document.date,
                     year=int(document.date[:4]) if document.date else None,
                     time_precision=1 if document.date else None, actor1=actor.name,
                     inter1=self.taxonomy.inter_value(actor.inter, style),
                     interaction=self.taxonomy.interaction_value(actor.inter, 0, style),
                     notes=document.text, fatalities=0,
                     country=country_name(iso3) if iso3 else None)
        self.relabel(event, label)
        return event


def _inter(participants: list[dict] | None) -> int:
    sector = (participants or [{}])[0].get("sector")
    return int(sector) if sector and str(sector).isdigit() else 0
