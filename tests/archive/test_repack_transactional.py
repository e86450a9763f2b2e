"""Re-packing is transactional: the new set is written, verified and given its manifests
beside the old one under temporary names, then swapped in as a whole. A failure anywhere —
a full disk while writing a manifest (the ingest tests' real 8 MB tmpfs), an error in the
middle of the swap — leaves the previous set byte for byte and no file of the new set."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scanstation.archive import packer, swap
from scanstation.archive.packer import PackOptions, pack_package
from scanstation.archive.swap import finish_interrupted_swaps
from scanstation.archive.verify import verify_archive
from scanstation.fsutil import TMP_SUFFIX
from scanstation.ingest.crashpoints import ENV
from tests.archive.conftest import noisy_page, page_folder
from tests.ingest.test_disk_full import small_disk  # noqa: F401 - the real full-disk fixture


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder (hidden ones too) with its sha256."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def first_set(tmp_path: Path, out: Path) -> tuple[Path, int, dict[str, str]]:
    folder = page_folder(tmp_path, 4)
    page = (folder / "0001.tif").stat().st_size
    first = pack_package(folder, PackOptions(out_dir=out, limit=page + 1000))
    assert len(first.archives) == 4
    return folder, page, snapshot(out)


@pytest.mark.posix_only("mounts a small tmpfs (Linux, root)")
def test_disk_full_while_writing_a_manifest_keeps_the_old_set(
        tmp_path: Path, small_disk: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = small_disk / "archives"
    folder, page, before = first_set(tmp_path, out)
    real = packer.write_manifest
    calls = [0]

    def fill_then_write(*args: Any, **kwargs: Any) -> Path:
        calls[0] += 1
        if calls[0] == 2:  # the new parts are written and verified: now the disk fills up
            filler = small_disk / "other-program.bin"
            with filler.open("wb") as handle:
                try:
                    while True:
                        handle.write(b"\0" * 65536)
                except OSError:
                    pass
        return real(*args, **kwargs)

    monkeypatch.setattr(packer, "write_manifest", fill_then_write)
    with pytest.raises(OSError) as caught:
        pack_package(folder, PackOptions(out_dir=out, limit=2 * page + 2000, replace=True))
    assert caught.value.errno == errno.ENOSPC
    assert snapshot(out) == before  # the old set, byte for byte; nothing of the new one
    assert all(verify_archive(out / name).ok for name in before if name.endswith(".zip"))


def test_injected_error_on_the_manifest_of_a_same_named_archive_keeps_the_old_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new archive has the old one's very name (one part before and after, a page
    added since): the old file must survive a failure after the new one was verified."""
    out = tmp_path / "out"
    folder = page_folder(tmp_path, 3)
    pack_package(folder, PackOptions(out_dir=out))
    before = snapshot(out)
    assert sorted(before) == ["Аудитория 101.zip", "Аудитория 101.zip.manifest.json"]
    noisy_page(folder / "0004.tif", seed=4)  # a sheet rescanned and added afterwards

    def failing(*_args: Any, **_kwargs: Any) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(packer, "write_manifest", failing)
    with pytest.raises(OSError):
        pack_package(folder, PackOptions(out_dir=out, replace=True))
    assert snapshot(out) == before


def test_failure_in_the_middle_of_the_swap_puts_the_old_set_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    folder, page, before = first_set(tmp_path, out)
    real = os.rename
    placed = [0]

    def rename(source: Any, target: Any) -> None:
        if str(source).endswith(TMP_SUFFIX):  # a new file going into place
            placed[0] += 1
            if placed[0] == 2:
                raise OSError(errno.EIO, "Input/output error")
        real(source, target)

    monkeypatch.setattr(swap.os, "rename", rename)
    with pytest.raises(OSError):
        pack_package(folder, PackOptions(out_dir=out, limit=2 * page + 2000, replace=True))
    monkeypatch.setattr(swap.os, "rename", real)
    assert snapshot(out) == before

    second = pack_package(folder, PackOptions(out_dir=out, limit=2 * page + 2000,
                                              replace=True))
    assert sorted(snapshot(out)) == sorted(
        [a.path.name for a in second.archives] + [a.manifest.name for a in second.archives])
    assert len(second.archives) == 2


@pytest.mark.parametrize("cut_at", [1, 3])
def test_power_cut_in_the_middle_of_the_swap_is_rolled_back_at_the_next_run(
        tmp_path: Path, cut_at: int) -> None:
    """`scanstation pack --replace` killed (SIGKILL of its process group) while putting
    the new files in place: the journal written before the first rename lets the next run
    put the old set back byte for byte before it does anything else."""
    out = tmp_path / "out"
    folder, page, before = first_set(tmp_path, out)
    env = {**os.environ, ENV: f"archive_swap:{cut_at}"}
    killed = subprocess.run(
        [sys.executable, "-m", "scanstation", "pack", str(folder), "--out", str(out),
         "--limit", str(2 * page + 2000), "--replace",
         # a generated folder has no protocol: the readiness gate wants a reason
         "--allow-incomplete", "--reason", "test"], cwd=Path(__file__).parents[2],
        env=env, capture_output=True, text=True, timeout=240, check=False,
        start_new_session=True)
    assert killed.returncode in (-9, 137), killed.stderr  # SIGKILL; Windows: exit 137
    assert snapshot(out) != before  # cut mid-way: old files aside, new ones half placed
    assert finish_interrupted_swaps(out)
    assert snapshot(out) == before
    assert all(verify_archive(out / name).ok for name in before if name.endswith(".zip"))


def test_a_pack_killed_while_writing_parts_leaves_no_temporary_file_after_the_next(
        tmp_path: Path) -> None:
    """`scanstation pack` killed (SIGKILL of its process group) after writing two of its
    parts: those hidden temporary parts (up to 250 MB each) are removed by the next pack
    of the folder, which makes the set whole; another folder's temporary file stays."""
    out = tmp_path / "out"
    folder = page_folder(tmp_path, 4)
    page = (folder / "0001.tif").stat().st_size
    limit = page + 1000  # a part a page: four parts
    env = {**os.environ, ENV: "archive_part_written:2"}
    killed = subprocess.run(
        [sys.executable, "-m", "scanstation", "pack", str(folder), "--out", str(out),
         "--limit", str(limit), "--allow-incomplete", "--reason", "test"],
        cwd=Path(__file__).parents[2], env=env, capture_output=True, text=True,
        timeout=240, check=False, start_new_session=True)
    assert killed.returncode in (-9, 137), killed.stderr  # SIGKILL; Windows: exit 137
    left = sorted(p.name for p in out.iterdir())
    assert len(left) == 2 and all(n.startswith(f".{folder.name}_") and n.endswith(TMP_SUFFIX)
                                  for n in left), left
    others = out / f".{folder.name}0.zip.abcd1234{TMP_SUFFIX}"  # «Аудитория 1010»'s
    others.write_bytes(b"another folder's part being written")

    result = pack_package(folder, PackOptions(out_dir=out, limit=limit))
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([a.path.name for a in result.archives]
                           + [a.manifest.name for a in result.archives] + [others.name])
    assert len(result.archives) == 4
    assert all(verify_archive(a.path).ok for a in result.archives)
