"""Put on PYTHONPATH to run casefile with every network socket refused and recorded.

Each attempt is appended to the file named by ``CASEFILE_NETLOG`` and raises, so the
test sees it even if the program swallowed the error.
"""

import os
import socket
import sys

_INET = (socket.AF_INET, socket.AF_INET6)
_LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr")


def _refuse(event, args):
    if (event == "socket.__new__" and len(args) > 1 and args[1] in _INET) or event in _LOOKUPS:
        with open(os.environ["CASEFILE_NETLOG"], "a", encoding="utf-8") as log:
            log.write(f"{event} {args!r}\n")
        raise OSError(f"network refused by the test guard: {event}")


sys.addaudithook(_refuse)
