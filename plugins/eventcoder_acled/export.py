"""ACLED CSV out and in: the ``acled-csv`` output format (exactly ACLED's 31 export columns)
and ``read_acled``, which loads real ACLED exports of every layout into the same columns so a
coder's output and ACLED's own coding can be compared row for row.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Iterable

from eventcoder.csvsafe import SafeWriter
from eventcoder.errors import InputError, Problem
from eventcoder.formats import OutputFormat, WriteContext
from eventcoder.hookspecs import hookimpl

from .columns import columns, group, table
from .places.lookup import gazetteer


def inter_text(code: int | None) -> str:
    return table()["inter_codes"].get(int(code), "") if code else ""


def interaction_text(code: int | None) -> str:
    """12 -> "State forces-Rebel group", 60 -> "Protesters only" (ACLED's text form)."""
    if not code:
        return ""
    first, second = divmod(int(code), 10)
    return f"{inter_text(first)} only" if second == 0 else \
        f"{inter_text(first)}-{inter_text(second)}"


def inter_code(value: Any) -> int | None:
    """Numeric inter code from a number, "2", "Rebel group" or a legacy "Rebel Groups"."""
    if value is None or value == "" or value != value:  # NaN
        return None
    text = str(value).strip()
    if text.lstrip("-").isdigit():
        return int(text)
    return _inter_names().get(_fold(text))


def interaction_code(value: Any) -> int | None:
    """Numeric interaction from 17, "State forces-Civilians" or "Protesters only"."""
    code = inter_code(value)
    if code is not None or value is None or str(value).strip() == "" or value != value:
        return code
    text = str(value).strip()
    if text.lower().endswith(" only"):
        single = inter_code(text[: -len(" only")])
        return single * 10 if single else None
    for cut in range(1, len(text)):  # "External/Other forces-Civilians": split at the right dash
        if text[cut] == "-":
            left, right = inter_code(text[:cut]), inter_code(text[cut + 1:])
            if left and right:
                return 10 * min(left, right) + max(left, right)
    return None


@lru_cache(maxsize=1)
def _inter_names() -> dict[str, int]:
    names = {_fold(text): int(code) for code, text in table()["inter_codes"].items()}
    names.update({_fold(text): int(code) for text, code in table()["inter_aliases"].items()})
    return names


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("(", " ").replace(")", " ").split()).rstrip("s")


def _timestamp(stamp: Any, event_date: Any) -> int | None:
    """ACLED's row timestamp: the one given (option or SOURCE_DATE_EPOCH), else midnight UTC
    of the event date, so the same input always gives the same bytes."""
    if stamp:
        return int(stamp)
    if not event_date:
        return None
    day = dt.date.fromisoformat(str(event_date)[:10])
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


# -- writing --------------------------------------------------------------------------------
def acled_rows(events: Iterable[dict[str, Any]], options: dict[str, Any] | None = None
               ) -> Iterable[dict[str, Any]]:
    """One row of the 31 columns per event; ids are ISO3 plus a per-country running number."""
    options = options or {}
    textual = options.get("acled_inter", "numeric") == "text"
    counters: dict[str, int] = defaultdict(int)
    stamp = options.get("acled_timestamp") or os.environ.get("SOURCE_DATE_EPOCH")
    for event in events:
        row = {name: event.get(name) for name in columns()}
        if isinstance(row["location"], dict):  # the core location object holds the name
            row["location"] = row["location"].get("location")
        iso3 = _iso3(event)
        counters[iso3] += 1
        row["event_id_cnty"] = event.get("event_id_cnty") or f"{iso3}{counters[iso3]}"
        row["event_date"] = row["event_date"] or event.get("date")
        row["year"] = row["year"] or (int(str(row["event_date"])[:4])
                                      if row["event_date"] else None)
        row["notes"] = row["notes"] or event.get("event_text")
        row["source"] = row["source"] or (event.get("cite_info") or {}).get("source")
        row["fatalities"] = row["fatalities"] if row["fatalities"] is not None else 0
        row["timestamp"] = row["timestamp"] or _timestamp(stamp, row["event_date"])
        if iso3 != "XXX":
            row["iso"] = row["iso"] or gazetteer().numeric.get(iso3)
            row["region"] = row["region"] or gazetteer().region_of.get(iso3)
            row["country"] = row["country"] or gazetteer().country_name.get(iso3)
        for name in group("list_columns"):
            if isinstance(row[name], (list, tuple)):
                row[name] = "; ".join(str(v) for v in row[name] if v)
        if textual:
            row["inter1"], row["inter2"] = inter_text(row["inter1"]), inter_text(row["inter2"])
            row["interaction"] = interaction_text(row["interaction"])
        elif row["inter2"] is None and row["inter1"] is not None:
            row["inter2"] = 0
        yield row


def _iso3(event: dict[str, Any]) -> str:
    gz = gazetteer()
    found = event.get("iso3") or gz.iso3(event.get("country"))
    if not found and event.get("iso"):
        found = next((c for c, n in gz.numeric.items() if n == int(event["iso"])), None)
    return found or "XXX"


def write_acled_csv(events: Iterable[dict[str, Any]], stream: IO, ctx: WriteContext) -> int:
    """Write ACLED's 31 export columns; text a spreadsheet would run as a formula is quoted."""
    safe = ctx.options.get("csv_safe", True)
    writer = SafeWriter(stream, safe)
    writer.writerow(columns())
    count = 0
    for row in acled_rows(events, ctx.options):
        writer.writerow(["" if row[c] is None else row[c] for c in columns()])
        count += 1
    return count


def events_frame(events: Iterable[dict[str, Any]], options: dict[str, Any] | None = None):
    """A coder's events as the DataFrame ``read_acled`` returns for ACLED's files."""
    import pandas as pd
    rows = list(acled_rows(events, {**(options or {}), "acled_inter": "numeric"}))
    return _typed(pd.DataFrame(rows, columns=columns()))


@hookimpl(specname="register_output_formats")
def register_acled_csv(register) -> None:
    register(OutputFormat("acled-csv", ".csv", write_acled_csv, description=(
        "ACLED's 31 export columns in order (inter codes numeric, or text with "
        "acled_inter=text)")))


# -- reading --------------------------------------------------------------------------------
def read_acled(path: str | Path):
    """Load an ACLED export (2020 API, 2024 export with text inter codes and one row per
    actor, legacy upper-case, HXL, trimmed subsets) as the 31 current columns: numeric inter
    codes, event_date as YYYY-MM-DD, one row per event."""
    import pandas as pd
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise InputError(Problem(f"not a readable ACLED CSV: {err}", file=str(path))) from err
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    if len(raw) and str(raw.iloc[0, 0]).startswith("#"):  # HXL hashtag row
        raw = raw.iloc[1:]
    raw = raw.rename(columns={k: v for k, v in table()["renames"].items()
                              if k in raw.columns and v not in raw.columns})
    if "notes" not in raw.columns and "event_type" not in raw.columns:
        raise InputError(Problem("no event_type or notes column: not an ACLED export",
                                 file=str(path), line=1))
    frame = raw.reindex(columns=columns()).replace({"": None})
    frame["event_date"] = [_iso_date(v, path, n) for n, v in
                           enumerate(frame["event_date"], start=2)]
    frame["inter1"] = frame["inter1"].map(inter_code)
    frame["inter2"] = frame["inter2"].map(inter_code)
    frame["interaction"] = frame["interaction"].map(interaction_code)
    if "actor2" not in raw.columns and frame["event_id_cnty"].notna().any():
        frame = _merge_actor_rows(frame)
    return _fill_geography(_typed(frame))


@hookimpl
def read_gold(path: Path):
    """An ACLED export as gold for ``eventcoder bench``/``compare``: each event's notes are
    the text, its columns the expected event; None for any other file."""
    from eventcoder.bench.gold import GoldRecord
    if path.suffix.lower() != ".csv" or not _is_acled_export(path):
        return None
    frame = read_acled(path)
    records, seen = [], set()
    for number, row in enumerate(frame.to_dict("records")):
        event = {name: _plain(row.get(name)) for name in group("gold_columns")}
        key = event["event_id_cnty"] or f"{path.name}#{number}"
        key = f"{key}#{number}" if key in seen else key  # a repeated id: rows kept apart
        seen.add(key)
        records.append(GoldRecord(id=key, text=_plain(row.get("notes")) or "",
                                  events=[event], codebook="acled",
                                  meta={"file": path.name}, origin=f"{path}#{number}"))
    return records


def _is_acled_export(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = {c.strip().lower() for c in next(csv.reader(handle), [])}
    return "notes" in header and "event_type" in header


def _plain(value: Any) -> Any:
    """A DataFrame cell as plain JSON: None for missing, int for nullable integers."""
    import pandas as pd
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return int(value) if hasattr(value, "item") and not isinstance(value, float) else value


def _iso_date(value: Any, path: Path, line: int) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    for fmt in group("date_formats"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise InputError(Problem(f"unrecognised event_date {text!r}", file=str(path), line=line,
                             field="event_date"))


def _merge_actor_rows(frame):
    """The "one row per actor" layout: the second row of an event id is its actor 2."""
    import pandas as pd
    merged = []
    for _, rows in frame.groupby("event_id_cnty", sort=False, dropna=False):
        first = rows.iloc[0].copy()
        if len(rows) > 1:
            second = rows.iloc[1]
            first["actor2"], first["assoc_actor_2"] = second["actor1"], second["assoc_actor_1"]
            first["inter2"] = second["inter1"]
        elif pd.notna(first["inter1"]):
            first["inter2"] = 0
        merged.append(first)
    return pd.DataFrame(merged, columns=frame.columns).reset_index(drop=True)


def _fill_geography(frame):
    """Country, iso and region a trimmed subset left out, from its admin1 and country."""
    gz = gazetteer()
    missing = frame["country"].isna() & frame["admin1"].notna()
    if missing.any():
        units = {a: gz.resolve_unit(a) for a in frame.loc[missing, "admin1"].unique()}
        frame.loc[missing, "country"] = frame.loc[missing, "admin1"].map(
            lambda a: units[a].country if units[a] else None)
    iso3 = frame["country"].map(lambda c: gz.iso3(c) if isinstance(c, str) else None)
    frame["iso"] = frame["iso"].fillna(iso3.map(gz.numeric).astype("Int64"))
    frame["region"] = frame["region"].fillna(iso3.map(gz.region_of).astype("string"))
    return frame


def _typed(frame):
    """Integers as nullable Int64, coordinates as float, the rest as strings."""
    import pandas as pd
    integers, coordinates = group("integer_columns"), group("coordinate_columns")
    for name in frame.columns:
        if name not in integers and name not in coordinates:
            frame[name] = frame[name].astype("string")
    for name in integers:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
    for name in coordinates:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    if frame["year"].isna().any():
        years = pd.to_numeric(frame["event_date"].str[:4], errors="coerce").astype("Int64")
        frame["year"] = frame["year"].fillna(years)
    return frame.reset_index(drop=True)
