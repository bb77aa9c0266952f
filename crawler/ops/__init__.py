"""Operations: a crawl and its after-crawl step for every front end, runs, health, schedule, ingest, reparse, fixtures, Redis workers."""
