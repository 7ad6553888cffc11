"""Self-contained HTML reports for ``bench`` and ``compare``: inline CSS and SVG only."""
from __future__ import annotations

from html import escape
from typing import Any, Sequence

import pandas as pd

from .score import NONE_LABEL
from .svg import bars, heatmap

LISTING_LIMIT = 300  # records shown in a disagreement listing (the CSV has them all)
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.6em}h2{border-bottom:2px solid #1f5ea8;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eef3fa}td.num{text-align:right}
.axis{font-size:11px;fill:#333}.cell{font-size:10px}
.listing td{max-width:420px}.listing .text{font-size:.85em;color:#444}
.meta{color:#666;font-size:.9em}
"""


def page(title: str, body: Sequence[str]) -> str:
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{escape(title)}</h1>" + "".join(body) + "</body></html>")


def table(frame: pd.DataFrame, css: str = "", index: bool = False) -> str:
    if frame.empty:
        return "<p>(none)</p>"
    frame = frame.astype(object).where(frame.notna(), "")  # None prints as blank, not "None"
    return frame.to_html(index=index, escape=True, border=0, classes=css or None,
                         na_rep="", float_format=lambda v: f"{v:.4g}")


def key_values(items: dict[str, Any]) -> str:
    rows = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape(str(v))}</td></tr>"
                   for k, v in items.items())
    return f"<table>{rows}</table>"


def bench_report(results) -> str:
    """One section per benchmarked codebook."""
    body = []
    for result in results:
        data = result.to_dict()
        score = result.main
        body.append(f"<h2>{escape(result.codebook)} ({escape(score.scorer)} scorer)</h2>")
        body.append(f'<p class="meta">gold: {escape(", ".join(result.gold))}'
                    f'{"; dictionaries: " + escape(result.dictionaries) if result.dictionaries else ""}</p>')
        body.append(key_values({
            "records": data["records"], **{k: v for k, v in data["events"].items()},
            "no-event records correct": f"{data['no_event']['correct']}/{data['no_event']['n']}",
            "candidate recall": (data["candidate_recall"] or {}).get("recall", "n/a"),
            "seconds": data["seconds"], "records/s": data["records_per_second"],
            "spaCy seconds": data["nlp_seconds"]}))
        fields = pd.DataFrame([{"field": k, **v} for k, v in data["fields"].items()])
        if not fields.empty:
            body.append("<h3>Fields: each gold event against its best-matching coded "
                        "event (a missed event counts as wrong)</h3>")
            body.append(bars(fields.set_index("field")["accuracy"], "field accuracy"))
            body.append(table(fields))
        if data["measures"]:
            body.append(table(pd.DataFrame([{"measure": k, **v}
                                            for k, v in data["measures"].items()])))
        categories = score.by_category[score.by_category["category"] != NONE_LABEL]
        if not categories.empty:  # gold without categories has nothing to break down
            body.append("<h3>By category</h3>")
            body.append(bars(score.by_category.set_index("category")["f1"], "F1 by category"))
            body.append(table(score.by_category))
        if not score.confusion.empty:
            body.append("<h3>Confusion matrix (gold rows, predicted columns)</h3>")
            body.append(heatmap(score.confusion, f"{result.codebook} confusion matrix"))
        if not score.by_label.empty:
            body.append("<h3>By gold label</h3>")
            body.append(table(score.by_label))
        body.append("<h3>Records with errors: the wrong fields, gold and prediction</h3>")
        body.append(listing(score.errors, ["wrong_fields", "gold", "predicted"]))
    return page("eventcoder benchmark", body)


def compare_report(comparison) -> str:
    data = comparison.to_dict()
    body = [f"<p>{data['records']} records; Krippendorff's alpha over all coders: "
            f"<b>{data['alpha']}</b></p>", "<h2>Coders</h2>",
            table(pd.DataFrame(data["coders"])), "<h2>Pairwise agreement</h2>",
            table(pd.DataFrame([{k: v for k, v in p.items() if k != "events"}
                                for p in data["pairs"]]))]
    body.append(bars(pd.Series({f"{p['a']} vs {p['b']}": p["f1"] for p in data["pairs"]}),
                     "event F1 per pair"))
    for pair in comparison.pairs:
        labels = comparison.labels
        body.append(f"<h2>{escape(pair.a)} vs {escape(pair.b)}</h2>")
        if pair.a in labels and pair.b in labels:
            counts = pd.crosstab(labels[pair.a], labels[pair.b])
            body.append("<h3>Record labels (rows: " + escape(pair.a) + ", columns: "
                        + escape(pair.b) + ")</h3>")
            body.append(heatmap(_square(counts), f"{pair.a} vs {pair.b} record labels"))
        body.append("<h3>Records where they disagree</h3>")
        body.append(listing(pair.disagreements, [pair.a, pair.b]))
    return page("eventcoder comparison", body)


def _square(counts: pd.DataFrame) -> pd.DataFrame:
    labels = sorted(set(counts.index) | set(counts.columns))
    return counts.reindex(index=labels, columns=labels, fill_value=0)


def listing(frame: pd.DataFrame, sides: Sequence[str]) -> str:
    """Each record: id, its sentence, and the two codings side by side."""
    if frame.empty:
        return "<p>(none)</p>"
    head = "".join(f"<th>{escape(str(c))}</th>" for c in ["id", *sides, "text"])
    rows = []
    for row in frame.head(LISTING_LIMIT).to_dict("records"):
        cells = [escape(str(row["id"]))] + [
            "<br>".join(escape(part) for part in str(row[s]).split("; ")) for s in sides]
        cells.append(f'<span class="text">{escape(str(row.get("text") or ""))}</span>')
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    more = (f'<p class="meta">{len(frame) - LISTING_LIMIT} more in the CSV '
            "(--errors / --disagreements).</p>" if len(frame) > LISTING_LIMIT else "")
    return f'<table class="listing"><tr>{head}</tr>{"".join(rows)}</table>{more}'
