"""Reading documents: extract their text and propose what they name (pure Python, no database)."""
