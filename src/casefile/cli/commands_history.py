"""``history``, ``undo``, ``restore``, ``unmerge`` and ``purge``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from casefile.cli.confirm import confirm_or_refuse
from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option, say

if TYPE_CHECKING:
    from casefile.services.history_views import EntryView


def _show_value(value: Any) -> str:
    if value is None:
        return "∅"
    return str(value)


def render_entries(entries: list[EntryView]) -> None:
    """Newest first: time, actor, action, then each record and its old → new values."""
    from rich.text import Text

    from casefile.cli.output import console, safe

    out = console()
    if not entries:
        out.print("No history.")
    for entry in entries:
        head = Text(f"#{entry.seq} ", style="bold")
        head.append(f"{entry.at}  ")
        head.append_text(safe(entry.actor, 40))
        head.append(f"  {entry.action}", style="bold cyan")
        if entry.undoes is not None:
            head.append(f" of #{entry.undoes}")
        if entry.undone_by is not None:
            head.append(f"  (undone by #{entry.undone_by})", style="yellow")
        out.print(head)
        for record in entry.records[:50]:
            line = Text(f"  {record.op:<8} ")
            line.append_text(safe(record.label, 80))
            out.print(line)
            for change in record.fields:
                detail = Text(f"      {change.field}: ")
                detail.append_text(safe(_show_value(change.old), 120))
                detail.append(" → ")
                detail.append_text(safe(_show_value(change.new), 120))
                out.print(detail)
        if len(entry.records) > 50:
            out.print(f"  … and {len(entry.records) - 50} more records (see --json)")


def history(
    ctx: typer.Context,
    ref: str | None = typer.Argument(
        None, help="Only entries about this record (present, removed or merged)."
    ),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many entries."),
    as_json: bool = json_option(),
) -> None:
    """Show what changed, newest first: time, who, the action, each record's old → new values."""
    from casefile.services.history import list_history

    db = state(ctx).database(create=False)
    entries = db.read(lambda s: list_history(s, ref=ref, limit=limit))
    if as_json:
        emit_json([e.to_json() for e in entries])
        return
    render_entries(entries)


def undo(
    ctx: typer.Context,
    entry: int | None = typer.Argument(None, help="The history entry to undo (default: the last action)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    as_json: bool = json_option(),
) -> None:
    """Undo the last action, or history entry ENTRY, as a new recorded action."""
    from casefile.services.history import describe_undo
    from casefile.services.history import undo as undo_service

    db = state(ctx).database(create=False)
    target = db.read(lambda s: describe_undo(s, entry=entry))
    if not yes:
        confirm_or_refuse(
            f"Undo {target.title} ({target.at}, {len(target.records)} record(s))?",
            "Refusing to undo without confirmation; add --yes to undo non-interactively.",
        )
    result = db.write(lambda s: undo_service(s, entry=target.seq))
    if as_json:
        emit_json(result.to_json())
        return
    say(f"Undid {result.label}.")


def restore(
    ctx: typer.Context,
    ref: str | None = typer.Argument(None, help="The removed record: handle, UUID or name."),
    list_only: bool = typer.Option(False, "--list", help="List removed records that can be restored."),
    as_json: bool = json_option(),
) -> None:
    """Bring back a removed record with its aliases, tags, links, notes, citations and claims."""
    from casefile.errors import InvalidInput
    from casefile.services.history import list_removed
    from casefile.services.history import restore as restore_service

    db = state(ctx).database(create=False)
    if list_only or ref is None:
        if ref is None and not list_only:
            raise InvalidInput("Give the removed record to restore, or --list to see them.")
        removed = db.read(lambda s: list_removed(s))
        if as_json:
            emit_json([r.to_json() for r in removed])
            return
        from rich.text import Text

        from casefile.cli.output import console, safe

        out = console()
        if not removed:
            out.print("No removed records.")
        for item in removed:
            out.print(
                Text(f"{item.handle:<7} {item.kind:<13} ")
                + safe(item.name, 60)
                + Text(f"  removed {item.removed}")
            )
        return
    result = db.write(lambda s: restore_service(s, ref=ref))
    if as_json:
        emit_json(result.to_json())
        return
    say(f"Restored {result.label}.")


def unmerge(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The merged-away record: its old handle, UUID or name."),
    as_json: bool = json_option(),
) -> None:
    """Split a merged-away record back out, with the names, links and notes it brought."""
    from casefile.services.history import unmerge as unmerge_service

    db = state(ctx).database(create=False)
    result = db.write(lambda s: unmerge_service(s, ref=ref))
    if as_json:
        emit_json(result.to_json())
        return
    say(f"Unmerged {result.label}.")


def purge(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The record to erase (present or removed)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    as_json: bool = json_option(),
) -> None:
    """Erase a record and every trace of its words, history included. This cannot be undone."""
    from casefile.services.purge import plan_purge
    from casefile.services.purge import purge as purge_service

    db = state(ctx).database(create=False)
    plan = db.read(lambda s: plan_purge(s, ref=ref))
    if not yes:
        confirm_or_refuse(
            f"Erase {plan.handle} {plan.name} and every trace of it, history included? This cannot be undone.",
            "Refusing to purge without confirmation; add --yes to purge non-interactively.",
        )
    result = purge_service(db, ref=plan.id)
    if as_json:
        emit_json(result.to_json())
        return
    say(
        f"Purged {result.handle}: {result.records} record(s) erased, "
        f"{result.history_changes} history change(s) emptied."
    )
    if db.is_sqlite and not result.file_rewritten:
        say("Another program holds the case file open; close it and run 'casefile purge' again to finish.")
    if db.is_sqlite:
        say("Backup files made earlier (.bak) still hold the record; delete them too.")


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("undo")(undo)
    app.command("restore")(restore)
    app.command("unmerge")(unmerge)
    app.command("purge")(purge)
