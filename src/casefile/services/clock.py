"""Identity and time for new records (kept here for services; the helpers live in ``casefile.clock``)."""

from __future__ import annotations

from casefile.clock import new_id as new_id
from casefile.clock import now_iso as now_iso
