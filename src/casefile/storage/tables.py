"""The SQLModel tables of a case file.

Every record has a UUID ``id`` (its identity across machines) and, where people
refer to it, a ``handle`` unique in the case file (``P12``, ``L5``...). Times are
ISO-8601 UTC strings so SQLite and PostgreSQL store and export the same bytes.
Dates are EDTF text plus integer bounds (see ``casefile.dates``) for sorting.

No ``from __future__ import annotations`` here: pydantic and SQLAlchemy would have to
evaluate every column's annotation string again, at each start of casefile.
"""

from sqlalchemy import CheckConstraint, Index, LargeBinary, MetaData, String, UniqueConstraint
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)

ENTITY_FK = "entity.id"


class _Table(SQLModel):
    """The base of every table: pydantic builds a table's validator only when one is used.

    casefile never validates rows through pydantic (services check input themselves), so
    building fourteen validators at import was start-up time of every command spent on nothing.
    """

    model_config = SQLModel.model_config | {"defer_build": True}


class Entity(_Table, table=True):
    """A person, organization, place, source or event (one table, kind-specific columns)."""

    __tablename__ = "entity"
    __table_args__ = (
        CheckConstraint("kind IN ('person','organization','place','source','event')", name="kind"),
        Index("ix_entity_kind_name", "kind", "name_folded", "id"),
        Index("ix_entity_name_folded_id", "name_folded", "id"),
    )

    id: str = Field(primary_key=True, max_length=36)
    handle: str = Field(unique=True, max_length=16)
    kind: str = Field(max_length=16)
    name: str
    name_folded: str = Field(default="")
    name_exact: str = Field(default="", index=True)
    summary: str = Field(default="")
    private: bool = Field(default=False)
    created: str = Field(max_length=32)
    updated: str = Field(max_length=32)
    # person
    born_text: str | None = None
    born_lo: int | None = None
    born_hi: int | None = None
    status: str | None = None
    # organization, source and event: the type (NGO, article, arrest...)
    category: str | None = None
    # place
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    # source
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published_text: str | None = None
    published_lo: int | None = None
    published_hi: int | None = None
    accessed_text: str | None = None
    accessed_lo: int | None = None
    accessed_hi: int | None = None
    reliability: str | None = Field(default=None, max_length=1)
    file_path: str | None = None
    file_sha256: str | None = Field(default=None, max_length=64)
    # event
    date_text: str | None = None
    date_lo: int | None = Field(default=None, index=True)
    date_hi: int | None = None
    place_id: str | None = Field(default=None, foreign_key=ENTITY_FK, ondelete="SET NULL", index=True)


class Alias(_Table, table=True):
    """Another name of an entity: a transliteration, former name, nickname..."""

    __tablename__ = "alias"
    __table_args__ = (
        UniqueConstraint("entity_id", "name"),
        Index("ix_alias_name_folded_entity", "name_folded", "entity_id"),
    )

    id: str = Field(primary_key=True, max_length=36)
    entity_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    name: str
    name_folded: str = Field(default="")
    name_exact: str = Field(default="", index=True)
    alias_kind: str = Field(default="alias")
    lang: str | None = None
    script: str | None = None
    scheme: str | None = None
    created: str = Field(max_length=32)
    updated: str = Field(max_length=32)


class Tag(_Table, table=True):
    """A free-text label on an entity."""

    __tablename__ = "tag"
    __table_args__ = (Index("ix_tag_tag_entity", "tag", "entity_id"),)

    entity_id: str = Field(primary_key=True, foreign_key=ENTITY_FK, ondelete="CASCADE")
    tag: str = Field(primary_key=True)


class Link(_Table, table=True):
    """A typed, directed relation between two entities."""

    __tablename__ = "link"

    id: str = Field(primary_key=True, max_length=36)
    handle: str = Field(unique=True, max_length=16)
    source_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    target_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    role: str
    date_text: str | None = None
    date_lo: int | None = None
    date_hi: int | None = None
    note: str | None = None
    created: str = Field(max_length=32)
    updated: str = Field(max_length=32)


class Note(_Table, table=True):
    """A Markdown annotation on an entity or a link."""

    __tablename__ = "note"
    __table_args__ = (
        CheckConstraint(
            "(entity_id IS NOT NULL AND link_id IS NULL) OR (entity_id IS NULL AND link_id IS NOT NULL)",
            name="one_target",
        ),
    )

    id: str = Field(primary_key=True, max_length=36)
    handle: str = Field(unique=True, max_length=16)
    entity_id: str | None = Field(default=None, foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    link_id: str | None = Field(default=None, foreign_key="link.id", ondelete="CASCADE", index=True)
    body: str
    private: bool = Field(default=False)
    created: str = Field(max_length=32)
    updated: str = Field(max_length=32)


class Claim(_Table, table=True):
    """A dated, sourced statement of a value about an entity."""

    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_entity_attribute", "entity_id", "attribute"),)

    id: str = Field(primary_key=True, max_length=36)
    handle: str = Field(unique=True, max_length=16)
    entity_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE")
    attribute: str
    value: str
    value_key: str = Field(default="")
    as_of_text: str | None = None
    as_of_lo: int | None = None
    as_of_hi: int | None = None
    source_id: str | None = Field(default=None, foreign_key=ENTITY_FK, ondelete="SET NULL", index=True)
    locator: str | None = None
    quote: str | None = None
    credibility: int | None = None
    note: str | None = None
    created: str = Field(max_length=32)
    updated: str = Field(max_length=32)


class ClaimResolution(_Table, table=True):
    """A researcher's decision that one claim is preferred over another."""

    __tablename__ = "claim_resolution"

    id: str = Field(primary_key=True, max_length=36)
    preferred_id: str = Field(foreign_key="claim.id", ondelete="CASCADE", index=True)
    other_id: str = Field(foreign_key="claim.id", ondelete="CASCADE", index=True)
    note: str | None = None
    created: str = Field(max_length=32)
    updated: str = Field(max_length=32)


class Citation(_Table, table=True):
    """ "This entity / link / note / claim is supported by source S"."""

    __tablename__ = "citation"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN entity_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN link_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN note_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN claim_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
    )

    id: str = Field(primary_key=True, max_length=36)
    handle: str = Field(unique=True, max_length=16)
    source_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    entity_id: str | None = Field(default=None, foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    link_id: str | None = Field(default=None, foreign_key="link.id", ondelete="CASCADE", index=True)
    note_id: str | None = Field(default=None, foreign_key="note.id", ondelete="CASCADE", index=True)
    claim_id: str | None = Field(default=None, foreign_key="claim.id", ondelete="CASCADE", index=True)
    locator: str | None = None
    quote: str | None = None
    credibility: int | None = None
    created: str = Field(max_length=32)
    updated: str = Field(max_length=32)


class HandleCounter(_Table, table=True):
    """The next number for each handle prefix; bumped inside the writing transaction."""

    __tablename__ = "handle_counter"

    prefix: str = Field(primary_key=True, max_length=4)
    next_value: int = Field(default=1)


# --- search, duplicates and merges (0002_search) -------------------------------------------

# Keys are plain ASCII compared byte-wise: prefix searches are index ranges on every backend.
KEY_TYPE = String().with_variant(String(collation="C"), "postgresql")


# Same-birth-date duplicate candidates join people on their birth bounds.
_entity_table = Entity.__table__  # type: ignore[attr-defined]
Index("ix_entity_kind_born", _entity_table.c.kind, _entity_table.c.born_lo, _entity_table.c.born_hi)


class NameKey(_Table, table=True):
    """One search key of an entity's name or alias: a folded word and its skeleton.

    A row with an empty ``token`` holds the skeleton of a whole name (word order
    ignored), used to find likely duplicates. Rows are derived data, rebuilt from the
    names by ``casefile.storage.search_index`` on every write.
    """

    __tablename__ = "name_key"
    __table_args__ = (
        Index("ix_name_key_token", "token", "entity_id"),
        Index("ix_name_key_skeleton", "skeleton", "token", "entity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entity_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    token: str = Field(sa_type=KEY_TYPE)
    skeleton: str = Field(sa_type=KEY_TYPE)


class TextDoc(_Table, table=True):
    """One searchable text of a source or event (its summary, its notes), folded."""

    __tablename__ = "text_doc"

    id: int | None = Field(default=None, primary_key=True)
    entity_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    field: str = Field(max_length=16)


class TextWord(_Table, table=True):
    """The words of a text document, where SQLite FTS5 is not available (PostgreSQL)."""

    __tablename__ = "text_word"
    __table_args__ = (Index("ix_text_word_word_doc", "word", "doc_id"),)

    doc_id: int = Field(primary_key=True, foreign_key="text_doc.id", ondelete="CASCADE")
    word: str = Field(primary_key=True, sa_type=KEY_TYPE)


class MergedId(_Table, table=True):
    """An entity UUID merged away into ``entity_id``: imports that still use it map there."""

    __tablename__ = "merged_id"

    old_id: str = Field(primary_key=True, max_length=36)
    entity_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    old_handle: str = Field(max_length=16)
    old_name: str
    merged: str = Field(max_length=32)


class DistinctPair(_Table, table=True):
    """Two look-alike entities a researcher marked as different (``first_id < second_id``)."""

    __tablename__ = "distinct_pair"
    __table_args__ = (CheckConstraint("first_id < second_id", name="ordered"),)

    first_id: str = Field(primary_key=True, foreign_key=ENTITY_FK, ondelete="CASCADE")
    second_id: str = Field(primary_key=True, foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    created: str = Field(max_length=32)


# --- evidence locker (0006_evidence) --------------------------------------------------------


class Attachment(_Table, table=True):
    """A file's bytes, stored once per SHA-256 inside the case file (encrypted and backed up with it)."""

    __tablename__ = "attachment"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    data: bytes = Field(sa_type=LargeBinary)
    created: str = Field(max_length=32)


class SourceFile(_Table, table=True):
    """A source's stored file: which attachment, what it was called, and the text read from it."""

    __tablename__ = "source_file"

    source_id: str = Field(primary_key=True, foreign_key=ENTITY_FK, ondelete="CASCADE")
    sha256: str = Field(foreign_key="attachment.sha256", index=True, max_length=64)
    filename: str
    media_type: str = Field(max_length=16)
    encoding: str | None = Field(default=None, max_length=32)
    text: str = Field(default="")
    created: str = Field(max_length=32)


class Mention(_Table, table=True):
    """An accepted mention of an entity in a source's text: offsets and its sentence."""

    __tablename__ = "mention"
    __table_args__ = (
        UniqueConstraint("source_id", "entity_id", "start"),
        Index("ix_mention_entity_source", "entity_id", "source_id"),
    )

    id: str = Field(primary_key=True, max_length=36)
    source_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE", index=True)
    entity_id: str = Field(foreign_key=ENTITY_FK, ondelete="CASCADE")
    start: int
    end: int
    text: str
    sentence: str = Field(default="")
    created: str = Field(max_length=32)


class RejectedName(_Table, table=True):
    """A string a researcher rejected as a candidate in one source: never proposed there again."""

    __tablename__ = "rejected_name"

    source_id: str = Field(primary_key=True, foreign_key=ENTITY_FK, ondelete="CASCADE")
    name_folded: str = Field(primary_key=True)
    name: str
    created: str = Field(max_length=32)


# --- the change log (0007_history) ---------------------------------------------------------


class HistoryEntry(_Table, table=True):
    """One user action: who, when, what, under which schema; hash-chained to the one before."""

    __tablename__ = "history_entry"

    seq: int | None = Field(default=None, primary_key=True)
    at: str = Field(max_length=32)
    actor: str
    action: str = Field(max_length=32)
    schema_version: str = Field(max_length=64)
    undoes: int | None = Field(default=None, index=True)
    salt: str = Field(max_length=32)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class HistoryChange(_Table, table=True):
    """One record an action touched: its old and new values (JSON), or a compact key list.

    ``digest`` is set only on a change a purge emptied: the digest it had, vouched for by the
    purge entry that lists it.
    """

    __tablename__ = "history_change"
    __table_args__ = (Index("ix_history_change_tbl_key", "tbl", "row_key"),)

    entry_seq: int = Field(primary_key=True, foreign_key="history_entry.seq", ondelete="CASCADE")
    idx: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    tbl: str = Field(max_length=32)
    op: str = Field(max_length=8)
    row_key: str = Field(default="")
    entities: str = Field(default="")
    data: str | None = None
    digest: str | None = Field(default=None, max_length=64)
