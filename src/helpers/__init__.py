"""Helpers for reading a news article closely: load, parse, extract, chart and render."""

__version__ = "0.1.0"
