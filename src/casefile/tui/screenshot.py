"""Save a screenshot of the TUI where the user can find it, or say why it cannot be saved."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_downloads_path

from casefile.errors import CasefileError
from casefile.safe_files import write_bytes


def screenshot_folder(wanted: str | None = None) -> Path:
    """``wanted``, else the Downloads folder if it exists, else the current folder."""
    if wanted:
        return Path(wanted).expanduser()
    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def save_svg(svg: str, folder: Path, filename: str) -> str:
    """Write the SVG (owner-only) and return a sentence for the user."""
    if not folder.is_dir():
        return f"casefile cannot save the screenshot: the folder {folder} does not exist."
    path = folder / filename
    try:
        write_bytes(path, svg.encode("utf-8"))
    except CasefileError as exc:  # the safe writer's one sentence (a read-only folder, a full disk)
        return exc.message
    return f"Saved the screenshot to {path}."
