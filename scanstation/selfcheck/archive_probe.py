"""Write a tiny archive the way the packer does and verify it the way the collector will.

Uses the station's own archive code: the streaming ZIP writer (plain STORED, and WinZip
AES through pyzipper, which also proves the bundled AES library loads) and the verifier
that re-reads every member (CRC, AES HMAC) and compares each page's SHA-256 with the
source. Recognition is kept out of it on purpose, so a failure here points at archives.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from scanstation.i18n import tr


@dataclass(frozen=True)
class ProbeReport:
    summary: str
    problem: str | None = None


def write_and_verify(sample: Path, folder: Path, *, encrypted: bool) -> ProbeReport:
    from scanstation.archive.verify import verify_archive
    from scanstation.archive.zipwriter import Encryption, StreamingZipWriter

    kind = "AES-256" if encrypted else "ZIP"
    target = folder / f"selfcheck-{'aes' if encrypted else 'plain'}.zip"
    password = secrets.token_urlsafe(12) if encrypted else None
    member_name = f"selfcheck/{sample.name}"
    expected = hashlib.sha256(sample.read_bytes()).hexdigest()
    with target.open("wb") as handle:
        writer = StreamingZipWriter(handle, Encryption.AES if encrypted else Encryption.NONE,
                                    password)
        writer.add_file(sample, member_name, lambda _n: None)
        size = writer.close()
    report = verify_archive(target, password, {member_name: expected})
    if not report.ok:
        return ProbeReport(kind, f"{kind}: " + "; ".join(report.problems))
    if report.encrypted != encrypted:
        return ProbeReport(kind, tr("{kind}: encryption is not what was asked for", kind=kind))
    return ProbeReport(tr("{kind} {size} bytes verified", kind=kind, size=size))
