"""The self-check's steps that need no Qt: storage, recognition, archives, keyring.

Each step uses the same code the station uses for real work, on real files, so a missing
library or resource in an installed build shows up here rather than during an exam.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from scanstation.i18n import tr
from scanstation.selfcheck.model import CheckContext, Outcome, SelfCheckError, Status
from scanstation.selfcheck.timeout import call_with_timeout

SAMPLES_MANIFEST = "samples/samples.json"


@dataclass(frozen=True)
class Sample:
    path: Path
    number: str
    profile: str


def load_samples(resources: Path) -> list[Sample]:
    """The bundled sample blanks and the number each one carries."""
    manifest = resources / SAMPLES_MANIFEST
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        samples = [Sample(manifest.parent / str(e["file"]), str(e["number"]),
                          str(e.get("profile", "default"))) for e in entries]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SelfCheckError(tr(
            "sample blank missing or damaged: {manifest} ({exc})",
            manifest=manifest,
            exc=exc,
        )) from exc
    if not samples:
        raise SelfCheckError(tr("no samples in {manifest}", manifest=manifest))
    return samples


def _fail(message: str) -> Outcome:
    return Outcome(Status.FAIL, message)


def _probe_write(folder: Path) -> None:
    """Create, fsync and remove a file: what every page save needs to be able to do."""
    probe = folder / f".selfcheck-{os.getpid()}-{secrets.token_hex(4)}"
    with probe.open("wb") as handle:
        handle.write(b"scanstation")
        handle.flush()
        os.fsync(handle.fileno())
    probe.unlink()


def check_data_dir(_context: CheckContext) -> Outcome:
    from scanstation.paths import data_dir, log_dir, packages_dir

    try:
        folders = [data_dir(), log_dir(), packages_dir()]
        for folder in folders:
            _probe_write(folder)
    except OSError as exc:
        where = os.environ.get("SCANSTATION_DATA_DIR") or exc.filename or ""
        return _fail(tr(
            "cannot write: {where} ({exc_strerror})",
            where=where,
            exc_strerror=exc.strerror or exc,
        ))
    return Outcome(Status.OK, str(folders[0]))


def check_database(_context: CheckContext) -> Outcome:
    from scanstation.db import open_database
    from scanstation.db.store import head_revision

    head = head_revision()
    database = open_database()
    try:
        revision = database.revision()
        path = database.path
    finally:
        database.close()
    if revision != head:
        return _fail(tr(
            "{path}: revision {revision}, expected {head}",
            path=path,
            revision=revision,
            head=head,
        ))
    return Outcome(Status.OK, tr("{path}, revision {revision}", path=path, revision=revision))


def check_profiles(_context: CheckContext) -> Outcome:
    from scanstation.profile import bundled_profiles, default_profile

    profiles = bundled_profiles()
    if not profiles:
        return _fail(tr("no event profile found"))
    default = default_profile()
    return Outcome(Status.OK, tr(
        "{profiles_count}: {profiles_list}; default {default_name}",
        profiles_count=len(profiles),
        profiles_list=', '.join(p.name for p in profiles),
        default_name=default.name,
    ))


def check_recognition(context: CheckContext) -> Outcome:
    from scanstation.profile import resolve_profile
    from scanstation.recognition import read_blank_number

    details = []
    for sample in load_samples(context.resources):
        started = time.perf_counter()
        try:
            result = read_blank_number(sample.path, resolve_profile(sample.profile))
        except OSError as exc:
            return _fail(tr(
                "{path_name}: cannot read the file ({exc})",
                path_name=sample.path.name,
                exc=exc,
            ))
        ms = (time.perf_counter() - started) * 1000
        if result.number != sample.number:
            read = result.number or tr("nothing")
            return _fail(tr(
                "{path_name}: read {read} ({result_status}), expected {sample_number}",
                path_name=sample.path.name,
                read=read,
                result_status=result.status,
                sample_number=sample.number,
            ))
        details.append(f"{sample.path.name} -> {result.number} "
                       f"({result.symbology}, {result.engine}, {ms:.0f} ms)")
    return Outcome(Status.OK, "; ".join(details))


def check_ocr(context: CheckContext) -> Outcome:
    """Tesseract and its bundled model read the sample blank's printed 20 digits."""
    from scanstation.recognition.ocr import engine_name, read_digit_line, tessdata_dir
    from scanstation.recognition.preprocessing import load_gray

    if engine_name() == "unavailable":
        return _fail(tr("OCR did not load (model: {tessdata_dir})", tessdata_dir=tessdata_dir()))
    details = []
    for sample in load_samples(context.resources):
        started = time.perf_counter()
        line = read_digit_line(load_gray(sample.path), len(sample.number))
        ms = (time.perf_counter() - started) * 1000
        if line is None or line.text != sample.number:
            read = line.text if line else tr("nothing")
            return _fail(tr(
                "{path_name}: digits read {read}, expected {sample_number}",
                path_name=sample.path.name,
                read=read,
                sample_number=sample.number,
            ))
        details.append(f"{sample.path.name} -> {line.text} ({engine_name()}, {ms:.0f} ms)")
    return Outcome(Status.OK, "; ".join(details))


def check_workers(context: CheckContext) -> Outcome:
    """Recognition runs in spawned worker processes; in a bundle each one re-runs the program
    (see packaging/scanstation_main.py), so start one and have it read the sample."""
    import shutil

    from scanstation.ingest.page_job import StoredPageWork, stored_page_job
    from scanstation.profile import resolve_profile
    from scanstation.recognition.jobs import run_job
    from scanstation.recognition.pool import RecognitionPool

    sample = load_samples(context.resources)[0]
    page = context.workdir / "worker" / sample.path.name
    page.parent.mkdir()
    shutil.copyfile(sample.path, page)  # the worker may turn a page upright in place
    # Ingest's job: the worker reads the page, then previews it and turns it upright.
    job = stored_page_job(page, StoredPageWork(
        page_id=0, sha256=hashlib.sha256(page.read_bytes()).hexdigest(),
        thumbnail=page.with_suffix(".thumb.jpg")), resolve_profile(sample.profile))
    pool = RecognitionPool(workers=1)
    try:
        pids = call_with_timeout(pool.warm_up, context.worker_timeout)
        [outcome] = call_with_timeout(
            lambda: pool.submit(run_job, job, pool.reader).result(),
            context.worker_timeout)
    except TimeoutError:
        return _fail(tr(
            "the recognition worker did not answer within {context_worker_timeout:.0f} s",
            context_worker_timeout=context.worker_timeout,
        ))
    finally:
        pool.shutdown(wait=False)
    number = outcome.result.number if outcome.result is not None else None
    if number != sample.number or outcome.after is None:
        read = number or outcome.error or tr("nothing")
        return _fail(tr("the recognition worker read {read}", read=read))
    if not pids or os.getpid() in pids:
        return _fail(tr("recognition did not run in a separate process"))
    return Outcome(Status.OK, tr(
        "process {pids} read {result_number}",
        pids=pids[0],
        result_number=number,
    ))


def check_zbar(context: CheckContext) -> Outcome:
    """pyzbar loads libzbar through ctypes: a bundle without it fails only at run time."""
    from PIL import Image

    try:
        from pyzbar import pyzbar
    except (ImportError, OSError) as exc:
        return _fail(tr("libzbar does not load: {exc}", exc=exc))
    sample = load_samples(context.resources)[0]
    with Image.open(sample.path) as image:
        found = {symbol.data.decode("ascii", "replace") for symbol in
                 pyzbar.decode(image.convert("L"))}
    if sample.number not in found:
        shown = str(sorted(found)) if found else tr("nothing")
        return _fail(tr("zbar did not read the sample (found: {shown})", shown=shown))
    where = _zbar_location()
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and sys.platform.startswith("linux") and not where.startswith(bundle):
        # Works here only because this machine has libzbar0; a station may not.
        return _fail(tr("libzbar came from the system ({where}), not from the bundle", where=where))
    return Outcome(Status.OK, tr(
        "read {sample_number} ({where})",
        sample_number=sample.number,
        where=where,
    ))


def _zbar_location() -> str:
    """The file pyzbar loads: on Linux and macOS it asks ctypes' find_library, which the
    bundle's runtime hook points at the bundled copy."""
    if sys.platform == "win32":
        return "pyzbar/libzbar-64.dll"
    import ctypes.util

    return ctypes.util.find_library("zbar") or "?"


def check_archive(context: CheckContext) -> Outcome:
    """Pack the sample into a ZIP (plain and AES), re-open it, compare CRC and content."""
    from scanstation.selfcheck import archive_probe

    sample = load_samples(context.resources)[0].path
    if not sample.is_file():
        return _fail(tr("sample file missing: {sample}", sample=sample))
    details = []
    for encrypted in (False, True):
        report = archive_probe.write_and_verify(sample, context.workdir, encrypted=encrypted)
        if report.problem:
            return _fail(report.problem)
        details.append(report.summary)
    return Outcome(Status.OK, "; ".join(details))


def check_scanners(context: CheckContext) -> Outcome:
    from scanstation.selfcheck import scanner_probe

    try:
        found = call_with_timeout(scanner_probe.list_backends, context.scanner_timeout)
    except TimeoutError:
        return Outcome(Status.WARN, tr(
            "device list not ready within {context_scanner_timeout:.0f} s (check the SANE "
            "configuration / drivers)",
            context_scanner_timeout=context.scanner_timeout,
        ))
    return scanner_probe.outcome(found)


def check_keyring(context: CheckContext) -> Outcome:
    """The archive module's own verdict, explained with the reason of each candidate."""
    from scanstation.archive.passwords import unavailable_reason
    from scanstation.keyring_backend import choose_backend

    try:
        choice = call_with_timeout(choose_backend, context.scanner_timeout)
        reason = call_with_timeout(unavailable_reason, context.scanner_timeout)
    except TimeoutError:
        return Outcome(Status.WARN, tr("the keyring did not answer"))
    if reason is None:
        import keyring

        return Outcome(Status.OK, type(keyring.get_keyring()).__module__)
    why = "; ".join(f"{name.rsplit('.', 2)[-2]}: {text}" for name, text in choice.rejected)
    message = f"{reason} ({why})" if why else reason
    # A headless Linux box legitimately has none; a Windows or macOS desktop always should.
    return Outcome(Status.WARN if sys.platform.startswith("linux") else Status.FAIL, message)


__all__ = [
    "Sample",
    "check_archive",
    "check_data_dir",
    "check_database",
    "check_keyring",
    "check_profiles",
    "check_recognition",
    "check_scanners",
    "check_workers",
    "check_zbar",
    "load_samples",
]
