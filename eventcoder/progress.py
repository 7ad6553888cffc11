"""Progress of a coding run: a bar on stderr and, on request, a log of timed lines.

The rate is documents per second over the last two minutes, measured up to *now* (not up
to the last update) and counted from the first finished document (loading the model in the
workers is not coding), so it neither spikes when two batches land together nor freezes
between them; the ETA is the documents left at that rate.
"""
from __future__ import annotations

import bisect
import sys
import threading
import time
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                           TextColumn, TimeElapsedColumn)
from rich.text import Text

WINDOW_SECONDS = 120.0  # the rate is averaged over this much recent time
LOG_EVERY_SECONDS = 5.0  # one --progress-log line this often


class RateMeter:
    """Documents done over time; ``rate()`` over the trailing window, ``eta()`` from it."""

    def __init__(self, total: int | None = None, clock=time.monotonic):
        self.total = total
        self.clock = clock
        self.started = clock()
        self.first: float | None = None  # when the first documents were done
        self.times = [self.started]
        self.counts = [0]
        self._lock = threading.Lock()

    @property
    def done(self) -> int:
        return self.counts[-1]

    def add(self, documents: int) -> None:
        with self._lock:
            self.times.append(self.clock())
            self.counts.append(self.counts[-1] + documents)
            if self.first is None:
                self.first = self.times[-1]

    def rate(self, now: float | None = None) -> float:
        """Documents per second done after ``now - WINDOW_SECONDS`` (at the earliest, after
        the first documents were done) until now; 0 before that."""
        now = self.clock() if now is None else now
        if self.first is None:
            return 0.0
        since = max(self.first, now - WINDOW_SECONDS)
        with self._lock:
            before = bisect.bisect_right(self.times, since) - 1  # last sample at or before
            done_then, done_now = self.counts[max(before, 0)], self.counts[-1]
        elapsed = now - since
        return (done_now - done_then) / elapsed if elapsed > 0 else 0.0

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left at the current rate; None without a total or a rate."""
        rate = self.rate(now)
        if self.total is None or rate <= 0:
            return None
        return max(self.total - self.done, 0) / rate


def clock_text(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class _RateColumn(ProgressColumn):
    def __init__(self, meter: RateMeter):
        super().__init__()
        self.meter = meter

    def render(self, task) -> Text:
        return Text(f"{self.meter.rate():,.1f} docs/s  ETA {clock_text(self.meter.eta())}",
                    style="progress.data.speed")


class CodingProgress:
    """``with CodingProgress(enabled, total, log=path) as bar: bar.advance(n)``.

    The bar is off when stderr is not a terminal (piped, redirected, CI) or with
    ``--quiet``, so captured output never fills with redraws; ``log`` writes a line
    (elapsed, done, total, rate, ETA) every LOG_EVERY_SECONDS, and at the end a line with
    the true rates (whole run; from the first document done), terminal or not.
    ``advance`` may be called from any thread.
    """

    def __init__(self, enabled: bool, total: int | None = None, log: Path | None = None):
        self.meter = RateMeter(total)
        self._progress = Progress(
            TextColumn("coding"), BarColumn(), MofNCompleteColumn(), _RateColumn(self.meter),
            TimeElapsedColumn(), console=Console(stderr=True), transient=False,
        ) if enabled else None
        self._task = self._progress.add_task("coding", total=total) if enabled else None
        self._log_path = log
        self._log: IO | None = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    @staticmethod
    def wanted(quiet: bool) -> bool:
        return not quiet and sys.stderr.isatty()

    def __enter__(self) -> "CodingProgress":
        self.meter.started = self.meter.times[0] = self.meter.clock()
        if self._log_path is not None:
            self._log = open(self._log_path, "w", encoding="utf-8")  # noqa: SIM115
            self._log.write("elapsed_s\tdone\ttotal\trate_docs_s\teta_s\n")
            self._ticker = threading.Thread(target=self._log_every, daemon=True,
                                            name="eventcoder-progress-log")
            self._ticker.start()
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
        if self._log is not None:
            self._stop.set()
            self._ticker.join()
            self._write_line(final=True)
            self._log.close()

    def advance(self, documents: int) -> None:
        if not documents:
            return
        self.meter.add(documents)
        if self._progress is not None:
            self._progress.advance(self._task, documents)

    def _log_every(self) -> None:
        """A line every LOG_EVERY_SECONDS, moving or not: what the bar shows over time."""
        while not self._stop.wait(LOG_EVERY_SECONDS):
            self._write_line()

    def _write_line(self, final: bool = False) -> None:
        """elapsed, done, total, the bar's rate and ETA; at the end, the true rates too."""
        now = self.meter.clock()
        elapsed = now - self.meter.started
        rate, eta, note = self.meter.rate(now), self.meter.eta(now), ""
        if final:
            coding = now - (self.meter.first or now)
            note = (f"\tfinal: whole run {self.meter.done / elapsed if elapsed > 0 else 0:.2f} "
                    f"docs/s, from the first document "
                    f"{self.meter.done / coding if coding > 0 else 0:.2f} docs/s")
        self._log.write(f"{elapsed:.1f}\t{self.meter.done}\t{self.meter.total or ''}\t"
                        f"{rate:.2f}\t{'' if eta is None else f'{eta:.0f}'}{note}\n")
        self._log.flush()
