"""`kznews reparse`: extract again from the raw-page archive, without fetching.

After a parser fix, every archived article page (the `pages` table) goes through the same path as in
a crawl — `crawler.ops.fixtures.parse_page` (spider callback + normalising pipelines, with now = the
original fetch time and the spider's original request meta from `url_state`), then validation, then
`Store.save_article` — so the store says per article whether it is unchanged, updated or new.
Pages that failed extraction (`rejects` rows with a page_id and no article) are tried again too.
With an unchanged parser the result is the stored articles exactly: every one 'unchanged', every
field equal.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from itemadapter import ItemAdapter

from crawler.ops.progress import Progress
from crawler.store.articles import ARTICLE_COLUMNS, JSON_COLUMNS, Store, _json, keep_better
from crawler.store.dedup import text_hash
from crawler.store.incremental import load_meta

# Bookkeeping a re-parse may legitimately move; everything else must match for "identical".
BOOKKEEPING = {"last_seen_at"}


@dataclass
class ReparseResult:
    pages: int = 0
    # new | updated | unchanged | rejected | failed | missing | superseded (item stored from a newer page)
    statuses: Counter[str] = field(default_factory=Counter)
    identical: int = 0
    changed_fields: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)  # a few "url: field" lines for people
    regressions: Counter[str] = field(default_factory=Counter)  # field -> times a worse value was refused

    def summary(self) -> str:
        parts = [f"{self.pages} pages re-parsed"]
        parts += [
            f"{n} {'kept (regression)' if status == 'kept' else status}"
            for status, n in sorted(self.statuses.items())
        ]
        if self.regressions:
            parts.append(
                "worse values refused: " + ", ".join(f"{k} ({v})" for k, v in self.regressions.most_common())
            )
        parts.append(f"{self.identical} identical to the stored article")
        return ", ".join(parts)


def _targets(store: Store, site: str | None, since: str | None) -> list[dict[str, Any]]:
    """Archived pages to re-parse, oldest first: every page a stored article points to (one page may
    hold several articles: an API answer), then rejected pages that no article points to."""
    where, params = ["a.page_id IS NOT NULL"], []
    if site:
        where.append("a.site = ?")
        params.append(site)
    if since:
        where.append("p.fetched_at >= ?")
        params.append(since)
    rows = store.db.execute(
        "SELECT a.page_id, min(a.site), min(a.fetched_at), min(p.fetched_at) FROM articles a"
        f" JOIN pages p ON p.id = a.page_id WHERE {' AND '.join(where)} GROUP BY a.page_id ORDER BY 4, 1",
        params,
    ).fetchall()
    out = [{"page_id": r[0], "site": r[1], "fetched_at": r[2]} for r in rows]
    where, params = (
        [
            "r.page_id IS NOT NULL",
            "r.page_id NOT IN (SELECT page_id FROM articles WHERE page_id IS NOT NULL)",
        ],
        [],
    )
    if site:
        where.append("r.site = ?")
        params.append(site)
    if since:
        where.append("p.fetched_at >= ?")
        params.append(since)
    rows = store.db.execute(
        "SELECT r.page_id, min(r.site), min(p.fetched_at) FROM rejects r JOIN pages p ON p.id = r.page_id"
        f" WHERE {' AND '.join(where)} GROUP BY r.page_id ORDER BY 3, 1",
        params,
    ).fetchall()
    out += [{"page_id": r[0], "site": r[1], "fetched_at": None} for r in rows]
    return out


def _row(store: Store, article_id: str) -> dict[str, Any] | None:
    cursor = store.db.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", [article_id])
    row = cursor.fetchone()
    return dict(zip(ARTICLE_COLUMNS, row, strict=True)) if row else None


def _as_stored(item: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The article row save_article would write (for --dry-run comparisons)."""
    row = {c: (_json(item.get(c)) if c in JSON_COLUMNS else item.get(c)) for c in ARTICLE_COLUMNS}
    row["id"] = item.get("article_id") or item.get("id")
    row["content_hash"] = text_hash(item.get("title"), item.get("body"), item.get("lead"))
    for kept in ("first_seen_at", "last_seen_at", "story_id", "translation_of", "duplicate_of"):
        row[kept] = old.get(kept)
    row["revision"] = (
        old["revision"] if row["content_hash"] == old.get("content_hash") else old["revision"] + 1
    )
    return row


def reparse(
    db_path: str | None,
    *,
    site: str | None = None,
    since: str | None = None,
    dry_run: bool = False,
    show_progress: bool = True,
) -> ReparseResult:
    from crawler.ops.fixtures import parse_page
    from pipelines.validate import problems

    store = Store.open(db_path)
    result = ReparseResult()
    try:
        targets = _targets(store, site, since)
        with Progress(
            "reparse", total=len(targets), unit="pages", enabled=None if show_progress else False
        ) as bar:
            for target in targets:
                bar.advance()
                result.pages += 1
                page = store.load_page(target["page_id"])
                if page is None:
                    result.statuses["missing"] += 1
                    continue
                meta = load_meta(store.db, page["url"])
                meta["page_id"] = page["id"]
                fetched_at = target["fetched_at"] or str(page["fetched_at"])[:19] + "Z"
                site_name = target["site"] or page["site"]
                try:
                    items = parse_page(
                        site_name,
                        page["url"],
                        page["body"],
                        fetched_at=fetched_at,
                        meta=meta,
                        headers=page["headers"],
                    )
                except Exception as exc:  # a parser bug: record it against the page, go on
                    result.statuses["failed"] += 1
                    if not dry_run:
                        store.save_reject(
                            url=page["url"],
                            site=site_name,
                            stage="reparse",
                            reason=f"{type(exc).__name__}: {exc}"[:500],
                            page_id=page["id"],
                        )
                    continue
                for item in items:
                    _store_item(store, item, page["id"], result, dry_run=dry_run, problems=problems)
    finally:
        store.close()
    return result


def _store_item(
    store: Store, item: dict[str, Any], page_id: str, result: ReparseResult, *, dry_run: bool, problems: Any
) -> None:
    article_id = str(item.get("article_id") or item.get("id"))
    before = _row(store, article_id)
    if before is not None and before.get("page_id") not in (None, page_id):
        # The article was stored from another (newer) fetch: this older page must not roll it back.
        result.statuses["superseded"] += 1
        return
    found = problems(ItemAdapter(item))
    if found:
        result.statuses["rejected"] += 1
        if not dry_run:
            store.save_reject(
                url=item.get("url"),
                site=item.get("site"),
                stage="validate",
                reason="; ".join(found),
                page_id=item.get("page_id"),
            )
        return
    if dry_run:
        if before is None:
            result.statuses["new"] += 1
            return
        item = dict(item)
        regressions = keep_better(before, item)
        after: dict[str, Any] | None = _as_stored(item, before)
        status = "unchanged" if after and after["content_hash"] == before["content_hash"] else "updated"
        if status == "unchanged" and regressions:
            status = "kept"
    else:
        status, _ = store.save_article(item)
        regressions = store.last_regressions
        after = _row(store, article_id)
    for regression in regressions:
        result.regressions[regression.split(":", 1)[0]] += 1
    result.statuses[status] += 1
    if before is None or after is None:
        return
    changed = [c for c in ARTICLE_COLUMNS if c not in BOOKKEEPING and before.get(c) != after.get(c)]
    if not changed:
        result.identical += 1
    for name in changed:
        result.changed_fields[name] += 1
    if changed and len(result.examples) < 10:
        result.examples.append(f"{item.get('url')}: {', '.join(changed)}")


def result_json(result: ReparseResult) -> str:
    return json.dumps(
        {
            "pages": result.pages,
            "statuses": dict(result.statuses),
            "identical": result.identical,
            "changed_fields": dict(result.changed_fields),
            "regressions": dict(result.regressions),
        },
        ensure_ascii=False,
        sort_keys=True,
    )
