"""HTML sources: a saved web page → the article's blocks and the page's own metadata.

A saved post carries its whole site with it: menus, share buttons, related posts,
readers' comments. Only the article is a source of reports, so the reader picks the
element that holds it, leaves out the site furniture inside it, and turns what is
left into the same `Block`s the text reader makes. From then on the splitter and the
metadata stage cannot tell an HTML source from the text a contributor would paste.

Nothing of the markup survives: every block is the visible text only, so a page's
scripts or handlers can never reach the archive (escaping on output is `pages.py`'s job).

Line numbers: `Block.line` is the line of the block's first visible character and
`Block.end_line` that of its last, which for ordinary markup are the lines of the
element's start and end tags. They are counted from each tag's `sourceline` (given by
the stdlib parser) plus the line breaks in the text and start-tag markup after it; a
character reference for a line break (`&#10;`) counts as one, a line break inside an
end tag (`</p\\n>`) does not.

Why this module is long: finding the article, its boilerplate and the page's metadata, and
counting source lines, all walk the same parsed tree and share its helpers.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from generator.datelines import parse_date
from generator.models import Block, BlockKind, ReportDate, SourceDocument, SourceMeta
from generator.readers.decode import decode_source
from generator.readers.text import speaker_label

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADINGS | {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html", "legend",
    "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}
"""Elements a browser lays out on lines of their own: text on either side of one never joins up."""

REMOVED_TAGS = frozenset({
    "nav", "footer", "aside", "form", "script", "style", "noscript", "iframe", "template", "svg", "math",
    "button", "select", "textarea", "object", "embed", "canvas", "audio", "video",
})
"""Site furniture and elements whose content is code or a fallback, not the article's text."""

REMOVED_CLASS_PARTS = ("share", "sharing", "related")
"""A class containing one of these marks share buttons (Jetpack's `sharedaddy`, `sd-sharing`, `share-*`)
or related posts (`related`, `jp-relatedposts`, `yarpp-related`)."""

REMOVED_CLASSES = frozenset({"social", "comments-area", "comment-list"})
REMOVED_IDS = frozenset({"comments", "respond"})
"""Social links, readers' comments and the comment form, by the classes and ids blog themes give them."""

CREDIT_CLASS_PARTS = ("byline", "author", "timestamp", "caption", "credit", "published", "pubdate", "entry-meta",
                      "post-meta", "article-meta", "story__time", "attr-time", "attr-provider", "date-time")
"""An element whose class (or `data-component`) says it is a byline, a timestamp or a caption holds the
report's metadata, not its text: it is a block of its own, of kind `caption`."""


def is_credit_element(tag: Tag) -> bool:
    classes = tag.get("class") or ()
    names = [classes] if isinstance(classes, str) else list(classes)
    component = tag.get("data-component")
    if isinstance(component, str):
        names.append(component)
    return any(part in name.casefold() for name in names for part in CREDIT_CLASS_PARTS)

ROOT_SELECTORS = ("article", "[itemprop=articleBody]", ".entry-content", ".post-content", "main")
"""Where the article is, most specific first; without any of them the whole `<body>` is read."""

START_TAG = re.compile(r"""<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*>""")
"""A start tag, with quoted attribute values that may hold `>` or line breaks."""

META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
"""`<meta charset="…">` and the `charset=` in `<meta http-equiv="Content-Type" content="…">`."""

CHARSET_SCAN = 8192
"""Bytes searched for a charset declaration: saved pages put it at the top of `<head>`."""

ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")

LABEL_WORD = re.compile(r"[\w.'’-]+")

Visibility = Literal["shown", "hidden", "header"]


def read_html_source(data: bytes, path: Path, display_path: str) -> SourceDocument:
    """Read an `.html` source: decode by its declared charset, keep the article, cut it into blocks."""
    text = decode_html(data, display_path)
    soup = BeautifulSoup(text, "html.parser")
    root = article_root(soup)
    collector = BlockCollector(text, root, site_level=root is soup.body or root is soup)
    collector.walk()
    return SourceDocument(
        path=path,
        name=path.stem,
        blocks=tuple(collector.blocks),
        meta=page_meta(soup, root),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )


def decode_html(data: bytes, display_path: str) -> str:
    """The page as text, decoded by the charset it declares (or the one detected)."""
    declared = META_CHARSET.search(data[:CHARSET_SCAN])
    return decode_source(data, display_path, declared.group(1).decode("ascii") if declared else None)


def is_removed(tag: Tag) -> bool:
    """Site furniture or not shown: checked on attributes directly, as a CSS match costs the tag's depth."""
    if tag.name in REMOVED_TAGS or tag.has_attr("hidden") or tag.get("id") in REMOVED_IDS:
        return True
    classes = tag.get("class") or ()
    return any(name in REMOVED_CLASSES or any(part in name for part in REMOVED_CLASS_PARTS)
               for name in ([classes] if isinstance(classes, str) else classes))


def inside_removed_part(tag: Tag, top: Tag) -> bool:
    """An ancestor of the tag below `top` is removed (`<body class="…related…">` must not count).

    The tag's own classes do not count: WordPress gives the post's `<article>` a class per tag
    and category, and a post tagged "market share" is still the article.
    """
    node = tag.parent
    while node is not None and node is not top:
        if is_removed(node):
            return True
        node = node.parent
    return False


def article_root(soup: BeautifulSoup) -> Tag:
    """The element that holds the article: the first of `ROOT_SELECTORS` found outside removed parts.

    Of several matches (comments and related posts can be `<article>`s too, but those sit in
    removed parts) the one with the most text wins. The article itself is always read, even if
    its own classes look like those of a removed part.
    """
    top = soup.body or soup
    for selector in ROOT_SELECTORS:
        found = [tag for tag in top.select(selector) if not inside_removed_part(tag, top)]
        if found:
            return max(found, key=lambda tag: len(tag.get_text()))
    return top


@dataclass
class BlockCollector:
    """Walks the article in document order, gathering the inline text of each block.

    Text between two block boundaries is one run; a run ends as a block of the kind of the
    element that holds it. `<br><br>` ends a run too (a blank line inside a paragraph);
    a single `<br>` is a space.
    """

    source: str
    root: Tag
    """The article: always read, even if its own classes look like those of a removed part."""
    site_level: bool
    """The walk starts at `<body>`: a `<header>` outside any `<article>` is then the site's header."""
    blocks: list[Block] = field(default_factory=list)
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    """The current run: each string with whether it is bold."""
    first_line: int | None = None
    last_line: int = 0
    line: int = 1
    """Line of the parser's position in the source."""
    breaks: int = 0
    """`<br>`s since the last visible text."""
    bold: int = 0
    kinds: list[BlockKind] = field(default_factory=lambda: ["paragraph"])
    visibility: list[Visibility] = field(default_factory=lambda: ["shown"])
    """Per open element: `shown`, `hidden`, or `header` (an article's header, of which only headings are kept)."""

    def __post_init__(self) -> None:
        self.line_offsets = [0] + [m.end() for m in re.finditer("\n", self.source)]

    def walk(self) -> None:
        """Depth-first without recursion: unclosed tags in a saved page can nest thousands deep."""
        stack: list[tuple[PageElement, Tag | None]] = [(self.root, None)]
        while stack:
            node, leaving = stack.pop()
            if leaving is not None:
                self.leave(leaving)
            elif isinstance(node, Tag):
                self.enter(node)
                stack.append((node, node))
                stack.extend((child, None) for child in reversed(node.contents))
            elif isinstance(node, NavigableString):
                self.string(node)
        self.flush()

    def enter(self, tag: Tag) -> None:
        if tag.sourceline is not None:
            self.line = tag.sourceline
            offset = self.line_offsets[tag.sourceline - 1] + (tag.sourcepos or 0)
            markup = START_TAG.match(self.source, offset)
            if markup:
                self.line += markup.group().count("\n")
        self.visibility.append("shown" if tag is self.root else self.visibility_of(tag))
        if tag.name in BLOCK_TAGS or is_credit_element(tag):
            self.flush()
            self.kinds.append(self.kind_of(tag))
        elif tag.name in ("b", "strong"):
            self.bold += 1
        elif tag.name == "br" and self.visibility[-1] == "shown":
            self.breaks += 1
            if self.breaks == 2:
                self.flush()
            else:
                self.pieces.append((" ", False))

    def leave(self, tag: Tag) -> None:
        self.visibility.pop()
        if tag.name in BLOCK_TAGS or is_credit_element(tag):
            self.flush()
            self.kinds.pop()
        elif tag.name in ("b", "strong"):
            self.bold -= 1

    def visibility_of(self, tag: Tag) -> Visibility:
        parent = self.visibility[-1]
        if parent == "hidden" or is_removed(tag):
            return "hidden"
        if tag.name == "header":
            return "header" if not self.site_level or tag.find_parent("article") else "hidden"
        if parent == "header":
            return "shown" if tag.name in HEADINGS else "header"
        return parent

    def kind_of(self, tag: Tag) -> BlockKind:
        """Headings and list items are what they are; other blocks inside them take their kind."""
        if tag.name in HEADINGS:
            return "heading"
        if tag.name in ("figcaption", "address") or is_credit_element(tag):
            return "caption"
        if tag.name == "li":
            return "list_item"
        return self.kinds[-1]

    def string(self, node: NavigableString) -> None:
        start_line = self.line
        self.line += node.count("\n")
        if isinstance(node, PreformattedString) or self.visibility[-1] != "shown":
            return  # comments, doctype, CDATA, and text of hidden parts: not on the page
        text = str(node)
        if not text.strip():
            self.pieces.append((" ", False))
            return
        self.breaks = 0
        self.pieces.append((text, self.bold > 0))
        if self.first_line is None:
            self.first_line = start_line + text.count("\n", 0, len(text) - len(text.lstrip()))
        self.last_line = start_line + text.count("\n", 0, len(text.rstrip()))

    def flush(self) -> None:
        """End the current run; keep it as a block if it holds any visible text."""
        text = collapse("".join(text for text, _ in self.pieces))
        if text and self.first_line is not None:
            kind = self.kinds[-1]
            label = None
            if kind == "paragraph":
                turn = bold_label(self.pieces)
                if turn:
                    label, rest = turn
                    text = f"{label}: {rest}"
                else:
                    label = speaker_label(text)
            self.blocks.append(Block(text=text, line=self.first_line, end_line=self.last_line, kind=kind,
                                     speaker_label=label))
        self.pieces = []
        self.first_line = None
        self.breaks = 0


def bold_label(pieces: list[tuple[str, bool]]) -> tuple[str, str] | None:
    """`<strong>Question:</strong> text` → (`Question`, `text`): a bold label of 1-5 words ending in a colon.

    The colon may also follow the bold text (`<b>Question</b>: text`). Bold marks a label as
    surely as the text reader's shape rules do, so the turn need not end like a sentence.
    """
    start = 0
    while start < len(pieces) and not pieces[start][1] and not pieces[start][0].strip():
        start += 1
    end = start
    while end < len(pieces) and (pieces[end][1] or not pieces[end][0].strip()):
        end += 1  # spaces between bold runs (`<b>Maria</b> <b>Zakharova:</b>`) belong to the label
    label = collapse("".join(text for text, _ in pieces[start:end]))
    rest = collapse("".join(text for text, _ in pieces[end:]))
    if label.endswith(":"):
        label = label[:-1].rstrip()
    elif rest.startswith(":"):
        rest = rest[1:].lstrip()
    else:
        return None
    words = label.split()
    if not rest or not 1 <= len(words) <= 5 or not label[0].isupper():
        return None
    if not all(LABEL_WORD.fullmatch(word) for word in words):
        return None
    return label, rest


def collapse(text: str) -> str:
    """Runs of whitespace (line breaks, tabs, no-break spaces) → one space, as a browser shows them."""
    return " ".join(text.split())


ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                           "OpinionNewsArticle", "BackgroundNewsArticle", "Report", "LiveBlogPosting"})
"""JSON-LD types whose `datePublished`, `publisher` and `author` describe the article on the page."""

DATE_META_NAMES = ("article:published_time", "og:article:published_time", "datePublished", "pubdate", "publishdate",
                   "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date",
                   "sailthru.date", "citation_publication_date")
"""Meta tags that carry the publication date, most specific first (`og:updated_time` is not among them)."""


def page_meta(soup: BeautifulSoup, root: Tag) -> SourceMeta:
    """What the page says about itself: JSON-LD, Open Graph and article tags first, then the markup."""
    article = json_ld_article(soup)
    heading = root.find("h1")
    title_tag = soup.find("title")
    title = (meta_content(soup, "og:title")
             or text_value(article.get("headline"))
             or (collapse(heading.get_text()) if isinstance(heading, Tag) else None)
             or (collapse(title_tag.get_text()) if isinstance(title_tag, Tag) else None))
    canonical = soup.select_one("link[rel~=canonical][href]")
    time = root.select_one("time[datetime]") or soup.select_one("time[datetime]")
    published = (page_date(text_value(article.get("datePublished")))
                 or next((d for d in (page_date(meta_content(soup, k)) for k in DATE_META_NAMES) if d), None)
                 or page_date(attribute(time, "datetime") if time else None))
    html_tag = soup.find("html")
    author = meta_content(soup, "author")
    authors = names_of(article.get("author")) or ((author,) if author else ())
    return SourceMeta(
        title=title or None,
        url=((attribute(canonical, "href") if canonical else None) or meta_content(soup, "og:url")
             or text_value(article.get("url"))),
        publisher=(next(iter(names_of(article.get("publisher"))), None) or meta_content(soup, "og:site_name")),
        published=published,
        language=attribute(html_tag, "lang") if isinstance(html_tag, Tag) else None,
        authors=authors,
    )


def json_ld_article(soup: BeautifulSoup) -> dict[str, object]:
    """The first JSON-LD object of an article type (`NewsArticle` …), searched through lists and `@graph`."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text() or "null")
        except ValueError:
            continue  # a broken block on someone's page is not the contributor's problem
        pending = [data]
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                types = item.get("@type")
                if ARTICLE_TYPES & {str(t) for t in (types if isinstance(types, list) else [types])}:
                    return item
                pending.extend(v for k, v in item.items() if k == "@graph" or k == "mainEntity")
    return {}


def names_of(value: object) -> tuple[str, ...]:
    """Names in a JSON-LD `author` or `publisher`: a name, an object with `name`, or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = [text_value(item.get("name") if isinstance(item, dict) else item) for item in items]
    return tuple(dict.fromkeys(n for n in names if n))


def text_value(value: object) -> str | None:
    return collapse(value) or None if isinstance(value, str) else None


def page_date(value: str | None) -> ReportDate | None:
    """A page's publication date: the day of an ISO timestamp as written, else a date in words."""
    if not value:
        return None
    match = ISO_DATE.match(value)
    if match:
        try:
            return ReportDate(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    return parse_date(value)


def meta_content(soup: BeautifulSoup, key: str) -> str | None:
    """`<meta property="og:title" content="…">`; some sites write `name=` instead of `property=`."""
    for attr in ("property", "name"):
        tag = soup.find("meta", attrs={attr: key})
        if isinstance(tag, Tag):
            value = attribute(tag, "content")
            if value:
                return value
    return None


def attribute(tag: Tag, name: str) -> str | None:
    """A single-valued attribute with whitespace collapsed, or None when absent or blank."""
    value = tag.get(name)
    if not isinstance(value, str):
        return None
    return collapse(value) or None
