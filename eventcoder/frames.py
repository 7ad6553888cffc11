"""Events as flat rows and pandas DataFrames; DataFrames as documents."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from .codebook import CORE_COLUMNS, Codebook
from .model import Document

if TYPE_CHECKING:  # pandas is imported where a frame is made: a coding run may need none
    import pandas as pd

LIST_SEPARATOR = "; "


def flatten(event: dict[str, Any]) -> dict[str, Any]:
    """One flat row: participants as '; '-joined columns, nested objects as prefix_key."""
    row: dict[str, Any] = {}
    for key, value in event.items():
        if key in ("actor", "recipient"):
            for part in ("text", "code", "sector"):
                values = [p.get(part) for p in value]
                row[f"{key}_{part}"] = (LIST_SEPARATOR.join("" if v is None else str(v)
                                                            for v in values) or None)
        elif isinstance(value, dict):
            for sub, subvalue in value.items():
                row[f"{key}_{sub}"] = _scalar(subvalue)
        else:
            row[key] = _scalar(value)
    return row


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value)) if all(
            isinstance(v, (str, int, float)) for v in value) else json.dumps(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def columns_for(codebooks: Sequence[Codebook], rows: Iterable[dict[str, Any]] = ()) -> list[str]:
    """Core columns, each codebook's own columns, then any others seen in ``rows``."""
    columns = list(CORE_COLUMNS)
    for codebook in codebooks:
        columns += [c for c in codebook.flat_columns() if c not in columns]
    for row in rows:
        columns += [c for c in row if c not in columns]
    return columns


def to_frame(events: list[dict[str, Any]], codebooks: Sequence[Codebook] = ()) -> pd.DataFrame:
    rows = [flatten(e) for e in events]
    import pandas as pd
    return pd.DataFrame(rows, columns=columns_for(codebooks, rows))


def documents_from_frame(frame: pd.DataFrame, text_column: str = "text", id_column: str = "id",
                         date: str | None = None, source: str | None = None) -> list[Document]:
    """Documents from a DataFrame; columns other than id/text/date/source become metadata."""
    if text_column not in frame.columns:
        raise KeyError(f"the DataFrame has no {text_column!r} column "
                       f"(columns: {', '.join(map(str, frame.columns))})")
    reserved = {text_column, id_column, "date", "source"}
    documents = []
    for number, row in enumerate(frame.to_dict("records")):
        meta = {k: v for k, v in row.items() if k not in reserved and not _missing(v)}
        documents.append(Document(
            id=str(row[id_column]) if id_column in row and not _missing(row[id_column])
            else str(number),
            text="" if _missing(row[text_column]) else str(row[text_column]),
            date=str(row["date"])[:10] if not _missing(row.get("date")) else date,
            source=str(row["source"]) if not _missing(row.get("source")) else source,
            meta=meta))
    return documents


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)
