"""The one item type: an article as a spider located it and the pipelines normalised it.

A spider fills what it *locates* on the page (raw strings, candidates in priority order); the
numbered pipelines fill the normalised fields (canonical URL, instants, sources, story).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Article:
    # -- located by the spider ---------------------------------------------------------------
    url: str
    site: str  # spider name: zakon_kz, akorda_kz, primeminister_kz, gov_kz
    language: str | None = None  # kk | ru | en
    title: str | None = None
    lead: str | None = None
    body: str | None = None  # clean paragraphs joined by a blank line
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    source_kind: str | None = None  # news | gov: who publishes on this site
    native_id: str | None = None  # the site's own id (shared by kk/ru/en twins on gov sites)
    section: str | None = None
    # Ordered [source, text] pairs, best first: jsonld, meta, site, title, listing, api; the
    # dates pipeline takes the first that parses. "updated:<source>" pairs give updated_at.
    date_candidates: list[list[str]] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)  # language -> URL (hreflang, switch)
    field_sources: dict[str, str] = field(default_factory=dict)  # field -> jsonld|meta|site|fallback|...
    fetched_at: str | None = None  # UTC ISO 8601 with Z
    http_status: int | None = None
    page_id: str | None = None  # key of the raw page in the archive (pages table)
    # -- filled by the pipelines -------------------------------------------------------------
    canonical_url: str | None = None
    article_id: str | None = None
    published_raw: str | None = None
    published_at: str | None = None  # UTC ISO 8601 with Z
    date_precision: str | None = None  # second | minute | day | month
    date_source: str | None = None
    date_flag: str | None = None  # why published_at is missing or suspect
    updated_at: str | None = None
    reporter: str | None = None  # source id of the outlet that published it
    cited_sources: list[str] = field(default_factory=list)  # source ids it cites
    cited_raw: list[str] = field(default_factory=list)  # attribution phrases as printed
    story_id: str | None = None
    translation_of: str | None = None
    duplicate_of: str | None = None
    # -- set by the store, read by the alerts stage --------------------------------------------
    store_status: str | None = None  # new | updated | unchanged
    revision_change: str | None = None  # none | minor | substantive (a re-crawled article's edit)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def as_row(item: Any) -> dict[str, Any]:
    """The item as a shallow dict: the storing stages only read it, so no deep copy per stage
    (ItemAdapter.asdict copies every list and dict, about 0.3 ms an article)."""
    if isinstance(item, Article):
        fields_set = vars(item)  # every field, in field order (__init__ sets them so), and nothing else...
        if len(fields_set) == len(_FIELD_NAMES):  # ...unless an attribute was added: then by name
            return dict(fields_set)
        return {name: getattr(item, name) for name in _FIELD_NAMES}
    return dict(item)


# Fields every stored article must have; the validate pipeline rejects the rest with a reason.
REQUIRED_FIELDS = ("url", "site", "language", "title", "body")
MIN_BODY_CHARS = 200

_FIELD_NAMES = tuple(f.name for f in fields(Article))
