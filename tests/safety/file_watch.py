"""Waiting for a file to grow while a process writes it: woken by the kernel, never by a timer.

inotify reports each write to a file in the folder and a pidfd reports the process's end,
so the test looks at the file exactly when it changed and stops as soon as the writer is gone.
"""

from __future__ import annotations

import ctypes
import os
import select
import subprocess
import time
from pathlib import Path

_IN_MODIFY = 0x00000002
_IN_CREATE = 0x00000100


def wait_for_size(path: Path, at_least: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> bool:
    """True once ``path`` holds ``at_least`` bytes while ``proc`` runs; False if ``proc`` ends first."""
    libc = ctypes.CDLL(None, use_errno=True)
    events = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    if events < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1 failed")
    ended = os.pidfd_open(proc.pid)
    try:
        # Watch first, then look: a write between the two still wakes the select below.
        if libc.inotify_add_watch(events, os.fsencode(path.parent), _IN_MODIFY | _IN_CREATE) < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {path.parent}")
        deadline = time.monotonic() + timeout
        while True:
            if path.exists() and path.stat().st_size >= at_least:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{path.name} did not reach {at_least} bytes in {timeout} s")
            ready, _, _ = select.select([events, ended], [], [], remaining)
            if ended in ready:
                return False
            while True:  # drain what the kernel queued; the next look is at the file itself
                try:
                    os.read(events, 65536)
                except BlockingIOError:
                    break
    finally:
        os.close(ended)
        os.close(events)
