"""Worker processes end when the process that started them dies.

A ``kill -9`` of ``eventcoder code --workers N`` leaves its pool's processes with no one to
send them work or read their results; without this they would code on, or wait, for ever.
Each worker watches the sentinel ``multiprocessing`` gives every child for its parent (a
pipe that reads end-of-file once the parent is gone, on every platform) in a daemon thread,
and exits at once when it fires. (Linux's PR_SET_PDEATHSIG is not used: it fires when the
parent *thread* that started the worker ends, which a library caller's thread may do.)
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import wait

ORPHANED_EXIT = 70  # EX_SOFTWARE: the worker did not finish its work


def end_with_parent() -> None:
    """In a child process: exit as soon as the parent process is gone."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    threading.Thread(target=_exit_when_gone, args=(parent.sentinel,), daemon=True,
                     name="eventcoder-parent-watch").start()


def _exit_when_gone(sentinel: int) -> None:
    wait([sentinel])
    os._exit(ORPHANED_EXIT)  # no cleanup to run: results go only to the (dead) parent
