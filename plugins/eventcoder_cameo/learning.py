"""What ``eventcoder train`` learns for CAMEO: the root code of an event; the code, quad class
and Goldstein score follow when a trained model changes it (``eventcoder.learn.targets``)."""
from __future__ import annotations

from typing import Any

from eventcoder.learn.targets import Target

from .cameo import cameo_fields, default_table


class CameoTarget(Target):
    """The root code (two digits) of a coded event; code, quad class and Goldstein follow."""

    gold_field, event_field = "code", "root_code"

    def gold_label(self, gold: dict[str, Any]) -> str | None:
        code = str(gold.get("code") or "")
        return code[:2] if len(code) >= 2 and code[:2].isdigit() else None

    def known(self, label: str) -> bool:
        return label in default_table()

    def relabel(self, event: dict[str, Any], label: str) -> None:
        event.update(cameo_fields(label, event.get("source"), event.get("target")))
        event.update(event_code=label, event_label=default_table().lookup(label).name)

    def new_event(self, doc, document, label: str) -> dict[str, Any] | None:
        return None  # a CAMEO event is a dyad: without the rules' source and target, none
