from __future__ import annotations

from pathlib import Path

import pytest

from scanstation.errors import ProfileError
from scanstation.profile import EventProfile, load_profile, resolve_profile


def test_kit_and_page_come_from_configured_positions(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        'name = "x"\npages_per_kit = 3\nkit_digits = [3, 8]\npage_digits = [10, 11]\n',
        encoding="utf-8",
    )
    profile = load_profile(path)
    number = "99" + "501502" + "0" + "03" + "000000000"
    assert profile.is_valid_number(number)
    assert profile.kit_of(number) == "501502"
    assert profile.page_of(number) == 3


def test_other_barcodes_are_not_blank_numbers() -> None:
    profile = EventProfile(name="d", pages_per_kit=4)
    assert not profile.is_valid_number("4601234567893")  # EAN-13 on a publisher's cover
    assert not profile.is_valid_number("1234567890123456789")  # 19 digits
    assert not profile.is_valid_number("1234567890123456789a")
    assert profile.is_valid_number("12345678901234567890")


@pytest.mark.parametrize(
    "text",
    ['name = "x"\n', 'name = "x"\npages_per_kit = 0\n', 'pages_per_kit = 2\n',
     'name = "x"\npages_per_kit = 2\nkit_digits = [5, 1]\n',
     'name = "x"\npages_per_kit = 2\nblank_number = "(("\n', "not toml ["],
)
def test_malformed_profiles_are_refused_with_a_message(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert "рофил" in info.value.message  # «Профиль…»/«профиля…»: Russian by default


def test_bundled_profile_by_name() -> None:
    assert resolve_profile("omk_2026").pages_per_kit == 2
    with pytest.raises(ProfileError):
        resolve_profile("no-such-profile")
