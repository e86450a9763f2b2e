"""`scanstation check FOLDER...`: every file against the collector's rules, before packing.

With `--protocol` and `--profile` it also checks kit completeness against the electronic
protocol (the completeness module's report is merged into the same JSON document).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.errors import KnownError
from scanstation.i18n import tr

if TYPE_CHECKING:
    from scanstation.archive.check import FolderReport
    from scanstation.archive.problems import Problem


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "check", tr(
        "check folders by the collector's rules (format, LZW, 200 dpi, archives inside…)",
    ))
    parser.add_argument("folders", nargs="+", type=Path, metavar=tr("FOLDER"))
    parser.add_argument("--protocol", type=Path, metavar="X.xlsx", help=tr(
        "electronic protocol: also check kit completeness",
    ))
    parser.add_argument("--profile", metavar="P.toml", help=tr(
        "event profile (file or name) for the completeness check",
    ))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.archive.check import check_folder

    folders: list[Path] = list(args.folders)
    reports = [check_folder(folder) for folder in folders]
    result: dict[str, Any] = {
        "ok": all(r.ok for r in reports),
        "folders": [{"folder": str(r.folder), "files": len(r.files), "ok": r.ok}
                    for r in reports],
        "problems": [_problem_json(r, p) for r in reports for p in r.problems],
    }
    summary_lines: list[str] = []
    complete = True
    if args.protocol is not None or args.profile is not None:
        complete, summary_lines = _merge_completeness(args, folders, result)
    if args.json:
        print_json(result)
    else:
        _print_text(reports)
        for line in summary_lines:
            print(line)
    return 0 if result["ok"] and complete else 1


def _merge_completeness(args: argparse.Namespace, folders: list[Path],
                        result: dict[str, Any]) -> tuple[bool, list[str]]:
    """The completeness report merged into `result`; whether the folders pass the gate the
    window and `pack` use, and the human lines that say so."""
    if args.protocol is None or args.profile is None:
        raise KnownError(tr("The completeness check needs both --protocol and --profile."))
    # Imported only when asked for: it pulls in the protocol reader and recognition.
    from scanstation.completeness import check_folders
    from scanstation.profile import resolve_profile
    from scanstation.readiness import summarize

    report = check_folders(folders, args.protocol, resolve_profile(args.profile))
    result.update(report.as_json())
    gate = summarize(report)
    result["gate"] = gate.as_json()
    return gate.ok, [*_figures(report.summary()), gate.text()]


def _figures(s: dict[str, Any]) -> list[str]:
    """The collector's two blocks of figures, as sentences."""
    return [
        tr(
            "Kits in the protocol: {kits_in_protocol} (used {used}, spoiled {spoiled}, unused "
            "{unused}, not filled in {not_filled}).",
            kits_in_protocol=s['kits_in_protocol'],
            used=s['used'],
            spoiled=s['spoiled'],
            unused=s['unused'],
            not_filled=s['not_filled'],
        ),
        tr(
            "Kits: complete {complete}, partial {partial}, without a page {missing}, extra "
            "{unexpected}.",
            complete=s['complete'],
            partial=s['partial'],
            missing=s['missing'],
            unexpected=s['unexpected'],
        ),
        tr(
            "Pages: {pages}, unreadable {unread_pages}, duplicate numbers {duplicate_numbers}.",
            pages=s['pages'],
            unread_pages=s['unread_pages'],
            duplicate_numbers=s['duplicate_numbers'],
        ),
    ]


def _problem_json(report: FolderReport, problem: Problem) -> dict[str, object]:
    """File paths as the operator typed the folder, so several folders stay apart."""
    data: dict[str, object] = problem.as_json()
    data["file"] = str(report.folder / problem.file) if problem.file else str(report.folder)
    return data


def _print_text(reports: list[FolderReport]) -> None:
    for report in reports:
        errors = len(report.errors)
        warnings = len(report.problems) - errors
        print(f"{report.folder}: " + tr(
            "{report_files_count} files, {errors} errors, {warnings} warnings",
            report_files_count=len(report.files),
            errors=errors,
            warnings=warnings,
        ))
        for problem in report.problems:
            mark = tr("ERROR") if problem.severity == "error" else tr("warning")
            print(f"  [{mark}] {problem.file or '.'}: {problem.message} ({problem.code})")
