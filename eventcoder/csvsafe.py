"""The one CSV writer: every CSV the project writes (code outputs, errors files, bench and
compare side files, ACLED exports) goes through ``SafeWriter``.

A cell a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``@SUM(1)``,
``=cmd|' /C calc'!A0``) is prefixed with a quote; numbers and CAMEO's dash codes stay as
they are. Rows end in CRLF, as RFC 4180 says: with "\\n" alone, Python's csv leaves a bare
"\\r" in a cell unquoted, and every reader then splits the row there.
"""
from __future__ import annotations

import csv
import re
from typing import IO, Any, Iterable, Sequence

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Left as they are: numbers ("-1.5") and CAMEO's dash codes ("---GOV"); neither can run.
INERT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|-+[A-Za-z0-9]*")
CSV_LINE_END = "\r\n"


def neutralise(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula (=, +, -, @, tab, CR) with a quote.

    Only strings: numbers stay numbers, and so does text that is a number or a dash code."""
    if (isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
            and not INERT.fullmatch(value)):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` with CRLF rows whose cells are neutralised (unless ``safe=False``,
    the command line's ``--no-csv-safe``)."""

    def __init__(self, stream: IO, safe: bool = True):
        self._writer = csv.writer(stream, lineterminator=CSV_LINE_END)
        self.safe = safe

    def writerow(self, cells: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(c) if self.safe else c for c in cells])


class SafeDictWriter:
    """``csv.DictWriter`` over ``SafeWriter``: one row per mapping, ``columns`` in order,
    missing keys empty, extra keys left out."""

    def __init__(self, stream: IO, columns: Sequence[str], safe: bool = True):
        self.columns = list(columns)
        self._writer = SafeWriter(stream, safe)

    def writeheader(self) -> None:
        self._writer.writerow(self.columns)

    def writerow(self, row: dict[str, Any]) -> None:
        self._writer.writerow("" if row.get(c) is None else row[c] for c in self.columns)


def write_frame(frame, stream: IO, safe: bool = True) -> int:
    """A pandas DataFrame as CSV (header, then one row per record; NaN and None empty)."""
    writer = SafeWriter(stream, safe)
    writer.writerow(map(str, frame.columns))
    count = 0
    for record in frame.itertuples(index=False, name=None):
        writer.writerow("" if _missing(value) else value for value in record)
        count += 1
    return count


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN
