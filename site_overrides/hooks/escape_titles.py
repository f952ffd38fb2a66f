"""MkDocs hook: page titles are text, not HTML.

Titles come from sources (a report's headline) and registries (a person's name). Material
prints `page.meta.title` unescaped in the header, `<title>` and tag listings, so a headline
such as `<script>…</script>` would run. Escaping it here, once, makes it show as written.
"""

from __future__ import annotations

import html
from typing import Any


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=False)
    return markdown
