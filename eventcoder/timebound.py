"""A time limit on coding one document, so one pathological text cannot stall a batch.

POSIX interval timer (SIGALRM) in the main thread: that is where ``eventcoder code`` codes
(in this process or in each worker process). Elsewhere (Windows, a Dask worker's thread)
there is no limit, and the limits inside (token REGEX time, chunk sizes) still hold.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

DOCUMENT_SECONDS = 300.0  # a 1 MB page codes in well under a minute


class DocumentTimeout(Exception):
    """Coding one document ran past its limit."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in this block after ``seconds`` (None: no limit)."""
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):  # someone else's timer runs
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(f"coding took longer than {seconds:g} s and was stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
