"""Issue 18's vault fixes: what a source supports, a place's events, alias languages, literal headings."""

from __future__ import annotations

from tests.conftest import Cli


def _case(cli: Cli) -> None:
    cli.ok("add", "source", "Report")
    cli.ok("add", "place", "Minsk")
    cli.ok("add", "person", "[bold]x[/]", "--alias", "Алесь@be", "--alias", "Ales")
    cli.ok("add", "person", "Ann")
    cli.ok("add", "event", "Trial", "--date", "2021-07-14", "--place", "Minsk")
    cli.ok("link", "Ann", "Trial", "--role", "defendant in", "--source", "Report")
    cli.ok("note", "Ann", "Seen in court.", "--source", "Report")
    cli.ok("claim", "Ann", "status", "detained", "--source", "Report")


def test_one_dossier_pages_show_issue_18_sections(cli: Cli) -> None:
    _case(cli)
    source = cli.ok("export", "markdown", "-", "Report").stdout
    assert "## Supports" in source
    assert "- link L1: [[" in source
    assert "defendant in" in source
    assert "- note N1" in source
    assert "Seen in court." in source
    assert "- claim CL1: [[" in source
    assert "status = detained" in source
    place = cli.ok("export", "markdown", "-", "Minsk").stdout
    assert "## Events here" in place
    assert "|Trial]] (2021-07-14)" in place
    person = cli.ok("export", "markdown", "-", "P1").stdout
    assert "# \\[bold\\]x\\[/\\]\n" in person  # Markdown shows it as typed
    assert "## Aliases" in person
    assert "- Алесь (be" in person
    assert "- Ales" in person
