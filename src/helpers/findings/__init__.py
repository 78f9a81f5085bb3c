"""Stage 5: each verdict and comparison decided once, from the tables and the story pack."""
