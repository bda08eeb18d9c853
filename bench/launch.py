"""Start one process, wait for it, and write its wall time and peak RSS as JSON.

``python -S bench/launch.py RESULT.json TIMEOUT -- ARGV...``. The benchmark starts every
measured process through this small launcher because on Linux a child's ``ru_maxrss``
includes the memory of the process it was forked from: forked straight from the
benchmark (which holds the generated case in memory) every child would report the
benchmark's size. Forked from this tiny process, the figure is the child's own.
A child still running after TIMEOUT seconds (0: none) is killed and reported as such.
"""

import json
import os
import signal
import sys
import time


def main() -> None:
    result, timeout, sep, *argv = sys.argv[1:]
    if sep != "--" or not argv:
        raise SystemExit("usage: launch.py RESULT.json TIMEOUT -- ARGV...")
    timed_out = []
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ)

    def kill(_signum: int, _frame: object) -> None:
        timed_out.append(True)
        os.kill(pid, signal.SIGKILL)

    if float(timeout) > 0:
        signal.signal(signal.SIGALRM, kill)
        signal.setitimer(signal.ITIMER_REAL, float(timeout))
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    signal.setitimer(signal.ITIMER_REAL, 0)
    with open(result, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "seconds": seconds,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "maxrss_kib": usage.ru_maxrss,
                "exit": os.waitstatus_to_exitcode(status),
                "timed_out": bool(timed_out),
            },
            handle,
        )


if __name__ == "__main__":
    main()
