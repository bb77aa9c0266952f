"""Adaptive polling: each entry point of a site is polled at an interval that follows its own rate of new items.

An *entry point* is a URL a crawl starts from or pages through to find articles: a listing, a load-more page,
a sitemap (index or child), a feed, a gov.kz API list. Articles are not entry points: they are fetched only
when an entry point shows a new URL (and refreshed on their own, slower schedule: KZNEWS_REFRESH_HOURS).

The policy (pure functions, no I/O, unit-tested in tests/test_polling.py):
- `observe()` folds one poll into the entry point's state: the new items it found, over the time since the
  previous poll, update a rate estimate *per hour of the day in Almaty time* (an exponentially weighted mean
  per hour). Quiet hours are therefore learned from what the site does, not configured.
- `next_interval()`: in an hour that usually brings items the entry point is polled at the site's latency
  target (so an article waits at most about that long); in a quiet hour the interval grows to what is
  expected to bring about one item, and a run of empty polls stretches it further (Media Cloud's feed
  back-off); one poll with new items brings it straight back. Always within the site's `Bounds`.
- `budget_left()`: requests a site may still make in the sliding hour; a crawl never goes over it.
- `roles()`: each entry point is a *lead* (polled by its rate), a *follower* (the same news in another
  language: polled in a short window after its lead shows news, until it brings them: `follow_gap`) or
  a *backup* (lists what another already brought: polled every `backup_interval`), learned from the new
  items each brings. `after_run()` folds a run's polls into the states in their roles; the middleware
  and benchmarks/freshness.py both call it.

Cheap change checks come first: an entry point is fetched with the validators it last answered
(If-None-Match / If-Modified-Since), so "nothing new" is a 304 that is not parsed; a 200 whose body hash is
unchanged counts as no news; the gov.kz API's newest id tells how many of its items are new.

The state lives in the `poll_state` table (migration 7 in crawler/store/schema.py), one row per entry point, so it
survives restarts. `PollingMiddleware` (a downloader middleware) applies the policy inside a crawl:
- always: counts, per entry point, the new article links it led to (by the Referer Scrapy's RefererMiddleware
  puts on each request), and saves the state when the run ends normally (a run killed half way keeps the
  old state, so its conditional GETs cannot hide what it never fetched);
- with KZNEWS_POLLING=adaptive (what `kznews schedule` sets by default): sends the conditional GETs, skips the
  entry points that are not due (a gov.kz ticket only for an agency with a due list), and refuses requests
  beyond the site's hourly budget. Not in a catch-up, refresh or `since` run: those walk everything.
`AdaptivePolicy` tells the scheduler when a site's next run is due: when its earliest entry point is.

The parts, in file order:
- Limits: `Bounds`, `bounds_for`, `local_hour`.
- One entry point's state and its next poll: `EntryState`, `observe`, `sibling_group`, `nudge`, `phase`,
  `follow_gap`, `next_interval` (with `smoothed`, `until_busy`, `quiet_share`, `busy_threshold`).
- Roles and the site's rhythm: `daily_rate`, `roles`, `site_rhythm`, `after_run`, `poll_cost`.
- Budgets and gov.kz turns: `agencies_in_turn`, `budget_floor`, `budget_left`.
- Telling requests apart: `entry_kind`, `next_page`, `gov_agency`, `api_new_ids`.
- Storage: `load_states`/`save_states`, `load_robots`/`save_robots`, `requests_last_hour`.
- In a crawl: `AdaptivePolicy` (when a site is due), `PollingMiddleware`; reporting: `freshness`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import sqlite_utils

from crawler.dates import ALMATY

log = logging.getLogger(__name__)

HOURS = 24
ALPHA = 0.3  # weight of one hour of new observation in an hour-of-day rate estimate
IDLE_STRETCH = 1.5  # each empty poll past the second multiplies a quiet entry point's interval by this
# Quiet hours (polled by their rate, so their items may wait past the latency target) are the thinnest
# hours of the day, as many as `quiet_share` allows: the latency goals are p95s, so P95_LATE of a site's
# items may be late; one item a day of that is kept for the busy hours' misses (a run's own time, a
# language that comes late), and at most QUIET_SHARE of the items are left to the quiet hours (zakon.kz's
# 02-05: at the target, 24 polls an hour per host for half an item). A site too small for a late item
# (akorda.kz, primeminister.kz: 10-20 pages a day, so one late page is 5-10 %) has as quiet only the hours
# that bring under RARE items a day (the night).
P95_LATE = 0.05
QUIET_SHARE = 0.03
RARE = 0.05
# ... and where items may be left late at all (`quiet_share` at QUIET_SHARE), an hour bringing under this
# many items (or one per two longest intervals, or half the entry point's mean hour, if fewer) is quiet too:
# the target's polls for so few items cost more than the lateness they save.
BUSY_FLOOR = 0.5
SURPRISE = 6.0  # items expected over a run of empty polls that says the entry point went quiet (p < 0.3 %)
WARMUP = 4  # polls at the latency target before the learned rates are trusted
SPREAD = 0.15  # gov.kz lists' due times are spread over this share of their interval (see `spread`)
EARLY_WITH_TICKET = 0.5  # a gov.kz list whose agency's ticket this run holds is polled this early
# At most this many gov.kz agencies (tickets) per run, so a run stays a short burst (≤ 1 + 4 + 4 × 3 requests
# when nothing is new); the others stay due and go in the next run, a minute later.
GOV_AGENCIES_PER_RUN = 4
# robots.txt is fetched once a day per host, not once a run (Google caches it up to 24 h): a run every two
# minutes would otherwise spend a request per host on it every time.
ROBOTS_TTL = 86400.0
NOT_POLLED = ("page", "robots")  # kinds that never make a site due
# Roles of entry points (see `roles`).
LEAD, FOLLOWER, BACKUP = "lead", "follower", "backup"
# An entry point bringing under this share of its group's most productive one's new items is a backup.
BACKUP_SHARE = 0.05
# ... among siblings (the same news in other languages) a far smaller share: a language's rare section
# (akorda.kz's English addresses, a few a month) brings items no other entry point brings, so it follows
# its lead; only a sibling that brings next to nothing (a ru section beside the ru feed that lists every
# ru item first) is a backup.
SIBLING_BACKUP_SHARE = 0.01
LEAD_MARGIN = 1.5  # siblings within this factor of the busiest are all fit to lead (hysteresis)


@dataclass(frozen=True)
class Bounds:
    """Per-site limits: the interval range, the requests allowed in any hour, and the latency target
    (seconds from publication to poll) the policy keeps to in busy hours."""

    min_interval: float
    max_interval: float
    budget_per_hour: int
    latency_target: float
    # A backup or follower entry point (see `roles`) is polled on its own only this often.
    backup_interval: float = 21600.0
    # Followers are polled this long after their lead showed news: the other languages of one news item
    # appear within minutes of the first (assumed; crawler/crawl/publishing.py), not all at the same second.
    follow_delay: float = 120.0
    # ... and again while it brings nothing, each gap twice the one before (+2, +6, +14 min), within this
    # window after the lead's news: a language published after the first follow-up poll is found minutes
    # later, not at the next backup poll hours later (see `follow_gap`).
    follow_window: float = 900.0


# Government sites: a 10 min goal; they block crawlers that hammer them, hence the small budgets.
# akorda.kz and primeminister.kz publish an event in two or three languages minutes apart and one
# language's listing leads: a follower's page published up to `follow_delay` before the lead's waits
# for the lead's next poll and then the follow-up, 2 + 5 + 2 min with the lead every 5 min, a minute
# under the goal for the runs themselves (every 6 min: 10 min, at the goal).
GOVERNMENT_SITE = Bounds(
    min_interval=120, max_interval=3600, budget_per_hour=60, latency_target=300, backup_interval=14400
)
SITE_BOUNDS: dict[str, Bounds] = {
    # Zakon.kz publishes around the clock (~110 ids a day, see crawler/crawl/publishing.py): 3 min goal.
    # Polled every 150 s in busy hours, an item waits at most that plus its run (a few seconds): the p95
    # stays half a minute under the goal, at 24 polls an hour per host (30 at 120 s).
    "zakon_kz": Bounds(
        min_interval=60, max_interval=900, budget_per_hour=120, latency_target=150, backup_interval=3600
    ),
    "akorda_kz": GOVERNMENT_SITE,
    "primeminister_kz": GOVERNMENT_SITE,
    # The batched change check (one GraphQL request for all 18 agencies × 3 languages) every 7 minutes in
    # office hours, and the ticket and list calls that read what it shows: 50-140 requests a busy hour in
    # benchmarks/freshness.py. The budget is sized for the fallback when the check fails: each agency led
    # by one list (a ticket and the list) every 7 minutes is 18 × 8.6 × 2 = 310 requests an hour, plus the
    # follow-ups (the other languages' lists after news): at most 450 an hour (one request per 8 s).
    # When lists are polled one by one (the fallback), a follower's poll costs a ticket too, and one news
    # id is listed in all its languages within a minute (crawler/crawl/publishing.py): the follow-up at
    # +2 min finds them, so there is no follow window beyond it.
    "gov_kz": Bounds(
        min_interval=60,
        max_interval=10800,
        budget_per_hour=450,
        latency_target=420,
        backup_interval=21600,
        follow_window=120,
    ),
}
DEFAULT_BOUNDS = Bounds(min_interval=120, max_interval=3600, budget_per_hour=60, latency_target=600)


def bounds_for(site: str, overrides: Mapping[str, Any] | None = None) -> Bounds:
    """The site's bounds; KZNEWS_POLL_BOUNDS = {site: {field: value}} overrides single fields."""
    base = SITE_BOUNDS.get(site, DEFAULT_BOUNDS)
    extra = dict((overrides or {}).get(site) or {})
    return replace(base, **{k: type(getattr(base, k))(v) for k, v in extra.items() if hasattr(base, k)})


def local_hour(moment: float) -> int:
    """The hour of the day in Almaty of a Unix time."""
    return datetime.fromtimestamp(moment, ALMATY).hour


@dataclass
class EntryState:
    """What is known about one entry point (a `poll_state` row)."""

    entry: str
    site: str
    kind: str = "listing"
    interval: float = 0.0
    rates: list[float] = field(default_factory=lambda: [0.0] * HOURS)  # new items per hour, by Almaty hour
    last_poll: float | None = None
    next_due: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    newest: str | None = None  # the API's newest id, a sitemap child's newest lastmod
    idle_streak: int = 0
    idle_expected: float = 0.0  # items the rates expected over the current run of empty polls
    polls: int = 0
    not_modified: int = 0
    new_items: int = 0

    def due(self, now: float, *, early: float = 0.0) -> bool:
        """Due at `now`; `early` (a share of the interval) lets a poll that costs little extra now — a
        gov.kz list whose agency's ticket this run already holds — go with the run instead of later."""
        return self.next_due is None or now >= self.next_due - early * self.interval


# --- the policy (pure) ----------------------------------------------------------------------------------


def _hour_slices(start: float, end: float) -> Iterable[tuple[int, float]]:
    """(Almaty hour of day, seconds of [start, end) in it), hour by hour."""
    moment = start
    while moment < end:
        boundary = (math.floor(moment / 3600) + 1) * 3600  # Almaty is a whole-hour offset from UTC
        stop = min(end, boundary)
        yield local_hour(moment), stop - moment
        moment = stop


def observe(
    state: EntryState,
    *,
    now: float,
    new_items: int,
    bounds: Bounds,
    floor: float = 0.0,
    role: str = LEAD,
    rhythm: Sequence[float] | None = None,
    stretch: bool = True,
) -> EntryState:
    """The state after a poll at `now` that found `new_items`: rates, idle streak and the next due time.

    The new items are spread evenly over the time since the previous poll; each hour of the day it covers
    moves its rate estimate towards the observed rate in proportion to the share of an hour it covers.
    `role`, `rhythm` and `stretch`: see `roles` and `next_interval`."""
    state = replace(state, rates=list(state.rates) if len(state.rates) == HOURS else [0.0] * HOURS)
    since = state.last_poll if state.last_poll is not None else now - (state.interval or bounds.min_interval)
    since = max(since, now - 7 * 86400)  # a week-long gap says nothing about each hour any more
    elapsed = max(now - since, 1.0)
    observed = new_items * 3600.0 / elapsed  # items per hour over the gap
    expected = 0.0
    for hour, seconds in _hour_slices(since, now):
        expected += state.rates[hour] * seconds / 3600.0
        weight = min(1.0, ALPHA * seconds / 3600.0)
        state.rates[hour] += weight * (observed - state.rates[hour])
    state.idle_streak = 0 if new_items else state.idle_streak + 1
    state.idle_expected = 0.0 if new_items else state.idle_expected + expected
    state.polls += 1
    state.new_items += new_items
    state.last_poll = now
    interval = next_interval(state, bounds, now, role=role, rhythm=rhythm, stretch=stretch)
    state.interval = interval if role != LEAD else max(interval, min(floor, bounds.max_interval))
    state.next_due = now + state.interval * (1 - spread(state))
    return state


# Sites whose news appear in several entry points' languages at once (one event, its kk/ru/en pages):
# news in one of their entry points makes the others due soon. gov.kz: per agency (see `sibling_group`).
SAME_NEWS_SITES = {"akorda_kz", "primeminister_kz"}


def sibling_group(state: EntryState) -> str | None:
    """The entry points that carry the same news in other languages: a gov.kz agency's lists, every
    listing of akorda.kz or primeminister.kz; None for the others (zakon.kz's kk and ru news differ)."""
    if state.kind == "api":
        agency = gov_agency(state.entry)
        return f"gov:{agency}" if agency else None
    if state.site in SAME_NEWS_SITES and state.kind != "page":
        return state.site
    return None


def nudge(
    states: Iterable[EntryState],
    found_in: EntryState,
    *,
    now: float,
    bounds: Bounds,
    role: Mapping[str, str] | None = None,
) -> int:
    """Followers of an entry point that just found news are polled `follow_delay` later: one gov.kz news
    id is listed in ru, kk and en within minutes, so the kk and en lists are asked when the ru list of the
    same agency moves. With `role` (see `roles`) the siblings that do not lead move, backups too (a section
    listing that rarely brings anything may hold this item's other language); without it, every sibling.
    Returns how many were brought forward."""
    group = sibling_group(found_in)
    if group is None:
        return 0
    moved = 0
    soon = now + (
        max(bounds.follow_delay, bounds.min_interval) if role is not None else bounds.latency_target
    )
    for state in states:
        if role is not None and role.get(state.entry) == LEAD:
            continue
        if state.entry != found_in.entry and sibling_group(state) == group:
            if role is not None and role.get(state.entry) == FOLLOWER:
                # Its follow window starts (again) with this news: `follow_gap` doubles from here.
                state.interval = soon - now
            if state.next_due is None or state.next_due > soon:
                state.next_due = soon
                moved += 1
    return moved


def follow_gap(state: EntryState, bounds: Bounds) -> float | None:
    """The gap to a follower's next poll inside its follow window, or None when the window is over.

    `nudge` starts the window: the follower is polled `follow_delay` after its lead's news, with that as
    its interval. Each empty poll after it doubles the gap, so the polls fall at d, 3d, 7d ... after the
    news (d = follow_delay) and a window of length W costs about log2(W / d) polls: the later a language
    comes, the less a few minutes more matter against the latency goal. The window ends once the follower
    brings news (its language has come) or when the next poll would fall past `follow_window`."""
    first = max(bounds.follow_delay, bounds.min_interval)
    gap = state.interval
    if state.idle_streak == 0 or not first <= gap < bounds.backup_interval:
        return None
    since_news = 2 * gap - first  # d + 2d + ... + gap
    following = 2 * gap
    return following if since_news + following <= bounds.follow_window else None


def spread(state: EntryState) -> float:
    """The share of its interval by which an entry point's due time is brought forward (`phase`): only
    the gov.kz REST lists, of which a run serves at most GOV_AGENCIES_PER_RUN agencies, are spread. A
    site's other entry points polled in one run stay due together, so the next run is again one burst,
    and of two that list the same items (www.zakon.kz's listing and sitemap index) the one a run asks
    first keeps bringing them and the other is learned as its backup (`roles`); spread apart, they
    would take turns, each bring half, and both stay leads at twice the requests."""
    return SPREAD * phase(state.entry) if state.kind == "api" and gov_agency(state.entry) else 0.0


def phase(entry: str) -> float:
    """A fixed fraction in [0, 1) per entry point: entry points polled together at first (all 54 gov.kz
    lists) drift apart instead of falling due in the same run for ever."""
    return int(hashlib.sha1(entry.encode()).hexdigest()[:8], 16) / 0x100000000


def next_interval(
    state: EntryState,
    bounds: Bounds,
    now: float,
    *,
    role: str = LEAD,
    rhythm: Sequence[float] | None = None,
    stretch: bool = True,
) -> float:
    """Seconds until the entry point's next poll (see the module docstring). A backup or a follower is
    polled every `backup_interval` (a follower also through a short window after its lead shows news:
    `nudge`, `follow_gap`). `rhythm`: the site's hourly rates (`site_rhythm`), whose shape
    replaces the entry point's own: a ministry's 8 items a day leave most of its own hours unobserved,
    while the 18 agencies together show the portal's office hours (and its evening items) plainly.
    `stretch=False` (the site brought news in the last hour elsewhere) keeps the back-off below off: a
    sparse entry point of a site that is publishing is not dead, only between items (after a weekend,
    every agency's list has a long run of empty polls behind it)."""
    if role != LEAD and state.polls >= WARMUP:
        gap = follow_gap(state, bounds) if role == FOLLOWER else None
        return float(gap if gap is not None else max(bounds.backup_interval, bounds.min_interval))
    hour = local_hour(now)
    smooth = smoothed(state.rates)
    if rhythm is not None and sum(rhythm) > 0:
        scale = sum(smooth) / sum(rhythm)  # the entry point's own daily volume, the site's shape
        smooth = [scale * r for r in smoothed(rhythm)]
    # Look one hour ahead as well, so the morning rise is met rather than discovered.
    rate = max(smooth[hour], smooth[(hour + 1) % HOURS])
    # Busy: not one of the thinnest hours that together bring the share of the *site's* items (its
    # rhythm: the p95 goal is over them) that may be late (`quiet_share`); those are the quiet hours.
    daily = sum(rhythm) if rhythm is not None and sum(rhythm) > 0 else sum(smooth)
    quiet = quiet_share(daily)
    threshold = busy_threshold(smooth, quiet)
    if quiet >= QUIET_SHARE:
        threshold = max(threshold, min(BUSY_FLOOR, 0.5 * 3600.0 / bounds.max_interval, sum(smooth) / 48.0))
    busy = rate >= threshold
    if state.idle_streak == 0 and state.polls:
        busy = True  # the last poll found something: busy now, whatever the estimate says (it lags)
    if busy or state.polls < WARMUP:
        interval = bounds.latency_target
    else:
        # A quiet hour: wait about as long as one item takes to arrive at the learned rate, but not past
        # the start of the next busy hour (the morning is met, not discovered hours late).
        interval = 3600.0 / rate if rate > 0 else bounds.max_interval
        interval = max(interval, bounds.latency_target)
        interval = min(interval, max(bounds.latency_target, until_busy(smooth, threshold, now)))
    # Empty polls where the estimate expected several items (p < 0.3 %): the entry point went quiet faster
    # than the hourly estimates can follow, so stretch its interval from the last one (Media Cloud's back-off).
    if stretch and state.idle_streak >= 3 and state.idle_expected > SURPRISE:
        interval = max(interval, state.interval * IDLE_STRETCH)
    return float(min(bounds.max_interval, max(bounds.min_interval, interval)))


KERNEL = (0.25, 0.5, 1.0, 0.5, 0.25)  # neighbouring hours lend each other evidence: a sparse entry point
# (a ministry's 8 items a day) leaves most single hours unobserved on any given day


def smoothed(rates: Sequence[float]) -> list[float]:
    """The hourly rates smoothed over neighbouring hours (circularly), keeping the day's total."""
    half = len(KERNEL) // 2
    weight = sum(KERNEL)
    return [
        sum(k * rates[(h + i - half) % HOURS] for i, k in enumerate(KERNEL)) / weight for h in range(HOURS)
    ]


def until_busy(rates: Sequence[float], threshold: float, now: float) -> float:
    """Seconds from `now` to the start of the next hour whose rate reaches `threshold` (a day if none)."""
    hour = local_hour(now)
    for ahead in range(1, HOURS + 1):
        if rates[(hour + ahead) % HOURS] >= threshold:
            return (math.floor(now / 3600) + ahead) * 3600 - now
    return 86400.0


def quiet_share(daily: float) -> float:
    """The share of a site's items (`daily` a day) its quiet hours may leave waiting past the latency
    target (see P95_LATE): zakon.kz's ~110 a day and gov.kz's ~330 QUIET_SHARE, akorda.kz's ~13 RARE."""
    if daily <= 0:
        return 0.0
    return min(QUIET_SHARE, max(P95_LATE * daily - 1.0, RARE) / daily)


def busy_threshold(rates: Sequence[float], quiet: float = QUIET_SHARE) -> float:
    """The lowest hourly rate of a busy hour: the thinnest hours together bringing at most `quiet` of
    the items are quiet, the others busy."""
    total = sum(rates)
    if total <= 0:
        return math.inf
    running = 0.0
    for rate in sorted(rates):
        running += rate
        if running > quiet * total:
            return rate
    return math.inf


def daily_rate(state: EntryState) -> float:
    """New items a day the entry point brought, as learned (the sum of its hourly estimates)."""
    return float(sum(state.rates))


def roles(states: Iterable[EntryState]) -> dict[str, str]:
    """Each entry point's role, learned from what it brings (no site is configured):
    - a *backup* brings under BACKUP_SHARE of what the most productive entry point of its site brings
      (SIBLING_BACKUP_SHARE of its sibling group's): it lists
      what another entry point already brought (the sitemap index beside the listing, a feed that answers
      404); polled every `backup_interval`, in case the lead stops bringing;
    - a *follower* is a sibling (`sibling_group`: the same news in another language) of a busier entry point,
      the group's *lead*: polled when the lead finds news (`nudge`), else every `backup_interval`;
    - a *lead*: everything else, polled by its learned rate (`next_interval`).
    The lead of a group is, among the siblings bringing at least 1/LEAD_MARGIN of the busiest one's rate,
    the one already polled as the lead (polled the most), so two siblings with the same rate (a ru
    and a kk list) do not swap the role back and forth with the noise of their counts; else the busiest.
    Entry points still in their first WARMUP polls are leads: nothing is known yet."""
    polled = [s for s in states if s.kind not in NOT_POLLED]
    out: dict[str, str] = {}
    top: dict[str, float] = {}
    for s in polled:
        key = sibling_group(s) or s.site
        top[key] = max(top.get(key, 0.0), daily_rate(s))
    groups: dict[str, list[EntryState]] = {}
    for s in polled:
        share = SIBLING_BACKUP_SHARE if sibling_group(s) else BACKUP_SHARE
        if s.polls < WARMUP:
            out[s.entry] = LEAD
        elif daily_rate(s) < share * top[sibling_group(s) or s.site]:
            out[s.entry] = BACKUP
        else:
            group = sibling_group(s)
            if group is None:
                out[s.entry] = LEAD
            else:
                groups.setdefault(group, []).append(s)
    for members in groups.values():
        best = max(daily_rate(s) for s in members)
        candidates = [s for s in members if daily_rate(s) * LEAD_MARGIN >= best]
        most = max(s.polls for s in candidates)
        # A feed or sitemap lists every item of its language, a section's listing only that section's: it
        # leads when it brings its share. Then the one polled most so far keeps the role (hysteresis: a
        # lead is polled many times for each follow-up of its followers), else the busiest, then by URL.
        # Not the shortest interval: a follower's is short inside its follow window (`follow_gap`).
        lead = min(
            candidates,
            key=lambda s: (
                s.kind not in ("feed", "sitemap"),
                s.polls * LEAD_MARGIN < most,
                -daily_rate(s),
                s.entry,
            ),
        )
        for s in members:
            out[s.entry] = LEAD if s is lead else FOLLOWER
    return out


def site_rhythm(states: Iterable[EntryState]) -> list[float]:
    """The site's new items per Almaty hour: the sum of its entry points' hourly estimates."""
    total = [0.0] * HOURS
    for state in states:
        if state.kind not in NOT_POLLED and len(state.rates) == HOURS:
            total = [t + r for t, r in zip(total, state.rates, strict=True)]
    return total


def after_run(
    states: dict[str, EntryState],
    found: Mapping[str, int],
    *,
    now: float,
    bounds: Bounds,
    per_poll: float = 1.2,
) -> dict[str, str]:
    """Fold one run's polls (`found`: entry → new items) into `states`, in place: each polled entry point
    is observed in its role, and the followers of a lead that found news are brought to the next run.
    The crawl's middleware and benchmarks/freshness.py both call this. Returns the roles used."""
    role = roles(states.values())
    rhythm = site_rhythm(states.values())
    active = any(found.values()) or any(
        s.idle_streak == 0 and s.polls and (s.last_poll or 0) >= now - 3600 for s in states.values()
    )
    floor = budget_floor(states.values(), bounds, now, per_poll=per_poll, role=role)
    for entry, new_items in found.items():
        states[entry] = observe(
            states[entry],
            now=now,
            new_items=new_items,
            bounds=bounds,
            floor=floor,
            role=role.get(entry, LEAD),
            rhythm=rhythm,
            stretch=not active,
        )
    for entry, new_items in found.items():
        if new_items and role.get(entry) == LEAD:
            nudge(states.values(), states[entry], now=now, bounds=bounds, role=role)
    for state in states.values():
        # A follower or backup that has just become its group's lead (the old lead stopped bringing) is
        # due at a lead's interval, not at the backup interval it was given.
        if role.get(state.entry) == LEAD and state.entry not in found and state.kind not in NOT_POLLED:
            if state.next_due is not None and state.last_poll is not None:
                again = next_interval(state, bounds, now, rhythm=rhythm, stretch=not active)
                state.next_due = min(state.next_due, state.last_poll + again)
    together(states.values(), bounds, role)
    return role


def together(states: Iterable[EntryState], bounds: Bounds, role: Mapping[str, str]) -> None:
    """A lead falling due less than half its interval (or `min_interval`) after another is made due with
    it, in place: the site's leads are polled in one run, not in runs of their own a minute apart.

    Two leads that list the same items (www.zakon.kz's listing and its sitemap index) polled in turns
    each bring half of them, so both stay leads and cost twice the requests; polled in one run, the
    first asked brings them all and the other is learned as its backup (`roles`). Two leads with the
    same interval stay together once brought together, so that costs one early poll; a lead with a
    longer interval is brought forward by at most the gap between the other's runs. The spread gov.kz
    lists (`spread`) are left apart."""
    leads = sorted(
        (
            s
            for s in states
            if role.get(s.entry) == LEAD
            and s.kind not in NOT_POLLED
            and s.next_due is not None
            and not spread(s)
        ),
        key=lambda s: s.next_due or 0.0,
    )
    anchor: float | None = None
    for state in leads:
        due = state.next_due or 0.0
        if anchor is not None and due - anchor < max(bounds.min_interval, 0.5 * state.interval):
            state.next_due = anchor
        else:
            anchor = due


def poll_cost(site: str) -> float:
    """Requests a lead's poll costs on average: a gov.kz ticket and the list, and the follow-up run of the
    agency's other languages when it had news; elsewhere the next page or an article now and then."""
    return 2.5 if site == "gov_kz" else 1.2


def agencies_in_turn(
    states: Iterable[EntryState], now: float, limit: int = GOV_AGENCIES_PER_RUN
) -> list[str]:
    """The gov.kz agencies this run serves: the `limit` most overdue among those with a list due, so the
    last agencies of the list are not starved when the budget is tight."""
    overdue: dict[str, float] = {}
    for state in states:
        agency = gov_agency(state.entry) if state.kind == "api" else None
        if agency and state.due(now):
            due_at = state.next_due if state.next_due is not None else -math.inf
            overdue[agency] = min(overdue.get(agency, math.inf), due_at)
    return sorted(overdue, key=lambda a: overdue[a])[:limit]


def budget_floor(
    states: Iterable[EntryState],
    bounds: Bounds,
    now: float,
    *,
    per_poll: float = 1.2,
    role: Mapping[str, str] | None = None,
) -> float:
    """The shortest interval the hourly budget affords when every busy lead is polled at it: planned, so
    each entry point waits its turn, instead of the first ones asked spending the budget and the others
    starving. `per_poll`: requests a poll costs on average (the next page, an article, a gov.kz ticket,
    the followers it brings along). Backups and followers (`role`) are not counted: they are not busy."""
    busy = sum(
        1
        for s in states
        if s.kind not in NOT_POLLED
        and (role is None or role.get(s.entry, LEAD) == LEAD)
        and next_interval(s, bounds, now) <= bounds.latency_target * 1.01
    )
    return busy * per_poll * 3600.0 / bounds.budget_per_hour


def budget_left(spent: Sequence[tuple[float, int]], now: float, budget: int) -> int:
    """Requests still allowed in the hour ending at `now`, given (time, requests) spent before."""
    used = sum(n for moment, n in spent if now - moment < 3600.0)
    return max(0, budget - used)


# --- entry points -------------------------------------------------------------------------------------

GOV_LIST_PATH = "/api/v1/public/content-manager/news"
GOV_TICKET_PATH = "/api/v1/public/_/c/k6"
GOV_CHECK_PATH = "/graphql"  # the change check: every list's newest ids in one POST


def entry_kind(url: str, *, method: str = "GET", archive: bool = False) -> str | None:
    """What kind of entry point a request is (feed, sitemap, listing, api), or None for an article, a
    gov.kz ticket, robots.txt or anything else that is not polled for new links."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if method == "POST" and path == GOV_CHECK_PATH:
        return "api"
    if method != "GET" or path.endswith("/robots.txt"):
        return None
    if path == GOV_LIST_PATH:
        return "api"
    if archive:
        return None
    lowered = path.lower()
    if "sitemap" in lowered and lowered.endswith(".xml"):
        return "sitemap"
    if "rss" in lowered or "feed" in lowered or lowered.endswith((".rss", ".atom")):
        return "feed"
    return "listing"


def next_page(url: str) -> bool:
    """A listing's or API list's page 2 or later (`page=`/`p=` above 1): reached from page 1, never polled
    on its own, whatever its Referer says (gov.kz list requests carry the agency's press page)."""
    query = dict(parse_qsl(urlsplit(url).query))
    value = query.get("page") or query.get("p") or "1"
    return value.isdigit() and int(value) > 1


def gov_agency(url: str) -> str | None:
    query = dict(parse_qsl(urlsplit(url).query))
    project = query.get("projects", "")
    return project.split(":", 1)[-1] or None


_API_ID = re.compile(rb'"id"\s*:\s*"?(\d+)')


def api_new_ids(body: bytes, newest: str | None) -> tuple[int, str | None]:
    """(how many ids in an API answer are above `newest`, the new newest id): the API's newest id is the
    cheap change check. The answer is read as JSON: a REST list (a bare array or {"content": [...]}) or
    the GraphQL check ({"data": {"q0": [...], ...}}, every list's newest ids); anything else counts 0."""
    try:
        data = json.loads(body)
    except ValueError:
        return 0, newest
    items: list[Any] | None
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        items = [x for value in data["data"].values() if isinstance(value, list) for x in value]
    else:
        items = data if isinstance(data, list) else data.get("content") if isinstance(data, dict) else None
    # One id carries every language version of a gov.kz item, so the check counts each id once.
    ids = sorted(
        {int(x["id"]) for x in items or [] if isinstance(x, dict) and str(x.get("id", "")).isdigit()}
    )
    if not ids:
        return 0, newest
    floor = int(newest) if newest and newest.isdigit() else None
    fresh = len(ids) if floor is None else sum(1 for i in ids if i > floor)
    top = max(ids)
    return fresh, str(max(top, floor or 0))


# --- storage -----------------------------------------------------------------------------------------------

_COLUMNS = (
    "entry site kind interval rates last_poll_at next_due_at etag last_modified content_hash newest"
    " idle_streak idle_expected polls not_modified new_items"
).split()


def load_states(db: sqlite_utils.Database, site: str | None = None) -> dict[str, EntryState]:
    if "poll_state" not in db.table_names():
        return {}
    sql = f"SELECT {', '.join(_COLUMNS)} FROM poll_state WHERE kind != 'robots'"
    rows = db.execute(sql + (" AND site = ?" if site else ""), [site] if site else []).fetchall()
    out: dict[str, EntryState] = {}
    for row in rows:
        values = dict(zip(_COLUMNS, row, strict=True))
        rates = json.loads(values["rates"] or "[]")
        out[values["entry"]] = EntryState(
            entry=values["entry"],
            site=values["site"],
            kind=values["kind"],
            interval=float(values["interval"]),
            rates=[float(x) for x in rates] if len(rates) == HOURS else [0.0] * HOURS,
            last_poll=values["last_poll_at"],
            next_due=values["next_due_at"],
            etag=values["etag"],
            last_modified=values["last_modified"],
            content_hash=values["content_hash"],
            newest=values["newest"],
            idle_streak=int(values["idle_streak"]),
            idle_expected=float(values["idle_expected"]),
            polls=int(values["polls"]),
            not_modified=int(values["not_modified"]),
            new_items=int(values["new_items"]),
        )
    return out


def save_states(db: sqlite_utils.Database, states: Iterable[EntryState]) -> None:
    rows = [
        [
            s.entry,
            s.site,
            s.kind,
            s.interval,
            json.dumps([round(r, 4) for r in s.rates]),
            s.last_poll,
            s.next_due,
            s.etag,
            s.last_modified,
            s.content_hash,
            s.newest,
            s.idle_streak,
            s.idle_expected,
            s.polls,
            s.not_modified,
            s.new_items,
        ]
        for s in states
    ]
    if not rows:
        return
    marks = ", ".join("?" for _ in _COLUMNS)
    with db.conn:
        db.conn.executemany(
            f"INSERT OR REPLACE INTO poll_state ({', '.join(_COLUMNS)}) VALUES ({marks})", rows
        )


def load_robots(db: sqlite_utils.Database, site: str) -> dict[str, tuple[float, str]]:
    """{robots.txt URL: (fetched at, body)} kept for the site."""
    if "poll_state" not in db.table_names():
        return {}
    return {
        entry: (float(at or 0), body or "")
        for entry, at, body in db.execute(
            "SELECT entry, last_poll_at, body FROM poll_state WHERE site = ? AND kind = 'robots'", [site]
        ).fetchall()
    }


def save_robots(db: sqlite_utils.Database, site: str, robots: Mapping[str, tuple[float, str]]) -> None:
    with db.conn:
        db.conn.executemany(
            "INSERT OR REPLACE INTO poll_state (entry, site, kind, interval, last_poll_at, next_due_at, body)"
            " VALUES (?, ?, 'robots', ?, ?, ?, ?)",
            [(url, site, ROBOTS_TTL, at, at + ROBOTS_TTL, body) for url, (at, body) in robots.items()],
        )


def requests_last_hour(db: sqlite_utils.Database, site: str, now: float) -> list[tuple[float, int]]:
    """(start time, requests) of the site's runs that started in the last hour (crawl_runs)."""
    if "crawl_runs" not in db.table_names():
        return []
    since = datetime.fromtimestamp(now - 3600, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    out = []
    for started, requests in db.execute(
        "SELECT started_at, requests FROM crawl_runs WHERE site = ? AND started_at >= ?", [site, since]
    ).fetchall():
        moment = datetime.fromisoformat(str(started).replace("Z", "+00:00")).timestamp()
        out.append((moment, int(requests or 0)))
    return out


# --- the scheduler's side -----------------------------------------------------------------------------


@dataclass
class AdaptivePolicy:
    """When each site's next run is due: its earliest entry point, no sooner than the site's minimum
    interval after the last start, and not while its hourly budget is spent."""

    db_path: str
    overrides: Mapping[str, Any] = field(default_factory=dict)
    wall: Any = time.time
    # Sites polled this way (None: all); the others keep their fixed KZNEWS_SCHEDULE interval.
    sites: frozenset[str] | None = None

    def covers(self, site: str) -> bool:
        return self.sites is None or site in self.sites

    def min_gap(self, site: str) -> float:
        return bounds_for(site, self.overrides).min_interval

    def wait(self, site: str) -> float:
        from crawler.store.db import connect

        bounds = bounds_for(site, self.overrides)
        now = float(self.wall())
        try:
            db = connect(self.db_path, readonly=True)
        except Exception:  # no database yet: crawl now, the run creates it
            return 0.0
        try:
            states = load_states(db, site)
            spent = requests_last_hour(db, site, now)
        finally:
            db.conn.close()
        # Continuation pages (kind 'page') are polled only from their listing; an entry point overdue by far
        # more than its site's longest interval is one the spider no longer asks for (an agency dropped
        # from the settings): neither may keep the site due for ever.
        horizon = now - 2 * bounds.max_interval
        starts = [s for s in states.values() if s.kind not in NOT_POLLED and (s.next_due or now) >= horizon]
        if not starts:
            return 0.0
        due = min(s.next_due if s.next_due is not None else now for s in starts)
        wait = max(0.0, due - now)
        if budget_left(spent, now, bounds.budget_per_hour) <= 0 and spent:
            # Spent: the oldest run of the hour has to age out first.
            wait = max(wait, min(m for m, _ in spent) + 3600.0 - now)
        return min(wait, bounds.max_interval)


# --- the downloader middleware ---------------------------------------------------------------------------


class PollingMiddleware:
    """Applies the policy inside a crawl (see the module docstring)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_path: str = crawler.settings.get("KZNEWS_DB")
        self.adaptive = str(crawler.settings.get("KZNEWS_POLLING", "fixed")).lower() == "adaptive"
        self.overrides = crawler.settings.getdict("KZNEWS_POLL_BOUNDS", {})
        self.states: dict[str, EntryState] = {}
        self.polled: dict[str, int] = {}  # entry → new items found through it in this run
        self.responses: dict[str, bytes | None] = {}
        self.ticketed: set[str] = set()  # gov.kz agencies whose ticket this run took
        self.turn: set[str] = set()  # gov.kz agencies this run serves (agencies_in_turn)
        self.pages: set[str] = set()  # listing pages reached from another entry point of this run
        self.robots: dict[str, tuple[float, str]] = {}  # robots.txt URL → (fetched at, body)
        self.robots_fetched: set[str] = set()
        self.robots_fresh = False  # a robots.txt fetched in this run, to keep
        self.site = ""
        self.bounds = DEFAULT_BOUNDS
        self.allowed = 0  # requests left in this hour's budget
        self.started = time.time()

    @classmethod
    def from_crawler(cls, crawler: Any) -> PollingMiddleware:
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        if not crawler.settings.get("KZNEWS_DB"):
            raise NotConfigured("no KZNEWS_DB: no polling state to keep")
        mw = cls(crawler)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider: Any) -> None:
        from crawler.store.db import open_db

        self.site = spider.name
        self.bounds = bounds_for(self.site, self.overrides)
        self.started = time.time()
        db = open_db(self.db_path)
        try:
            self.states = load_states(db, self.site)
            self.robots = load_robots(db, self.site)
            self.turn = set(agencies_in_turn(self.states.values(), self.started))
            spent = requests_last_hour(db, self.site, self.started)
        finally:
            db.conn.close()
        # This run's own crawl_runs row is already in `spent` (requests 0 so far).
        self.allowed = budget_left(spent, self.started, self.bounds.budget_per_hour)
        self.stats.set_value("kznews/polling/mode", "adaptive" if self.adaptive else "fixed")

    def _walks_everything(self, spider: Any) -> bool:
        from crawler.store.incremental import truthy

        return bool(
            getattr(spider, "since", None)
            or truthy(getattr(spider, "refresh", ""))
            or self.stats.get_value("kznews/incremental/catch_up")
            or self.stats.get_value("kznews/incremental/refresh")
        )

    def _referer(self, request: Any) -> str | None:
        value = request.headers.get(b"Referer")
        return value.decode("latin-1") if value else None

    def _spend(self) -> None:
        """One request of the site's hourly budget, or IgnoreRequest when it is spent."""
        from scrapy.exceptions import IgnoreRequest

        if self.allowed <= 0:
            self.stats.inc_value("kznews/polling/over_budget")
            raise IgnoreRequest(f"{self.site}: hourly request budget spent")
        self.allowed -= 1

    def process_request(self, request: Any, spider: Any = None) -> Any:
        from scrapy.exceptions import IgnoreRequest

        spider = spider or self.crawler.spider
        if self.adaptive and request.method == "GET" and urlsplit(request.url).path == "/robots.txt":
            cached = self.robots.get(request.url)
            if cached is not None and time.time() - cached[0] < ROBOTS_TTL:
                from scrapy.http import TextResponse

                self.stats.inc_value("kznews/polling/robots_cached")
                return TextResponse(
                    request.url, body=cached[1].encode("utf-8"), encoding="utf-8", request=request
                )
            self.robots_fetched.add(request.url)
        kind = entry_kind(
            request.url, method=request.method, archive=bool(request.meta.get("kznews_archive"))
        )
        referer = self._referer(request)
        if kind is None and request.meta.get("kznews_archive") and referer in self.polled:
            if spider is not None and getattr(spider, "stored", None) and spider.stored(request.url) is None:
                self.polled[referer] += 1
        adaptive = self.adaptive and not self._walks_everything(spider)
        if request.meta.get("kznews_checked"):
            # A gov.kz ticket or list the change check found news in: read now, whatever its own
            # schedule says; only the budget still holds.
            if adaptive:
                self._spend()
            return None
        continuation = kind is not None and (referer in self.polled or next_page(request.url))
        if adaptive and kind is not None and not continuation:
            # A start request (a continuation page has an entry point of this run as its Referer).
            state = self.states.get(request.url)
            early = (
                EARLY_WITH_TICKET if kind == "api" and request.meta.get("cookiejar") in self.ticketed else 0.0
            )
            if state is not None and not state.due(time.time(), early=early):
                self.stats.inc_value("kznews/polling/not_due")
                raise IgnoreRequest(f"entry point not due: {request.url}")
        if adaptive and request.method == "POST" and urlsplit(request.url).path == GOV_TICKET_PATH:
            agency = request.meta.get("cookiejar")
            lists = [s for s in self.states.values() if s.kind == "api" and gov_agency(s.entry) == agency]
            if lists and not any(s.due(time.time()) for s in lists):
                self.stats.inc_value("kznews/polling/not_due")
                raise IgnoreRequest(f"no list of {agency} is due: no ticket")
            # The run's agencies are the most overdue (agencies_in_turn, chosen at open), not the first
            # tickets the spider happens to ask for: else the agencies late in its list would starve.
            later = agency not in self.turn and len(self.turn) >= GOV_AGENCIES_PER_RUN
            if (
                lists
                and agency not in self.ticketed
                and (later or len(self.ticketed) >= GOV_AGENCIES_PER_RUN)
            ):
                self.stats.inc_value("kznews/polling/next_run")
                raise IgnoreRequest(
                    f"{agency}: {GOV_AGENCIES_PER_RUN} agencies in this run already; next run"
                )
            self.ticketed.add(agency)
        if adaptive:
            self._spend()
        if kind is not None:
            self.polled.setdefault(request.url, 0)
            if continuation:  # a next page, a sitemap child: reached from an entry point
                self.pages.add(request.url)
            state = self.states.get(request.url)
            if adaptive and state is not None and not request.meta.get("kznews_conditional"):
                if state.etag and b"If-None-Match" not in request.headers:
                    request.headers[b"If-None-Match"] = state.etag
                if state.last_modified and b"If-Modified-Since" not in request.headers:
                    request.headers[b"If-Modified-Since"] = state.last_modified
        return None

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        from scrapy.exceptions import IgnoreRequest

        if request.url in self.robots_fetched and response.status == 200:
            self.robots_fetched.discard(request.url)
            self.robots[request.url] = (time.time(), response.body.decode("utf-8", "replace"))
            self.robots_fresh = True
        if request.url not in self.polled:
            return response
        kind = entry_kind(
            request.url, method=request.method, archive=bool(request.meta.get("kznews_archive"))
        )
        if request.url in self.pages:
            kind = "page"  # a continuation: polled from its entry point, never on its own
        state = self.states.get(request.url) or EntryState(
            entry=request.url, site=self.site, kind=kind or "listing"
        )
        self.states[request.url] = state
        if response.status == 304:
            state.not_modified += 1
            self.stats.inc_value("kznews/polling/not_modified")
            raise IgnoreRequest(f"entry point not modified: {request.url}")
        if response.status == 200:
            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            digest = hashlib.sha256(response.body).hexdigest()
            if digest == state.content_hash:
                self.stats.inc_value("kznews/polling/unchanged")
            self.responses[request.url] = response.body if kind == "api" else None
            state.etag = etag.decode("latin-1") if etag else None
            state.last_modified = modified.decode("latin-1") if modified else None
            state.content_hash = digest
        return response

    def spider_closed(self, spider: Any, reason: str) -> None:
        from crawler.store.db import open_db

        if reason != "finished" or not self.polled:
            # Killed or stopped half way: the validators of what this run fetched may cover links it
            # never followed, so the old state stands and the next run polls (and catches up) as before.
            return
        now = time.time()
        observed: dict[str, int] = {}
        for entry, found in self.polled.items():
            state = self.states.get(entry)
            if state is None:  # refused before any answer (not due, budget): nothing observed
                continue
            body = self.responses.get(entry)
            if body is not None:
                found, state.newest = api_new_ids(body, state.newest)
            if state.polls == 0:
                found = 0  # the first sight of an entry point is its baseline, not a burst of news
            observed[entry] = found
            self.stats.inc_value("kznews/polling/entries")
            self.stats.inc_value("kznews/polling/new_items", found)
        role = after_run(self.states, observed, now=now, bounds=self.bounds, per_poll=poll_cost(self.site))
        for name in (LEAD, FOLLOWER, BACKUP):
            self.stats.set_value(f"kznews/polling/{name}s", sum(1 for r in role.values() if r == name))
        db = open_db(self.db_path)
        try:
            save_states(db, self.states.values())  # nudged siblings included
            if self.robots_fresh:
                save_robots(db, self.site, self.robots)
        finally:
            db.conn.close()


# --- `kznews status` -----------------------------------------------------------------------------------


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def freshness(db: sqlite_utils.Database, site: str, now: datetime | None = None) -> dict[str, Any]:
    """Per site, over the last day: the current polling interval (the shortest of its entry points'),
    the publication → store latency (p50/p95 seconds, articles whose time of publication is known to the
    minute and published in that day: an old article found late is a backfill, not a measure of freshness)
    and the requests per new article."""
    moment = now or datetime.now(UTC)
    since = datetime.fromtimestamp(moment.timestamp() - 86400, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    tables = set(db.table_names())
    out: dict[str, Any] = {
        "interval": None,
        "latency_p50": None,
        "latency_p95": None,
        "requests_per_new": None,
    }
    if "poll_state" in tables:
        row = db.execute(
            "SELECT min(interval) FROM poll_state WHERE site = ? AND kind NOT IN ('page', 'robots')", [site]
        ).fetchone()
        out["interval"] = row[0] if row else None
    latencies = []
    for published, stored in db.execute(
        "SELECT published_at, first_seen_at FROM articles WHERE site = ? AND first_seen_at >= ?"
        " AND published_at >= ? AND date_precision IN ('minute', 'second')",
        [site, since, since],
    ).fetchall():
        try:
            gap = (
                datetime.fromisoformat(str(stored).replace("Z", "+00:00"))
                - datetime.fromisoformat(str(published).replace("Z", "+00:00"))
            ).total_seconds()
        except ValueError:
            continue
        if gap >= 0:  # a backfilled or re-dated article is not a measure of freshness
            latencies.append(gap)
    out["latency_p50"] = _percentile(latencies, 0.5)
    out["latency_p95"] = _percentile(latencies, 0.95)
    out["latency_articles"] = len(latencies)
    if "crawl_runs" in tables:
        requests, new = db.execute(
            "SELECT coalesce(sum(requests), 0), coalesce(sum(items_new), 0) FROM crawl_runs"
            " WHERE site = ? AND started_at >= ?",
            [site, since],
        ).fetchone()
        out["requests_per_new"] = round(requests / new, 2) if new else None
        out["requests_24h"] = int(requests)
    return out
