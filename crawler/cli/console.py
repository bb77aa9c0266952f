"""The `kznews` console script: take charge of SIGINT/SIGTERM before anything else is imported, then run
the CLI (crawler/cli/main.py). A Ctrl-C during the second or so of imports is then counted, not a traceback."""

from __future__ import annotations


def main() -> None:
    from crawler.crawl.shutdown import guard_start_up

    guard_start_up()
    from crawler.cli.main import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
