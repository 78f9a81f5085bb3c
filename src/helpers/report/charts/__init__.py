"""Charts for the pages, in the house style (`helpers.report.style`); tables in, figures out."""
