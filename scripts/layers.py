"""Draw the layers of `scanstation/` from its imports: `docs/layers.md`.

The picture is generated, never drawn by hand, so it cannot drift from the code: `make
layers` writes it, and `tests/test_layers.py` fails when the file differs from what this
script would write now. Each box is a package (its job is the first paragraph of its
`__init__` docstring) or a named group of top-level modules. The table lists every box a
box imports (the runtime graph of `import_graph.py`, lazy imports included); the picture
draws only the arrows no longer path already implies (the transitive reduction), or its
seventy arrows would hide the layers. A dotted arrow: every such import sits inside a
function.

`python scripts/layers.py` writes the file; `--check` only compares (exit 1 when stale).
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_graph

ROOT = import_graph.ROOT
OUTPUT = ROOT / "docs" / "layers.md"


@dataclass(frozen=True)
class Box:
    """One box of the picture: a package, or top-level modules that share a job."""

    key: str
    members: tuple[str, ...]  # module names; a package stands for all its submodules
    job: str = ""  # for a group of top-level modules (a package's comes from its docstring)

    def match(self, module: str) -> int:
        """How closely the box names the module: the length of the longest member that is
        the module or a package above it (the root package counts for itself only), 0 for
        none."""
        return max((len(m) for m in self.members if module == m or (
            m != import_graph.PACKAGE and module.startswith(m + "."))), default=0)


# Top to bottom roughly as they depend on each other. Every module must land in one box:
# a new top-level module is placed here, or the script says which one is homeless.
BOXES = (
    Box("ui", ("scanstation.ui",)),
    Box("commands", ("scanstation.commands", "scanstation.cli", "scanstation.__main__"),
        "The command line: `cli` builds it from one module per command in `commands/`."),
    Box("selfcheck", ("scanstation.selfcheck",)),
    Box("support", ("scanstation.diagnostics", "scanstation.crashes"),
        "For support: the diagnostics bundle and the crash report wired at start."),
    Box("readiness", ("scanstation.readiness",),
        "The gate before packing: everything the collector would refuse, in one summary."),
    Box("archive", ("scanstation.archive",)),
    Box("completeness", ("scanstation.completeness",)),
    Box("protocol", ("scanstation.protocol",)),
    Box("station", ("scanstation.station",)),
    Box("ingest", ("scanstation.ingest",)),
    Box("recognition", ("scanstation.recognition",)),
    Box("scanner", ("scanstation.scanner",)),
    Box("db", ("scanstation.db",)),
    Box("domain", ("scanstation.profile", "scanstation.duplicates", "scanstation.samples"),
        "The exam's rules as code and data: event profiles, duplicate sheets, sample blanks."),
    Box("base", ("scanstation", "scanstation.errors", "scanstation.i18n", "scanstation.paths",
                 "scanstation.fsutil", "scanstation.settings", "scanstation.logging_setup",
                 "scanstation.interrupts", "scanstation.parentwatch",
                 "scanstation.package_lock", "scanstation.keyring_backend"),
        "What every layer uses: operator errors, language, folders, settings, durable "
        "writes, locks, signals, logging, the OS keyring."),
)


def box_of(module: str) -> Box:
    """The box naming the module, or its package, most closely."""
    length, box = max(((box.match(module), box) for box in BOXES), key=lambda pair: pair[0])
    if not length:
        raise SystemExit(f"{module} belongs to no box: add it to BOXES in scripts/layers.py")
    return box


def package_job(box: Box, modules: dict[str, import_graph.ModuleImports]) -> str:
    """A box's job: its own text, else the first paragraph of its package's docstring."""
    if box.job:
        return box.job
    docstring = ast.get_docstring(ast.parse(modules[box.members[0]].path.read_text(
        encoding="utf-8")))
    if not docstring:
        raise SystemExit(f"{box.members[0]} has no docstring to take its one job from")
    return " ".join(docstring.split("\n\n")[0].split())


def box_edges(modules: dict[str, import_graph.ModuleImports]
              ) -> dict[tuple[str, str], bool]:
    """(importer box, imported box) → whether every import between them is lazy."""
    lazy: dict[tuple[str, str], bool] = {}
    for name, info in modules.items():
        source = box_of(name).key
        for edge in info.edges:
            target = box_of(edge.target).key
            if target != source:
                lazy[source, target] = lazy.get((source, target), True) and edge.lazy
    return lazy


def reduced(edges: dict[tuple[str, str], bool]) -> dict[tuple[str, str], bool]:
    """The arrows no other path implies: A -> C goes when A reaches C through another box
    (for a solid arrow, along solid arrows only: a lazy path does not imply an eager one)."""
    targets: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        targets[source].add(target)

    def reaches(start: str, goal: str, skip: tuple[str, str], solid: bool) -> bool:
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for following in targets[node]:
                if (node, following) == skip or following in seen or (
                        solid and edges[node, following]):
                    continue
                if following == goal:
                    return True
                seen.add(following)
                todo.append(following)
        return False

    return {pair: lazy for pair, lazy in edges.items()
            if not reaches(*pair, skip=pair, solid=not lazy)}


def render(modules: dict[str, import_graph.ModuleImports] | None = None) -> str:
    """The whole of docs/layers.md."""
    modules = modules if modules is not None else import_graph.build()
    edges = box_edges(modules)
    members: dict[str, list[str]] = defaultdict(list)
    for name in modules:
        members[box_of(name).key].append(name)
    lines = [
        "# The layers of ScanStation",
        "",
        "Generated by `make layers` (`scripts/layers.py`) from the imports in `scanstation/`;",
        "`tests/test_layers.py` fails when this file is stale. Do not edit by hand.",
        "",
        "An arrow goes from a box to a box it imports (some module of it, lazy imports",
        "included); arrows that a longer path already implies are left out, the table lists",
        "them all. A dotted arrow: every such import sits inside a function (the command",
        "line imports what a command drives only when it runs). Everything except `ui` is",
        "the core and never imports Qt; the import graph has no cycle",
        "(`tests/test_import_graph.py`).",
        "",
        "```mermaid",
        "flowchart TD",
    ]
    for box in BOXES:
        count = len(members[box.key])
        lines.append(f'    {box.key}["{box.key}<br/>{count} module{"s" * (count != 1)}"]')
    order = {box.key: index for index, box in enumerate(BOXES)}
    for (source, target), only_lazy in sorted(
            reduced(edges).items(), key=lambda item: (order[item[0][0]], order[item[0][1]])):
        lines.append(f"    {source} {'-.->' if only_lazy else '-->'} {target}")
    lines += ["```", "", "| Box | Modules | Its one job | Imports |", "|---|---|---|---|"]
    for box in BOXES:
        names = ", ".join(f"`{m}`" for m in box.members)
        job = package_job(box, modules).replace("|", "\\|")
        imported = ", ".join(target for target in sorted(
            (t for s, t in edges if s == box.key), key=order.__getitem__))
        lines.append(f"| {box.key} | {names} | {job} | {imported} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run `make layers`")
            return 1
        return 0
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
