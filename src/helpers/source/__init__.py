"""Stage 1: a file becomes an `Article` (cleaned text, headline, metadata)."""
