"""Where assess finds its folders: the data shipped with it, and the default history.

The data folders live at the repository root (``question_banks/``, ``report_templates/``);
the wheel maps them into the package (``force-include`` in pyproject.toml). One resolver
serves both cases so nothing else needs to know how assess was installed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path

from assess.base.errors import UsageError

ENV_DB = "ASSESS_DB"


def _data_dir(name: str) -> Path:
    packaged = Path(str(files("assess"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"assess is installed without its {name}/ folder")


def bundled_banks_dir() -> Path:
    """The folder of question banks that ships with assess."""
    return _data_dir("question_banks")


def bundled_templates_dir() -> Path:
    """The folder of report templates that ships with assess."""
    return _data_dir("report_templates")


def default_location(environ: Mapping[str, str] = os.environ) -> str:
    """``ASSESS_DB`` when set, else ``history.db`` in the user's data folder."""
    if environ.get(ENV_DB):
        return environ[ENV_DB]
    import platformdirs

    return str(platformdirs.user_data_path("assess", appauthor=False) / "history.db")


def history_path(db: str | None) -> Path | None:
    """The history's file (``db``, else the default location); None for a database URL."""
    location = db or default_location()
    return None if "://" in location else Path(location).expanduser()


def has_history(db: str | None) -> bool:
    """False when no database was named and none exists at the default location yet.

    Lets a report skip the history (and importing SQLAlchemy) when there is none.
    """
    if db is not None:
        return True
    path = history_path(None)
    return path is None or path.exists()


def yaml_files(path: Path, recursive: bool = False) -> list[Path]:
    """``path`` itself, or the *.yaml/*.yml files in (or, recursively, below) a folder.

    Raises:
        UsageError: the folder holds no such file.
    """
    if not path.is_dir():
        return [path]
    find = path.rglob if recursive else path.glob
    found = sorted([*find("*.yaml"), *find("*.yml")])
    if not found:
        raise UsageError(f"no .yaml files {'under' if recursive else 'in'} {path}")
    return found
