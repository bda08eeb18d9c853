"""Where casefile keeps its files, and how it creates them owner-only."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "CASEFILE_DB"
DB_FILENAME = "casefile.db"


def data_dir() -> Path:
    """The user's casefile data folder (platformdirs), not created."""
    import platformdirs

    return Path(platformdirs.user_data_path("casefile"))


def default_db_path() -> Path:
    """The default case file: ``casefile.db`` in the user's data folder."""
    return data_dir() / DB_FILENAME


def private_umask() -> None:
    """Make every file this process creates owner-only, whatever the inherited umask."""
    os.umask(0o077)


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) as 0700 if missing."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)


def ensure_private_file(path: Path) -> None:
    """Create ``path`` empty as 0600 if missing; tighten its mode if present."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
