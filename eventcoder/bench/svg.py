"""Inline SVG charts for the HTML report: a heatmap and horizontal bars. No network, no JS."""
from __future__ import annotations

from html import escape

import pandas as pd

CELL = 30
CHAR_WIDTH = 6.6  # px per character of an 11px label


def label_room(labels) -> int:
    """Pixels the longest label needs (at least 40)."""
    return int(max([40] + [len(str(label)) * CHAR_WIDTH + 12 for label in labels]))


def heatmap(frame: pd.DataFrame, title: str) -> str:
    """Counts as shaded cells: rows = ``frame.index`` (gold), columns = predicted."""
    if frame.empty:
        return "<p>(no events)</p>"
    rows, cols = list(frame.index), list(frame.columns)
    left = label_room(rows)
    top = int(label_room(cols) * 0.87)  # column labels are turned 60 degrees
    width = left + CELL * len(cols) + int(label_room(cols) * 0.5) + 10
    height = top + CELL * len(rows) + 10
    peak = max(int(frame.values.max()), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" width="{width}" '
             f'height="{height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for j, col in enumerate(cols):
        x = left + j * CELL + CELL / 2
        parts.append(f'<text x="{x}" y="{top - 6}" transform="rotate(-60 {x} {top - 6})" '
                     f'class="axis">{escape(str(col))}</text>')
    for i, row in enumerate(rows):
        y = top + i * CELL
        parts.append(f'<text x="{left - 6}" y="{y + CELL * 0.65}" text-anchor="end" '
                     f'class="axis">{escape(str(row))}</text>')
        for j, col in enumerate(cols):
            count = int(frame.loc[row, col])
            shade = count / peak
            fill = f"rgba(31,94,168,{0.08 + 0.92 * shade:.3f})" if count else "#f6f6f6"
            stroke = ' stroke="#c0392b" stroke-width="2"' if row == col and count else ""
            x = left + j * CELL
            parts.append(f'<rect x="{x}" y="{y}" width="{CELL - 1}" height="{CELL - 1}" '
                         f'fill="{fill}"{stroke}><title>gold {escape(str(row))}, predicted '
                         f'{escape(str(col))}: {count}</title></rect>')
            if count:
                colour = "#fff" if shade > 0.5 else "#222"
                parts.append(f'<text x="{x + CELL / 2}" y="{y + CELL * 0.65}" '
                             f'text-anchor="middle" fill="{colour}" class="cell">{count}</text>')
    parts.append("</svg>")
    return "".join(parts) + legend(peak)


def legend(peak: int) -> str:
    """The heatmap's colour scale: blank is 0, the darkest blue is ``peak``; a red outline
    marks agreement (gold label = predicted label)."""
    steps = 5
    width, height = 32, 14
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="legend" '
             f'width="{steps * width + 260}" '
             f'height="{height + 20}" role="img" aria-label="colour scale">',
             '<rect x="0" y="0" width="31" height="14" fill="#f6f6f6"/>'
             '<text x="16" y="28" text-anchor="middle" class="axis">0</text>']
    for n in range(1, steps):
        count = max(1, round(peak * n / (steps - 1)))
        shade = count / peak
        x = n * width
        parts.append(f'<rect x="{x}" y="0" width="{width - 1}" height="{height}" '
                     f'fill="rgba(31,94,168,{0.08 + 0.92 * shade:.3f})"/>'
                     f'<text x="{x + width / 2}" y="{height + 14}" text-anchor="middle" '
                     f'class="axis">{count}</text>')
    x = steps * width + 10
    parts.append(f'<rect x="{x}" y="0" width="{width - 1}" height="{height}" fill="#fff" '
                 f'stroke="#c0392b" stroke-width="2"/><text x="{x + width + 6}" y="11" '
                 'class="axis">gold label = predicted label</text></svg>')
    return f'<p class="meta">events per cell:</p>{"".join(parts)}'


def bars(values: pd.Series, title: str, maximum: float = 1.0) -> str:
    """One horizontal bar per label (e.g. F1 per category), value printed at its end."""
    if values.empty:
        return "<p>(nothing to plot)</p>"
    bar_width, row = 320, 22
    left = label_room(values.index)
    width, height = left + bar_width + 60, row * len(values) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" width="{width}" '
             f'height="{height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for i, (label, value) in enumerate(values.items()):
        y = 5 + i * row
        length = bar_width * (float(value) / maximum if maximum else 0.0)
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" '
                     f'class="axis">{escape(str(label))}</text>'
                     f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{row - 6}" '
                     f'fill="#1f5ea8"><title>{escape(str(label))}: {value:.3f}</title></rect>'
                     f'<text x="{left + length + 4:.1f}" y="{y + 14}" class="axis">'
                     f'{value:.3f}</text>')
    parts.append("</svg>")
    return "".join(parts)
