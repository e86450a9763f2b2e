"""The import graph of `scanstation/`, read from the source (no import is executed).

Why from the source: an import cycle held together by imports inside functions works until
someone hoists one of them, and a graph built by importing the package would not see the
lazy ones at all. So every `import` and `from … import` anywhere in a module counts — at
the top level, inside functions and methods, under `try`/`if` — with two rules:

- imports under `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`) are not runtime edges and
  are left out (their `else:` branch does run and counts); they exist only for the type
  checker, and the annotations using them are strings under `from __future__ import
  annotations`. `build(type_checking=True)` adds them, marked `type_only`, for a test
  that wants the layers to hold for the type checker too;
- a lazy import (inside a function) is still an edge: it may defer a cost (the CLI's
  command modules import what they drive inside their handler), never hide a cycle.

Relative imports are resolved against the importing module; `from pkg import name` is an
edge to the submodule `pkg.name` when `name` is a submodule, else to `pkg` itself.
Importing `a.b.c` is an edge to `a.b.c` only: the parents' `__init__` run first, but
counting that would put every package that re-exports from its submodules into a cycle
with them, which is how Python packages are meant to be built. Imports by a name computed
at run time (`importlib.import_module`, the isolated scanner's "module:Class") are not
seen.

Imports of modules outside `scanstation` are kept per module as `external` (by top-level
name such as `PySide6`, lazy or not), so a test can check that the core never imports Qt.

Run it to print the cycles: `python scripts/import_graph.py [--type-checking]` (exit 1
when there is one).
"""

from __future__ import annotations

import ast
import itertools
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "scanstation"


@dataclass(frozen=True)
class Edge:
    """One import of another `scanstation` module: where it stands, whether it is lazy
    (inside a function) and whether it is for the type checker only."""

    target: str
    line: int
    lazy: bool
    type_only: bool = False


@dataclass
class ModuleImports:
    """What one module imports: other `scanstation` modules (`edges`) and, by top-level
    name, outside ones (`external`: each import of them, e.g. every `PySide6…`)."""

    name: str
    path: Path
    is_package: bool
    edges: list[Edge] = field(default_factory=list)
    external: dict[str, list[Edge]] = field(default_factory=dict)

    @property
    def targets(self) -> set[str]:
        return {edge.target for edge in self.edges}


def module_files(root: Path = ROOT, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, not
    `.__init__`)."""
    base = root / package
    modules: dict[str, Path] = {}
    for path in sorted(base.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _imports(
    nodes: Iterable[ast.stmt], lazy: bool = False, type_only: bool | None = False
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool, bool]]:
    """Every import statement with whether it sits inside a function and whether it is
    under `if TYPE_CHECKING:`. `type_only=None` skips those blocks (runtime imports only)."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, lazy, bool(type_only)
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            if type_only is not None:
                yield from _imports(node.body, lazy, True)
            yield from _imports(node.orelse, lazy, type_only)
            continue
        inner_lazy = lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                yield from _imports([child], inner_lazy, type_only)
            elif isinstance(child, ast.ExceptHandler | ast.match_case):
                yield from _imports(child.body, inner_lazy, type_only)


def _resolve_from(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module named by `from <…> import`, relative levels resolved."""
    if node.level == 0:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    if node.module:
        parts.append(node.module)
    return ".".join(parts)


def read_module(name: str, path: Path, known: set[str], type_checking: bool = False,
                package: str = PACKAGE) -> ModuleImports:
    """The imports of one module, resolved against the set of known module names (with
    those under `if TYPE_CHECKING:` when `type_checking`)."""
    result = ModuleImports(name, path, path.name == "__init__.py")
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

    def add(target: str, line: int, lazy: bool, type_only: bool) -> None:
        top = target.split(".", maxsplit=1)[0]
        if top != package:
            if not type_only:
                result.external.setdefault(top, []).append(Edge(target, line, lazy))
            return
        # `import scanstation.x.y` of a name that is not a module (never written, but be
        # safe): fall back to its longest known prefix.
        while target not in known and "." in target:
            target = target.rsplit(".", 1)[0]
        if target != name:
            result.edges.append(Edge(target, line, lazy, type_only))

    for node, lazy, type_only in _imports(tree.body, type_only=False if type_checking else None):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno, lazy, type_only)
            continue
        base = _resolve_from(name, result.is_package, node)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            add(submodule if submodule in known else base, node.lineno, lazy, type_only)
    return result


def build(root: Path = ROOT, package: str = PACKAGE,
          type_checking: bool = False) -> dict[str, ModuleImports]:
    """Every module of the package with its imports: those that run, plus those under
    `if TYPE_CHECKING:` when `type_checking`."""
    files = module_files(root, package)
    known = set(files)
    return {name: read_module(name, path, known, type_checking, package)
            for name, path in files.items()}


def graph(modules: dict[str, ModuleImports]) -> dict[str, set[str]]:
    """Module → the `scanstation` modules it imports."""
    return {name: info.targets for name, info in modules.items()}


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles: every strongly connected component of more than one module
    (Tarjan's algorithm, iterative so a deep graph cannot hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in edges:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def cycle_path(edges: dict[str, set[str]], component: list[str]) -> list[str]:
    """One concrete cycle inside a component, as a path that returns to its start — the
    shortest from the component's first module, so a failure message shows what to cut."""
    members = set(component)
    start = component[0]
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in sorted(edges[node] & members):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return component


def describe(modules: dict[str, ModuleImports], component: list[str]) -> str:
    """A cycle as text: its modules, then one closed path with the line of each import."""
    edges = graph(modules)
    path = cycle_path(edges, component)
    steps = []
    for source, target in itertools.pairwise(path):
        edge = min((e for e in modules[source].edges if e.target == target),
                   key=lambda e: e.line)
        file = modules[source].path
        where = f"{file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}:{edge.line}"
        notes = "".join([", lazy" if edge.lazy else "",
                         ", TYPE_CHECKING" if edge.type_only else ""])
        steps.append(f"  {source} -> {target}  ({where}{notes})")
    return f"cycle of {len(component)} modules: {', '.join(component)}\n" + "\n".join(steps)


def main(argv: list[str]) -> int:
    type_checking = "--type-checking" in argv
    modules = build(type_checking=type_checking)
    cycles = strongly_connected(graph(modules))
    for component in cycles:
        print(describe(modules, component), end="\n\n")
    edges = "with imports for the type checker" if type_checking else "imports that run"
    print(f"{len(modules)} modules, {len(cycles)} cycle(s) ({edges})")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
