"""Modal forms: each validates, writes in one transaction, and shows a sentence on bad input."""
