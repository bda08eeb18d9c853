"""Save a screenshot of the TUI where the user can find it, or say why it cannot be saved."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_downloads_path

from casefile.paths import write_private_text


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
        write_private_text(path, svg)
    except OSError as exc:
        return f"casefile cannot save the screenshot in {folder}: {exc.strerror or exc}."
    return f"Saved the screenshot to {path}."
