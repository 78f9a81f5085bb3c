"""The "get the data" files of a page: each table's CSV and each chart's PNG and SVG.

A table or chart shown in a notebook carries its files in its output's metadata
(`report.charts.image.DOWNLOADS`: {relative path: base64 bytes}); after a notebook has run, the
render step writes them into the report folder, beside the page whose links name them. Only
plain names under `data/` and `figures/` are written, so an output can never write elsewhere.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from helpers.report.charts.image import DOWNLOADS

SAFE_PATH = re.compile(r"(?:data|figures)/[a-z0-9][a-z0-9-]{0,80}\.(?:csv|png|svg)")
"""A download's path in the report folder: a slug under `data/` or `figures/`."""


def downloads(notebook) -> dict[str, bytes]:
    """The files an executed notebook's outputs link, by their path in the report folder."""
    found: dict[str, bytes] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            files = output.get("metadata", {}).get("text/html", {}).get(DOWNLOADS, {})
            for path, data in files.items() if isinstance(files, dict) else ():
                if not SAFE_PATH.fullmatch(str(path)):
                    raise ValueError(f"an output of {notebook.metadata.get('name', 'a notebook')}"
                                     f" names the download {path!r}, which is not a plain file "
                                     f"name under data/ or figures/")
                try:
                    found[path] = base64.b64decode(data, validate=True)
                except (binascii.Error, TypeError) as error:
                    raise ValueError(f"the download {path!r} is not base64: {error}") from None
    return found


def write_downloads(notebook_path: Path, folder: Path) -> list[Path]:
    """Write the files linked by an executed notebook's outputs into its report `folder`."""
    import nbformat

    written = []
    for path, data in downloads(nbformat.read(notebook_path, as_version=4)).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
