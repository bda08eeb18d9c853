"""The main screen's form actions: new, edit, delete, link, note, cite and export.

A mixin of :class:`~casefile.tui.screens.main.MainScreen` (which binds the keys): each action
opens a modal form on the open dossier (or the link highlighted in its link list) and, once the
form wrote, asks the screen to reload through :meth:`saved`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from casefile.services.dossier_view import Dossier
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.tui.widgets.link_list import LinkList


class FormActions(Screen[None]):
    """Actions that open a form; the screen provides ``db``, ``dossier`` and ``saved``."""

    db: Database
    dossier: Dossier | None
    kind: str | None  # the active kind tab (n creates that kind without asking)

    def saved(self, entity_id: str | None = None, removed_id: str | None = None) -> None:
        """Reload after a write (MainScreen's)."""
        raise NotImplementedError

    def _need_dossier(self) -> Dossier | None:
        if self.dossier is None:
            self.notify("Pick an entity first.", severity="warning")
        return self.dossier

    def action_new(self) -> None:
        from casefile.tui.screens.forms.kind_choice import KindChoice

        if self.kind is not None:
            self._new(self.kind)
        else:
            self.app.push_screen(KindChoice(), self._new)

    def _new(self, kind: str | None) -> None:
        from casefile.tui.screens.forms.entity_form import EntityForm

        if kind is None:
            return
        self.app.push_screen(EntityForm(self.db, kind), self._entity_saved)

    def _entity_saved(self, ref: EntityRef | None) -> None:
        if ref is not None:
            self.notify(f"Saved {ref.handle}.")
            self.saved(ref.id)

    def _focused_link(self) -> Any:
        """The link highlighted in the dossier's link list when that list has focus."""
        links = self.query_one(LinkList)
        dossier = self.dossier
        if dossier is None or not links.has_focus or links.highlighted_link is None:
            return None
        return next((lk for lk in dossier.links if lk.handle == links.highlighted_link), None)

    def action_edit(self) -> None:
        from casefile.tui.screens.forms.entity_form import EntityForm

        link = self._focused_link()
        if link is not None:  # e on a link edits the link (role, date, note), not the entity
            from casefile.tui.screens.forms.link_edit_form import LinkEditForm

            self.app.push_screen(LinkEditForm(self.db, link), self._handle_saved("Link"))
            return
        dossier = self._need_dossier()
        if dossier is not None:
            self.app.push_screen(EntityForm(self.db, dossier.entity.kind, dossier), self._entity_saved)

    def action_delete(self) -> None:
        from casefile.tui.screens.forms.delete_form import DeleteForm

        link = self._focused_link()
        if link is not None:  # d on a link deletes the link, not the entity
            from casefile.tui.screens.forms.link_delete_form import LinkDeleteForm

            def unlinked(handle: str | None) -> None:
                if handle is not None:
                    self.notify(f"Deleted link {handle}.")
                    self.saved()

            self.app.push_screen(LinkDeleteForm(self.db, link), unlinked)
            return
        dossier = self._need_dossier()
        if dossier is None:
            return

        def done(ref: EntityRef | None) -> None:
            if ref is not None:
                self.notify(f"Deleted {ref.handle}.")
                self.saved(removed_id=ref.id)

        self.app.push_screen(DeleteForm(self.db, dossier.entity), done)

    def _handle_saved(self, what: str) -> Any:
        def done(handle: str | None) -> None:
            if handle is not None:
                self.notify(f"Saved {what.lower()} {handle}.")  # as "Saved P3." and "Saved claim CL1."
                self.saved()

        return done

    def action_link(self) -> None:
        from casefile.tui.screens.forms.link_form import LinkForm

        dossier = self._need_dossier()
        if dossier is not None:
            self.app.push_screen(LinkForm(self.db, dossier.entity), self._handle_saved("Link"))

    def action_note(self) -> None:
        from casefile.tui.screens.forms.note_form import NoteForm

        dossier = self._need_dossier()
        if dossier is not None:
            entity = dossier.entity
            self.app.push_screen(NoteForm(self.db, entity.handle, entity.name), self._handle_saved("Note"))

    def action_cite(self) -> None:
        from casefile.tui.screens.forms.citation_form import CitationForm

        dossier = self._need_dossier()
        if dossier is None:
            return
        links = self.query_one(LinkList)
        target = links.highlighted_link if links.has_focus else None
        self.app.push_screen(CitationForm(self.db, dossier, target), self._handle_saved("Citation"))

    def action_export(self) -> None:
        from casefile.tui.screens.forms.export_form import ExportForm

        def done(summary: str | None) -> None:
            if summary:
                self.notify(summary, markup=False)

        entity = self.dossier.entity if self.dossier is not None else None
        self.app.push_screen(ExportForm(self.db, entity, Path.cwd()), done)
