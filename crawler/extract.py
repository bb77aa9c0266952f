"""Layered field extraction: JSON-LD → OpenGraph/article meta → site selectors → generic fallback.

Each layer only *locates* strings; normalising them (dates, URLs, sources) is the pipelines' job.
`extract_fields` returns the values and, per field, the layer that supplied it, so a stale site
selector shows up as a field filled by the fallback layer (the health monitors watch that share).
"""

from __future__ import annotations

import codecs
import json
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeAlias
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator
from scrapy.utils.response import get_base_url
from w3lib.url import safe_url_string

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNews", "BlogPosting", "AnalysisNewsArticle", "WebPage"}
BLOCK_TAGS = ("p", "li", "blockquote", "h2", "h3", "h4")
# Runs of spaces and newlines become one space. Only runs of two or more and the other characters need a
# substitution (matching every single space was the costliest part).
_WS = re.compile(r"[ \n\t\r\f\v\u00a0\u2009\u202f]{2,}|[\n\t\r\f\v\u00a0\u2009\u202f]")


def squash(text: str | None) -> str:
    """Collapse runs of spaces (incl. NBSP) and strip; keeps newlines out of single fields."""
    if not text:
        return ""
    # Of the _WS characters only the plain space is printable (checked over every code point): a printable
    # text needs the scan only for a double space. Two C passes instead of nine `in` tests a paragraph.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return _WS.sub(" ", text).strip()


def select(sel: Selector | SelectorList, query: str) -> SelectorList:
    """A selector string is XPath when it starts with '/' or '(' and CSS otherwise."""
    return sel.xpath(query) if query.startswith(("/", "(", "./")) else sel.css(query)


# --- the page tree and compiled queries ---------------------------------------------------------------
# Extraction works on the lxml tree itself: parsel wraps every result in a Selector and lxml.html looks up a
# Python element class for every node it touches, which together cost more than the parse.

Node: TypeAlias = etree._Element
ELEMENT: type[Any] = etree._Element  # for isinstance: lxml ships no type stubs, so Node is Any to mypy
_LOCAL = threading.local()  # an lxml parser is reusable but not thread-safe; and the last page's tree
# parsel's: the same CSS dialect (::text, ::attr()) and the same XPath extensions as Selector.css/xpath.
_CSS = HTMLTranslator()
_NAMESPACES = {"re": "http://exslt.org/regular-expressions", "set": "http://exslt.org/sets"}


def _parser() -> etree.HTMLParser:
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.HTMLParser(
            recover=True, encoding="utf-8", huge_tree=True, collect_ids=False
        )
    return parser


def parse_html(text: str) -> Node:
    """The page's root element, built from the same bytes as parsel builds it (so the same tree)."""
    return _parse_bytes(text.strip().replace("\x00", "").encode("utf-8"))


def _parse_bytes(body: bytes) -> Node:
    root = etree.fromstring(body or b"<html/>", parser=_parser())
    return root if root is not None else etree.fromstring(b"<html/>", parser=_parser())


def _utf8_page(response: Any) -> tuple[str, bytes] | None:
    """(text, bytes to parse) straight from the body when that gives the bytes `parse_html(response.text)`
    parses; None otherwise. Decoding the body and encoding the text back cost more than the parse on long
    pages. It holds when Scrapy decodes the body as UTF-8 (no BOM, which it would strip) and the body is
    valid UTF-8 (no replacement characters): then the text encodes back to the body itself. Trimming
    ASCII whitespace off the bytes trims what str.strip() trims when the page starts with "<" and ends
    with ">" after it (str.strip() also trims non-ASCII spaces, which cannot precede "<" then)."""
    body = response.body
    if body.startswith(codecs.BOM_UTF8) or response.encoding != "utf-8":
        return None
    data = body.strip()
    if data[:1] != b"<" or data[-1:] != b">":
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text, data.replace(b"\x00", b"") if b"\x00" in data else data


def _page(response: Any) -> list[Any]:
    # One slot per thread, not a weak dict keyed by response: a callback reads one page at a time, and
    # dropping entries from a WeakKeyDictionary costs more than the lookup saves.
    # [response ref, tree, base URL, page text]
    last: list[Any] | None = getattr(_LOCAL, "last", None)
    if last is not None and last[0]() is response:
        return last
    direct = _utf8_page(response)
    if direct is not None:
        text, data = direct
        root = _parse_bytes(data)
    else:
        text = response.text
        root = parse_html(text)
    last = _LOCAL.last = [weakref.ref(response), root, None, text]
    return last


def page_root(response: Any) -> Node:
    """The parsed page of a text response, parsed once per response (the callback and its helpers share it)."""
    return _page(response)[1]


# What scrapy's get_base_url(response) looks for: w3lib reads a <base> tag only when its first 4096
# characters match this (w3lib.html._base_re), and otherwise answers safe_url_string(response.url).
_BASE_TAG = re.compile(r"<base", re.IGNORECASE)
# URLs that safe_url_string returns unchanged: http(s), a lower-case host without port or user, a path
# and an optional query of characters it never escapes (no "%", which it may re-encode, no fragment).
# Checking costs ~1 µs; safe_url_string costs 4–9 µs on our article URLs.
_SAFE_URL = re.compile(
    r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?"
    r"/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*"
    r"(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]+)?"
)


def safe_url(url: str) -> str:
    """`w3lib.url.safe_url_string(url)`, skipped for URLs it leaves as they are."""
    return url if _SAFE_URL.fullmatch(url) else safe_url_string(url)


def base_url(response: Any) -> str:
    """`scrapy.utils.response.get_base_url(response)`, without decoding the page again or escaping a URL
    that needs no escaping when the page declares no <base>."""
    page = _page(response)
    if page[2] is None:
        text = page[3]
        page[2] = get_base_url(response) if _BASE_TAG.search(text, 0, 4096) else safe_url(response.url)
    return str(page[2])


# An absolute http(s) URL that urljoin returns as it is, whatever the base: with the base's scheme it returns
# urlunparse(urlparse(url)), which rebuilds exactly such a URL (no ";" parameters, no empty "?" or "#", no
# characters urlsplit strips); with another scheme, the URL itself. urljoin costs ~4 µs a long URL.
_ABSOLUTE_URL = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9\-._~!$&'()*+,=:@/%]*)?"
    r"(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]+)?"
)


def page_urljoin(response: Any, url: str) -> str:
    """`response.urljoin(url)`, with the page's base URL looked up once rather than on every call."""
    if _ABSOLUTE_URL.fullmatch(url):
        return url
    return urljoin(base_url(response), url)


@lru_cache(maxsize=2048)
def compiled_xpath(xpath: str) -> etree.XPath:
    if "re:" in xpath or "set:" in xpath:
        return etree.XPath(xpath, namespaces=_NAMESPACES, smart_strings=False)
    # Registering the EXSLT namespaces and regexp functions costs ~1 µs on every evaluation; an expression
    # that names neither prefix cannot use them.
    return etree.XPath(xpath, smart_strings=False, regexp=False)


# A step that tests only class names, exactly as parsel's translator writes `.a`, `.a.b`, `div.a` and
# `[class^="a"]`: `axis::name[@class and contains(@class, 'a') and contains(concat(' ', normalize-space(@class),
# ' '), ' a ')]`. libxml2 evaluates that predicate on every element, class or not; `axis::name/@class[...]/..`
# tests only the class attributes and selects the same elements (an attribute's parent is its element), in
# the same document order, at about half the cost on our pages.
_CLASS_TEST = re.compile(
    r"@class and (?:contains\(@class, '(?P<name>[^']*)'\) and "
    r"contains\(concat\(' ', normalize-space\(@class\), ' '\), ' (?P=name) '\)"
    r"|starts-with\(@class, '(?P<prefix>[^']*)'\))"
)
_CLASS_STEP = re.compile(
    r"(?P<step>(?:descendant-or-self|descendant|child)::(?:\*|[A-Za-z][A-Za-z0-9]*))\[(?P<test>[^\[\]]*)\]"
)


def _class_steps(match: re.Match[str]) -> str:
    test = match.group("test")
    parts = test[1:-1].split(") and (") if test.startswith("(") else [test]
    found = [_CLASS_TEST.fullmatch(part) for part in parts]
    if not all(found) or (len(parts) > 1 and test != "(" + ") and (".join(parts) + ")"):
        return match.group(0)  # anything but class tests (or a name we cannot read back): as it is
    tests = [
        f"contains(., '{m['name']}') and contains(concat(' ', normalize-space(.), ' '), ' {m['name']} ')"
        if m["name"] is not None
        else f"starts-with(., '{m['prefix']}')"
        for m in found
        if m is not None
    ]
    test = tests[0] if len(tests) == 1 else " and ".join(f"({t})" for t in tests)
    return f"{match.group('step')}/@class[{test}]/.."


def css_xpath(query: str) -> str:
    """The XPath of a CSS selector (parsel's dialect), with its class tests on the class attributes."""
    return _CLASS_STEP.sub(_class_steps, _CSS.css_to_xpath(query))


@lru_cache(maxsize=2048)
def compiled(query: str) -> etree.XPath:
    """A site selector (XPath when it starts with '/', '(' or './', CSS otherwise), compiled once."""
    return compiled_xpath(query if query.startswith(("/", "(", "./")) else css_xpath(query))


@lru_cache(maxsize=256)
def compiled_union(queries: tuple[str, ...]) -> etree.XPath:
    """Several site selectors as one XPath union: one evaluation (~3 µs of overhead each) for a node set."""
    return compiled_xpath(" | ".join(q if q.startswith(("/", "(", "./")) else css_xpath(q) for q in queries))


def find_all(node: Selector | Node, queries: Sequence[str]) -> list[Any]:
    """The nodes any of `queries` selects from `node`, once each, in document order."""
    if not queries:
        return []
    if len(queries) == 1:
        return find(node, queries[0])
    found = compiled_union(tuple(queries))(_node(node))
    return found if isinstance(found, list) else [found]


def evaluate(node: Selector | Node, xpath: str) -> Any:
    """An XPath expression from `node` (e.g. `normalize-space(.)`): its raw lxml result."""
    return compiled_xpath(xpath)(_node(node))


def _node(sel: Selector | Node) -> Node:
    return sel.root if isinstance(sel, Selector) else sel


def find(node: Selector | Node, query: str) -> list[Any]:
    """Results of `query` from `node`: elements and strings, as parsel would wrap them."""
    found = compiled(query)(_node(node))
    return found if isinstance(found, list) else [found]


def node_text(value: Any) -> str:
    """An element's text nodes joined by spaces, or a string result itself, squashed."""
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, ELEMENT) and isinstance(value.tag, str):
        # A childless element's text is its one text node: `.text` is much cheaper than itertext().
        return squash((value.text or "") if not len(value) else " ".join(value.itertext()))
    return ""  # a comment, or a number/boolean XPath result: parsel reads no text nodes from those


_XML_SPACES = str.maketrans("\t\n\r", "   ")


def normalize_space(element: Node) -> str:
    """XPath `normalize-space(.)` of an element, without an XPath evaluation (~4 µs each): its string value
    is its text nodes joined (itertext(): no comments, no own tail), and XPath white space is only space,
    tab, CR and LF (not str.split()'s Unicode spaces)."""
    text = (element.text or "") if not len(element) else "".join(element.itertext())
    return " ".join(part for part in text.translate(_XML_SPACES).split(" ") if part)


def first_text(sel: Selector | Node, queries: Sequence[str]) -> str | None:
    node = _node(sel)
    for query in queries:
        for found in find(node, query):
            text = node_text(found)
            if text:
                return text
    return None


def all_texts(sel: Selector | Node, queries: Sequence[str]) -> list[str]:
    node = _node(sel)
    out: list[str] = []
    for query in queries:
        for found in find(node, query):
            text = node_text(found)
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


def _jsonld_texts(node: Node) -> Iterator[str]:
    """`//script[@type="application/ld+json"]/text()` by a tag walk (a third of the XPath's cost)."""
    for script in node.getroottree().iter("script"):
        if script.get("type") == "application/ld+json":
            if len(script):  # child elements: let XPath list the text nodes between them
                yield from find(script, "./text()")
            elif script.text is not None:
                yield script.text


def first_text_node(node: Node, tag: str) -> str | None:
    """`//<tag>/text()` .get(): the first text node of the first such element that has one."""
    for element in node.getroottree().iter(tag):
        if len(element):
            found = find(element, "./text()")
            if found:
                return str(found[0])
        elif element.text is not None:
            return element.text
    return None


# json.loads(raw, strict=False) builds a new JSONDecoder (and its scanner) on every call, which costs more
# than decoding a page's JSON-LD; a decoder is stateless between calls, as json's own default one is.
_JSON = json.JSONDecoder(strict=False)


def jsonld_article(sel: Selector | Node) -> dict[str, Any]:
    """The first article-like JSON-LD object on the page ({} when none, or when it is broken)."""
    for raw in _jsonld_texts(_node(sel)):
        try:
            data = _JSON.decode(raw)
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


def from_meta(sel: Selector | Node) -> dict[str, Any]:
    # One pass over the <meta> elements: per property/name, the first content in document order, as
    # `//meta[@property="x" or @name="x"]/@content` would give it (an empty first value still wins).
    first: dict[str, str] = {}
    tags: list[str] = []
    for element in _node(sel).getroottree().iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        prop = element.get("property")
        if prop is not None:
            first.setdefault(prop, content)
            if prop == "article:tag" and squash(content):
                tags.append(squash(content))
        name = element.get("name")
        if name is not None:
            first.setdefault(name, content)

    def meta(*names: str) -> str | None:
        for name in names:
            value = squash(first.get(name))
            if value:
                return value
        return None

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


_SKIPPED_TAGS = frozenset(("script", "style", "noscript", "figure", "figcaption"))
_BLOCK_TAGS = frozenset(BLOCK_TAGS)


def paragraphs(
    container: Selector | Node, *, cut_at: Sequence[str] = (), drop: Sequence[str] = ()
) -> list[str]:
    """Text blocks of a body container in document order, stopping at the first `cut_at` element.

    Block elements nested in other blocks (a <p> inside a <blockquote>) are read once, by their
    outermost block, so a quote and its caption stay one paragraph.
    """
    # Hold the element proxies themselves: lxml keeps one proxy per node only while it is referenced.
    root = _node(container)
    cut_nodes = set(find_all(root, cut_at))
    drop_nodes = set(find_all(root, drop))
    # A cut element inside a block or a dropped element still ends the text (after that block).
    cut_ancestors = {a for n in cut_nodes for a in n.iterancestors()}
    blocks: list[str] = []
    # Document order by an explicit stack that never enters a block or a skipped element: testing every
    # node against every block read so far was quadratic (~0.5 ms on a real akorda.kz page).
    # `node.tag` builds a new string on every access: it is read once per node.
    stack = [root]
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if node in cut_nodes:
            break
        if tag in _SKIPPED_TAGS or node in drop_nodes:
            if node in cut_ancestors:
                break
            continue
        if tag in _BLOCK_TAGS:
            text = squash((node.text or "") if not len(node) else "".join(node.itertext()))
            if text:
                blocks.append(text)
            if node in cut_ancestors:
                break
            continue
        stack.extend(reversed(node))
    if not blocks:  # a container of bare text (some API bodies, old pages)
        text = "\n".join(t.strip() for t in root.itertext() if t.strip())
        blocks = [squash(line) for line in text.split("\n") if squash(line)]
    return blocks


def generic_body(sel: Selector | Node) -> list[str]:
    """Fallback body: the element holding the most paragraph text directly (readability's core idea).

    Language-independent on purpose (no stopwords), so Kazakh works as well as Russian.
    """
    best: tuple[int, Any] | None = None
    for parent in find(sel, "//body//*[p]"):
        size = sum(len(squash(p)) for p in find(parent, "./p//text()"))
        if best is None or size > best[0]:
            best = (size, parent)
    if best is None:
        return []
    return [t for t in (node_text(p) for p in find(best[1], "./p")) if t]


def generic_title(sel: Selector | Node) -> str | None:
    return first_text(sel, ("//h1", "//title"))


def unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen
