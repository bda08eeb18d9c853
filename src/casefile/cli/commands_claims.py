"""``claim``, ``claims`` and ``resolve``: sourced statements of value and the conflicts between them."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from casefile.cli.context import state
from casefile.cli.output import emit_json, json_option, say


def claim(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The entity the claim is about (REF)."),
    attribute: str = typer.Argument(..., help="What is stated: status, born, released_count…"),
    value: str = typer.Argument(..., help="The value; numbers and EDTF dates are recognised."),
    source: str | None = typer.Option(None, "--source", help="The source stating it (REF of a source)."),
    as_of: str | None = typer.Option(None, "--as-of", help="When the value holds (EDTF)."),
    credibility: int | None = typer.Option(
        None, "--credibility", help="Admiralty credibility of the information, 1 (confirmed) to 6."
    ),
    locator: str | None = typer.Option(None, "--locator", help="Page, paragraph or timestamp in the source."),
    quote: str | None = typer.Option(None, "--quote", help="The quoted excerpt."),
    note: str | None = typer.Option(None, "--note", help="A short note on the claim."),
    as_json: bool = json_option(),
) -> None:
    """Record a dated, sourced statement of a value about an entity."""
    from casefile.services.claims import ClaimInput, add_claim

    data = ClaimInput(
        attribute=attribute,
        value=value,
        source=source,
        as_of=as_of,
        credibility=credibility,
        locator=locator,
        quote=quote,
        note=note,
    )
    db = state(ctx).database(create=False)

    added = db.write(lambda s: add_claim(s, entity_ref=ref, data=data))
    view, conflicting = added.claim, added.conflicts_with
    if as_json:
        emit_json(added.to_json())
        return
    say(f"Added claim {view.handle}" + (" (unsourced)." if view.unsourced else f" ({view.grade})."))
    for other in conflicting:
        say(f"It conflicts with {other.handle}: {other.attribute} = {other.value} ({other.sources_label}).")


def claims(
    ctx: typer.Context,
    ref: str | None = typer.Argument(None, help="Only claims about this entity."),
    conflicts: bool = typer.Option(
        False, "--conflicts", help="List conflicts (open and resolved) instead of claims."
    ),
    open_only: bool = typer.Option(False, "--open", help="With --conflicts: only unresolved conflicts."),
    as_json: bool = json_option(),
) -> None:
    """List claims, or the conflicts between them, with each source's Admiralty grading."""
    from casefile.errors import InvalidInput

    if open_only and not conflicts:
        raise InvalidInput("--open goes with --conflicts.")
    db = state(ctx).database(create=False)
    if conflicts:
        from casefile.services.claim_queries import find_conflicts

        found = db.read(lambda s: find_conflicts(s, ref=ref, open_only=open_only))
        if as_json:
            emit_json([c.to_json() for c in found])
        else:
            from casefile.cli.render_claims import render_conflicts

            render_conflicts(found)
        return
    from casefile.services.claim_queries import list_claims

    items = db.read(lambda s: list_claims(s, ref=ref))
    if as_json:
        emit_json([c.to_json() for c in items])
    else:
        from casefile.cli.render_claims import render_claims

        render_claims(items)


def resolve(
    ctx: typer.Context,
    claim_ref: str = typer.Argument(..., metavar="CLAIM", help="The claim set aside (CL2)."),
    prefer: str = typer.Option(..., "--prefer", help="The claim preferred over it (CL1)."),
    note: str | None = typer.Option(None, "--note", help="Why; kept with the decision."),
    as_json: bool = json_option(),
) -> None:
    """Decide between two conflicting claims; both are kept, the decision is recorded."""
    from casefile.services.claims import resolve_conflict

    db = state(ctx).database(create=False)

    def action(session: Any) -> Any:
        return resolve_conflict(session, claim_ref=claim_ref, prefer_ref=prefer, note=note)

    result = db.write(action)
    if as_json:
        emit_json(result.to_json())
    else:
        say(f"Recorded: {result.preferred} preferred over {result.other}; both claims are kept.")


def claim_edit(
    ctx: typer.Context,
    claim_ref: str = typer.Argument(..., metavar="CLAIM", help="The claim to change (CL3)."),
    value: str | None = typer.Option(None, "--value", help="The new value."),
    as_of: str | None = typer.Option(None, "--as-of", help="When the value holds (EDTF); empty clears."),
    source: str | None = typer.Option(None, "--source", help="The source stating it (REF); empty clears."),
    credibility: str | None = typer.Option(
        None, "--credibility", help="Admiralty credibility 1-6; empty clears."
    ),
    attribute: str | None = typer.Option(None, "--attribute", help="What is stated (status, born…)."),
    note: str | None = typer.Option(None, "--note", help="Your note on the claim; empty clears."),
    as_json: bool = json_option(),
) -> None:
    """Change a claim's value, as-of date, source, credibility, attribute or note."""
    from casefile.services.claims import ClaimEdit, edit_claim

    change = ClaimEdit(
        attribute=attribute, value=value, source=source, as_of=as_of, credibility=credibility, note=note
    )
    db = state(ctx).database(create=False)
    view = db.write(lambda s: edit_claim(s, claim_ref=claim_ref, edit=change))
    if as_json:
        emit_json(view.to_json())
    else:
        say(f"Updated claim {view.handle}: {view.attribute} = {view.value} ({view.sources_label}).")


def claim_remove(
    ctx: typer.Context,
    claim_ref: str = typer.Argument(..., metavar="CLAIM", help="The claim to delete (CL3)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete a claim with its citations and the decisions that name it."""
    from casefile.cli.confirm import confirm_or_refuse
    from casefile.services.claims import remove_claim

    if not yes:
        confirm_or_refuse(
            f"Delete claim {claim_ref}?",
            "Refusing to delete without confirmation; add --yes to delete non-interactively.",
        )
    db = state(ctx).database(create=False)
    view = db.write(lambda s: remove_claim(s, claim_ref=claim_ref))
    say(f"Removed claim {view.handle}: {view.attribute} = {view.value}.")


class ClaimGroup(TyperGroup):
    """``claim REF ATTRIBUTE VALUE`` still adds a claim; ``claim edit`` and ``claim remove`` change one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["add", *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    claim_app = typer.Typer(
        cls=ClaimGroup,
        help="Record a claim (claim REF ATTRIBUTE VALUE), or edit or remove one.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    claim_app.command("add")(claim)
    claim_app.command("edit")(claim_edit)
    claim_app.command("remove")(claim_remove)
    app.add_typer(claim_app, name="claim")
    app.command("claims")(claims)
    app.command("resolve")(resolve)
