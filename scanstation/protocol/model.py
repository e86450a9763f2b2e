"""What the station keeps of an electronic protocol: kit numbers, their comment, the school.

Participants' names are deliberately absent: the collector never receives them and neither
does anything here. A kit's comment is `None` while the protocol row is not filled yet
(empty cell or the template's «---»), which is different from «не использован».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from scanstation.db.models import KitProtocolStatus
from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.profile import EventProfile

_LOGIN = re.compile(r"^(edu|spo)\d{6}$")
_NOT_FILLED = re.compile(r"^[-‐‑‒–—―_.\s]*$")  # empty, «---», «–», «—»
_FLOAT_TEXT = re.compile(r"^(\d+)\.0+$")


class ProtocolError(KnownError):
    """The protocol file cannot be used as it is; the message names the sheet and cell."""


class ProtocolKind(StrEnum):
    PPO = "protocol1"  # «протокол 1 (для ППО)»: has the names column, stays at the point
    FIS_OKO = "protocol2"  # «протокол 2 (для ФИС ОКО)»: uploaded to the collector


# The comment texts exactly as the collector's templates spell them.
COMMENT_TEXT: dict[KitProtocolStatus, str] = {
    KitProtocolStatus.USED: "использован",
    KitProtocolStatus.SPOILED: "испорчен",
    KitProtocolStatus.UNUSED: "не использован",
}
_COMMENT_BY_KEY = {text.replace(" ", ""): status for status, text in COMMENT_TEXT.items()}


@dataclass(frozen=True)
class ProtocolKit:
    number: str  # as the protocol writes it, digits only ("501501")
    status: KitProtocolStatus | None  # None: the comment is not filled in yet
    school_login: str | None = None
    cell: str = ""  # where the kit number sits, for messages: «Методисты!A6»
    row: int = 0  # its sheet row, 1-based (0: not from a spreadsheet)

    @property
    def key(self) -> str:
        """The number compared with blank numbers: leading zeros do not matter."""
        return EventProfile.normalize_kit(self.number)


@dataclass(frozen=True)
class TableLayout:
    """Where the table sits, 1-based: lets a template be filled in place."""

    header_row: int
    kit_col: int
    comment_col: int
    login_col: int


@dataclass(frozen=True)
class Protocol:
    kind: ProtocolKind
    sheet: str
    kits: tuple[ProtocolKit, ...]
    ppo_login: str | None = None
    warnings: tuple[str, ...] = field(default=())
    layout: TableLayout | None = None

    def by_key(self) -> dict[str, ProtocolKit]:
        return {kit.key: kit for kit in self.kits}

    def counts(self) -> dict[str, int]:
        return kit_counts(self.kits)

    @property
    def is_filled(self) -> bool:
        """The collector's «отчёт — полный»: every kit has its comment."""
        return all(kit.status is not None for kit in self.kits)


def kit_counts(kits: Iterable[ProtocolKit]) -> dict[str, int]:
    """The collector's «В электронном протоколе проведения» figures."""
    statuses = [kit.status for kit in kits]
    return {
        "kits": len(statuses),
        "used": statuses.count(KitProtocolStatus.USED),
        "spoiled": statuses.count(KitProtocolStatus.SPOILED),
        "unused": statuses.count(KitProtocolStatus.UNUSED),
        "not_filled": statuses.count(None),
    }


def _squeeze(text: str) -> str:
    return "".join(text.split()).lower().replace("ё", "е")


def parse_comment(value: object, where: str) -> KitProtocolStatus | None:
    """«использован» / «испорчен» / «не использован» in any case and spacing; «---» is unset."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProtocolError(_bad_comment(where))
    if _NOT_FILLED.match(value):
        return None
    status = _COMMENT_BY_KEY.get(_squeeze(value).rstrip("."))
    if status is None:
        raise ProtocolError(_bad_comment(where))
    return status


def _bad_comment(where: str) -> str:
    # The cell's text is not repeated: a mistyped cell might hold anything, even a name.
    return tr(
        "{where}: unknown comment. Allowed: «использован» (used), «испорчен» (spoiled), «не "
        "использован» (unused), or empty / «---» while not filled in.",
        where=where,
    )


def parse_login(value: object, where: str) -> str | None:
    """A school login: `edu` or `spo` and six digits; empty or «---» means none given."""
    if value is None:
        return None
    text = str(value)
    if _NOT_FILLED.match(text):
        return None
    login = "".join(text.split()).lower()
    if not _LOGIN.match(login):
        raise ProtocolError(
            tr(
                "{where}: invalid school login. A login is edu or spo followed by six digits, "
                "e.g. edu777777.",
                where=where,
            )
        )
    return login


def parse_kit_number(value: object, where: str) -> str | None:
    """Kit numbers come as integers, floats (501501.0) or text; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ProtocolError(_bad_kit(where))
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not value.is_integer() or value < 0:
            raise ProtocolError(_bad_kit(where))
        text = str(int(value))
    elif isinstance(value, str):
        text = "".join(value.split())
        if not text:
            return None
        match = _FLOAT_TEXT.match(text)
        if match:
            text = match.group(1)
    else:
        raise ProtocolError(_bad_kit(where))
    if not text.isdigit() or not text.isascii():
        raise ProtocolError(_bad_kit(where))
    return text


def _bad_kit(where: str) -> str:
    return tr("{where}: a kit number must consist of digits.", where=where)
