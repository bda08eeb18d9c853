"""casefile's own ORM session class, the one every unit of work opens.

Flush and execute listeners (the search index, the history recorder) attach to this class,
never to every SQLAlchemy ``Session`` in the process. It lives alone so that the modules
with listeners and :mod:`casefile.storage.database`, which opens the sessions, need not
import each other.
"""

from __future__ import annotations

from sqlmodel import Session


class CasefileSession(Session):
    """casefile's own session: listeners attach here, not to every Session."""
