"""The house (docs/architecture.md), checked by a test: rooms by concern, imports that point one way.

Every import counts, also those inside functions: a "late import" that dodges a circle at run time is
still a circle in the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Rooms from the top of the house down: a module may import its own room and the rooms below it.
# The language core (dates, matching, sources, urls, text, display, terminal, paths, items, settings) is the floor.
LAYERS = [
    ("cli",),
    ("ops", "web"),
    ("crawl", "spiders", "pipelines"),
    ("alerts",),
    ("store",),
    ("core",),
]
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}
TOP_LEVEL_LIMIT = 12
SPIDER_LINE_LIMIT = 150


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {}
    for package in ("crawler", "pipelines"):
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `path` imports anywhere in its text (resolved to the longest known name)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                out.add(name)
    return out


def graph() -> dict[str, set[str]]:
    known = modules()
    return {
        name: {
            target
            for target in imports(path, known)
            if target != name and not name.startswith(target + ".")  # a package's own __init__
        }
        for name, path in known.items()
    }


def room(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "pipelines":
        return "pipelines"
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in RANK):
        return parts[1]
    return "core"


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_circle_in_crawler_or_pipelines() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_planted_circle() -> None:
    # The check above must be able to fail.
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_imports_point_down_the_house() -> None:
    upward = [
        f"{source} ({room(source)}) imports {target} ({room(target)})"
        for source, targets in graph().items()
        for target in targets
        if RANK[room(target)] < RANK[room(source)]
    ]
    assert not upward, "imports that point up the house:\n" + "\n".join(sorted(upward))


def test_crawler_top_level_is_small_and_holds_no_test_support() -> None:
    top = sorted(p.stem for p in (ROOT / "crawler").glob("*.py") if p.stem != "__init__")
    assert len(top) <= TOP_LEVEL_LIMIT, f"{len(top)} modules at crawler/ top level: {top}"
    support = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "crawler").rglob("*.py")
        if p.stem in ("faults", "conftest") or p.stem.startswith("test_")
    ]
    assert not support, f"test support inside the product package: {support}"


def test_every_spider_is_small() -> None:
    sizes = {
        p.stem: len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "crawler" / "spiders").glob("*.py")
        if p.stem != "__init__"
    }
    big = {name: lines for name, lines in sizes.items() if lines >= SPIDER_LINE_LIMIT}
    assert not big, f"spiders of {SPIDER_LINE_LIMIT} lines or more: {big}"


def test_every_package_ships() -> None:
    # pyproject lists packages by hand (crawler.data is the top-level data/ folder): a new room left out of the
    # list would work in a checkout and be missing from an installed kznews.
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for package in ("crawler", "pipelines")
        for init in (ROOT / package).rglob("__init__.py")
    }
    assert found - listed == set(), f"packages missing from pyproject.toml: {sorted(found - listed)}"


def test_every_long_module_opens_with_a_map_of_its_parts() -> None:
    # A newcomer opening a long module reads first what is where (issue 19).
    import ast

    unmapped = [
        str(path.relative_to(ROOT))
        for path in modules().values()
        if len(text := path.read_text(encoding="utf-8").splitlines()) > 400
        and "The parts" not in (ast.get_docstring(ast.parse("\n".join(text))) or "")
    ]
    assert not unmapped, f"modules over 400 lines without a map of their parts: {unmapped}"
