from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from scanstation import profile as profile_module
from scanstation.archive.packer import PackOptions, pack_package
from scanstation.archive.sources import pages_from_database
from scanstation.db import open_database
from scanstation.db.models import Event, Package, Page, PageStatus
from scanstation.errors import ProfileError
from scanstation.profile import (
    EventProfile,
    event_profile,
    load_profile,
    profile_toml,
    resolve_profile,
)
from scanstation.station.packages import PackageService
from tests.archive.conftest import page_folder


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


# --- the one profile of an event ---------------------------------------------------------

SPLIT_PROFILE = ('name = "split_2026"\npages_per_kit = 2\nkit_digits = [7, 12]\n'
                 'page_digits = [19, 20]\n')


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Bundled profiles in a folder of the test's own: the default (kit in digits 1–6) and
    `split_2026`, whose kit sits in digits 7–12, so the two split one number differently."""
    folder = tmp_path / "resources"
    (folder / "profiles").mkdir(parents=True)
    (folder / "profiles" / "default.toml").write_text(
        'name = "default"\npages_per_kit = 4\nkit_digits = [1, 6]\n', encoding="utf-8")
    (folder / "profiles" / "split_2026.toml").write_text(SPLIT_PROFILE, encoding="utf-8")
    monkeypatch.setattr(profile_module, "resources_dir", lambda: folder)
    return folder


def number(kit_a: str, kit_b: str, page: int) -> str:
    """Digits 1–6 and 7–12 hold different candidates for the kit."""
    return f"{kit_a}{kit_b}000000{page:02d}"


def test_an_event_without_a_snapshot_is_reviewed_and_packed_with_one_profile(
        tmp_path: Path, bundled: Path) -> None:
    folder = page_folder(tmp_path, 4)
    numbers = [number("111111", "500001", 1), number("111111", "500001", 2),
               number("111111", "500002", 1), number("111111", "500002", 2)]
    database = open_database(tmp_path / "station.sqlite3")
    with database.session() as session:
        event = Event(name="ОМК", profile_name="split_2026", profile_toml=None)
        package = Package(event=event, name=folder.name, folder=str(folder.resolve()))
        for seq, blank in enumerate(numbers, start=1):
            path = folder / f"{seq:04d}.tif"
            package.pages.append(Page(
                seq=seq, file_name=path.name, status=PageStatus.OK, blank_number=blank,
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                size_bytes=path.stat().st_size, width_px=420, height_px=560))
        session.add(package)
        session.flush()
        package_id = package.id

    reviewed = PackageService(database).profile_of(package_id)  # review, recognition
    review_kits = [reviewed.kit_of(n) for n in numbers]
    assert reviewed.name == "split_2026" and reviewed.pages_per_kit == 2
    assert review_kits == ["500001", "500001", "500002", "500002"]

    with database.session() as session:  # packing's view of the same package
        stored = session.get(Package, package_id)
        assert stored is not None
        files = sorted(folder.glob("*.tif"))
        packed_kits = [p.kit for p in pages_from_database(stored, folder, files)]
    assert packed_kits == review_kits

    # The archives themselves: two pages per part at most, kits never split.
    page_size = max(p.stat().st_size for p in folder.glob("*.tif"))
    result = pack_package(folder, PackOptions(out_dir=tmp_path / "out",
                                              limit=2 * page_size + 4000), database)
    manifests = [json.loads(a.manifest.read_text(encoding="utf-8")) for a in result.archives]
    assert [m["kits"] for m in manifests] == [["500001"], ["500002"]]
    database.close()


def test_the_snapshot_wins_over_the_bundled_profile_of_that_name(bundled: Path) -> None:
    snapshot = SPLIT_PROFILE.replace("pages_per_kit = 2", "pages_per_kit = 3")
    event = Event(name="e", profile_name="split_2026", profile_toml=snapshot)
    chosen = event_profile(event)
    assert (chosen.pages_per_kit, chosen.kit_digits) == (3, (7, 12))


def test_an_unknown_profile_name_without_a_snapshot_falls_back_to_the_default(
        bundled: Path) -> None:
    chosen = event_profile(Event(name="e", profile_name="gone_2025", profile_toml=""))
    assert (chosen.name, chosen.pages_per_kit, chosen.kit_digits) == ("default", 4, (1, 6))


def test_a_snapshot_without_a_name_takes_the_event_s_profile_name() -> None:
    event = Event(name="e", profile_name="old", profile_toml="pages_per_kit = 2\n")
    assert event_profile(event).name == "old"


def test_a_broken_snapshot_is_refused_with_a_message_naming_the_event() -> None:
    event = Event(name="ОМК", profile_name="x", profile_toml='name = "x"\n')
    with pytest.raises(ProfileError) as info:
        event_profile(event)
    assert "ОМК" in info.value.message and "pages_per_kit" in info.value.message


def test_a_profile_round_trips_through_its_snapshot(bundled: Path) -> None:
    for original in (resolve_profile("split_2026"),
                     EventProfile(name="plain", pages_per_kit=5, kit_digits=(2, 7))):
        again = event_profile(Event(name="e", profile_name="other",
                                    profile_toml=profile_toml(original)))
        assert again == original
