"""``duplicates``, ``distinct`` and ``merge``."""

from __future__ import annotations

import typer

from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option, say


def duplicates(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", help="Only records of this kind."),
    as_json: bool = json_option(),
) -> None:
    """List records that may be the same person, organization, place...: a score and the reasons."""
    from casefile.services.duplicates import find_duplicates
    from casefile.services.kinds import normalize_kind

    wanted = normalize_kind(kind) if kind else None
    db = state(ctx).database(create=False)
    pairs = db.read(lambda s: find_duplicates(s, kind=wanted))
    if as_json:
        emit_json([p.to_json() for p in pairs])
        return
    from rich.text import Text

    from casefile.cli.output import console, safe

    out = console()
    if not pairs:
        out.print("No likely duplicates.")
    for pair in pairs:
        line = Text(f"{pair.score:.2f}  ", style="bold")
        line.append(f"{pair.first.handle} ", style="bold cyan")
        line.append_text(safe(pair.first.name, 60))
        line.append("  ~  ")
        line.append(f"{pair.second.handle} ", style="bold cyan")
        line.append_text(safe(pair.second.name, 60))
        out.print(line)
        out.print(Text("      ") + safe("; ".join(pair.reasons), 300))


def distinct(
    ctx: typer.Context,
    first: str = typer.Argument(..., help="One record (handle, UUID, name or alias)."),
    second: str = typer.Argument(..., help="The look-alike that is someone else."),
    as_json: bool = json_option(),
) -> None:
    """Record that two look-alikes are different, so duplicates and check stop proposing them."""
    from casefile.services.duplicates import mark_distinct

    db = state(ctx).database(create=False)
    a, b = db.write(lambda s: mark_distinct(s, first_ref=first, second_ref=second))
    if as_json:
        emit_json({"distinct": [a.to_json(), b.to_json()]})
        return
    say(f"Marked {a.handle} {a.name} and {b.handle} {b.name} as different.")


def merge(
    ctx: typer.Context,
    keep: str = typer.Argument(..., help="The record to keep."),
    other: str = typer.Argument(..., help="The record folded into KEEP and then removed."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    force: bool = typer.Option(
        False, "--force", help="Merge even records marked as different with 'distinct' (recorded as a note)."
    ),
    as_json: bool = json_option(),
) -> None:
    """Fold OTHER into KEEP: names become aliases, links, notes, citations and claims move over.

    A SQLite case file is backed up first (the path is printed), so a merge can be undone.
    """
    from casefile.cli.confirm import confirm_or_refuse
    from casefile.services.merge import merge_entities, plan_merge
    from casefile.services.merge_backup import backup_before_merge

    db = state(ctx).database(create=False)
    plan = db.read(lambda s: plan_merge(s, keep_ref=keep, other_ref=other, force=force))
    if not yes:
        moving = ", ".join(f"{n} {what}" for what, n in plan.moved.items() if n) or "nothing else"
        question = (
            f"Merge {plan.other.handle} {plan.other.name} into {plan.keep.handle} {plan.keep.name} "
            f"(moves {moving}; {plan.other.handle} is removed)?"
        )
        confirm_or_refuse(
            question, "Refusing to merge without confirmation; add --yes to merge non-interactively."
        )
    backup_path = backup_before_merge(db)
    result = db.write(
        lambda s: merge_entities(s, keep_ref=plan.keep.id, other_ref=plan.other.id, force=force)
    )
    if as_json:
        emit_json({**result.to_json(), "backup": backup_path})
        return
    say(f"Merged {result.other.handle} {result.other.name} into {result.keep.handle} {result.keep.name}.")
    if backup_path:
        say(f"The case file as it was before the merge is at {backup_path}.")
    else:
        say("No backup was made first (pg_dump is not installed); export the case file to keep a copy.")


def register(app: typer.Typer) -> None:
    app.command("duplicates")(duplicates)
    app.command("distinct")(distinct)
    app.command("merge")(merge)
