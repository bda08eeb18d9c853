"""Add a claim (attribute, value, source, as-of, credibility), or edit one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlmodel import Session
from textual.app import ComposeResult
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from casefile.errors import InvalidInput
from casefile.services.claim_views import ClaimView
from casefile.services.views import EntityRef
from casefile.storage.engine import Database
from casefile.text import one_line
from casefile.tui.screens.forms.base import FormScreen
from casefile.tui.screens.forms.version_check import VersionCheck
from casefile.tui.widgets.entity_picker import EntityPicker

ATTRIBUTE_SUGGESTIONS = ("status", "born", "released_count", "detained_count", "sentence", "date", "count")


class ClaimForm(VersionCheck[ClaimView], FormScreen[str]):
    """Returns the claim's handle. Editing a claim checks it was not changed meanwhile."""

    SAVE_LABEL = "Save claim"

    def __init__(
        self,
        db: Database,
        entity: EntityRef,
        *,
        claim: ClaimView | None = None,
        attributes: Sequence[str] = (),
    ) -> None:
        super().__init__(db)
        self.entity = entity
        self.claim = claim
        if claim is not None:
            self.record = claim
        self.attributes = list(dict.fromkeys([*attributes, *ATTRIBUTE_SUGGESTIONS]))

    def title_content(self) -> Content:
        verb = f"Edit claim {self.claim.handle} about" if self.claim else "New claim about"
        return Content.assemble(f"{verb} {self.entity.handle} ", one_line(self.entity.name, 60))

    def fields(self) -> ComposeResult:
        claim = self.claim
        first = claim.sources[0] if claim and claim.sources else None
        yield Static("Attribute", classes="label")
        yield Input(
            claim.attribute if claim else "",
            id="claim-attribute",
            placeholder="status, born, released_count…",
            suggester=SuggestFromList(self.attributes, case_sensitive=False),
        )
        yield Static("Value", classes="label")
        yield Input(
            claim.value if claim else "", id="claim-value", placeholder="a number, an EDTF date or text"
        )
        yield Static("Source", classes="label")
        yield EntityPicker(
            self.db,
            kind="source",
            exclude_id=self.entity.id,
            chosen=[first.source] if first else None,
            id="claim-source",
            placeholder="search sources; Enter takes the best match",
        )
        yield Static("As of", classes="label")
        yield Input(
            claim.as_of or "" if claim else "", id="claim-as-of", placeholder="EDTF: 2025-06-21, 2025-06"
        )
        yield Static("Credibility (1-6)", classes="label")
        credibility = str(first.credibility) if first and first.credibility else ""
        yield Input(
            credibility, id="claim-credibility", max_length=1, placeholder="1 confirmed … 6 cannot be judged"
        )
        yield Static("Note", classes="label")
        yield Input(claim.note or "" if claim else "", id="claim-note", placeholder="optional")

    # ----- the lost-update check (VersionCheck) -----------------------------------------------

    def record_label(self) -> str:
        return self.record.handle

    def read_record(self, session: Session) -> ClaimView:
        from casefile.services.claim_queries import claim_views
        from casefile.services.refs import resolve_of_type
        from casefile.storage.tables import Claim

        return claim_views(session, [resolve_of_type(session, self.record.id, Claim, "claim")])[0]

    def record_values(self, record: ClaimView) -> dict[str, tuple[str, str]]:
        first = record.sources[0] if record.sources else None
        return {
            "attribute": ("Attribute", record.attribute),
            "value": ("Value", record.value),
            "source": ("Source", f"{first.source.handle} {first.source.name}" if first else ""),
            "as-of": ("As of", record.as_of or ""),
            "credibility": ("Credibility", str(first.credibility) if first and first.credibility else ""),
            "note": ("Note", record.note or ""),
        }

    def shown_values(self) -> dict[str, str]:
        chosen = self.query_one("#claim-source", EntityPicker).chosen
        values = {key: self._value(key) for key in ("attribute", "value", "as-of", "credibility", "note")}
        values["source"] = f"{chosen[0].handle} {chosen[0].name}" if chosen else ""
        return values

    def take_value(self, key: str, record: ClaimView) -> None:
        if key == "source":
            picker = self.query_one("#claim-source", EntityPicker)
            picker.chosen = [record.sources[0].source] if record.sources else []
            picker.show_chosen()
        else:
            self.query_one(f"#claim-{key}", Input).value = self.record_values(record)[key][1]

    def _value(self, name: str) -> str:
        return self.query_one(f"#claim-{name}", Input).value

    def submit(self) -> Callable[[Session], str] | None:
        from casefile.services.claims import ClaimInput
        from casefile.services.kinds import normalize_credibility

        attribute, value = self._value("attribute"), self._value("value")
        if not attribute.strip():
            raise InvalidInput("Say what the claim is about: an attribute such as status or released_count.")
        if not value.strip():
            raise InvalidInput("A claim needs a value.")
        chosen = self.query_one("#claim-source", EntityPicker).chosen
        credibility = self._value("credibility").strip()
        entity, claim = self.entity.handle, self.claim
        if claim is not None:
            claim = self.record  # the version last read (after "keep mine", the newer one)
            from casefile.services.claims import ClaimEdit, edit_claim

            edit = ClaimEdit(
                attribute=attribute,
                value=value,
                source=chosen[0].handle if chosen else "",
                as_of=self._value("as-of"),
                credibility=credibility,
                note=self._value("note"),
                expected_updated=claim.updated or None,
            )
            return lambda session: edit_claim(session, claim_ref=claim.handle, edit=edit).handle
        data = ClaimInput(
            attribute=attribute,
            value=value,
            source=chosen[0].handle if chosen else None,
            as_of=self._value("as-of").strip() or None,
            credibility=normalize_credibility(credibility) if credibility else None,
            note=self._value("note").strip() or None,
        )

        def add(session: Session) -> str:
            from casefile.services.claims import add_claim

            return add_claim(session, entity_ref=entity, data=data).claim.handle

        return add
