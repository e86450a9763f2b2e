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
from scanstation.i18n import t

if TYPE_CHECKING:
    from scanstation.archive.check import FolderReport
    from scanstation.archive.problems import Problem


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "check", t(
        "проверить папки по правилам коллектора (формат, LZW, 200 dpi, архивы внутри…)",
        "check folders by the collector's rules (format, LZW, 200 dpi, archives inside…)"))
    parser.add_argument("folders", nargs="+", type=Path, metavar=t("ПАПКА", "FOLDER"))
    parser.add_argument("--protocol", type=Path, metavar="X.xlsx", help=t(
        "электронный протокол: проверить ещё и комплектность",
        "electronic protocol: also check kit completeness"))
    parser.add_argument("--profile", metavar="P.toml", help=t(
        "профиль мероприятия (файл или имя) для проверки комплектности",
        "event profile (file or name) for the completeness check"))
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
        raise KnownError(t("Для проверки комплектности нужны оба параметра: --protocol и "
                           "--profile.",
                           "The completeness check needs both --protocol and --profile."))
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
        t(f"В протоколе комплектов: {s['kits_in_protocol']} (использован {s['used']}, "
          f"испорчен {s['spoiled']}, не использован {s['unused']}, не заполнено "
          f"{s['not_filled']}).",
          f"Kits in the protocol: {s['kits_in_protocol']} (used {s['used']}, spoiled "
          f"{s['spoiled']}, unused {s['unused']}, not filled in {s['not_filled']})."),
        t(f"Комплекты: полных {s['complete']}, частично {s['partial']}, нет ни одной "
          f"страницы {s['missing']}, лишних {s['unexpected']}.",
          f"Kits: complete {s['complete']}, partial {s['partial']}, without a page "
          f"{s['missing']}, extra {s['unexpected']}."),
        t(f"Страниц: {s['pages']}, нераспознано {s['unread_pages']}, дубликатов номеров "
          f"{s['duplicate_numbers']}.",
          f"Pages: {s['pages']}, unreadable {s['unread_pages']}, duplicate numbers "
          f"{s['duplicate_numbers']}."),
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
        print(f"{report.folder}: " + t(
            f"файлов {len(report.files)}, ошибок {errors}, предупреждений {warnings}",
            f"{len(report.files)} files, {errors} errors, {warnings} warnings"))
        for problem in report.problems:
            mark = t("ОШИБКА", "ERROR") if problem.severity == "error" else t(
                "внимание", "warning")
            print(f"  [{mark}] {problem.file or '.'}: {problem.message} ({problem.code})")
