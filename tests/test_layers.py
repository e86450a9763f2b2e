"""docs/layers.md is the picture `make layers` draws from the imports: it must be current."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scripts import ROOT, load_script

layers = load_script("layers")


def test_layers_picture_is_current() -> None:
    current = (ROOT / "docs" / "layers.md").read_text(encoding="utf-8")
    assert current == layers.render(), "docs/layers.md is stale: run `make layers`"


def test_every_module_has_one_box() -> None:
    """A module no box names stops the drawing (so a new top-level module gets placed)."""
    for name in layers.import_graph.module_files():
        assert layers.box_of(name).match(name) > 0
    with pytest.raises(SystemExit, match="belongs to no box"):
        layers.box_of("scanstation_elsewhere.module")
    with pytest.raises(SystemExit, match="belongs to no box"):
        layers.box_of("scanstation.brand_new_module")


def test_box_of_takes_the_closest_name() -> None:
    assert layers.box_of("scanstation").key == "base"  # the root package is itself only
    assert layers.box_of("scanstation.cli").key == "commands"
    assert layers.box_of("scanstation.db.migrations.env").key == "db"
    assert layers.box_of("scanstation.ui.main_window").key == "ui"


def test_arrows_implied_by_a_longer_path_are_left_out() -> None:
    """A -> C is drawn only when no other path leads there; a lazy path never hides an
    eager arrow."""
    edges = {("a", "b"): False, ("b", "c"): False, ("a", "c"): False,
             ("x", "y"): True, ("y", "z"): False, ("x", "z"): False}
    assert layers.reduced(edges) == {("a", "b"): False, ("b", "c"): False,
                                     ("x", "y"): True, ("y", "z"): False, ("x", "z"): False}


def test_stale_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "layers.md"
    monkeypatch.setattr(layers, "OUTPUT", target)
    monkeypatch.setattr(layers, "ROOT", tmp_path)
    assert layers.main(["--check"]) == 1  # missing
    assert layers.main([]) == 0 and target.read_text(encoding="utf-8") == layers.render()
    assert layers.main(["--check"]) == 0
    target.write_text(target.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    assert layers.main(["--check"]) == 1
    assert "make layers" in capsys.readouterr().out
