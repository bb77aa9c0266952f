"""`-s KZNEWS_*=...` reaches every part of a crawl, the writer process included; a live crawl without a
contact warns (issue 16 item 8)."""

from __future__ import annotations

import threading
from pathlib import Path

from scrapy.settings import Settings

from crawler.crawl.addons import KznewsAddon, contact_warning
from crawler.crawl.mirror import MirrorHandler
from tests.conftest import ROOT
from tests.ops_support import crawl, mirror


def test_s_settings_reach_the_user_agent_the_writer_and_the_feeds(tmp_path: Path) -> None:
    agents: list[str] = []
    lock = threading.Lock()

    class Recording(MirrorHandler):
        def do_GET(self) -> None:
            with lock:
                agents.append(self.headers.get("User-Agent", ""))
            super().do_GET()

    db, feeds = tmp_path / "kznews.db", tmp_path / "elsewhere" / "feeds"
    with mirror() as server:
        server.RequestHandlerClass = Recording
        crawl(
            db,
            server.base_url,
            "zakon_kz",
            settings={
                "KZNEWS_CONTACT": "ops@example.kz",
                "KZNEWS_ALERTS_FILE": str(ROOT / "data" / "alerts.toml"),  # read by the writer process
                "KZNEWS_FEEDS_DIR": str(feeds),  # read by the after-crawl step
                "KZNEWS_LOG_DIR": str(tmp_path / "crawl-logs"),
            },
        )
    assert agents and all("ops@example.kz" in agent for agent in agents), set(agents)
    assert (feeds / "tokayev.atom").read_text(encoding="utf-8").count("<entry") >= 1
    assert (tmp_path / "crawl-logs" / "zakon_kz.log").exists()


def test_a_live_crawl_without_a_contact_warns() -> None:
    live = Settings({"KZNEWS_CONTACT": "https://github.com/kznews/kznews", "KZNEWS_MIRROR": ""})
    assert contact_warning(live) and "KZNEWS_CONTACT" in str(contact_warning(live))
    assert contact_warning(Settings({"KZNEWS_CONTACT": "ops@example.kz"})) is None
    assert contact_warning(Settings({"KZNEWS_MIRROR": "http://127.0.0.1:1"})) is None
    settings = Settings({"KZNEWS_CONTACT": "ops@example.kz", "USER_AGENT": "x"})
    KznewsAddon().update_settings(settings)
    assert "ops@example.kz" in settings["USER_AGENT"]
    explicit = Settings({"KZNEWS_CONTACT": "ops@example.kz"})
    explicit.set("USER_AGENT", "my-agent", priority="cmdline")
    KznewsAddon().update_settings(explicit)
    assert explicit["USER_AGENT"] == "my-agent"
