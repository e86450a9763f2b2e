"""`scanstation profiles`: the bundled event profiles and their blank-number layout."""

from __future__ import annotations

import argparse

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "profiles", tr("event profiles"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.profile import bundled_profiles

    rows = [
        {
            "name": p.name,
            "file": str(p.source) if p.source else None,
            "pages_per_kit": p.pages_per_kit,
            "blank_number": p.blank_number,
            "kit_digits": list(p.kit_digits),
            "page_digits": list(p.page_digits),
        }
        for p in bundled_profiles()
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(
                tr(
                    "{name}: {pages_per_kit} pages per kit, kit digits {kit_digits}, page digits "
                    "{page_digits}",
                    name=row['name'],
                    pages_per_kit=row['pages_per_kit'],
                    kit_digits=row['kit_digits'],
                    page_digits=row['page_digits'],
                )
            )
    return 0
