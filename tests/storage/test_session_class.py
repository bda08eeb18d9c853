"""casefile's session hooks (search index, history) are its own: other sessions are left alone."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session
from sqlmodel import Session as SQLModelSession

from casefile.storage import history, search_index
from casefile.storage.session import CasefileSession


def test_the_flush_hook_is_on_casefile_session_only() -> None:
    hook = search_index._keep_keys_in_step
    assert event.contains(CasefileSession, "after_flush", hook)
    assert not event.contains(Session, "after_flush", hook)
    assert not event.contains(SQLModelSession, "after_flush", hook)


def test_the_history_hooks_are_on_casefile_session_only() -> None:
    for name, hook in (("before_flush", history._before_flush), ("do_orm_execute", history._on_execute)):
        assert event.contains(CasefileSession, name, hook)
        assert not event.contains(Session, name, hook)
        assert not event.contains(SQLModelSession, name, hook)


def test_a_foreign_session_flushing_an_entity_does_not_touch_the_index() -> None:
    from casefile.storage.tables import Entity

    engine = create_engine("sqlite://")
    Entity.__table__.create(engine)  # type: ignore[attr-defined]  # no name_key table: a reindex would fail
    with SQLModelSession(engine) as session:
        session.add(Entity(id="e1", handle="P1", kind="person", name="Someone", created="x", updated="x"))
        session.flush()
        assert session.get(Entity, "e1") is not None
    engine.dispose()
