"""Article text placed into Markdown for notebooks and reports: shown as written, never run."""

import html


def escape(text: object) -> str:
    """Text safe inside Markdown: '<', '>' and '&' as entities, '$' not read as math."""
    return html.escape(str(text), quote=False).replace("$", r"\$")
