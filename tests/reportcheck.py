"""Checks on a rendered output folder: every report the index links opens, nothing left over."""

from __future__ import annotations

import re
from pathlib import Path

LINK = re.compile(r'href="([^"]+)"')


def broken_links(out: Path) -> list[str]:
    """Links in `out/index.html` whose page is missing, empty or not HTML."""
    index = out / "index.html"
    if not index.exists():
        return []
    broken = []
    for href in LINK.findall(index.read_text("utf-8")):
        page = out / href
        try:
            ok = page.is_file() and "<html" in page.read_text("utf-8")[:4000]
        except OSError:
            ok = False
        if not ok:
            broken.append(href)
    return broken


def leftovers(out: Path) -> list[Path]:
    """Versions no report shows, links and temporary files: what a render must not leave."""
    live = {target.resolve() for target in out.iterdir() if target.is_symlink()}
    versions = out / ".versions"
    stale = [p for p in versions.iterdir() if p.resolve() not in live or p.is_symlink()]
    return stale + list(out.glob(".*.tmp"))
