"""What ``check`` reports: one problem per finding."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem ``check`` found: a code, the record's handle and a sentence."""

    code: str
    handle: str
    message: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)
