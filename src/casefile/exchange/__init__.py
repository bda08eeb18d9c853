"""Export and import: the JSON bundle (lossless, by UUID) and the Markdown vault (for people)."""
