"""The operations both front-ends call. Nothing here imports Typer or Textual."""
