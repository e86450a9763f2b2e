"""Command line: `scanstation` opens the window; `scanstation COMMAND ...` runs a command.

Commands live one per module in `scanstation.commands`; each module exposes
`register(subparsers)`. Discovery by module list keeps this file unchanged as commands are
added, and PyInstaller collects the package's submodules explicitly. Registration is cheap:
command modules import their machinery inside their handlers (see `scanstation.commands`),
so building the parser costs milliseconds and a command loads only what it uses. For the
same reason this module imports logging set-up and the window only once they are needed.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from scanstation import __version__
from scanstation.errors import KnownError
from scanstation.i18n import current_language, set_language, tr

log = logging.getLogger(__name__)

_RU_HEADINGS = {
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
}


class LocalizedHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's own headings in the operator's language."""

    def add_usage(self, usage: str | None, actions: object, groups: object,
                  prefix: str | None = None) -> None:
        if prefix is None:
            prefix = tr("usage: ")
        super().add_usage(usage, actions, groups, prefix)  # type: ignore[arg-type]

    def start_section(self, heading: str | None) -> None:
        if heading and current_language() == "ru":
            heading = _RU_HEADINGS.get(heading, heading)
        super().start_section(heading)


def _add_help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help",
                        help=tr("show this help and exit"))


def new_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
               help_text: str, description: str | None = None) -> argparse.ArgumentParser:
    """A subcommand parser with the localized formatter and help flag."""
    parser = subparsers.add_parser(
        name, help=help_text, description=description or help_text,
        formatter_class=LocalizedHelpFormatter, add_help=False,
    )
    _add_help(parser)
    return parser


def command_modules() -> list[str]:
    import scanstation.commands as package

    return sorted(
        f"{package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scanstation",
        description=tr(
            "ScanStation — answer blank scanning station: scan, read blank numbers, check "
            "completeness, pack ZIP archives for the FIS OKO collector. With no command it opens "
            "the program window.",
        ),
        formatter_class=LocalizedHelpFormatter,
        add_help=False,
    )
    _add_help(parser)
    parser.add_argument("--version", action="version", version=f"ScanStation {__version__}",
                        help=tr("show the version and exit"))
    parser.add_argument("--lang", choices=["ru", "en"],
                        help=tr("message language (Russian by default)"))
    parser.add_argument("--self-check", action="store_true",
                        help=tr(
                            "check the installation (database, sample blank, ZIP, scanners, "
                            "keyring, Qt) and exit; exit code 1 on failure",
                        ))
    parser.add_argument("--json", dest="self_check_json", action="store_true",
                        help=tr("with --self-check: print JSON"))
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar=tr("COMMAND"),
                                       title=tr("commands"))
    for name in command_modules():
        importlib.import_module(name).register(subparsers)
    return parser


def _preselect_language(argv: Sequence[str]) -> None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("ru", "en"):
            set_language(argv[i + 1])  # type: ignore[arg-type]
        elif arg.startswith("--lang=") and arg[7:] in ("ru", "en"):
            set_language(arg[7:])  # type: ignore[arg-type]


def tolerate_console_encoding() -> None:
    """Never crash on the console's code page. A Windows console in cp1251/cp1252, or
    output into a pipe or file in such a code page, cannot encode «→» or Cyrillic: the
    characters it cannot show become escapes instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or (stream.encoding or "").lower().replace("-", "") == "utf8":
            continue
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # a detached or closed stream: nothing to protect
            continue


def main(argv: Sequence[str] | None = None) -> int:
    tolerate_console_encoding()
    own_process = argv is None  # the process's own command line, not a caller's list
    argv = list(sys.argv[1:] if argv is None else argv)
    _preselect_language(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.own_process = own_process
    if args.self_check:
        # Before configure_logging: an unwritable data folder must become a reported
        # check, not a traceback. The self-check starts logging itself when it can.
        from scanstation.selfcheck import main as self_check

        return self_check(json_output=args.self_check_json)
    from scanstation import crashes
    from scanstation.logging_setup import configure_logging

    configure_logging()
    crashes.install()
    if args.command is None:
        from scanstation.ui.app import run_app

        return run_app(quit_after_ms=args.quit_after)
    from scanstation import interrupts
    from scanstation.package_lock import set_program

    interrupts.install()  # SIGTERM ends a command as Ctrl+C does: cleanly
    set_program(f"scanstation {args.command}")  # named to a writer refused by a package lock
    try:
        result: int = args.func(args)
        return result
    except KnownError as exc:
        log.warning("%s failed: %s", args.command, exc.message)
        print(tr("Error: {message}", message=exc.message), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(tr("Interrupted."), file=sys.stderr)
        return 130
