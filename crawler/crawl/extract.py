"""Layered field extraction: JSON-LD → OpenGraph/article meta → site selectors → generic fallback.

Each layer only *locates* strings; normalising them (dates, URLs, sources) is the pipelines' job.
`NewsSpider.extract_article` records, per field, the layer that supplied it, so a stale site selector
shows up as a field filled by the generic layer (`GENERIC`, "fallback"; the health monitors watch that share).

The generic layer (the end of this module) reads no class or id names, so it survives a redesign: title from
<title> without site-name affixes, body by content scoring, lead, bylines, dates from <time datetime>,
itemprop and the date printed by the headline (htmldate as a last resort), and listing cards by URL form.
tests/test_redesign.py and benchmarks/generic.py measure it.

The parts, in file order:
- Parsing pages: `squash`, `select`, `parse_html`, `page_text`, `page_root`, URL helpers (`safe_url`,
  `base_url`, `page_urljoin`).
- Selectors: `compiled_xpath`, `css_xpath`, `compiled`, `find_all`, `find`, text helpers (`node_text`,
  `first_text`, `all_texts`).
- Layer 1, JSON-LD: `jsonld_article`, `jsonld_text`, `from_jsonld`; layer 2, meta: `from_meta`.
- Body text: `paragraphs`, `unique`, the generic body (`_units`, `generic_blocks`, `generic_body`).
- Titles: `title_parts`, `site_words`, `clean_title`, `headline_element`, `generic_title`.
- Dates: `structured_dates`, `looks_like_date`, `printed_date`, `library_date`.
- Lead, authors, whole page: `generic_lead`, `generic_authors`, `GenericPage`; listing cards: `generic_cards`.
"""

from __future__ import annotations

import codecs
import html
import json
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def page_text(response: Any) -> str:
    """The decoded text of a response, as its tree was parsed from (shared with page_root)."""
    return str(_page(response)[3])


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


_TAG = re.compile(r"<[A-Za-z/!]")


def jsonld_text(value: Any) -> str:
    """A JSON-LD string as text: HTML entities unescaped and tags dropped (sites paste markup there),
    paragraphs (<p>, <br>, new lines) kept apart by new lines."""
    if not isinstance(value, str) or not value:
        return ""
    text = html.unescape(value)
    if _TAG.search(text):
        root = parse_html(f"<html><body><div>{text}</div></body></html>")
        text = "\n".join(unit.text for unit in _units(_body_element(root)))
    return text


def from_jsonld(obj: dict[str, Any]) -> dict[str, Any]:
    if not obj:
        return {}
    keywords = obj.get("keywords")
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    body = jsonld_text(obj.get("articleBody")) if isinstance(obj.get("articleBody"), str) else ""
    headline = obj.get("headline") or obj.get("name")
    description = obj.get("description")
    return {
        "title": squash(jsonld_text(headline) if isinstance(headline, str) else headline) or None,
        "lead": squash(jsonld_text(description) if isinstance(description, str) else description) or None,
        "body": [squash(p) for p in body.split("\n") if squash(p)] or None,
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
        "site_name": meta("og:site_name", "application-name"),
        "title": meta("og:title", "twitter:title"),
        "lead": meta("og:description", "description", "twitter:description"),
        "published": meta(*PUBLISHED_META),
        "updated": meta(*UPDATED_META),
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
            if not len(node):
                text = squash(node.text or "")
            elif next(node.iter("script", "style", "noscript"), None) is not None:
                text = squash(_text_of(node))  # an inline ad script inside a <p> is no text
            else:
                text = squash("".join(node.itertext()))
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


def unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


# --- the generic layer: every field the earlier layers left empty ----------------------------------------
# It reads no class or id names, so a redesign that renames them all, drops JSON-LD and meta and swaps the
# containers leaves it working. Its name in field_sources is GENERIC: the health monitors watch its share.

GENERIC = "fallback"
# Elements whose text never belongs to an article: code, embeds, captions and form controls. Not <nav>,
# <header>, <aside> or <form>: broken real pages leave them open around the whole article (the real akorda.kz
# page's article sits inside an unclosed <header><nav>); menus go by their link density instead.
_NOT_TEXT = frozenset(
    (
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "video",
        "audio", "figure", "figcaption", "button", "select", "input", "textarea", "label", "dialog",
    )
)  # fmt: skip
# Blocks that hold a paragraph's text whole (nested inline markup and <br> stay inside it).
_TEXT_BLOCKS = frozenset(
    ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt", "td", "th")
)
# Inline elements: their text continues the paragraph around them.
_INLINE = frozenset(
    (
        "a", "b", "strong", "em", "i", "u", "s", "span", "font", "small", "big", "mark", "abbr", "q", "cite",
        "sub", "sup", "time", "code", "kbd", "var", "del", "ins", "bdi", "bdo", "wbr", "img", "data",
    )
)  # fmt: skip
_LINK_HEAVY = 0.5  # a block whose text is more than half link text is navigation, tags or a share bar


def _text_of(element: Node) -> str:
    """An element's text without what scripts and styles inside it hold (an inline ad inside a <p>).
    An explicit stack, not recursion: hostile pages nest elements 100,000 deep."""
    parts: list[str] = []
    stack: list[Any] = [element]  # elements to open, or strings to emit, last first
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item.text:
            parts.append(item.text)
        todo: list[Any] = []
        for child in item:
            if isinstance(child.tag, str) and child.tag not in _NOT_TEXT:
                todo.append("\n" if child.tag == "br" else child)
            if child.tail:
                todo.append(child.tail)
        stack.extend(reversed(todo))
    return "".join(parts)


def _link_chars(element: Node) -> int:
    return sum(len(normalize_space(a)) for a in element.iter("a"))


class _Unit:
    """One paragraph of the page: its text, the element that holds it directly, its link-text share."""

    __slots__ = ("holder", "text", "links", "node")

    def __init__(self, node: Node, holder: Node, text: str, links: int) -> None:
        self.node, self.holder, self.text, self.links = node, holder, text, links

    @property
    def linky(self) -> bool:
        return self.links > _LINK_HEAVY * len(self.text)


def _units(root: Node) -> list[_Unit]:
    """Every paragraph under `root` in document order: <p>, <li>, quotes, subheadings, and the runs of bare
    text (split at <br>) that sit directly in a <div> or <section> — text outside <p> counts too."""
    out: list[_Unit] = []

    def add(node: Node, holder: Node, text: str, links: int) -> None:
        for line in text.split("\n"):
            line = squash(line)
            if line:
                out.append(_Unit(node, holder, line, min(links, len(line))))

    # One frame per open container: [node, its remaining children, text buffer, link characters, its tail].
    # An explicit stack, not recursion: hostile pages nest elements 100,000 deep.
    frames: list[list[Any]] = [[root, iter(root), [root.text or ""], 0, None]]
    while frames:
        frame = frames[-1]
        node, children, buffer = frame[0], frame[1], frame[2]
        child = next(children, None)
        if child is None:
            add(node, node, "".join(buffer), frame[3])
            frames.pop()
            if frames and frame[4]:
                frames[-1][2].append(frame[4])  # the finished container's tail continues its parent's text
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            pass
        elif tag == "br":
            buffer.append("\n")
        elif tag in _INLINE:
            text = _text_of(child)
            buffer.append(text)
            frame[3] += len(squash(text)) if tag == "a" else _link_chars(child)
        else:
            add(node, node, "".join(buffer), frame[3])
            frame[2], frame[3] = [], 0
            nested = tag in ("li", "td", "th", "dd", "dt", "blockquote") and any(
                isinstance(c.tag, str) and c.tag in _TEXT_BLOCKS for c in child.iterdescendants()
            )
            if tag in _TEXT_BLOCKS and not nested:
                # <br> inside a paragraph is a line break, not a new paragraph
                add(child, node, _text_of(child).replace("\n", " "), _link_chars(child))
            else:  # a container, or a list item or quote holding paragraphs (each its own)
                frames.append([child, iter(child), [child.text or ""], 0, child.tail])
                continue
        if child.tail:
            frame[2].append(child.tail)
    return out


def _body_element(root: Node) -> Node:
    for element in root.getroottree().iter("body"):
        return element
    return root


def generic_blocks(sel: Selector | Node) -> tuple[list[str], list[Node]]:
    """The article text by content scoring (readability's idea, language-independent, no class names):
    each paragraph adds its length to the element holding it and half to that one's parent; the best
    element wins, with those of its siblings that score at least a third as much (an article split over
    sibling containers by an ad or a photo). Paragraphs mostly made of links (menus, tags, share bars)
    and those outside the winners are left out. Returns the paragraphs and the winning elements."""
    units = [u for u in _units(_body_element(_node(sel))) if not u.linky]
    if not units:
        return [], []
    scores: dict[Node, float] = {}
    for unit in units:
        size = len(unit.text)
        if size < 25 and unit.node is unit.holder:
            size //= 2  # bare short strings (dates, labels) say little about where the article is
        scores[unit.holder] = scores.get(unit.holder, 0.0) + size
        parent = unit.holder.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + size / 2
    best = max(scores, key=lambda n: scores[n])
    parent = best.getparent()
    winners = [best]
    if parent is not None:
        winners = [s for s in parent if s is best or scores.get(s, 0.0) >= scores[best] / 3]
    inside: set[Node] = set()
    for winner in winners:
        inside.update(winner.iter())
    blocks = [u.text for u in units if u.node in inside]
    return blocks, winners


def generic_body(sel: Selector | Node) -> list[str]:
    """Fallback body: see generic_blocks."""
    return generic_blocks(sel)[0]


# --- titles: the headline without the site's name ------------------------------------------------------

# "Headline | Site", "Site — Headline", "Headline ᐈ новость от ... на zakon.kz", "Headline :: Site", "Site » Headline".
# A hyphen or dash separates only with spaces around it (Премьер-Министр is one word).
_TITLE_SEPARATORS = re.compile(r"\s+[|—–»-]\s+|\s*(?:\||ᐈ|::)\s*|\s+[—–-]$")


def title_parts(title: str) -> list[str]:
    return [part for part in (squash(p) for p in _TITLE_SEPARATORS.split(title)) if part]


def site_words(url: str | None, names: Iterable[str] = ()) -> set[str]:
    """Lower-cased strings naming the site: the host and its labels (zakon.kz, zakon), and given names."""
    words = {squash(n).lower() for n in names if n and squash(n)}
    host = (urlsplit_host(url) or "").removeprefix("www.")
    if host:
        words.add(host)
        labels = host.split(".")
        words.update(label for label in labels[:-1] if len(label) >= 4 and label not in ("gov", "www"))
    return words


def urlsplit_host(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or None) if url else None


def _names_site(part: str, words: set[str]) -> bool:
    low = part.lower()
    return any(w in low for w in words) or low in words


def clean_title(
    title: str | None,
    *,
    url: str | None = None,
    names: Iterable[str] = (),
    page_texts: set[str] | None = None,
    affixes: Iterable[str] = (),
) -> str | None:
    """The headline of a document title or og:title with the site-name parts dropped, in any language.

    Split at the separators (|, —, –, - with spaces, ᐈ, ::, »); then, in this order: the run of parts that
    the page prints by itself (`page_texts`: the texts of its elements) is the headline; else every part
    that names the site (host, its name label, og:site_name, `names`) or is a known affix of the site
    (`affixes`: parts seen on its other pages), and everything after a ᐈ, go.
    """
    if not title:
        return None
    title = squash(title)
    parts = title_parts(title)
    if len(parts) <= 1:
        return title or None
    if page_texts:
        for size in range(len(parts), 0, -1):
            for start in range(len(parts) - size + 1):
                run = parts[start : start + size]
                # the run as printed, separators and all: the slice of the title from its first to last part
                first, last = title.find(run[0]), title.rfind(run[-1])
                candidates = {" ".join(run)}
                if 0 <= first <= last:
                    candidates.add(title[first : last + len(run[-1])])
                for candidate in candidates:
                    if candidate.lower() in page_texts and (size > 1 or len(candidate) >= 12):
                        return candidate
    if "ᐈ" in title:
        head = squash(title.split("ᐈ", 1)[0])
        if head:
            return head
    words = site_words(url, names)
    known = {squash(a).lower() for a in affixes}
    kept = [p for p in parts if not _names_site(p, words) and p.lower() not in known]
    if not kept or len(kept) == len(parts):
        return title
    # keep the headline's own separators: the slice of the title from the first to the last kept part
    first, last = title.find(kept[0]), title.rfind(kept[-1])
    return squash(title[first : last + len(kept[-1])]) if 0 <= first <= last else " ".join(kept)


def _inline_only(element: Node) -> bool:
    """An element holding text and inline markup only (a headline, a date line), not a wrapper: reading a
    wrapper's whole text for every level of nesting was the generic layer's costliest step."""
    return len(element) <= 3 and all(
        not isinstance(c.tag, str) or c.tag in _INLINE or c.tag == "br" for c in element
    )


def page_texts(sel: Selector | Node, *, longest: int = 400) -> set[str]:
    """Lower-cased texts of the page's elements up to `longest` characters (headline candidates)."""
    out: set[str] = set()
    for element in _body_element(_node(sel)).iter():
        tag = element.tag
        if (
            not isinstance(tag, str)
            or tag in _NOT_TEXT
            or tag in ("a", "body", "html")
            or not _inline_only(element)
        ):
            continue
        text = normalize_space(element)
        if 8 <= len(text) <= longest:
            out.add(text.lower())
    return out


def headline_element(sel: Selector | Node, title: str | None) -> Node | None:
    """The element that prints the headline: the first whose text is the title, else the first <h1>."""
    body = _body_element(_node(sel))
    want = squash(title).lower() if title else None
    first_h1 = None
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT or tag == "a":
            continue
        if first_h1 is None and tag == "h1":
            first_h1 = element
            if want is None:
                return element
        if want is not None and _inline_only(element) and normalize_space(element).lower() == want:
            return element
    if first_h1 is None and title:
        # a title that kept an affix: the element printing one of its runs of parts
        parts = title_parts(title)
        runs = {" ".join(parts[i:j]).lower() for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
        for element in body.iter():
            if isinstance(element.tag, str) and element.tag not in _NOT_TEXT and _inline_only(element):
                text = normalize_space(element).lower()
                if len(text) >= 12 and text in runs:
                    return element
    return first_h1


def generic_title(
    sel: Selector | Node,
    *,
    url: str | None = None,
    names: Iterable[str] = (),
    prepare: Callable[[str | None], str | None] | None = None,
    affixes: Callable[[list[str]], Iterable[str]] | None = None,
) -> str | None:
    """<title> without the site's name (the part the page prints is the headline), else the first <h1>.
    `prepare`: the site's own suffix rule, applied first; `affixes`: given the title's parts, those known
    to recur on the site's other pages (NewsSpider.title_affixes)."""
    node = _node(sel)
    doc_title = squash(first_text_node(node, "title"))
    if doc_title and prepare is not None:
        doc_title = squash(prepare(doc_title))
    words = site_words(url, names)
    h1 = first_text(node, ("//h1",))
    if h1 and _names_site(h1, words):
        h1 = None  # the logo in an <h1>
    if doc_title:
        known = affixes(title_parts(doc_title)) if affixes is not None else ()
        texts = page_texts(node)
        cleaned = clean_title(doc_title, url=url, names=names, page_texts=texts, affixes=known)
        # A <title> that is only the site's name ("Zakon.kz — Новости Казахстана") names no article; one the
        # page does not print gives way to the page's <h1>.
        if cleaned and not all(_names_site(part, words) for part in title_parts(cleaned)):
            if h1 is None or cleaned.lower() in texts:
                return cleaned
    return h1


# --- dates, lead and authors -----------------------------------------------------------------------------

# Meta names that carry a publication or update time on news sites (the meta layer reads the first few).
PUBLISHED_META = (
    "article:published_time", "og:published_time", "datePublished", "parsely-pub-date", "sailthru.date",
    "dc.date", "DC.date", "dc.date.issued", "DC.date.issued", "dcterms.created", "DCTERMS.created",
    "pubdate", "publishdate", "publish-date", "publish_date", "article.published", "citation_publication_date",
    "date", "Date",
)  # fmt: skip
UPDATED_META = (
    "article:modified_time", "og:updated_time", "dateModified", "dc.date.modified", "DC.date.modified",
    "dcterms.modified", "last-modified", "lastmod",
)  # fmt: skip
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def structured_dates(sel: Selector | Node) -> tuple[list[str], list[str]]:
    """(published, updated) texts the markup states: itemprop="datePublished"/"dateModified" and
    <time datetime> (the first <time> is the article's, as trafilatura and htmldate read it)."""
    published: list[str] = []
    updated: list[str] = []
    body = _body_element(_node(sel))
    for element in body.getroottree().iter():
        if not isinstance(element.tag, str):
            continue
        prop = element.get("itemprop")
        if prop in ("datePublished", "dateCreated", "dateModified"):
            value = element.get("content") or element.get("datetime") or normalize_space(element)
            if value:
                (updated if prop == "dateModified" else published).append(squash(value))
    for element in body.iter("time"):
        value = element.get("datetime")
        if value and value not in published and value not in updated:
            published.append(squash(value))
            break
    return published, updated


def looks_like_date(text: str, lang: str | None) -> bool:
    """A short text that is a date by itself (crawler.dates.parse_date reads it, with a year in it)."""
    if not (6 <= len(text) <= 60) or not _YEAR.search(text):
        return False
    from crawler.dates import parse_date

    return parse_date(text, lang=lang) is not None


def _inside(containers: Sequence[Node]) -> set[Node]:
    out: set[Node] = set()
    for element in containers:
        out.update(element.iter())
    return out


def _article_starts(element: Node, inside: set[Node]) -> bool:
    """Whether the walk from the headline reached the article text: a paragraph of the winning containers
    (the headline may sit inside them, so entering them is not enough)."""
    if element not in inside:
        return False
    return element.tag in _TEXT_BLOCKS or len(squash(element.text)) >= 80


def _between_headline_and_text(sel: Selector | Node, headline: Node, body: Sequence[Node]) -> Iterator[Node]:
    """The elements after the headline, in document order, up to where the article text starts: where the
    headline's own date line and a standfirst stand."""
    inside = _inside(body)
    after = False
    for element in _body_element(_node(sel)).iter():
        if element is headline:
            after = True
            continue
        if not after or not isinstance(element.tag, str):
            continue
        if _article_starts(element, inside):
            return
        yield element


def printed_date(
    sel: Selector | Node, *, lang: str | None, headline: Node | None, body: Sequence[Node] = ()
) -> str | None:
    """The date printed by the headline: the first short text that is a date between the headline and the
    article text (or just before the headline, within its block). Dates further away — in sidebars, in
    lists of other items, inside the text — belong to something else and are not read."""
    if headline is None:
        return None
    seen = 0
    for element in _between_headline_and_text(sel, headline, body):
        if element.tag in _NOT_TEXT:
            continue
        for text in (element.text, element.get("datetime")):
            text = squash(text)
            if text and _DIGIT.search(text):
                if looks_like_date(text, lang):
                    return text
        whole = normalize_space(element) if len(element) and _inline_only(element) else ""
        if whole and _DIGIT.search(whole) and looks_like_date(whole, lang):
            return whole
        seen += 1
        if seen > 40:
            break
    # just before the headline, in the same block (a date line above the title)
    for element in headline.itersiblings(preceding=True):
        text = normalize_space(element) if _inline_only(element) else ""
        if text and _DIGIT.search(text) and looks_like_date(text, lang):
            return text
        break
    return None


def library_date(html: str | bytes | Node, *, url: str | None = None) -> str | None:
    """htmldate's publication date (YYYY-MM-DD) from the page's markup and URL, the last resort when the
    page states none we can place."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - a dependency of the project; a broken install says so in doctor
        return None
    try:
        # No extensive search: a year guessed from copyright lines or a sidebar is worse than no date
        # (on the real akorda.kz speech page it answered 2019-01-01).
        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a library failure leaves the date to the other hints
        return None
    return str(found) if found else None


def generic_lead(
    sel: Selector | Node, *, lang: str | None, headline: Node | None, body: Sequence[Node] = ()
) -> str | None:
    """A standfirst: the first prose block (40-600 characters, not a date, not links) between the headline
    and the article text."""
    if headline is None or not body:
        return None
    for element in _between_headline_and_text(sel, headline, body):
        if element.tag in _NOT_TEXT or element.tag in ("a", "img"):
            continue
        if any(isinstance(c.tag, str) and c.tag not in _INLINE for c in element):
            continue  # a wrapper: its children are visited next
        text = squash(_text_of(element))
        if (
            40 <= len(text) <= 600
            and _link_chars(element) < len(text) / 2
            and not looks_like_date(text, lang)
        ):
            return text
    return None


_AUTHOR_HREF = re.compile(r"/(?:authors?|avtor|columnists?|profile|person)/", re.I)


def generic_authors(sel: Selector | Node) -> list[str]:
    """Bylines the markup names: itemprop="author" (its name), rel="author", links to author pages."""
    root = _node(sel).getroottree()
    out: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("itemprop") == "author" or element.get("rel") == "author":
            names = [e for e in element.iter() if e.get("itemprop") == "name"]
            text = (
                (names[0].get("content") or normalize_space(names[0])) if names else normalize_space(element)
            )
            if text and len(text) <= 80 and text not in out:
                out.append(text)
    if not out:
        for a in root.iter("a"):
            href = a.get("href") or ""
            text = normalize_space(a)
            if _AUTHOR_HREF.search(href) and text and len(text) <= 80 and text not in out:
                out.append(text)
    return out


class GenericPage:
    """The generic layer's reading of one page: the article text's elements and the headline element are
    found once, on the first field that needs them (most pages need none)."""

    def __init__(self, sel: Selector | Node, title: str | None) -> None:
        self.sel, self.title = sel, title
        self._blocks: tuple[list[str], list[Node]] | None = None
        self._headline: list[Any] | None = None

    def blocks(self) -> tuple[list[str], list[Node]]:
        if self._blocks is None:
            self._blocks = generic_blocks(self.sel)
        return self._blocks

    def body(self) -> list[str]:
        return self.blocks()[0]

    def headline(self) -> Any:
        if self._headline is None:
            self._headline = [headline_element(self.sel, self.title)]
        return self._headline[0]

    def lead(self, lang: str | None) -> str | None:
        return generic_lead(self.sel, lang=lang, headline=self.headline(), body=self.blocks()[1])

    def printed_date(self, lang: str | None) -> str | None:
        return printed_date(self.sel, lang=lang, headline=self.headline(), body=self.blocks()[1])


# --- listings: links to articles when the card selector matches nothing -------------------------------------

_CHROME = frozenset(("nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form"))


def _card_date(card: Node, lang: str | None) -> str | None:
    """The first short text in a card that is a date (relative forms like "сегодня, 16:55" included)."""
    from crawler.dates import parse_date

    for element in card.iter():
        if not isinstance(element.tag, str) or element.tag in _CHROME:
            continue
        for text in (element.get("datetime"), element.text, element.tail if element is not card else None):
            text = squash(text)
            if text and len(text) <= 40 and _DIGIT.search(text) and parse_date(text, lang=lang) is not None:
                return text
    return None


def generic_cards(
    root: Node, *, base: str, is_article: Any, lang: str | None = None
) -> list[tuple[str, str | None]]:
    """(article URL, card date text) of every link on a listing page whose URL has the site's article
    form, outside the page chrome (menus, header, footer, sidebars), once each, in page order.

    A card is the largest element around the link that links to no other article; its date is the first
    date-like short text in it. Reads no class names: it works when a redesign renamed them all.
    """
    links: list[tuple[Node, str]] = []
    chrome: list[tuple[Node, str]] = []
    for a in _body_element(root).iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base, href)
        if is_article(url):
            in_chrome = any(isinstance(p.tag, str) and p.tag in _CHROME for p in a.iterancestors())
            (chrome if in_chrome else links).append((a, url))
    # A page whose markup leaves a <header> or <nav> open holds every link in it: then they all count.
    links = links or chrome
    owner: dict[Node, set[str]] = {}
    for a, url in links:
        for parent in a.iterancestors():
            owner.setdefault(parent, set()).add(url)
    out: dict[str, str | None] = {}
    for a, url in links:
        card = a
        for parent in a.iterancestors():
            if parent.tag in ("body", "html") or len(owner.get(parent, ())) > 1:
                break
            card = parent
        if url not in out or out[url] is None:
            out[url] = _card_date(card, lang)
    return list(out.items())
