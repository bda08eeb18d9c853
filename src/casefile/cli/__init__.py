"""The Typer command line: a thin shell over ``casefile.services``."""
