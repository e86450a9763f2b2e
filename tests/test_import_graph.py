"""The layers of `scanstation/` as its imports show them: no cycle, every module
importable on its own in any order, and no Qt outside the window.

The graph is read from the source (`scripts/import_graph.py`), so an import inside a
function counts as much as one at the top: a lazy import may defer a cost (the CLI's
command modules), never hide a cycle.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.scripts import ROOT, load_script

graph_script = load_script("import_graph")

UI = "scanstation.ui"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
# The self-check's probe of the Qt runtime (`--self-check`): it exists to import Qt, does
# so only inside its functions, and only when the check runs — so the rest of the
# self-check still reports on a machine where Qt is broken.
QT_PROBES = {"scanstation.selfcheck.qtcheck", "scanstation.selfcheck.qtsignals"}
# Modules that are programs, not libraries: importing one runs it.
NOT_IMPORTABLE = {
    "scanstation.__main__": "runs the command line (`python -m scanstation`)",
    "scanstation.db.migrations.env": "Alembic runs it inside its own migration context",
}
SEEDS = 3


def in_ui(module: str) -> bool:
    return module == UI or module.startswith(UI + ".")


def cycles_text(modules: dict[str, Any], cycles: list[list[str]]) -> str:
    return "\n\n".join(graph_script.describe(modules, c) for c in cycles)


def test_graph_reads_every_kind_of_import(tmp_path: Path) -> None:
    """The reader itself, on a small package: relative and absolute, `from pkg import
    submodule`, imports inside functions and handlers, TYPE_CHECKING left out but its
    `else:` kept, outside packages kept apart."""
    package = tmp_path / "demo"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "from demo.base import thing\n",
        "base.py": "import os\nthing = 1\n",
        "sub/__init__.py": "",
        "sub/leaf.py": textwrap.dedent("""
            from __future__ import annotations
            import typing
            from typing import TYPE_CHECKING
            from .. import base
            from . import sibling
            from demo import thing
            if TYPE_CHECKING:
                from demo.hinted import Hint
                import PySide6
            else:
                from demo.runtime_only import x
            if typing.TYPE_CHECKING:
                from demo.hinted2 import Hint2
            def later() -> None:
                try:
                    import numpy
                except ImportError:
                    from demo.fallback import y
                class Inner:
                    def method(self) -> None:
                        import demo.deep.module
            """),
        "sub/sibling.py": "",
        "hinted.py": "", "hinted2.py": "", "runtime_only.py": "", "fallback.py": "",
        "deep/__init__.py": "", "deep/module.py": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")

    modules = graph_script.build(tmp_path, "demo")
    leaf = modules["demo.sub.leaf"]
    assert {(e.target, e.lazy) for e in leaf.edges} == {
        ("demo.base", False), ("demo.sub.sibling", False), ("demo", False),
        ("demo.runtime_only", False), ("demo.fallback", True), ("demo.deep.module", True)}
    assert set(leaf.external) == {"__future__", "typing", "numpy"}  # PySide6: hints only
    assert [(e.target, e.line, e.lazy) for e in leaf.external["numpy"]] == [("numpy", 17, True)]
    assert modules["demo"].targets == {"demo.base"}
    assert modules["demo.sub"].is_package and modules["demo.sub"].targets == set()

    typed = graph_script.build(tmp_path, "demo", type_checking=True)["demo.sub.leaf"]
    assert {e.target for e in typed.edges if e.type_only} == {"demo.hinted", "demo.hinted2"}


def test_cycles_are_found_with_a_path_to_cut(tmp_path: Path) -> None:
    """Two cycles, one of them hidden in a function, each reported with the import lines."""
    package = tmp_path / "demo"
    package.mkdir()
    for name, text in {"__init__.py": "", "a.py": "from demo import b\n",
                       "b.py": "def f() -> None:\n    from demo import c\n",
                       "c.py": "import demo.a\n", "d.py": "from demo import e\n",
                       "e.py": "from demo.d import x\n", "f.py": "import demo.a\n"}.items():
        (package / name).write_text(text, encoding="utf-8")
    modules = graph_script.build(tmp_path, "demo")
    cycles = graph_script.strongly_connected(graph_script.graph(modules))
    assert cycles == [["demo.a", "demo.b", "demo.c"], ["demo.d", "demo.e"]]
    text = graph_script.describe(modules, cycles[0])
    assert "demo.a -> demo.b" in text and "demo.b -> demo.c" in text and "lazy" in text
    assert "demo.c -> demo.a" in text and "b.py:2" in text


def test_no_import_cycle() -> None:
    """No cycle among the imports that run, lazy ones included (the issue's rule), except
    within the window's package, reported by the test below."""
    modules = graph_script.build()
    cycles = [c for c in graph_script.strongly_connected(graph_script.graph(modules))
              if not all(in_ui(m) for m in c)]
    assert not cycles, "import cycle(s):\n" + cycles_text(modules, cycles)


def test_core_layers_hold_for_the_type_checker_too() -> None:
    """Outside the window not even the type hints go round in a circle: a module that
    names a type of a module importing it means the type sits a layer too high."""
    modules = graph_script.build(type_checking=True)
    cycles = [c for c in graph_script.strongly_connected(graph_script.graph(modules))
              if not all(in_ui(m) for m in c)]
    assert not cycles, "cycle(s) through TYPE_CHECKING imports:\n" + cycles_text(
        modules, cycles)


def test_no_import_cycle_inside_the_window() -> None:
    """The window's package, type hints included: controllers that reach back into
    `MainWindow` tie a dozen modules into one knot."""
    modules = graph_script.build(type_checking=True)
    cycles = [c for c in graph_script.strongly_connected(graph_script.graph(modules))
              if all(in_ui(m) for m in c)]
    assert not cycles, "cycle(s) inside scanstation.ui:\n" + cycles_text(modules, cycles)


def test_core_never_imports_qt() -> None:
    """Outside `scanstation/ui` no module imports Qt, not even inside a function — except
    the self-check's Qt probe, and that one only inside its functions."""
    modules = graph_script.build()
    offenders = [f"{m.path.relative_to(ROOT)}:{edge.line} imports {edge.target}"
                 for m in modules.values() if not in_ui(m.name)
                 for name, edges in m.external.items() if name in QT
                 for edge in edges if m.name not in QT_PROBES or not edge.lazy]
    assert not offenders, "\n".join(offenders)
    for probe in sorted(QT_PROBES):  # the exception is still needed
        assert set(modules[probe].external) & set(QT), f"{probe} imports no Qt: drop it"


_IMPORT_ALL = """
import importlib, json, sys, traceback
names = json.loads(sys.argv[1])
for number, name in enumerate(names):
    try:
        importlib.import_module(name)
    except BaseException:
        sys.stderr.write(f"import #{number + 1} of {len(names)}: {name} failed\\n")
        traceback.print_exc()
        sys.exit(1)
qt = sorted(m for m in sys.modules if m.split(".")[0] in json.loads(sys.argv[2]))
print(json.dumps(qt))
"""


def _import_in_fresh_interpreter(names: list[str]) -> list[str]:
    """Import `names` in this order in a new Python; the Qt modules it ended up with."""
    import json

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, json.dumps(names), json.dumps(QT)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def _importable() -> list[str]:
    names = sorted(graph_script.module_files())
    assert set(NOT_IMPORTABLE) <= set(names), "NOT_IMPORTABLE names a module that is gone"
    return [n for n in names if n not in NOT_IMPORTABLE]


def _seeds() -> list[int]:
    """New random orders each run; IMPORT_ORDER_SEEDS=1,2 replays given ones."""
    given = os.environ.get("IMPORT_ORDER_SEEDS")
    if given:
        return [int(seed) for seed in given.split(",")]
    return [random.randrange(2**32) for _ in range(SEEDS)]


@pytest.mark.parametrize("seed", _seeds())
def test_every_module_imports_in_any_order(seed: int) -> None:
    """Every module imports in a fresh interpreter whichever comes first: a cycle that
    only works in one order (A's top imports B, B needs a name A defines later) breaks
    in another. The seed is printed (and in the test's id): IMPORT_ORDER_SEEDS=<seed>
    replays a failing order."""
    print(f"seed {seed}")
    names = _importable()
    random.Random(seed).shuffle(names)
    _import_in_fresh_interpreter(names)


def test_core_imports_without_qt() -> None:
    """Importing every module outside the window loads no Qt (the static test above
    cannot see a dependency that pulls Qt in on its own)."""
    names = [n for n in _importable() if not in_ui(n)]
    random.Random(0).shuffle(names)
    assert _import_in_fresh_interpreter(names) == []
