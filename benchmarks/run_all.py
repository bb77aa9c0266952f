"""Run every benchmark in benchmarks/ and write benchmarks/RESULTS.md (`make bench`, `make bench-full`).

Each benchmark runs in its own process, one after the other (never two at once: they would share the two
cores), quick by default and at full sizes with --full; its output goes verbatim into RESULTS.md under its
own heading, with the command, the time it took and its exit status, after a header naming the date, the
machine (CPU model, cores, RAM, load average), Python, SQLite and Scrapy. A benchmark that fails or is missing
a tool (redis-server for scaling.py) is reported as such; the others still run.

--only runs some benchmarks and replaces only their sections of an existing RESULTS.md, so a long full-size
run (e.g. `--full --only db`) can be added to a quick run of the rest; each section says its mode and date.

    .venv/bin/python benchmarks/run_all.py                  # quick, about 10 minutes
    .venv/bin/python benchmarks/run_all.py --full           # full sizes (1M articles): long
    .venv/bin/python benchmarks/run_all.py --only crawl,extract
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
HELPERS = {"run_all", "synth"}  # modules here that are not benchmarks

# name -> (quick arguments, full arguments, what it measures); other scripts found here run with
# --quick / --full when their source offers those flags.
KNOWN: dict[str, tuple[list[str], list[str], str]] = {
    "crawl": ([], ["--full"], "end-to-end crawl: full pipeline vs item pipelines off"),
    "stages": ([], [], "cost of each pipeline stage (the profile behind the crawl claim)"),
    "extract": ([], ["--full"], "extraction vs trafilatura on the golden pages"),
    "generic": ([], ["--full"], "generic layer vs trafilatura and htmldate, mirror and redesign"),
    "db": ([], ["--full"], "the database at 10k / 100k / 1M articles"),
    "dates": (["--quick"], [], "date parsing vs dateparser"),
    "alerts": (["--quick"], [], "alert matching vs number of rules"),
    "dedup": (["--quick"], [], "deduplication at scale"),
    "scaling": (["--pages", "600", "--items", "400", "--repeat", "1"], [], "distributed crawling on Redis"),
    "search": (["--quick"], ["--full"], "word-form search vs plain FTS5: recall on inflected forms, p95"),
}
ORDER = ["crawl", "stages", "extract", "generic", "db", "dates", "alerts", "dedup", "search", "scaling"]


def discover() -> list[str]:
    found = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in HELPERS and not p.stem.startswith("_"))
    return [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]


def arguments(name: str, full: bool) -> list[str]:
    if name in KNOWN:
        quick_args, full_args, _ = KNOWN[name]
        return full_args if full else quick_args
    source = (HERE / f"{name}.py").read_text(encoding="utf-8")
    flag = "--full" if full else "--quick"
    return [flag] if f'"{flag}"' in source else []


def machine() -> list[str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    try:
        import scrapy

        scrapy_version = scrapy.__version__
    except ImportError:
        scrapy_version = "?"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}; {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, Scrapy {scrapy_version}",
        f"- load average at the start (1/5/15 min): {load} — the machine is shared with other sessions, so "
        "absolute times vary from run to run; every claim is a ratio measured within one run",
    ]


def verdicts(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if re.search(r"\b(PASS|FAIL)\b", line)]


def run(name: str, full: bool, timeout: float) -> tuple[str, list[str]]:
    args = arguments(name, full)
    command = [sys.executable, str(HERE / f"{name}.py"), *args]
    shown = " ".join(["python", f"benchmarks/{name}.py", *args])
    print(f"== {shown}", flush=True)
    t0 = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
        output = done.stdout + (f"\n[stderr]\n{done.stderr[-4000:]}" if done.returncode else "")
        status = "ok" if done.returncode == 0 else f"failed (exit {done.returncode})"
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        output, status = out, f"timed out after {timeout:.0f} s"
    took = time.perf_counter() - t0
    print(output.rstrip()[-3000:], flush=True)
    print(f"-- {name}: {status} in {took:.0f} s\n", flush=True)
    what = KNOWN.get(name, ([], [], ""))[2]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        f"<!-- bench:{name} -->",
        f"## {name}" + (f" — {what}" if what else ""),
        "",
        f"`{shown}` — {'full' if full else 'quick'} mode, {when}, {took:.0f} s, {status}",
        "",
    ]
    found = verdicts(output)
    if found:
        section += [f"**{v}**" + "  " for v in found] + [""]
    section += ["```", output.rstrip(), "```", f"<!-- /bench:{name} -->", ""]
    return name, section


def previous_sections() -> dict[str, str]:
    if not RESULTS.exists():
        return {}
    text = RESULTS.read_text(encoding="utf-8")
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r"<!-- bench:(\w+) -->.*?<!-- /bench:\1 -->", text, flags=re.DOTALL)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="full sizes (1M articles in db.py): long")
    parser.add_argument("--only", help="comma list of benchmark names, e.g. crawl,extract")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per benchmark")
    args = parser.parse_args()
    names = discover()
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            raise SystemExit(f"no benchmark named {', '.join(unknown)}; there are: {', '.join(names)}")
        names = wanted
    timeout = args.timeout or (4 * 3600 if args.full else 900)
    header = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run_all.py` (`make bench`; `make bench-full` for full sizes). Do not edit: re-run.",
        "What each benchmark measures and how: benchmarks/README.md. Corpora and databases are synthetic and",
        "generated at run time unless a section says otherwise.",
        "",
        f"Last run: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} ({'full' if args.full else 'quick'} mode"
        + (f", only {', '.join(names)}" if args.only else "")
        + ")",
        "",
        *machine(),
        "",
    ]
    sections = previous_sections() if args.only else {}
    t0 = time.perf_counter()
    for name in names:
        _, section = run(name, args.full, timeout)
        sections[name] = "\n".join(section).rstrip()
    ordered = [n for n in discover() if n in sections] + [n for n in sections if n not in discover()]
    body = "\n\n".join(sections[n] for n in ordered)
    RESULTS.write_text("\n".join(header) + "\n" + body + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)} in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
