"""`scanstation info`: where the station keeps its data, and the database's revision."""

from __future__ import annotations

import argparse

from scanstation import __version__
from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.i18n import tr


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(subparsers, "info", tr("data and log folders, database revision"))
    add_json_flag(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanstation.db import open_database
    from scanstation.logging_setup import LOG_FILE_NAME
    from scanstation.paths import data_dir, database_path, log_dir, packages_dir

    database = open_database()
    try:
        facts = {
            "version": __version__,
            "data_dir": str(data_dir()),
            "database": str(database_path()),
            "database_revision": database.revision(),
            "packages_dir": str(packages_dir()),
            "log_file": str(log_dir() / LOG_FILE_NAME),
        }
    finally:
        database.close()
    if args.json:
        print_json(facts)
    else:
        for key, value in facts.items():
            print(f"{key}: {value}")
    return 0
