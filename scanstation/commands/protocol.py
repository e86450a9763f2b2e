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
from scanstation.i18n import tr

if TYPE_CHECKING:
    from scanstation.protocol import Protocol


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(
        subparsers, "protocol",
        tr("electronic protocols: show, protocol 2 for FIS OKO, load into an event"),
    )
    actions = parser.add_subparsers(dest="protocol_command", metavar=tr("ACTION"),
                                    title=tr("actions"), required=True)

    show = new_parser(actions, "show", tr("the protocol's kits and comments"))
    show.add_argument("file", type=Path, metavar=tr("FILE"))
    add_json_flag(show)
    show.set_defaults(func=run_show)

    convert = new_parser(
        actions, "convert",
        tr("protocol 1 (for the point) → protocol 2 (for FIS OKO upload), without names"),
    )
    convert.add_argument("file", type=Path, metavar=tr("PROTOCOL1.xlsx"))
    convert.add_argument("--out", type=Path, required=True,
                         metavar=tr("PROTOCOL2.xlsx"),
                         help=tr("where to write protocol 2"))
    convert.add_argument("--template", type=Path, metavar=tr("TEMPLATE.xlsx"),
                         help=tr(
                             "fill the protocol 2 template downloaded from FIS OKO instead of "
                             "writing our own form",
                         ))
    add_json_flag(convert)
    convert.set_defaults(func=run_convert)

    report = new_parser(
        actions, "report",
        tr(
            "completeness report of folders against the protocol as xlsx (like the collector's "
            "completeness check)",
        ),
    )
    report.add_argument("folders", nargs="+", type=Path, metavar=tr("FOLDER"))
    report.add_argument("--protocol", type=Path, required=True, metavar="X.xlsx",
                        help=tr("electronic protocol 1 or 2"))
    report.add_argument("--profile", required=True, metavar="P.toml",
                        help=tr("event profile (file or name)"))
    report.add_argument("--out", type=Path, required=True, metavar=tr("REPORT.xlsx"))
    add_json_flag(report)
    report.set_defaults(func=run_report)

    load = new_parser(actions, "import", tr("load the protocol's kits into an event"))
    load.add_argument("file", type=Path, metavar=tr("FILE"))
    load.add_argument("--event", required=True, metavar=tr("EVENT"),
                      help=tr("event name in the station's database"))
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
    kind = tr("protocol 1 (for the point)") if protocol.kind == \
        "protocol1" else tr("protocol 2 (for FIS OKO)")
    print(tr(
        "{args_file}: {kind}, sheet «{protocol_sheet}», point login {protocol_ppo_login}",
        args_file=args.file,
        kind=kind,
        protocol_sheet=protocol.sheet,
        protocol_ppo_login=protocol.ppo_login or '—',
    ))
    for kit in protocol.kits:
        comment = COMMENT_TEXT[kit.status] if kit.status is not None else \
            tr("not filled in")
        print(f"{kit.number}\t{comment}\t{kit.school_login or ''}")
    counts = protocol.counts()
    print(tr(
        "{kits} kits: used {used}, spoiled {spoiled}, unused {unused}, not filled in {not_filled}",
        kits=counts['kits'],
        used=counts['used'],
        spoiled=counts['spoiled'],
        unused=counts['unused'],
        not_filled=counts['not_filled'],
    ))
    _print_warnings(protocol)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    from scanstation.protocol import ProtocolError, read_protocol, write_protocol2
    from scanstation.protocol.template import fill_template

    source: Path = args.file
    target: Path = args.out
    if target.exists() and target.resolve() == source.resolve():
        raise ProtocolError(tr("Protocol 2 cannot overwrite its source file."))
    template: Path | None = args.template
    if template is not None and target.exists() and target.resolve() == template.resolve():
        raise ProtocolError(tr(
            "Write the filled template to another --out, not over the template.",
        ))
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
    print(tr(
        "Protocol 2 written: {target} ({protocol_kits_count} kits)",
        target=target,
        protocol_kits_count=len(protocol.kits),
    ))
    if left:
        print(tr(
            "Warning: template kits missing from protocol 1 were left empty: {left_list}",
            left_list=', '.join(left),
        ), file=sys.stderr)
    if not protocol.is_filled:
        print(tr("Warning: not every kit has its comment filled in."), file=sys.stderr)
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
        print(tr("Report written: {args_out}", args_out=args.out))
        print(tr(
            "Kits complete {complete}, partial {partial}, missing {missing}, unexpected "
            "{unexpected}; duplicated numbers {duplicate_numbers}, unread pages {unread_pages}",
            complete=figures['complete'],
            partial=figures['partial'],
            missing=figures['missing'],
            unexpected=figures['unexpected'],
            duplicate_numbers=figures['duplicate_numbers'],
            unread_pages=figures['unread_pages'],
        ))
        print(tr("Ready to upload.") if report.is_complete
              else tr("Not ready to upload."))
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
            raise ProtocolError(tr(
                "Event «{args_event}» is not in the station's database.",
                args_event=args.event,
            ))
        summary = import_protocol(db, event_id, protocol)
    finally:
        db.close()
    if args.json:
        print_json({"event": args.event, **summary.as_json()})
    else:
        print(tr(
            "Event «{args_event}»: added {summary_added}, updated {summary_updated}, unchanged "
            "{summary_unchanged}",
            args_event=args.event,
            summary_added=summary.added,
            summary_updated=summary.updated,
            summary_unchanged=summary.unchanged,
        ))
    _print_warnings(protocol)
    return 0


def _print_warnings(protocol: Protocol) -> None:
    for warning in protocol.warnings:
        print(tr("Warning: ") + warning, file=sys.stderr)
