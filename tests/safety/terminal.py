"""Run casefile on a pseudo-terminal and answer its hidden prompts (for passphrase tests)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import termios
import time
from dataclasses import dataclass


@dataclass
class TerminalRun:
    exit_code: int
    output: str
    prompts: int


def _echo_is_off(master: int) -> bool:
    """True once the program has switched echo off (a hidden prompt is really waiting)."""
    return not termios.tcgetattr(master)[3] & termios.ECHO


def _child_setup() -> None:
    import fcntl

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # make the pty our controlling terminal (/dev/tty)


def run_in_terminal(
    args: list[str], answers: list[str], env: dict[str, str], timeout: float = 60
) -> TerminalRun:
    """Start ``casefile ARGS`` on a pty; type each answer after each prompt that ends in ': '."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "casefile", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=_child_setup,
        close_fds=True,
    )
    os.close(slave)
    output = b""
    pending = list(answers)
    prompts = 0
    deadline = time.monotonic() + timeout
    try:
        while True:
            waiting_for_prompt = output.endswith(b": ") and bool(pending)
            ready, _, _ = select.select([master], [], [], 0.02 if waiting_for_prompt else timeout)
            if not ready:
                if waiting_for_prompt and _echo_is_off(master):
                    prompts += 1
                    os.write(master, pending.pop(0).encode() + b"\n")
                    continue
                if waiting_for_prompt and time.monotonic() < deadline:
                    continue
                raise TimeoutError(f"casefile waited silently: {output!r}")
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
            if output.endswith(b": ") and pending and _echo_is_off(master):
                prompts += 1
                os.write(master, pending.pop(0).encode() + b"\n")
    finally:
        os.close(master)
    return TerminalRun(proc.wait(timeout=timeout), output.decode("utf-8", "replace"), prompts)
