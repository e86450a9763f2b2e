"""Line coverage of `scanstation/` per package, and the floor the core must not drop below.

`make test` (scripts/test.sh) runs pytest with `--cov=scanstation`; every Python process the
tests start writes its own data too (pyproject: `[tool.coverage.run] patch`). This script
folds any data file left beside `.coverage` into it, prints statements covered per package
— each subpackage of `scanstation/` and the modules at its top level — then the core
(everything but `scanstation/ui`, which needs a window and is measured but not held to the
floor), and exits 1 when the core is below `[tool.scanstation.coverage] core_floor` in
pyproject.toml. Every source file counts, imported or not: a module no test enters shows
up as 0 %, not as absent.

    python scripts/coverage_report.py [--root DIR] [--floor PERCENT | --no-floor]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import coverage

PACKAGE = "scanstation"
TOP_LEVEL = "(top level)"
# Not part of the core: Qt widgets and controllers, measured and printed all the same.
OUTSIDE_CORE = frozenset({"ui"})


@dataclass
class Lines:
    """Statements and how many of them ran, summed over some files."""

    covered: int = 0
    total: int = 0

    def add(self, other: Lines) -> None:
        self.covered += other.covered
        self.total += other.total

    @property
    def percent(self) -> float:
        # an empty group (no statements) is fully covered: nothing in it could be missed
        return 100.0 * self.covered / self.total if self.total else 100.0


def group_of(path: Path, package_dir: Path) -> str:
    """`archive` for scanstation/archive/x/y.py; TOP_LEVEL for scanstation/cli.py."""
    parts = path.relative_to(package_dir).parts
    return parts[0] if len(parts) > 1 else TOP_LEVEL


def load(root: Path) -> coverage.Coverage:
    """The run's data, with the per-process files that pytest-cov did not fold in added."""
    cov = coverage.Coverage(data_file=str(root / ".coverage"),
                            config_file=str(root / "pyproject.toml"))
    cov.load()
    if any(root.glob(".coverage.*")):
        cov.combine(keep=False)  # adds to what load() read; line sets make repeats harmless
        cov.save()
    return cov


def measure(cov: coverage.Coverage, package_dir: Path) -> dict[str, Lines]:
    """Group → lines, over every .py file under package_dir (imported by a test or not)."""
    groups: dict[str, Lines] = {}
    for path in sorted(package_dir.rglob("*.py")):
        _, statements, _, missing, _ = cov.analysis2(str(path))
        lines = Lines(covered=len(statements) - len(missing), total=len(statements))
        groups.setdefault(group_of(path, package_dir), Lines()).add(lines)
    return groups


def configured_floor(root: Path) -> float:
    """`[tool.scanstation.coverage] core_floor` of root/pyproject.toml (percent)."""
    with (root / "pyproject.toml").open("rb") as file:
        config = tomllib.load(file)
    return float(config["tool"]["scanstation"]["coverage"]["core_floor"])


def report(groups: dict[str, Lines], floor: float | None) -> tuple[str, bool]:
    """The printed table, and whether the core reached the floor (True when none is set)."""
    core, everything = Lines(), Lines()
    rows = []
    for name in sorted(groups, key=lambda g: (g == TOP_LEVEL, g)):
        lines = groups[name]
        label = f"{PACKAGE} {TOP_LEVEL}" if name == TOP_LEVEL else f"{PACKAGE}.{name}"
        rows.append(f"  {label:<32} {lines.covered:>6} / {lines.total:<6} {lines.percent:5.1f} %")
        everything.add(lines)
        if name not in OUTSIDE_CORE:
            core.add(lines)
    passed = floor is None or core.percent >= floor
    verdict = "" if floor is None else f"   floor {floor:g} %" + ("" if passed else "  BELOW")
    text = "\n".join([
        "Line coverage (statements run / statements):",
        *rows,
        f"  {'core (all but ui)':<32} {core.covered:>6} / {core.total:<6} "
        f"{core.percent:5.1f} %{verdict}",
        f"  {'all':<32} {everything.covered:>6} / {everything.total:<6} "
        f"{everything.percent:5.1f} %",
    ])
    return text, passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="project folder: pyproject.toml, .coverage and scanstation/")
    limit = parser.add_mutually_exclusive_group()
    limit.add_argument("--floor", type=float, help="percent; default: pyproject's core_floor")
    limit.add_argument("--no-floor", action="store_true",
                       help="print only (a partial run cannot be held to the floor)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / ".coverage").exists():
        print(f"coverage: no data in {root / '.coverage'} (run pytest with --cov)",
              file=sys.stderr)
        return 2
    floor = None if args.no_floor else (
        args.floor if args.floor is not None else configured_floor(root))
    text, passed = report(measure(load(root), root / PACKAGE), floor)
    print(text)
    if not passed:
        print(f"coverage: the core fell below its floor of {floor:g} % — add tests for the "
              "lines above, or lower core_floor in pyproject.toml with a reason",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
