"""The pack command's imports: no collector while they run, frozen only in a process of
the command's own (a host calling `main` many times must keep collecting its garbage)."""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import textwrap

from scanstation.commands._common import machinery_imports


def test_collector_is_off_inside_and_back_on_after_without_freezing_a_host() -> None:
    frozen_before = gc.get_freeze_count()
    assert gc.isenabled()
    with machinery_imports(argparse.Namespace(own_process=False)):
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen_before


def test_collector_back_on_after_a_failed_import() -> None:
    try:
        with machinery_imports(argparse.Namespace()):
            raise ImportError("a missing module")
    except ImportError:
        pass
    assert gc.isenabled()


def test_a_process_of_its_own_freezes_what_it_imported() -> None:
    script = textwrap.dedent("""
        import argparse, gc
        from scanstation.commands._common import machinery_imports
        with machinery_imports(argparse.Namespace(own_process=True)):
            import scanstation.db
        print(gc.isenabled(), gc.get_freeze_count())
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[0] == "True"
    assert int(out[1]) > 10_000  # SQLAlchemy and the models: tens of thousands of objects


def test_only_the_process_command_line_is_its_own(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import scanstation.commands.pack as pack_command
    from scanstation.cli import main

    seen: list[bool] = []

    def record(args: argparse.Namespace) -> int:
        seen.append(args.own_process)
        return 0

    monkeypatch.setattr(pack_command, "run", record)
    monkeypatch.setattr(sys, "argv", ["scanstation", "pack", str(tmp_path)])
    assert main() == 0
    assert main(["pack", str(tmp_path)]) == 0
    assert seen == [True, False]
