"""The Textual front-end (imported only when the TUI opens; never by ``casefile --help``)."""
