"""Pages with real encoded symbols, rendered once per test session."""

from __future__ import annotations

import pytest
from PIL import Image

from scanstation.profile import EventProfile
from scanstation.samples import render_blank, sample_number

NUMBER = sample_number(3, 19, 123456)


@pytest.fixture(scope="session")
def profile() -> EventProfile:
    return EventProfile(name="test", pages_per_kit=20)


@pytest.fixture(scope="session")
def blanks() -> dict[str, Image.Image]:
    """One upright blank per symbology, all carrying NUMBER."""
    from scanstation.samples import SYMBOLOGIES

    return {symbology: render_blank(NUMBER, symbology) for symbology in SYMBOLOGIES}


def turned(page: Image.Image, clockwise_fix: int) -> Image.Image:
    """The page as scanned when it needs `clockwise_fix` degrees clockwise to be upright."""
    return page.rotate(clockwise_fix, expand=True) if clockwise_fix else page
