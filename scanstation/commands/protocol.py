"""`scanstation protocol ...`: electronic protocols — show, convert 1 → 2, load into an event.

Nothing printed here ever contains a participant's name: the reader never hands them out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.i18n import t

if TYPE_CHECKING:
    from scanstation.protocol import Protocol


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(
        subparsers, "protocol",
        t("электронные протоколы: просмотр, протокол 2 для ФИС ОКО, загрузка в мероприятие",
          "electronic protocols: show, protocol 2 for FIS OKO, load into an event"),
    )
    actions = parser.add_subparsers(dest="protocol_command", metavar=t("ДЕЙСТВИЕ", "ACTION"),
                                    title=t("действия", "actions"), required=True)

    show = new_parser(actions, "show", t("комплекты и отметки протокола",
                                         "the protocol's kits and comments"))
    show.add_argument("file", type=Path, metavar=t("ФАЙЛ", "FILE"))
    add_json_flag(show)
    show.set_defaults(func=run_show)

    convert = new_parser(
        actions, "convert",
        t("протокол 1 (для ППО) → протокол 2 (для загрузки в ФИС ОКО), без ФИО",
          "protocol 1 (for the point) → protocol 2 (for FIS OKO upload), without names"),
    )
    convert.add_argument("file", type=Path, metavar=t("ПРОТОКОЛ1.xlsx", "PROTOCOL1.xlsx"))
    convert.add_argument("--out", type=Path, required=True,
                         metavar=t("ПРОТОКОЛ2.xlsx", "PROTOCOL2.xlsx"),
                         help=t("куда записать протокол 2", "where to write protocol 2"))
    convert.add_argument("--template", type=Path, metavar=t("ШАБЛОН.xlsx", "TEMPLATE.xlsx"),
                         help=t("заполнить шаблон протокола 2, скачанный из ФИС ОКО "
                                "(«Сформировать excel шаблон»), а не свою форму",
                                "fill the protocol 2 template downloaded from FIS OKO "
                                "instead of writing our own form"))
    add_json_flag(convert)
    convert.set_defaults(func=run_convert)

    report = new_parser(
        actions, "report",
        t("отчёт о комплектности папок по протоколу в xlsx (как «Проверка комплектности» "
          "коллектора)",
          "completeness report of folders against the protocol as xlsx (like the "
          "collector's completeness check)"),
    )
    report.add_argument("folders", nargs="+", type=Path, metavar=t("ПАПКА", "FOLDER"))
    report.add_argument("--protocol", type=Path, required=True, metavar="X.xlsx",
                        help=t("электронный протокол 1 или 2", "electronic protocol 1 or 2"))
    report.add_argument("--profile", required=True, metavar="P.toml",
                        help=t("профиль мероприятия (файл или имя)",
                               "event profile (file or name)"))
    report.add_argument("--out", type=Path, required=True, metavar=t("ОТЧЁТ.xlsx",
                                                                     "REPORT.xlsx"))
    add_json_flag(report)
    report.set_defaults(func=run_report)

    load = new_parser(actions, "import", t("загрузить комплекты протокола в мероприятие",
                                           "load the protocol's kits into an event"))
    load.add_argument("file", type=Path, metavar=t("ФАЙЛ", "FILE"))
    load.add_argument("--event", required=True, metavar=t("МЕРОПРИЯТИЕ", "EVENT"),
                      help=t("название мероприятия в базе станции",
                             "event name in the station's database"))
    add_json_flag(load)
    load.set_defaults(func=run_import)


def protocol_json(protocol: Protocol) -> dict[str, object]:
    from scanstation.protocol.model import COMMENT_TEXT

    return {
        "kind": str(protocol.kind),
        "sheet": protocol.sheet,
        "ppo_login": protocol.ppo_login,
        "kits": [
            {"number": kit.number,
             "status": str(kit.status) if kit.status is not None else None,
             "comment": COMMENT_TEXT[kit.status] if kit.status is not None else None,
             "school_login": kit.school_login}
            for kit in protocol.kits
        ],
        "counts": protocol.counts(),
        "filled": protocol.is_filled,
        "warnings": list(protocol.warnings),
    }


def run_show(args: argparse.Namespace) -> int:
    from scanstation.protocol import read_protocol
    from scanstation.protocol.model import COMMENT_TEXT

    protocol = read_protocol(args.file)
    if args.json:
        print_json(protocol_json(protocol))
        return 0
    kind = t("протокол 1 (для ППО)", "protocol 1 (for the point)") if protocol.kind == \
        "protocol1" else t("протокол 2 (для ФИС ОКО)", "protocol 2 (for FIS OKO)")
    print(t(f"{args.file}: {kind}, лист «{protocol.sheet}», логин ППО "
            f"{protocol.ppo_login or '—'}",
            f"{args.file}: {kind}, sheet «{protocol.sheet}», point login "
            f"{protocol.ppo_login or '—'}"))
    for kit in protocol.kits:
        comment = COMMENT_TEXT[kit.status] if kit.status is not None else \
            t("не заполнено", "not filled in")
        print(f"{kit.number}\t{comment}\t{kit.school_login or ''}")
    counts = protocol.counts()
    print(t(f"Комплектов {counts['kits']}: использовано {counts['used']}, испорчено "
            f"{counts['spoiled']}, не использовано {counts['unused']}, не заполнено "
            f"{counts['not_filled']}",
            f"{counts['kits']} kits: used {counts['used']}, spoiled {counts['spoiled']}, "
            f"unused {counts['unused']}, not filled in {counts['not_filled']}"))
    _print_warnings(protocol)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    from scanstation.protocol import ProtocolError, read_protocol, write_protocol2
    from scanstation.protocol.template import fill_template

    source: Path = args.file
    target: Path = args.out
    if target.exists() and target.resolve() == source.resolve():
        raise ProtocolError(t("Протокол 2 нельзя записать поверх исходного файла.",
                              "Protocol 2 cannot overwrite its source file."))
    template: Path | None = args.template
    if template is not None and target.exists() and target.resolve() == template.resolve():
        raise ProtocolError(t("Заполненный шаблон нельзя записать поверх пустого: укажите "
                              "другой --out.",
                              "Write the filled template to another --out, not over the "
                              "template."))
    protocol = read_protocol(source)
    left: list[str] = []
    if template is None:
        write_protocol2(protocol, target)
    else:
        left = list(fill_template(protocol, template, target).not_in_protocol)
    if args.json:
        print_json({"out": str(target), "kits": len(protocol.kits),
                    "counts": protocol.counts(), "filled": protocol.is_filled,
                    "template_kits_not_in_protocol": left,
                    "warnings": list(protocol.warnings)})
        return 0
    print(t(f"Протокол 2 записан: {target} (комплектов: {len(protocol.kits)})",
            f"Protocol 2 written: {target} ({len(protocol.kits)} kits)"))
    if left:
        print(t(f"Внимание: в шаблоне есть комплекты, которых нет в протоколе 1, они не "
                f"заполнены: {', '.join(left)}",
                f"Warning: template kits missing from protocol 1 were left empty: "
                f"{', '.join(left)}"), file=sys.stderr)
    if not protocol.is_filled:
        print(t("Внимание: не у всех комплектов заполнен комментарий.",
                "Warning: not every kit has its comment filled in."), file=sys.stderr)
    _print_warnings(protocol)
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Exit status 1 while anything is incomplete, as `scanstation check` does."""
    from scanstation.completeness import check_folders, export_report_xlsx
    from scanstation.profile import resolve_profile

    report = check_folders(list(args.folders), args.protocol, resolve_profile(args.profile))
    export_report_xlsx(report, args.out)
    if args.json:
        print_json({"out": str(args.out), **report.as_json()})
    else:
        figures = report.summary()
        print(t(f"Отчёт записан: {args.out}", f"Report written: {args.out}"))
        print(t(f"Комплектов загружено полностью {figures['complete']}, частично "
                f"{figures['partial']}, не загружено {figures['missing']}, лишних "
                f"{figures['unexpected']}; дублей {figures['duplicate_numbers']}, "
                f"нераспознанных страниц {figures['unread_pages']}",
                f"Kits complete {figures['complete']}, partial {figures['partial']}, "
                f"missing {figures['missing']}, unexpected {figures['unexpected']}; "
                f"duplicated numbers {figures['duplicate_numbers']}, unread pages "
                f"{figures['unread_pages']}"))
        print(t("Готово к загрузке.", "Ready to upload.") if report.is_complete
              else t("Не готово к загрузке.", "Not ready to upload."))
    return 0 if report.is_complete else 1


def run_import(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from scanstation.db.models import Event
    from scanstation.db.store import open_database
    from scanstation.protocol import ProtocolError, import_protocol, read_protocol

    protocol = read_protocol(args.file)
    db = open_database()
    try:
        with db.session() as session:
            event_id = session.scalar(select(Event.id).where(Event.name == args.event))
        if event_id is None:
            raise ProtocolError(t(f"Мероприятие «{args.event}» не найдено в базе станции.",
                                  f"Event «{args.event}» is not in the station's database."))
        summary = import_protocol(db, event_id, protocol)
    finally:
        db.close()
    if args.json:
        print_json({"event": args.event, **summary.as_json()})
    else:
        print(t(f"Мероприятие «{args.event}»: добавлено {summary.added}, обновлено "
                f"{summary.updated}, без изменений {summary.unchanged}",
                f"Event «{args.event}»: added {summary.added}, updated {summary.updated}, "
                f"unchanged {summary.unchanged}"))
    _print_warnings(protocol)
    return 0


def _print_warnings(protocol: Protocol) -> None:
    for warning in protocol.warnings:
        print(t("Предупреждение: ", "Warning: ") + warning, file=sys.stderr)
