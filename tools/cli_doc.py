"""Write docs/cli.md from the click commands' own help, so the reference never drifts.

.venv/bin/python tools/cli_doc.py          # rewrite docs/cli.md
.venv/bin/python tools/cli_doc.py --check  # exit 1 when docs/cli.md is out of date (the tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.cli.main import cli  # noqa: E402


def walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            out += walk(command.commands[name], path + [name])
    return out


def render() -> str:
    lines = [
        "# kznews command reference",
        "",
        "Generated from the commands' own `--help` by `tools/cli_doc.py`; do not edit by hand.",
        "",
    ]
    from crawler.cli.main import EXIT_STATUSES

    lines += [
        "## Exit status",
        "",
        "Every command exits with one of these (`crawler/cli/main.py` `EXIT_STATUSES`):",
        "",
    ]
    lines += ["| status | meaning |", "|---|---|"]
    lines += [f"| {code} | {meaning} |" for code, meaning in EXIT_STATUSES]
    lines += [""]
    for path, command in walk(cli, ["kznews"]):
        ctx = click.Context(command, info_name=" ".join(path))
        lines += [f"## {' '.join(path)}", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    target = ROOT / "docs" / "cli.md"
    text = render()
    if "--check" in argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run .venv/bin/python tools/cli_doc.py")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
