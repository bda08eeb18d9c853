"""``add``, ``edit``, ``remove``, ``show`` and ``list``."""

from __future__ import annotations

import sys
from typing import Any

import typer

from casefile.cli.context import state
from casefile.cli.output import emit_json, emit_json_array, json_option, say

add_app = typer.Typer(help="Add a person, organization, place, source or event.", no_args_is_help=True)

ALIAS = typer.Option([], "--alias", help="Another name; NAME or NAME@lang (e.g. Ціханоўская@be). Repeatable.")
ALIAS_KIND = typer.Option(
    None, "--alias-kind", help="What the aliases given here are: transliteration, former name, nickname…"
)
SCHEME = typer.Option(
    None, "--scheme", help="The romanisation scheme of the aliases given here (BGN/PCGN, ISO 9…)."
)
TAG = typer.Option([], "--tag", help="A tag. Repeatable.")
SUMMARY = typer.Option(None, "--summary", help="A Markdown summary.")
PRIVATE = typer.Option(False, "--private", help="Keep this record out of exports unless --include-private.")


def _add(
    ctx: typer.Context,
    kind: str,
    as_json: bool,
    aliases: tuple[list[str], str | None, str | None],
    tags: list[str],
    **values: Any,
) -> None:
    from casefile.services.alias_style import AliasStyle
    from casefile.services.entities import add_entity
    from casefile.services.fields import EntityFields

    specs, alias_kind, scheme = aliases
    style = AliasStyle.given(alias_kind, scheme, bool(specs), "--alias")
    data = EntityFields(**values)
    db = state(ctx).database()
    ref = db.write(lambda s: add_entity(s, kind=kind, data=data, aliases=specs, tags=tags, alias_style=style))
    if as_json:
        emit_json(ref.to_json())
    else:
        say(f"Added {kind} {ref.handle}: {ref.name}")


@add_app.command("person")
def add_person(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The person's name."),
    alias: list[str] = ALIAS,
    alias_kind: str | None = ALIAS_KIND,
    scheme: str | None = SCHEME,
    born: str | None = typer.Option(None, "--born", help="Birth date (EDTF: 1982-09-11, 1982~, 1980/1985)."),
    status: str | None = typer.Option(
        None, "--status", help="Free text: detained, convicted, released, in exile, deceased…"
    ),
    tag: list[str] = TAG,
    summary: str | None = SUMMARY,
    private: bool = PRIVATE,
    as_json: bool = json_option(),
) -> None:
    """Add a person."""
    _add(
        ctx,
        "person",
        as_json,
        (alias, alias_kind, scheme),
        tag,
        name=name,
        born=born,
        status=status,
        summary=summary,
        private=private,
    )


@add_app.command("organization")
def add_organization(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The organization's name."),
    alias: list[str] = ALIAS,
    alias_kind: str | None = ALIAS_KIND,
    scheme: str | None = SCHEME,
    type_: str | None = typer.Option(
        None, "--type", help="NGO, media outlet, government body, court, party…"
    ),
    tag: list[str] = TAG,
    summary: str | None = SUMMARY,
    private: bool = PRIVATE,
    as_json: bool = json_option(),
) -> None:
    """Add an organization."""
    _add(
        ctx,
        "organization",
        as_json,
        (alias, alias_kind, scheme),
        tag,
        name=name,
        type=type_,
        summary=summary,
        private=private,
    )


@add_app.command("place")
def add_place(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The place's name."),
    alias: list[str] = ALIAS,
    alias_kind: str | None = ALIAS_KIND,
    scheme: str | None = SCHEME,
    country: str | None = typer.Option(None, "--country", help="Country name or code."),
    lat: float | None = typer.Option(None, "--lat", help="Latitude in degrees."),
    lon: float | None = typer.Option(None, "--lon", help="Longitude in degrees."),
    tag: list[str] = TAG,
    summary: str | None = SUMMARY,
    private: bool = PRIVATE,
    as_json: bool = json_option(),
) -> None:
    """Add a place."""
    _add(
        ctx, "place", as_json, (alias, alias_kind, scheme), tag,
        name=name, country=country, latitude=lat, longitude=lon, summary=summary, private=private,
    )  # fmt: skip


@add_app.command("source")
def add_source(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="The source's title."),
    url: str | None = typer.Option(None, "--url", help="Where it was found (stored, never fetched)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Who published it."),
    author: str | None = typer.Option(None, "--author", help="Who wrote it."),
    published: str | None = typer.Option(None, "--published", help="Publication date (EDTF)."),
    accessed: str | None = typer.Option(None, "--accessed", help="Date you read it (EDTF)."),
    reliability: str | None = typer.Option(None, "--reliability", help="Admiralty grade A (reliable) to F."),
    file: str | None = typer.Option(None, "--file", help="A local copy; its path and SHA-256 are recorded."),
    type_: str | None = typer.Option(
        None, "--type", help="article, document, testimony, interview, post, video…"
    ),
    alias: list[str] = ALIAS,
    alias_kind: str | None = ALIAS_KIND,
    scheme: str | None = SCHEME,
    tag: list[str] = TAG,
    summary: str | None = SUMMARY,
    private: bool = PRIVATE,
    as_json: bool = json_option(),
) -> None:
    """Add a source."""
    _add(
        ctx, "source", as_json, (alias, alias_kind, scheme), tag,
        name=title, url=url, publisher=publisher, author=author, published=published,
        accessed=accessed, reliability=reliability, file=file, type=type_, summary=summary,
        private=private,
    )  # fmt: skip


@add_app.command("event")
def add_event(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="What happened."),
    date: str | None = typer.Option(
        None, "--date", help="When (EDTF: 2025-06-21, 2025-06, 2020/2021, 2025~)."
    ),
    place: str | None = typer.Option(None, "--place", help="Where: a place REF."),
    type_: str | None = typer.Option(None, "--type", help="arrest, trial, release, visit, statement…"),
    alias: list[str] = ALIAS,
    alias_kind: str | None = ALIAS_KIND,
    scheme: str | None = SCHEME,
    tag: list[str] = TAG,
    summary: str | None = SUMMARY,
    private: bool = PRIVATE,
    as_json: bool = json_option(),
) -> None:
    """Add an event."""
    _add(
        ctx, "event", as_json, (alias, alias_kind, scheme), tag,
        name=title, date=date, place=place, type=type_, summary=summary, private=private,
    )  # fmt: skip


def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The entity: handle, UUID (prefix), or name."),
    name: str | None = typer.Option(None, "--name", help="New name (title)."),
    summary: str | None = typer.Option(None, "--summary", help="New Markdown summary."),
    add_alias: list[str] = typer.Option([], "--add-alias", help="Add an alias (NAME or NAME@lang)."),
    remove_alias: list[str] = typer.Option([], "--remove-alias", help="Remove an alias."),
    alias_kind: str | None = ALIAS_KIND,
    scheme: str | None = SCHEME,
    tag: list[str] = typer.Option([], "--tag", help="Add a tag."),
    untag: list[str] = typer.Option([], "--untag", help="Remove a tag."),
    private: bool | None = typer.Option(None, "--private/--public", help="Mark private or public."),
    born: str | None = typer.Option(None, "--born", help="Birth date (EDTF); empty clears."),
    status: str | None = typer.Option(None, "--status", help="A person's status; empty clears."),
    type_: str | None = typer.Option(None, "--type", help="Organization, source or event type."),
    country: str | None = typer.Option(None, "--country", help="A place's country."),
    lat: str | None = typer.Option(None, "--lat", help="A place's latitude; empty clears."),
    lon: str | None = typer.Option(None, "--lon", help="A place's longitude; empty clears."),
    url: str | None = typer.Option(None, "--url", help="A source's URL."),
    publisher: str | None = typer.Option(None, "--publisher", help="A source's publisher."),
    author: str | None = typer.Option(None, "--author", help="A source's author."),
    published: str | None = typer.Option(None, "--published", help="A source's publication date."),
    accessed: str | None = typer.Option(None, "--accessed", help="When a source was read."),
    reliability: str | None = typer.Option(None, "--reliability", help="A source's grade A-F."),
    file: str | None = typer.Option(None, "--file", help="A source's local file."),
    date: str | None = typer.Option(None, "--date", help="An event's date (EDTF)."),
    place: str | None = typer.Option(None, "--place", help="An event's place (REF)."),
    as_json: bool = json_option(),
) -> None:
    """Change an entity's fields, aliases and tags."""
    from casefile.services.entities import EntityEdit, edit_entity
    from casefile.services.fields import EntityFields

    data = EntityFields(
        name=name, summary=summary, private=private, born=born, status=status, type=type_,
        country=country, latitude=lat, longitude=lon, url=url, publisher=publisher, author=author,
        published=published, accessed=accessed, reliability=reliability, file=file, date=date,
        place=place,
    )  # fmt: skip
    from casefile.services.alias_style import AliasStyle

    style = AliasStyle.given(alias_kind, scheme, bool(add_alias), "--add-alias")
    change = EntityEdit(data, add_alias, remove_alias, tag, untag, alias_style=style)
    db = state(ctx).database(create=False)
    ref_out = db.write(lambda s: edit_entity(s, ref=ref, edit=change))
    if as_json:
        emit_json(ref_out.to_json())
    else:
        say(f"Updated {ref_out.handle}: {ref_out.name}")


def remove(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The entity to delete."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete an entity with its aliases, tags, links, notes and citations."""
    from casefile.cli.confirm import confirm_or_refuse
    from casefile.services.entities import describe_removal, remove_entity

    db = state(ctx).database(create=False)
    target, counts = db.read(lambda s: describe_removal(s, ref=ref))
    if not yes:
        extra = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        confirm_or_refuse(
            f"Delete {target.kind} {target.handle} {target.name}" + (f" and {extra}" if extra else "") + "?",
            "Refusing to delete without confirmation; add --yes to delete non-interactively.",
        )
    gone = db.write(lambda s: remove_entity(s, ref=target.id))
    say(f"Removed {gone.kind} {gone.handle}: {gone.name}")


def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The entity: handle, UUID (prefix), name or alias."),
    text: bool = typer.Option(False, "--text", help="Print the text read from a source's stored file."),
    as_json: bool = json_option(),
) -> None:
    """Show an entity's dossier."""
    from casefile.services.dossier import load_dossier

    db = state(ctx).database(create=False)
    if text:
        _show_text(db, ref, as_json)
        return
    dossier = db.read(lambda s: load_dossier(s, ref=ref))
    if as_json:
        emit_json(dossier.to_json())
    else:
        from casefile.cli.render import render_dossier

        render_dossier(dossier)


def _show_text(db: Any, ref: str, as_json: bool) -> None:
    from casefile.services.evidence import source_text

    source, body = db.read(lambda s: source_text(s, ref=ref))
    if as_json:
        emit_json({"handle": source.handle, "id": source.id, "text": body})
        return
    from casefile.text import printable

    sys.stdout.write(printable(body) + ("" if body.endswith("\n") else "\n"))


def list_(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", help="person, organization, place, source or event."),
    tag: str | None = typer.Option(None, "--tag", help="Only entities with this tag."),
    limit: int = typer.Option(0, "--limit", min=0, help="At most this many (0: all)."),
    after: str | None = typer.Option(
        None, "--after", help="Continue after this cursor (from a --json page)."
    ),
    as_json: bool = json_option(),
) -> None:
    """List entities by name."""
    from casefile.services.entities import list_entities
    from casefile.services.kinds import normalize_kind

    wanted = normalize_kind(kind) if kind else None
    db = state(ctx).database(create=False)
    if as_json and not (limit or after):
        from casefile.services.entities import iter_entities

        # Streamed inside the read transaction: one snapshot, memory flat at any size.
        db.read(lambda s: emit_json_array(i.to_json() for i in iter_entities(s, kind=wanted, tag=tag)))
        return
    page = db.read(lambda s: list_entities(s, kind=wanted, tag=tag, after=after, limit=limit))
    if as_json:
        emit_json({"items": [i.to_json() for i in page.items], "next": page.next_cursor})
    else:
        from casefile.cli.render import render_entities

        render_entities(page.items)


def register(app: typer.Typer) -> None:
    app.add_typer(add_app, name="add")
    app.command("edit")(edit)
    app.command("remove")(remove)
    app.command("show")(show)
    app.command("list")(list_)
