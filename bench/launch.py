"""Start one process, wait for it, and write its wall time and peak RSS as JSON.

``python -S bench/launch.py RESULT.json -- ARGV...``. The benchmark starts every
measured process through this small launcher because on Linux a child's ``ru_maxrss``
includes the memory of the process it was forked from: forked straight from the
benchmark (which holds the generated case in memory) every child would report the
benchmark's size. Forked from this tiny process, the figure is the child's own.
"""

import json
import os
import sys
import time


def main() -> None:
    result, sep, *argv = sys.argv[1:]
    if sep != "--" or not argv:
        raise SystemExit("usage: launch.py RESULT.json -- ARGV...")
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(result, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "seconds": seconds,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "maxrss_kib": usage.ru_maxrss,
                "exit": os.waitstatus_to_exitcode(status),
            },
            handle,
        )


if __name__ == "__main__":
    main()
