"""casefile's module import graph, read from the source with ``ast``, and the rules it must keep.

Every import counts: module level, inside functions, under ``TYPE_CHECKING``, relative
(``from . import x``) and ``importlib.import_module("casefile....")`` with a literal name.
The layers, top to bottom: cli/tui -> services -> exchange, ingest, storage -> pure helpers.
Nothing imports a layer above its own, and no modules import each other in a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# Top-level part of a module name -> its layer (higher imports lower, never the reverse).
LAYERS: dict[str, int] = {
    "__init__": 0,  # the ``casefile`` package itself: only ``__version__``
    "dates": 0,
    "names": 0,
    "errors": 0,
    "paths": 0,
    "text": 0,
    "safe_files": 0,  # the one safe-write and safe-read helper for every file casefile touches
    "decoding": 0,  # the one decoder of arguments and standard input
    "attributes": 0,
    "claim_values": 0,  # how claim values compare (numbers, EDTF dates, text)
    "jsonout": 0,
    "clock": 0,  # new ids and times (services.clock re-exports them)
    "files": 0,  # the attachment size limit over safe_files  # the one JSON writer (orjson, the standard library's bytes)  # claim attribute normalisation, shared by the claim command and bundles
    "storage": 1,
    "exchange": 1,
    "ingest": 1,
    "services": 2,
    "cli": 3,
    "tui": 3,
    "__main__": 3,
}
# Imports allowed between different parts of one layer (the pure helpers apart) (importer -> imported).
SIDEWAYS: set[tuple[str, str]] = {
    ("exchange", "storage"),  # bundles are read and written with storage's tables
    ("exchange", "ingest"),  # an imported attachment's text is extracted again, never trusted from the file
    ("cli", "tui"),  # ``casefile tui`` launches the app
    ("__main__", "cli"),
}


@dataclass(frozen=True, slots=True)
class Import:
    importer: str
    imported: str
    where: str  # "path:line", for the failure message


def part(module: str) -> str:
    """``casefile.storage.engine`` -> ``storage``; the package itself -> ``__init__``."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def module_files(src: Path) -> dict[str, Path]:
    """Every module under ``src`` (the ``casefile`` package folder) by dotted name."""
    found: dict[str, Path] = {}
    for path in sorted(src.rglob("*.py")):
        pieces = list(path.relative_to(src.parent).with_suffix("").parts)
        if pieces[-1] == "__init__":
            pieces.pop()
        found[".".join(pieces)] = path
    return found


def read_imports(src: Path) -> list[Import]:
    """Every import of one casefile module by another, anywhere in the file."""
    modules = module_files(src)
    imports: list[Import] = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for target in _targets(node, package, modules):
                if target.split(".")[0] == "casefile" and target != name:
                    where = f"{path.relative_to(src.parent)}:{getattr(node, 'lineno', 0)}"
                    imports.append(Import(name, target, where))
    return imports


def _targets(node: ast.AST, package: str, modules: Mapping[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [_known(alias.name, modules) for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, *([node.module] if node.module else [])])
        # ``from pkg import mod`` imports the module pkg.mod; ``from mod import name``, mod.
        return [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else _known(base, modules)
            for alias in node.names
        ]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) == "import_module"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return [_known(node.args[0].value, modules)]
    return []


def _known(name: str, modules: Mapping[str, Path]) -> str:
    """The longest existing module that ``name`` names (a missing one is kept as written)."""
    pieces = name.split(".")
    while pieces:
        candidate = ".".join(pieces)
        if candidate in modules:
            return candidate
        pieces.pop()
    return name


def layer_violations(imports: Iterable[Import]) -> list[str]:
    """One sentence per import that points up (or sideways where not allowed)."""
    problems: list[str] = []
    for imp in imports:
        low, high = part(imp.importer), part(imp.imported)
        if low not in LAYERS or high not in LAYERS:
            unknown = low if low not in LAYERS else high
            problems.append(f"{imp.where}: 'casefile.{unknown}' has no layer; add it to LAYERS")
            continue
        if low == high or LAYERS[high] < LAYERS[low] or (low, high) in SIDEWAYS:
            continue
        if LAYERS[low] == LAYERS[high] == 0:
            continue  # the pure helpers may use one another (cycles are caught apart)
        problems.append(
            f"{imp.where}: {imp.importer} (layer {LAYERS[low]}, {low}) imports "
            f"{imp.imported} (layer {LAYERS[high]}, {high}), which is not below it"
        )
    return problems


def cycles(imports: Iterable[Import]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        graph.setdefault(imp.importer, set()).add(imp.imported)
        graph.setdefault(imp.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        # Iterative, so a long import chain never hits Python's recursion limit.
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[current] = min(low[current], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[current])
            if low[current] == index[current]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == current:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def cycle_report(components: list[list[str]], imports: Iterable[Import]) -> list[str]:
    """Each cycle with the import lines that make it."""
    edges = list(imports)
    lines = []
    for component in components:
        members = set(component)
        inside = [
            f"{i.where} {i.importer} -> {i.imported}" for i in edges if {i.importer, i.imported} <= members
        ]
        lines.append("import cycle between " + ", ".join(component) + ":\n    " + "\n    ".join(inside))
    return lines
