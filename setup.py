"""Packaging beyond what pyproject.toml's tables can say: `resources/` (event profiles,
translations, the sample blank, icons) lives beside the package in the repository, and a
plain `pip install .` must still carry it. It goes into the wheel as the package data of
`scanstation.resources` (installed as `scanstation/resources/`, which
`scanstation.paths.resources_dir()` looks for first). Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["scanstation*"]), "scanstation.resources"],
    package_dir={"scanstation.resources": "resources"},
    package_data={
        "scanstation.db": ["migrations/*.py", "migrations/*.mako", "migrations/versions/*.py"],
        "scanstation.resources": ["profiles/*.toml", "translations/*.qm",
                                  "translations/scanstation_*.ts", "samples/*.tif",
                                  "samples/*.json", "icons/*.svg", "icons/*.png",
                                  "tessdata/*.traineddata", "tessdata/COPYRIGHT.*"],
    },
)
