"""Article text placed into Markdown for notebooks and reports: shown as written, never run."""

import html
import re

MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:@=$])")
"""Characters that can start Markdown (links, images, emphasis, code, headings, lists, tables,
strikethrough, math) or a bare-URL or e-mail autolink (`:` and `@`, `www.`)."""


def escape(text: object) -> str:
    """Text safe inside Markdown, shown exactly as written.

    '<', '>' and '&' become entities (no HTML); every other character with a meaning in
    Markdown or its extensions gets a backslash, so `[x](javascript:...)` stays text, `![t](url)`
    loads no image, `https://...` is no link and `$` is not math.
    """
    return MARKDOWN_SYNTAX.sub(r"\\\1", html.escape(str(text), quote=False))
