"""Stage 6: every sentence, table and chart the pages show, written from the findings."""
