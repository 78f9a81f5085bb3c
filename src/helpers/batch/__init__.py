"""Many articles: extraction and rendering in worker processes, reports swapped in safely."""
