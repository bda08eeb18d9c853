"""Write a Markdown vault: one file per dossier in a folder per kind, and ``index.md``.

The vault opens in Obsidian: wiki-links name ``folder/slug`` paths that exist in it.
casefile keeps a manifest (``.casefile-manifest.json``) of the files it wrote and
their SHA-256; it replaces or removes only those, and only while they are unchanged
since it wrote them. Anything else in the folder is left alone and reported.

The manifest is input like any file in the folder: a malformed one stops the export
with a sentence, and an entry counts only with its proof, an HMAC of the path and
digest under a key kept in the user's data folder (``vault.key``), so a hand-made
manifest can never make casefile replace or delete a file it did not write.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session

from casefile.errors import CasefileError, InvalidInput
from casefile.exchange.graph_formats import to_mermaid
from casefile.exchange.graph_model import CaseGraph
from casefile.exchange.graph_query import CASE_LIMIT, GraphFilter, case_graph
from casefile.exchange.markdown_model import PageLoader, Target, load_page, load_targets
from casefile.exchange.markdown_render import render
from casefile.exchange.selection import Selection, conditions
from casefile.exchange.slugs import FOLDERS
from casefile.text import one_line

MANIFEST = ".casefile-manifest.json"
PAGE = 500
KIND_TITLES = {
    "person": "People",
    "organization": "Organizations",
    "place": "Places",
    "source": "Sources",
    "event": "Events",
}

Progress = Callable[[str, int], None]


INDEX_DIAGRAM_LIMIT = CASE_LIMIT  # the index's whole-case diagram draws the most-linked entities


@dataclass
class VaultReport:
    """What an export did to the folder."""

    folder: str
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: list[str] = field(default_factory=list)  # files casefile did not write, or edited since

    def sentence(self) -> str:
        text = (
            f"Wrote {self.written} files to {self.folder} ({self.unchanged} already up to date, "
            f"{self.removed} stale files removed)"
        )
        if self.kept:
            sample = ", ".join(one_line(k, 60) for k in sorted(self.kept)[:3])
            more = f" and {len(self.kept) - 3} more" if len(self.kept) > 3 else ""
            text += (
                f"; left alone {len(self.kept)} files casefile did not write or that were edited "
                f"since: {sample}{more}"
            )
        return text + "."


def dossier_markdown(session: Session, entity_id: str, *, include_private: bool = False) -> str:
    """One dossier as Markdown (for stdout); its links name the paths of a full vault."""
    where = conditions(Selection(include_private=include_private), session)
    targets = load_targets(session, where)
    page = load_page(session, [entity_id], where)
    return render(page.entities[0], page, targets)


def export_vault(
    session: Session,
    folder: Path,
    entity_ids: Sequence[str] = (),
    *,
    include_private: bool = False,
    progress_start: Callable[[int], Progress] | None = None,
) -> VaultReport:
    """Write the vault of the whole case file (or of ``entity_ids``, resolved by the caller) into ``folder``."""
    from casefile.safe_files import os_sentence

    try:
        return _export_vault(session, folder, entity_ids, include_private, progress_start)
    except OSError as exc:  # a read-only folder, a full disk: one sentence naming the path
        raise os_sentence(exc.filename or folder, exc, "write") from exc


def _export_vault(
    session: Session,
    folder: Path,
    entity_ids: Sequence[str],
    include_private: bool,
    progress_start: Callable[[int], Progress] | None,
) -> VaultReport:
    root = _prepare_root(folder)
    where = conditions(Selection(include_private=include_private), session)
    targets = load_targets(session, where)
    # All: in the database's order, as ranges of ids need.
    wanted = sorted(set(entity_ids)) if entity_ids else list(targets)
    progress = progress_start(len(wanted)) if progress_start is not None else None
    writer = _Writer(root)
    loader = PageLoader(session, where, ranges=not entity_ids)
    for start in range(0, len(wanted), PAGE):
        ids = wanted[start : start + PAGE]
        page = loader.load(ids)
        for entity in sorted(page.entities, key=lambda e: e["id"]):
            writer.write(f"{targets[entity['id']].path}.md", render(entity, page, targets))
        if progress is not None:
            progress("entities", len(ids))
    if not entity_ids:
        network = case_graph(
            session, flt=GraphFilter(include_private=include_private), limit=INDEX_DIAGRAM_LIMIT
        )
        writer.write("index.md", _index(targets, network))
    writer.finish(prune=not entity_ids)
    return writer.report


def _index(targets: dict[str, Target], network: CaseGraph) -> str:
    from casefile.names import fold

    out = ["# Index\n"]
    if network.nodes:
        said = "".join(f"{note}\n\n" for note in network.notes)
        out.append(f"## Network\n\n{said}```mermaid\n{to_mermaid(network)}```\n")
    for kind, title in KIND_TITLES.items():
        items = sorted(
            (t for t in targets.values() if t.kind == kind), key=lambda t: (fold(t.name), t.handle)
        )
        if items:
            lines = "\n".join(f"- {t.wiki} ({t.handle})" for t in items)
            out.append(f"## {title}\n\n{lines}\n")
    return "\n".join(out)


def _prepare_root(folder: Path) -> Path:
    root = folder.expanduser()
    shown = one_line(str(folder), 120)
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        raise InvalidInput(f"'{shown}' is not a folder casefile can write a vault into.")
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        from casefile.safe_files import os_sentence

        raise os_sentence(folder, exc, "create") from exc
    return root.resolve()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Writer:
    """Writes files under ``root`` only, never through symlinks, keeping the manifest."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = str(root)
        self.report = VaultReport(folder=str(root))
        self.key = vault_key()
        self.manifest = self._load_manifest()
        self.done: dict[str, str] = {}
        self.folders: set[str] = set()

    def _load_manifest(self) -> dict[str, str]:
        """The entries of the manifest that carry a valid proof (see the module docstring)."""
        path = self.root / MANIFEST
        if not os.path.lexists(path):
            return {}
        data = _parse_manifest(path)
        if self.key is None:
            return {}
        files, proofs = data.get("files", {}), data.get("proof", {})
        return {
            relative: digest
            for relative, digest in files.items()
            if _safe(relative)
            and hmac.compare_digest(proofs.get(relative, ""), _proof(self.key, relative, digest))
        }

    def write(self, relative: str, text: str) -> None:
        data = text.encode("utf-8")
        self._folder(relative.rpartition("/")[0])
        digest = _digest(data)
        if _create(f"{self.base}/{relative}", data):  # the common case: a new file
            self.done[relative] = digest
            self.report.written += 1
            return
        target = self.root / relative
        current = self._current(target)
        if current == digest:
            self.report.unchanged += 1
            self.done[relative] = digest
            return
        if current is not None and self.manifest.get(relative) != current:
            self.report.kept.append(relative)
            return
        _atomic_write(target, data)  # replacing a file casefile wrote: never half-written
        self.done[relative] = digest
        self.report.written += 1

    def _current(self, target: Path) -> str | None:
        try:
            info = target.lstat()
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        return _digest(target.read_bytes())

    def _folder(self, name: str) -> None:
        """Check (once per export) that ``root/name`` is a real folder, creating it if needed."""
        if not name or name in self.folders:
            return
        folder = self.root / name
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise InvalidInput(f"'{one_line(str(folder), 120)}' is not a folder casefile can write into.")
        folder.mkdir(mode=0o700, exist_ok=True)
        self.folders.add(name)

    def finish(self, *, prune: bool) -> None:
        """Remove stale files casefile wrote (full exports only), then save the manifest."""
        kept = dict(self.manifest)
        if prune:
            for relative, digest in sorted(self.manifest.items()):
                if relative in self.done:
                    continue
                target = self.root / relative
                if self._current(target) == digest:  # a regular file, as casefile wrote it
                    target.unlink()
                    self.report.removed += 1
                kept.pop(relative, None)
        kept.update(self.done)
        proofs = {r: _proof(self.key, r, d) for r, d in kept.items()} if self.key is not None else {}
        document = {"files": kept, "proof": proofs, "written_by": "casefile"}
        text = json.dumps(document, indent=1, sort_keys=True) + "\n"
        _atomic_write(self.root / MANIFEST, text.encode("utf-8"))


_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def _parse_manifest(path: Path) -> dict[str, dict[str, str]]:
    """The manifest's ``files`` and ``proof`` maps; one sentence on anything malformed."""
    from casefile.safe_files import read_regular

    shown = one_line(str(path), 120)
    problem = f"The vault manifest '{shown}' is not one casefile wrote"
    advice = "move it away (or export into a new folder); nothing was written."
    raw = read_regular(path, limit=64 << 20, what="vault manifest")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput(f"{problem} (it is not JSON); {advice}") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{problem} (it is not a JSON object); {advice}")
    out: dict[str, dict[str, str]] = {}
    for key in ("files", "proof"):
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and (key == "proof" or _DIGEST.match(v))
            for k, v in value.items()
        ):
            raise InvalidInput(f"{problem} (its '{key}' entries are malformed); {advice}")
        out[key] = value
    return out


def _proof(key: bytes, relative: str, digest: str) -> str:
    return hmac.new(key, f"{relative}\0{digest}".encode(), hashlib.sha256).hexdigest()


def vault_key() -> bytes | None:
    """The key that proves casefile wrote a vault file (created once, 0600); None if unusable."""
    from casefile.paths import data_dir, ensure_private_dir
    from casefile.safe_files import read_regular, write_bytes

    path = data_dir() / "vault.key"
    try:
        key = bytes.fromhex(read_regular(path, limit=1024).decode("ascii").strip())
        if len(key) >= 32:
            return key
    except (InvalidInput, OSError, ValueError):
        pass
    except CasefileError:
        return None  # unreadable: prove nothing rather than fail
    try:
        ensure_private_dir(path.parent)
        if os.path.lexists(path):
            return None  # unreadable or malformed: never replace a key other vaults rely on
        key = secrets.token_bytes(32)
        write_bytes(path, key.hex().encode("ascii") + b"\n")
        return key
    except (CasefileError, OSError):
        return None


def _safe(relative: str) -> bool:
    parts = relative.split("/")
    return (
        len(parts) <= 2
        and all(p and p not in (".", "..") for p in parts)
        and (len(parts) == 1 or parts[0] in FOLDERS.values())
    )


def _atomic_write(target: Path, data: bytes) -> None:
    from casefile.safe_files import write_bytes

    write_bytes(target, data)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _create(target: str, data: bytes) -> bool:
    """Write ``data`` to ``target`` if no file (or link) is there yet; ``False`` if one is.

    ``O_EXCL`` never follows a symlink nor opens an existing file, so this cannot touch
    anything casefile did not create; a file left half-written by an error is removed.
    """
    try:
        fd = os.open(target, _CREATE, 0o600)
    except FileExistsError:
        return False
    try:
        try:
            os.fchmod(fd, 0o600)  # whatever the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except BaseException:
        Path(target).unlink(missing_ok=True)
        raise
    return True
