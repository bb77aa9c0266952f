"""Crawl machinery: the NewsSpider base and its extraction layers, politeness, hardening, the offline mirror."""
