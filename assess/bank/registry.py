"""Find question banks by ``id`` or ``id@version`` on a search path, or by file path.

Layout of a banks folder: ``<folder>/<bank-id>/<MAJOR.MINOR.PATCH>.yaml``. The search
path is the bundled banks, then ``--banks-dir`` folders, then ``ASSESS_BANKS_PATH``
(``os.pathsep``-separated). When two folders hold the same id@version, the first wins.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.bank.load import LoadedBank, load_bank
from assess.base.errors import BankError, BankNotFoundError, InputError, Problem, UsageError
from assess.base.parse import BANK_REF, SEMVER, did_you_mean, semver_key
from assess.base.paths import bundled_banks_dir, yaml_files
from assess.base.safe_yaml import DEFAULT_LIMITS, Limits
from assess.base.words import count

ENV_PATH = "ASSESS_BANKS_PATH"


@dataclass(frozen=True, slots=True)
class BankEntry:
    """A bank file found on the search path (not yet loaded)."""

    id: str
    version: str
    path: Path
    shown: str
    """How the file is named in messages: relative to its banks folder's parent."""

    @property
    def ref(self) -> str:
        """``id@version``."""
        return f"{self.id}@{self.version}"


class Registry:
    """The banks visible on one search path."""

    def __init__(self, folders: Sequence[Path], limits: Limits = DEFAULT_LIMITS) -> None:
        """Use ``folders`` in order; see the module docstring for precedence."""
        self.folders = tuple(folders)
        self.limits = limits
        self._loaded: dict[str, LoadedBank] = {}
        self._refused: dict[str, BankError] = {}

    @classmethod
    def default(
        cls,
        extra: Iterable[Path] = (),
        environ: Mapping[str, str] = os.environ,
        limits: Limits | None = None,
    ) -> Registry:
        """The bundled banks, then ``extra`` folders, then those in ``ASSESS_BANKS_PATH``.

        ``limits`` defaults to the environment's (``ASSESS_MAX_FILE_BYTES``).

        Raises:
            UsageError: a named folder does not exist, or the limit variable is malformed.
        """
        if limits is None:
            limits = Limits.from_env(environ)
        from_env = [Path(p) for p in environ.get(ENV_PATH, "").split(os.pathsep) if p]
        folders = [*extra, *from_env]
        for folder in folders:
            if not folder.is_dir():
                raise UsageError(f"banks folder not found: {folder}")
        return cls([bundled_banks_dir(), *folders], limits)

    def entries(self) -> list[BankEntry]:
        """Every bank version on the path, sorted by id then version; first folder wins."""
        found: dict[tuple[str, str], BankEntry] = {}
        for folder in self.folders:
            for file in sorted(folder.glob("*/*.yaml")):
                bank_id, version = file.parent.name, file.stem
                if re.match(SEMVER, version) and (bank_id, version) not in found:
                    shown = str(file.relative_to(folder.parent))
                    found[bank_id, version] = BankEntry(bank_id, version, file, shown)
        return sorted(found.values(), key=lambda e: (e.id, semver_key(e.version)))

    def find(self, spec: str) -> BankEntry:
        """The entry for ``id`` (latest version) or ``id@version``.

        Raises:
            UsageError: ``spec`` is not a bank reference.
            BankNotFoundError: no such bank or version on the path.
        """
        if not re.match(BANK_REF, spec):
            raise UsageError(
                f"{spec!r} is not a bank reference: use an id like 'rampac-core', "
                "an id@version like 'rampac-core@1.0.0', or a path to a .yaml file"
            )
        bank_id, _, version = spec.partition("@")
        entries = self.entries()
        same_id = [e for e in entries if e.id == bank_id]
        if not same_id:
            hint = did_you_mean(bank_id, sorted({e.id for e in entries}))
            raise BankNotFoundError(
                f"no bank {bank_id!r} on the search path"
                + (f" ({hint})" if hint else "")
                + "; `assess banks list` shows the banks there are"
            )
        if not version:
            return same_id[-1]
        for entry in same_id:
            if entry.version == version:
                return entry
        known = ", ".join(e.version for e in same_id)
        raise BankNotFoundError(f"bank {bank_id!r} has no version {version} (it has: {known})")

    def load_all(self) -> list[LoadedBank]:
        """Every bank version on the path, loaded, in `entries` order.

        Raises:
            BankError: a bank on the path is invalid.
        """
        return [self.load(str(entry.path)) for entry in self.entries()]

    def load(self, spec: str) -> LoadedBank:
        """Load a bank by reference, or by path when ``spec`` names a .yaml/.yml file.

        Each bank is loaded once per registry: many answer files naming one bank share it,
        and an invalid one is refused again without being read again.

        Raises:
            UsageError, BankNotFoundError: as `find`.
            BankError: the bank is invalid, or its id/version disagree with its location.
        """
        if spec in self._refused:
            raise self._refused[spec]
        if spec not in self._loaded:
            try:
                if spec.endswith((".yaml", ".yml")) or os.sep in spec or "/" in spec:
                    self._loaded[spec] = load_bank_file(Path(spec), self.limits)
                else:
                    entry = self.find(spec)
                    self._loaded[spec] = load_bank_file(entry.path, self.limits, entry.shown)
            except BankError as err:
                self._refused[spec] = err
                raise
        return self._loaded[spec]


def load_bank_file(
    path: Path, limits: Limits = DEFAULT_LIMITS, name: str | None = None
) -> LoadedBank:
    """Load a bank file; one named like a version must sit at ``<id>/<version>.yaml``.

    Raises:
        BankError: the bank is invalid, or its id/version disagree with its location.
    """
    stored_as = (path.parent.name, path.stem) if re.match(SEMVER, path.stem) else None
    return load_bank(path, limits, name, stored_as)


def validate_bank_files(paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[str]:
    """Check bank files (folders: every *.yaml below them); yield a line per valid one.

    A folder's ``mappings`` folders hold the mappings of observed evidence beside each
    bank, not banks: `assess validate` checks those.

    Raises:
        InputError: after the last file, every problem found in any of them.
        UsageError: a folder holds no .yaml file.
    """
    problems: list[Problem] = []
    found = [
        f
        for path in paths
        for f in yaml_files(path, recursive=True)
        if f == path or "mappings" not in f.relative_to(path).parts[:-1]
    ]
    for file in found:
        try:
            loaded = load_bank_file(file, limits)
        except InputError as err:
            problems.extend(err.problems)
        else:
            yield f"ok: {file} ({loaded.bank.ref}, {count(len(loaded.bank.questions), 'question')})"
    if problems:
        raise InputError(problems)
