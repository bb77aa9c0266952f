"""Rebuild data/mirror from the per-site builders in tools/mirror_sites/ and write the MANIFEST.

Each builder module exposes `build(emit)` and calls `emit(url, body, provenance)` for every
response the site serves in the mirror. Provenance starts with "real:" (bytes or text saved from the
live site, naming the source) or "rebuilt:" (markup rebuilt from ../shared/sites.md, naming the
section and any real text used). The output is deterministic, so a rebuild shows as a clean diff.

    .venv/bin/python tools/build_mirror.py            # all sites
    .venv/bin/python tools/build_mirror.py zakon_kz   # one site (others' files are kept)
"""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from crawler.crawl.mirror import mirror_path  # noqa: E402

MIRROR = ROOT / "data" / "mirror"


def main(argv: list[str]) -> int:
    import mirror_sites

    names = argv or [
        m.name for m in pkgutil.iter_modules(mirror_sites.__path__) if not m.name.startswith("_")
    ]
    manifest_path = MIRROR / "MANIFEST"
    entries: dict[str, str] = {}
    if manifest_path.exists() and argv:
        for line in manifest_path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                rel, _, prov = line.partition("\t")
                entries[rel] = prov
    for name in names:
        module = importlib.import_module(f"mirror_sites.{name}")
        site_entries: dict[str, tuple[bytes, str]] = {}

        def emit(url: str, body: bytes | str, provenance: str, _acc: dict = site_entries) -> None:
            if not (provenance.startswith("real:") or provenance.startswith("rebuilt:")):
                raise ValueError(f"provenance must start with real: or rebuilt: ({url})")
            data = body.encode("utf-8") if isinstance(body, str) else body
            _acc[mirror_path(url)] = (data, provenance)

        module.build(emit)
        hosts = {rel.split("/", 1)[0] for rel in site_entries}
        for host in hosts:  # a site's hosts are rebuilt whole, so removed pages disappear
            shutil.rmtree(MIRROR / host, ignore_errors=True)
            entries = {k: v for k, v in entries.items() if not k.startswith(host + "/")}
        for rel, (data, prov) in site_entries.items():
            target = MIRROR / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            entries[rel] = prov
        print(f"{name}: {len(site_entries)} files")
    lines = [
        "# data/mirror MANIFEST: every file of the offline mirror and its provenance (tab-separated).",
        "# real: saved from the live site (source named) | rebuilt: markup rebuilt from ../shared/sites.md",
        "# (section named), with the text's own origin stated. Regenerate: python tools/build_mirror.py",
    ]
    lines += [f"{rel}\t{entries[rel]}" for rel in sorted(entries)]
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
