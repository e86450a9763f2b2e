"""Traditional PKWARE encryption ("ZipCrypto"), writing side, streamed.

Only for the explicit compatibility choice: pyzipper cannot write it, and Windows Explorer
and Debian's `unzip` cannot open AES. It is weak (a known-plaintext attack needs ~12 known
bytes, and every TIFF starts with a known header), which is why the caller must warn.
Pure Python, byte by byte (each key update depends on the previous plaintext byte, so it
cannot be vectorised); the tables keep the inner loop to a few lookups.
"""

from __future__ import annotations

import os
from functools import cache

HEADER_SIZE = 12


@cache
def _tables() -> tuple[list[int], list[int]]:
    """The CRC table and the keystream table, built on first use: the 64 K keystream table
    costs ~15 ms, and every `scanstation pack` imports this module for HEADER_SIZE alone."""
    crc_table = [0] * 256
    for index in range(256):
        value = index
        for _ in range(8):
            value = (value >> 1) ^ 0xEDB88320 if value & 1 else value >> 1
        crc_table[index] = value
    # The keystream byte depends only on the low 16 bits of key 2.
    stream_table = [(((k | 2) * ((k | 2) ^ 1)) >> 8) & 0xFF for k in range(0x10000)]
    return crc_table, stream_table


class ZipCryptoEncrypter:
    def __init__(self, password: bytes) -> None:
        self.k0, self.k1, self.k2 = 0x12345678, 0x23456789, 0x34567890
        for byte in password:
            self._update(byte)

    def _update(self, byte: int) -> None:
        crc = _tables()[0]
        self.k0 = crc[(self.k0 ^ byte) & 0xFF] ^ (self.k0 >> 8)
        self.k1 = ((self.k1 + (self.k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        self.k2 = crc[(self.k2 ^ (self.k1 >> 24)) & 0xFF] ^ (self.k2 >> 8)

    def header(self, check_byte: int) -> bytes:
        """The 12-byte encryption header: 11 random bytes and the check byte, encrypted."""
        return self.encrypt(os.urandom(HEADER_SIZE - 1) + bytes([check_byte & 0xFF]))

    def encrypt(self, data: bytes) -> bytes:
        crc, stream = _tables()
        k0, k1, k2 = self.k0, self.k1, self.k2
        out = bytearray(len(data))
        for i, byte in enumerate(data):
            out[i] = byte ^ stream[k2 & 0xFFFF]
            k0 = crc[(k0 ^ byte) & 0xFF] ^ (k0 >> 8)
            k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
            k2 = crc[(k2 ^ (k1 >> 24)) & 0xFF] ^ (k2 >> 8)
        self.k0, self.k1, self.k2 = k0, k1, k2
        return bytes(out)
