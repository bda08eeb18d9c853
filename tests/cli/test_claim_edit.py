"""``claim edit`` and ``claim remove``: change or delete one claim, refuse bad input with a sentence."""

from __future__ import annotations

from typing import Any

from tests.conftest import Cli, snapshot_database


def _case(cli: Cli) -> None:
    cli.ok("add", "person", "Ann")
    cli.ok("add", "source", "Report", "--reliability", "B")
    cli.ok("claim", "Ann", "status", "detained")
    cli.ok("claim", "Ann", "status", "released", "--source", "Report")


def test_claim_edit_changes_only_what_is_given(cli: Cli) -> None:
    _case(cli)
    shown = cli.json("claim", "edit", "CL1", "--value", "in exile", "--as-of", "2025-06", "--source", "S1",
                     "--credibility", "2")  # fmt: skip
    assert (shown["value"], shown["as_of"], shown["grade"]) == ("in exile", "2025-06", "B2")
    [claim] = [c for c in cli.json("claims", "Ann") if c["handle"] == "CL1"]
    assert (claim["attribute"], claim["value"], claim["as_of"]) == ("status", "in exile", "2025-06")
    cleared = cli.json("claim", "edit", "CL1", "--as-of", "", "--credibility", "")
    assert (cleared["as_of"], cleared["value"]) == (None, "in exile")


def test_claim_edit_sets_and_clears_the_note(cli: Cli) -> None:
    _case(cli)
    assert cli.json("claim", "edit", "CL2", "--note", "  per the lawyer ")["note"] == "per the lawyer"
    [claim] = [c for c in cli.json("claims", "Ann") if c["handle"] == "CL2"]
    assert (claim["note"], claim["value"]) == ("per the lawyer", "released")
    assert cli.json("claim", "edit", "CL2", "--note", "")["note"] is None


def test_claim_still_adds_with_the_old_form(cli: Cli) -> None:
    _case(cli)
    assert [c["handle"] for c in cli.json("claims", "Ann")] == ["CL1", "CL2"]


def test_claim_remove_deletes_it_and_its_decision(cli: Cli, subprocess_cli: Any) -> None:
    _case(cli)
    cli.ok("resolve", "CL1", "--prefer", "CL2")
    refused = subprocess_cli("claim", "remove", "CL2")
    assert refused.exit_code == 2
    assert "--yes" in refused.stderr
    done = subprocess_cli("claim", "remove", "CL2", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Removed claim CL2" in done.stderr + done.stdout
    assert [c["handle"] for c in cli.json("claims", "Ann")] == ["CL1"]
    assert cli.json("claims", "--conflicts") == []


def test_bad_claim_edits_write_nothing(cli: Cli, case_db: str) -> None:
    _case(cli)
    before = snapshot_database(case_db)
    for args, sentence in [
        (["claim", "edit", "CL1"], "Nothing to change"),
        (["claim", "edit", "CL9", "--value", "x"], "There is no CL9"),
        (["claim", "edit", "CL1", "--credibility", "9"], "not a credibility grade"),
        (["claim", "edit", "CL1", "--as-of", "the spring"], "not a date"),
        (["claim", "edit", "CL1", "--source", "Ann"], "Ann"),
        (["claim", "remove", "CL9", "--yes"], "There is no CL9"),
    ]:
        result = cli(*args)
        assert result.exit_code != 0, args
        assert sentence in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert "Internal error" not in result.stderr
    assert snapshot_database(case_db) == before
