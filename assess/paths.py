"""Find the data folders shipped with assess, in a checkout and in an installed wheel.

The folders live at the repository root (``question_banks/``, ``report_templates/``);
the wheel maps them into the package (``force-include`` in pyproject.toml). One resolver
serves both cases so nothing else needs to know how assess was installed.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data_dir(name: str) -> Path:
    packaged = Path(str(files("assess"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"assess is installed without its {name}/ folder")


def bundled_banks_dir() -> Path:
    """The folder of question banks that ships with assess."""
    return _data_dir("question_banks")


def bundled_templates_dir() -> Path:
    """The folder of report templates that ships with assess."""
    return _data_dir("report_templates")
