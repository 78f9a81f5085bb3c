"""Stages 3-4: a parsed doc becomes tables: actors, quotes, stances, figures. No prose here."""
