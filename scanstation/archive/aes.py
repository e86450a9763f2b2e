"""pyzipper's WinZip AES-256 with the HMAC-SHA1 computed by hashlib (OpenSSL).

pyzipper authenticates every byte with Cryptodome's SHA1, which runs at ~100 MB/s here —
the slowest step of packing an encrypted archive, twice (writing and verifying). The
format is unchanged: same PBKDF2-HMAC-SHA1 keys, AES-CTR, 10-byte HMAC; archives are
tested against stock pyzipper.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from Cryptodome.Cipher import AES
from Cryptodome.Util import Counter
from pyzipper.zipfile_aes import (
    WZ_AES_V1,
    WZ_KEY_LENGTHS,
    WZ_SALT_LENGTHS,
    AESZipDecrypter,
    AESZipEncrypter,
    AESZipExtFile,
    AESZipFile,
)

KEY_BYTES = 32  # AES-256
ITERATIONS = 1000  # fixed by the WinZip AE specification


def _key_material(password: bytes, salt: bytes, key_length: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha1", password, salt, ITERATIONS, 2 * key_length + 2)


class FastAESEncrypter(AESZipEncrypter):  # type: ignore[misc]
    def __init__(self, password: bytes) -> None:
        # AE-1 keeps the CRC, so verification checks it after decrypting as well.
        super().__init__(password, nbits=256, force_wz_aes_version=WZ_AES_V1)
        keys = _key_material(password, self.salt, KEY_BYTES)
        self.hmac = hmac.new(keys[KEY_BYTES:2 * KEY_BYTES], digestmod=hashlib.sha1)


class FastAESDecrypter(AESZipDecrypter):  # type: ignore[misc]
    def __init__(self, zinfo: Any, pwd: bytes, encryption_header: bytes) -> None:
        self.filename = zinfo.filename
        key_length = WZ_KEY_LENGTHS[zinfo.wz_aes_strength]
        salt_length = WZ_SALT_LENGTHS[zinfo.wz_aes_strength]
        keys = _key_material(pwd, encryption_header[:salt_length], key_length)
        if keys[2 * key_length:] != encryption_header[salt_length:]:
            raise RuntimeError(f"Bad password for file {zinfo.filename!r}")
        self.decypter = AES.new(keys[:key_length], AES.MODE_CTR,
                                counter=Counter.new(nbits=128, little_endian=True))
        self.hmac = hmac.new(keys[key_length:2 * key_length], digestmod=hashlib.sha1)


class _FastExtFile(AESZipExtFile):  # type: ignore[misc]
    def setup_aeszipdecrypter(self) -> type[AESZipDecrypter]:
        super().setup_aeszipdecrypter()
        return FastAESDecrypter


class FastAESZipFile(AESZipFile):  # type: ignore[misc]
    """Reads plain, ZipCrypto and AES archives like pyzipper's AESZipFile, faster on AES."""

    zipextfile_cls = _FastExtFile
