"""Re-reading a written archive exactly as the collector will.

Every member is read to the end and its CRC checked — a plain archive (STORED, not
encrypted, the common case) in one sequential pass (plainread.py), an encrypted one by
pyzipper, which also checks the AES HMAC, decrypting with the password. Each page's sha256
is compared with what was meant to go in (the database, else the manifest beside the ZIP).
"""

from __future__ import annotations

import hashlib
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from scanstation.archive.errors import VerificationFailed
from scanstation.archive.manifest import read_manifest
from scanstation.archive.plainread import is_plain, read_plain
from scanstation.archive.progress import CHUNK, ProgressCallback, check_cancel, no_progress
from scanstation.archive.sniff import ARCHIVE_KINDS, PAGE_KINDS, sniff_bytes
from scanstation.fsutil import sha256_file
from scanstation.i18n import tr


@dataclass
class VerifyReport:
    archive: Path
    members: dict[str, str] = field(default_factory=dict)  # name -> sha256
    encrypted: bool = False
    problems: list[str] = field(default_factory=list)
    sha256: str = ""  # the whole archive's, when asked for (hash_archive=True)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_archive(archive: Path, password: str | None = None,
                   expected: dict[str, str] | None = None, *, limit: int | None = None,
                   progress: ProgressCallback = no_progress,
                   cancel: threading.Event | None = None,
                   hash_archive: bool = False) -> VerifyReport:
    """Check `archive`; `expected` maps member name to sha256 (the manifest when None).

    `hash_archive=True` also gives the whole file's sha256 (`report.sha256`), from the
    same read for a plain archive, else read on the second core alongside.
    """
    report = VerifyReport(archive)
    if expected is None:
        manifest = read_manifest(archive)
        if manifest is not None:
            expected = {p["name"]: p["sha256"] for p in manifest["pages"]}
    size = archive.stat().st_size
    if limit is not None and size > limit:
        report.problems.append(tr(
            "Archive over the limit: {size} > {limit} bytes.",
            size=size,
            limit=limit,
        ))
    try:
        with zipfile.ZipFile(archive) as zf:  # the directory, by the standard library
            infos = zf.infolist()
        _name_problems(infos, report)
        if not is_plain(infos) or not _read_plain(archive, infos, report, progress, cancel,
                                                  hash_archive):
            if hash_archive:
                with ThreadPoolExecutor(max_workers=1) as pool:
                    digest = pool.submit(sha256_file, archive, lambda: check_cancel(cancel))
                    _read_all(archive, password, report, progress, cancel)
                    report.sha256 = digest.result()
            else:
                _read_all(archive, password, report, progress, cancel)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        report.problems.append(tr("The archive is damaged: {exc}", exc=exc))
    except RuntimeError as exc:  # zipfile: "password required" / "Bad password"
        report.problems.append(tr("Wrong or missing password: {exc}", exc=exc))
    if expected is not None and not report.problems:
        _compare(report, expected)
    return report


def _name_problems(infos: list[zipfile.ZipInfo], report: VerifyReport) -> None:
    names = [i.filename for i in infos]
    for name in sorted({n for n in names if names.count(n) > 1}):
        report.problems.append(tr("{name}: the file is in the archive twice.", name=name))
    for info in infos:
        if not info.filename.isascii() and not info.flag_bits & 0x800:
            report.problems.append(tr(
                "{info_filename}: name not flagged as UTF-8.",
                info_filename=info.filename,
            ))


def _read_plain(archive: Path, infos: list[zipfile.ZipInfo], report: VerifyReport,
                progress: ProgressCallback, cancel: threading.Event | None,
                hash_archive: bool) -> bool:
    """False when the layout is not the simple one (zipfile then reads it instead)."""
    result = read_plain(archive, infos, progress, cancel, hash_archive=hash_archive)
    if result is None:
        return False
    report.problems.extend(result.problems)
    report.sha256 = result.archive_sha256
    for member in result.members:
        if member.info.is_dir():
            continue
        _judge_content(report, member.info.filename, bytes(member.head))
        report.members[member.info.filename] = member.digest.hexdigest()
    return True


def _judge_content(report: VerifyReport, name: str, head: bytes) -> None:
    kind = sniff_bytes(head)
    if kind in ARCHIVE_KINDS or kind not in PAGE_KINDS:
        report.problems.append(tr("{name}: content not allowed ({kind}).", name=name, kind=kind))


def _read_all(archive: Path, password: str | None, report: VerifyReport,
              progress: ProgressCallback, cancel: threading.Event | None) -> None:
    """Member by member through pyzipper: encrypted or otherwise unusual archives."""
    from scanstation.archive.aes import FastAESZipFile  # pyzipper: only when needed

    with FastAESZipFile(archive) as zf:
        if password:
            zf.setpassword(password.encode("utf-8"))
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        done = 0
        for info in infos:
            if info.is_dir():
                continue
            report.encrypted = report.encrypted or bool(info.flag_bits & 0x1)
            digest = hashlib.sha256()
            head = b""
            with zf.open(info) as member:
                while chunk := member.read(CHUNK):
                    check_cancel(cancel)
                    if not head:
                        head = chunk[:512]
                    digest.update(chunk)
                    done += len(chunk)
                    progress(done, total, info.filename)
            _judge_content(report, info.filename, head)
            report.members[info.filename] = digest.hexdigest()


def _compare(report: VerifyReport, expected: dict[str, str]) -> None:
    for name in sorted(expected.keys() - report.members.keys()):
        report.problems.append(tr("{name}: page missing from the archive.", name=name))
    for name in sorted(report.members.keys() - expected.keys()):
        report.problems.append(tr("{name}: unexpected file in the archive.", name=name))
    for name in sorted(report.members.keys() & expected.keys()):
        if report.members[name] != expected[name]:
            report.problems.append(tr("{name}: content differs (sha256).", name=name))


def require_valid(report: VerifyReport) -> None:
    if not report.ok:
        problems = "; ".join(report.problems)
        raise VerificationFailed(tr(
            "Archive {archive_name} failed verification: {problems}",
            archive_name=report.archive.name,
            problems=problems,
        ))
