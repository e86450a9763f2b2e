"""The window is composed in one place: no module of `scanstation/ui` but the one that
builds the window imports `main_window`, and the package has no import cycle. Read from
the source with `ast`, counting every import — inside functions and under
`if TYPE_CHECKING:` too, since either is the old service locator coming back."""

from __future__ import annotations

import ast
from pathlib import Path

import scanstation.ui

UI = Path(scanstation.ui.__file__).parent
PACKAGE = "scanstation.ui"
COMPOSITION_ROOT = {"app"}  # run_app builds MainWindow


def module_imports(path: Path) -> set[str]:
    """Every `scanstation.ui` module the file names in an import, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from this package
                base = PACKAGE + (f".{node.module}" if node.module else "")
            else:
                base = node.module or ""
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name.startswith(PACKAGE + "."):
                module = name[len(PACKAGE) + 1:].split(".")[0]
                if (UI / f"{module}.py").is_file():
                    found.add(module)
    found.discard(path.stem)
    return found


def ui_graph() -> dict[str, set[str]]:
    return {path.stem: module_imports(path) for path in sorted(UI.glob("*.py"))}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.get(module, ()):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_only_the_composition_root_imports_the_window() -> None:
    graph = ui_graph()
    assert "main_window" in graph and "app" in graph  # the walk sees the package
    importers = {module for module, imported in graph.items() if "main_window" in imported}
    assert importers == COMPOSITION_ROOT


def test_no_import_cycle_inside_the_ui_package() -> None:
    assert cycles(ui_graph()) == []


def test_the_walk_sees_imports_inside_functions_and_type_checking(tmp_path: Path) -> None:
    """The check itself: hidden imports count, so a window reference cannot hide there."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from scanstation.ui.main_window import MainWindow\n"
        "def later() -> None:\n"
        "    from scanstation.ui import review_controller\n"
        "    import scanstation.ui.jobs\n",
        encoding="utf-8")
    assert module_imports(probe) == {"main_window", "review_controller", "jobs"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
