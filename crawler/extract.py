"""Layered field extraction: JSON-LD → OpenGraph/article meta → site selectors → generic fallback.

Each layer only *locates* strings; normalising them (dates, URLs, sources) is the pipelines' job.
`extract_fields` returns the values and, per field, the layer that supplied it, so a stale site
selector shows up as a field filled by the fallback layer (the health monitors watch that share).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from parsel import Selector, SelectorList

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNews", "BlogPosting", "AnalysisNewsArticle", "WebPage"}
BLOCK_TAGS = ("p", "li", "blockquote", "h2", "h3", "h4")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")


def squash(text: str | None) -> str:
    """Collapse runs of spaces (incl. NBSP) and strip; keeps newlines out of single fields."""
    if not text:
        return ""
    return _WS.sub(" ", text.replace("\n", " ")).strip()


def select(sel: Selector | SelectorList, query: str) -> SelectorList:
    """A selector string is XPath when it starts with '/' or '(' and CSS otherwise."""
    return sel.xpath(query) if query.startswith(("/", "(", "./")) else sel.css(query)


def first_text(sel: Selector, queries: Sequence[str]) -> str | None:
    for query in queries:
        for node in select(sel, query):
            text = squash(" ".join(node.xpath(".//text()").getall()) if _is_element(node) else node.get())
            if text:
                return text
    return None


def _is_element(node: Selector) -> bool:
    return node.type in ("html", "xml") and not isinstance(node.root, str)


def all_texts(sel: Selector, queries: Sequence[str]) -> list[str]:
    out: list[str] = []
    for query in queries:
        for node in select(sel, query):
            text = squash(" ".join(node.xpath(".//text()").getall()) if _is_element(node) else node.get())
            if text and text not in out:
                out.append(text)
        if out:
            return out
    return out


# --- layer 1: JSON-LD -----------------------------------------------------------------------------


def _walk_jsonld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _walk_jsonld(entry)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _walk_jsonld(data["@graph"])
        yield data


def jsonld_article(sel: Selector) -> dict[str, Any]:
    """The first article-like JSON-LD object on the page ({} when none, or when it is broken)."""
    for raw in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        for obj in _walk_jsonld(data):
            kinds = obj.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & (ARTICLE_TYPES - {"WebPage"}):
                return obj
    return {}


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [squash(value)] if squash(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _image(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _image(value.get("url") or value.get("contentUrl"))
    if isinstance(value, list) and value:
        return _image(value[0])
    return None


def from_jsonld(obj: dict[str, Any]) -> dict[str, Any]:
    if not obj:
        return {}
    keywords = obj.get("keywords")
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    body = obj.get("articleBody")
    return {
        "title": squash(obj.get("headline") or obj.get("name")) or None,
        "lead": squash(obj.get("description")) or None,
        "body": [p.strip() for p in str(body).split("\n") if p.strip()] if body else None,
        "published": obj.get("datePublished"),
        "updated": obj.get("dateModified"),
        "authors": _names(obj.get("author")) or None,
        "tags": keywords or None,
        "image": _image(obj.get("image")),
    }


# --- layer 2: OpenGraph / article:* / standard meta ---------------------------------------------------


def from_meta(sel: Selector) -> dict[str, Any]:
    def meta(*names: str) -> str | None:
        for name in names:
            value = sel.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content').get()
            if value and squash(value):
                return squash(value)
        return None

    tags = [squash(t) for t in sel.xpath('//meta[@property="article:tag"]/@content').getall() if squash(t)]
    authors = meta("article:author", "author")
    return {
        "title": meta("og:title", "twitter:title"),
        "lead": meta("og:description", "description", "twitter:description"),
        "published": meta("article:published_time", "datePublished", "pubdate", "date"),
        "updated": meta("article:modified_time", "og:updated_time", "dateModified"),
        "authors": [authors] if authors else None,
        "tags": tags or None,
        "image": meta("og:image", "twitter:image"),
    }


# --- the paragraph walk shared by the site layer and the fallback -------------------------------------


def paragraphs(container: Selector, *, cut_at: Sequence[str] = (), drop: Sequence[str] = ()) -> list[str]:
    """Text blocks of a body container in document order, stopping at the first `cut_at` element.

    Block elements nested in other blocks (a <p> inside a <blockquote>) are read once, by their
    outermost block, so a quote and its caption stay one paragraph.
    """
    # Hold the element proxies themselves: lxml keeps one proxy per node only while it is referenced.
    cut_nodes = {n.root for q in cut_at for n in select(container, q)}
    drop_nodes = {n.root for q in drop for n in select(container, q)}
    # A cut element inside a block or a dropped element still ends the text (after that block).
    cut_ancestors = {a for n in cut_nodes for a in n.iterancestors()}
    blocks: list[str] = []
    # Document order by an explicit stack that never enters a block or a skipped element: testing every
    # node against every block read so far was quadratic (~0.5 ms on a real akorda.kz page).
    stack = [container.root]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        if node in cut_nodes:
            break
        if node in drop_nodes or node.tag in ("script", "style", "noscript", "figure", "figcaption"):
            if node in cut_ancestors:
                break
            continue
        if node.tag in BLOCK_TAGS:
            text = squash("".join(node.itertext()))
            if text:
                blocks.append(text)
            if node in cut_ancestors:
                break
            continue
        stack.extend(reversed(list(node)))
    root = container.root
    if not blocks:  # a container of bare text (some API bodies, old pages)
        text = "\n".join(t.strip() for t in root.itertext() if t.strip())
        blocks = [squash(line) for line in text.split("\n") if squash(line)]
    return blocks


def generic_body(sel: Selector) -> list[str]:
    """Fallback body: the element holding the most paragraph text directly (readability's core idea).

    Language-independent on purpose (no stopwords), so Kazakh works as well as Russian.
    """
    best: tuple[int, Any] | None = None
    for parent in sel.xpath("//body//*[p]"):
        size = sum(len(squash(p)) for p in parent.xpath("./p//text()").getall())
        if best is None or size > best[0]:
            best = (size, parent)
    if best is None:
        return []
    return [t for t in (squash(" ".join(p.xpath(".//text()").getall())) for p in best[1].xpath("./p")) if t]


def generic_title(sel: Selector) -> str | None:
    return first_text(sel, ("//h1", "//title"))


def unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen
