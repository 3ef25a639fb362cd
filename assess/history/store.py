"""The history store: recorded assessments in a SQL database, through SQLAlchemy Core.

By default a SQLite file in the user's data folder; any SQLAlchemy URL (PostgreSQL
included) works through the same code. The schema carries its version in
``assess_meta`` and is migrated forward, one tested step at a time, when a store is
opened. A file that is not an assess store is refused before anything is written to it.

SQLite runs in WAL mode with a busy timeout, and every write starts with
``BEGIN IMMEDIATE``, so concurrent ``assess record`` runs queue rather than fail.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import re
import shlex
import sqlite3
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Self, cast
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event, exc

from assess import __version__
from assess.base.errors import AssessError, EnvironmentFailure, UsageError
from assess.base.framework import Role
from assess.base.parse import did_you_mean
from assess.base.paths import default_location
from assess.history.snapshot import QuestionFigure, Record, Snapshot
from assess.scoring.results import DimensionFigure, GroupTargets

SCHEMA_VERSION = 4
BUSY_TIMEOUT_S = 30.0
_PG_LOCK = 7_406_203  # advisory lock id serialising schema set-up on PostgreSQL


class StoreError(AssessError):
    """The history database cannot be used: not an assess store, too new, or unreadable."""


class StoreUnavailableError(EnvironmentFailure):
    """The database server cannot be reached, or the store stayed locked past the timeout."""


class DuplicateRecordError(AssessError):
    """The subject already has a record for this period."""


metadata = sa.MetaData()
meta_table = sa.Table(
    "assess_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(256), nullable=False),
)
assessments = sa.Table(
    "assess_assessments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subject", sa.String(256), nullable=False),
    sa.Column("period", sa.String(64), nullable=False),
    sa.Column("assessed_on", sa.Date, nullable=False),
    sa.Column("recorded_at", sa.String(32), nullable=False),
    sa.Column("tool_version", sa.String(32), nullable=False),
    sa.Column("bank_id", sa.String(128), nullable=False),
    sa.Column("bank_version", sa.String(32), nullable=False),
    sa.Column("bank_digest", sa.String(128), nullable=False),
    sa.Column("profile", sa.String(128), nullable=False),
    sa.Column("respondents", sa.JSON, nullable=False),
    sa.Column("overall", sa.Float),
    sa.Column("overall_target", sa.Float, nullable=False),
    sa.Column("coverage", sa.Float, nullable=False),
    # Schema 3: the roadmap's Now phase (question ids); NULL for records made before.
    sa.Column("now_phase", sa.JSON),
    sa.UniqueConstraint("subject", "period", name="uq_assess_subject_period"),
    # Never reuse the id of a replaced record: ids are how users name records.
    sqlite_autoincrement=True,
)
scores = sa.Table(
    "assess_scores",
    metadata,
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey(assessments.c.id), primary_key=True),
    sa.Column("kind", sa.String(8), primary_key=True),
    sa.Column("dimension", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("target", sa.Float, nullable=False),
    sa.Column("coverage", sa.Float, nullable=False),
)
questions = sa.Table(
    "assess_questions",
    metadata,
    sa.Column("assessment_id", sa.Integer, sa.ForeignKey(assessments.c.id), primary_key=True),
    sa.Column("question_id", sa.String(128), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("levels", sa.JSON, nullable=False),
    sa.Column("top", sa.Integer, nullable=False),
    sa.Column("na", sa.Integer, nullable=False),
    sa.Column("unknown", sa.Integer, nullable=False),
    sa.Column("unanswered", sa.Integer, nullable=False),
    sa.Column("weights", sa.JSON, nullable=False),
)


subjects_table = sa.Table(
    "assess_subjects",
    metadata,
    sa.Column("subject", sa.String(256), primary_key=True),
    # The group path ("Retail/Claims"); "" for a subject in no group.
    sa.Column("group_path", sa.String(256), nullable=False),
)


group_targets_table = sa.Table(
    "assess_group_targets",
    metadata,
    sa.Column("group_path", sa.String(256), primary_key=True),
    sa.Column("source", sa.String(300), nullable=False),
    # A profile's name (looked up in each subject's bank), or a targets file's values.
    sa.Column("profile", sa.String(64), nullable=True),
    sa.Column("pillars", sa.JSON, nullable=True),
    sa.Column("benefits", sa.JSON, nullable=True),
)


def _schema_1(conn: sa.Connection) -> None:
    # A new store gets today's columns at once; a store made by an older assess gets
    # the later ones from the step that introduced them.
    metadata.create_all(conn, tables=[meta_table, assessments, scores])


def _schema_2(conn: sa.Connection) -> None:
    # Version 2 keeps each question's level distribution, for per-question comparison
    # and migration across bank versions; records made under version 1 have none.
    questions.create(conn)
    conn.execute(
        sa.text("CREATE INDEX ix_assess_subject_date ON assess_assessments (subject, assessed_on)")
    )


def _schema_3(conn: sa.Connection) -> None:
    # Version 3 puts subjects in groups for the portfolio (each recorded subject starts in
    # none) and keeps each record's Now phase, for what to fund centrally.
    subjects_table.create(conn)
    conn.execute(
        sa.insert(subjects_table).from_select(
            ["subject", "group_path"],
            sa.select(assessments.c.subject, sa.literal("")).distinct(),
        )
    )
    columns = {c["name"] for c in sa.inspect(conn).get_columns(assessments.name)}
    if "now_phase" not in columns:
        conn.execute(sa.text("ALTER TABLE assess_assessments ADD COLUMN now_phase JSON"))


def _schema_4(conn: sa.Connection) -> None:
    # Version 4 keeps targets set per group, which the group's subjects inherit.
    group_targets_table.create(conn)


MIGRATIONS: tuple[Callable[[sa.Connection], None], ...] = (
    _schema_1,
    _schema_2,
    _schema_3,
    _schema_4,
)
"""MIGRATIONS[n] takes a store from schema version n to n + 1."""


def database_url(location: str) -> tuple[str, Path | None]:
    """The SQLAlchemy URL for a path or URL, and the SQLite file when it is one.

    Raises:
        UsageError: a malformed URL (shown with its password masked), or an in-memory
            database, which would keep nothing.
    """
    if "://" in location:
        try:
            url = sa.engine.make_url(location)
            url.port  # noqa: B018 - a bad port only fails when read
        except (exc.ArgumentError, ValueError):
            raise UsageError(
                f"--db {mask_password(location)!r} is not a database URL or a file path"
            ) from None
        database = url.database
        if url.get_backend_name() == "sqlite":
            if not database or ":memory:" in database or "mode=memory" in location:
                raise UsageError(
                    f"--db {location!r} is an in-memory database, which keeps nothing: give a file"
                )
            return location, Path(database)
        return location, None
    if location.strip() == ":memory:" or location.startswith("file:"):
        raise UsageError(
            f"--db {location!r} is not a file path (an in-memory or URI name keeps nothing): "
            "give a file path, or a sqlite:/// URL"
        )
    path = Path(location).expanduser()
    return f"sqlite:///{path}", path


def mask_password(url: str) -> str:
    """``url`` with any password (``user:secret@``, ``?password=secret``) shown as ``***``."""
    url = re.sub(r"(://[^:/@]*:)[^/]*@", r"\1***@", url)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url, flags=re.IGNORECASE)


class HistoryStore:
    """A connection to one history database. Use as a context manager, or call `close`."""

    def __init__(self, location: str, *, create: bool = True, migrate_to: int = SCHEMA_VERSION):
        """Open (and when needed set up or migrate) the store at a path or URL.

        Args:
            location: a file path or a SQLAlchemy URL.
            create: set up an empty store when the database is new, and migrate an
                older one. False opens the store read-only: nothing is ever written
                (an empty file stays empty, an older schema is read as it is), and a
                missing SQLite file raises `StoreError`.
            migrate_to: the schema version to bring the store to (tests use older ones).

        Raises:
            StoreError: unreadable, foreign, corrupt or newer-than-supported database.
            UsageError: the location is neither a path nor a URL.
        """
        self.location = location
        url, self.file = database_url(location)
        self.shown = str(self.file) if self.file else mask_password(url)
        created = self.file is not None and not self.file.exists()
        if self.file is not None:
            if self.file.exists() and not self.file.is_file():
                raise StoreError(
                    f"{self.file} is not a regular file (a folder, device or pipe), so it "
                    "cannot hold a history: point --db or ASSESS_DB at a file"
                )
            if not self.file.exists() and not create:
                raise StoreError(f"no history at {self.file}: record an assessment first")
            if not self.file.parent.is_dir():
                if not create:
                    raise StoreError(f"no history at {self.file}")
                try:
                    self.file.parent.mkdir(parents=True, exist_ok=True)
                except OSError as err:
                    raise StoreError(
                        f"cannot make the folder for the history at {self.file}: "
                        f"{err.strerror or err}"
                    ) from None
        # A store we may only read, in a folder or on a disk we cannot write, cannot
        # take SQLite's WAL locks: read it as an unchanging file instead.
        frozen = (
            not create
            and self.file is not None
            and not (os.access(self.file, os.W_OK) and os.access(self.file.parent, os.W_OK))
        )
        try:
            with warnings.catch_warnings():
                # An option SQLAlchemy ignores (a URL's ?mode=ro) must not pass unnoticed.
                warnings.simplefilter("error", exc.SAWarning)
                self.engine = _engine(url, self.file if frozen else None)
        except exc.SAWarning as err:
            raise UsageError(f"--db {self.shown!r}: {str(err).splitlines()[0]}") from None
        except exc.NoSuchModuleError as err:
            raise StoreError(f"database driver not installed for {self.shown}: {err}") from None
        except ModuleNotFoundError as err:
            raise StoreError(
                f"database driver {err.name!r} is not installed for {self.shown}; "
                "install it with pip (for PostgreSQL: pip install 'assess[postgres]')"
            ) from None
        self._writable = create
        try:
            self.version = self._prepare(migrate_to)
        except BaseException:
            self.engine.dispose()
            # Set-up failed (a full disk, say): leave no empty database behind.
            if created and self.file is not None and _is_empty_file(self.file):
                self.file.unlink()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        if not self._writable:
            raise StoreError(f"the history at {self.shown} was opened read-only")
        with self._guard(), self.engine.connect() as conn:
            conn = conn.execution_options(assess_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self._guard(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn driver errors into one `StoreError` naming the database."""
        try:
            yield
        except exc.IntegrityError:
            raise
        except exc.OperationalError as err:
            reason = _reason(err)
            for secret in _secrets(self.location):
                reason = reason.replace(secret, "***")
            message = f"cannot use the history at {self.shown}: {reason}"
            if self.file is None or any(
                cause in message for cause in ("locked", "disk is full", "disk I/O error")
            ):
                raise StoreUnavailableError(message) from None
            raise StoreError(message) from None
        except exc.DatabaseError as err:
            raise StoreError(
                f"{self.shown} is not a usable history database ({_reason(err)}); "
                "it was left unchanged: point --db or ASSESS_DB at another file"
            ) from None

    def _prepare(self, target: int) -> int:
        """Bring the store to schema ``target`` (read-only: leave it); its version then."""
        with self._read() as conn:
            version = self._version(conn)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.shown} holds history schema {version}, newer than this assess "
                f"({__version__}) understands ({SCHEMA_VERSION}); upgrade assess"
            )
        if not self._writable:
            return version
        if version == target:
            self._enable_wal()
            return version
        with self._write() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK})
            # Another process may have set the store up while we waited for the lock.
            version = self._version(conn)
            for step in range(version, target):
                MIGRATIONS[step](conn)
            if version == 0:
                conn.execute(meta_table.insert(), {"key": "schema_version", "value": str(target)})
            elif version < target:
                conn.execute(
                    meta_table.update()
                    .where(meta_table.c.key == "schema_version")
                    .values(value=str(target))
                )
        self._enable_wal()
        return target

    def _version(self, conn: sa.Connection) -> int:
        """The store's schema version; 0 for an empty database. Refuses foreign ones."""
        tables = set(sa.inspect(conn).get_table_names())
        if meta_table.name not in tables:
            if tables:
                shown = ", ".join(sorted(tables)[:5])
                raise StoreError(
                    f"{self.shown} is a database but not an assess history (it holds: "
                    f"{shown}); it was left unchanged: point --db or ASSESS_DB elsewhere"
                )
            return 0
        value = conn.execute(
            sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
        ).scalar()
        if value is None or not str(value).isdigit():
            raise StoreError(f"{self.shown}: assess_meta has no valid schema_version")
        return int(value)

    def _enable_wal(self) -> None:
        """Put a SQLite file in WAL mode, waiting up to the busy timeout for other writers.

        The mode is stored in the file, so this is usually a read that finds it done.
        """
        if self.engine.dialect.name != "sqlite" or self.file is None:
            return
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        with self._guard():
            raw = self.engine.raw_connection()
        try:
            driver: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
            while True:
                try:
                    # Outside any transaction: SQLite cannot change journal mode inside one.
                    if driver.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                        driver.execute("PRAGMA journal_mode=WAL")
                    return
                except sqlite3.Error as err:
                    # Switching modes needs the file to itself, and SQLite reports a
                    # writer in the way at once instead of calling the busy handler.
                    if "locked" not in str(err) or time.monotonic() > deadline:
                        raise StoreError(f"cannot use the history at {self.shown}: {err}") from None
                    # Jitter so two waiting processes do not retry in step.
                    time.sleep(random.uniform(0.01, 0.05))  # noqa: S311
        finally:
            raw.close()

    @property
    def _columns(self) -> list[sa.Column[Any]]:
        """The record columns this store has (a read-only older store lacks later ones)."""
        return [c for c in assessments.c if self.version >= 3 or c.name != "now_phase"]

    @property
    def schema_version(self) -> int:
        """The schema version the store is at now."""
        return self.version

    def record(self, snapshot: Snapshot, replace: bool = False, group: str | None = None) -> Record:
        """Store one assessment in one transaction and return it with its id.

        A new subject joins ``group`` (or no group); a known one keeps its group.

        Raises:
            DuplicateRecordError: the subject and period are recorded and not ``replace``.
            UsageError: ``group`` differs from the group the subject is in.
        """
        recorded_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        try:
            with self._write() as conn:
                if self.engine.dialect.name == "postgresql":
                    # Writers of one round take turns, so a --replace always finds the row
                    # a concurrent writer committed (SQLite's BEGIN IMMEDIATE does this).
                    conn.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:lock, hashtext(:round))"),
                        {"lock": _PG_LOCK, "round": snapshot.label},
                    )
                existing = conn.execute(
                    sa.select(assessments.c.id).where(
                        assessments.c.subject == snapshot.subject,
                        assessments.c.period == snapshot.period,
                    )
                ).scalar()
                if existing is not None:
                    if not replace:
                        raise _duplicate(snapshot)
                    self._delete(conn, existing)
                self._join(conn, snapshot.subject, group)
                new_id = self._insert(conn, snapshot, recorded_at)
        except exc.IntegrityError:
            # A concurrent run recorded the same subject and period first.
            raise _duplicate(snapshot) from None
        return Record(new_id, recorded_at, __version__, snapshot)

    def _insert(self, conn: sa.Connection, s: Snapshot, recorded_at: str) -> int:
        row = conn.execute(
            assessments.insert().returning(assessments.c.id),
            {
                "subject": s.subject,
                "period": s.period,
                "assessed_on": s.assessed_on,
                "recorded_at": recorded_at,
                "tool_version": __version__,
                "bank_id": s.bank_id,
                "bank_version": s.bank_version,
                "bank_digest": s.bank_digest,
                "profile": s.profile,
                "respondents": [list(pair) for pair in s.respondents],
                "overall": s.overall,
                "overall_target": s.overall_target,
                "coverage": s.coverage,
                **({"now_phase": list(s.now)} if self.version >= 3 else {}),
            },
        )
        new_id = int(row.scalar_one())
        conn.execute(
            scores.insert(),
            [
                {
                    "assessment_id": new_id,
                    "kind": kind,
                    "dimension": d.id,
                    "position": i,
                    "score": d.score,
                    "target": d.target,
                    "coverage": d.coverage,
                }
                for kind, dims in (("pillar", s.pillars), ("benefit", s.benefits))
                for i, d in enumerate(dims)
            ],
        )
        if s.questions:
            conn.execute(
                questions.insert(),
                [
                    {
                        "assessment_id": new_id,
                        "question_id": q.id,
                        "position": i,
                        "levels": {str(level): n for level, n in q.levels},
                        "top": q.top,
                        "na": q.na,
                        "unknown": q.unknown,
                        "unanswered": q.unanswered,
                        "weights": {"pillars": dict(q.pillars), "benefits": dict(q.benefits)},
                    }
                    for i, q in enumerate(s.questions)
                ],
            )
        return new_id

    def _join(self, conn: sa.Connection, subject: str, group: str | None) -> None:
        """Put a new subject in ``group``; refuse to move a known one silently."""
        if self.version < 3:  # a store kept at an older schema (tests) has no groups
            return
        # Writers of two rounds of one new subject may race here: the first one's group
        # stands, and the other sees it (on SQLite, BEGIN IMMEDIATE already serialises).
        from sqlalchemy.dialects import postgresql, sqlite

        pg = self.engine.dialect.name == "postgresql"
        statement: Any = (postgresql.insert if pg else sqlite.insert)(subjects_table)
        conn.execute(
            statement.values(subject=subject, group_path=group or "").on_conflict_do_nothing(
                index_elements=["subject"]
            )
        )
        current = conn.execute(
            sa.select(subjects_table.c.group_path).where(subjects_table.c.subject == subject)
        ).scalar()
        if group is not None and group != current:
            raise UsageError(
                f"{subject!r} is in group {current or '(none)'!r}, not {group!r}; move it with "
                f"`assess subjects set-group {_quoted(subject)} {_quoted(group)}`, then record"
            )

    def groups(self) -> dict[str, str]:
        """Every recorded subject's group path ("" for none), by subject."""
        if self.version < 3:
            return dict.fromkeys(self.subjects(), "")
        with self._read() as conn:
            rows = conn.execute(sa.select(subjects_table.c.subject, subjects_table.c.group_path))
            return {str(subject): str(group) for subject, group in rows}

    def set_group(self, subject: str, group: str) -> str:
        """Move ``subject`` to ``group`` ("" for none); return the group it was in.

        Raises:
            UsageError: the subject has no record.
        """
        known = self.groups()
        if subject not in known:
            self.records_of(subject)  # raises, naming the close subjects
        with self._write() as conn:
            conn.execute(
                subjects_table.update()
                .where(subjects_table.c.subject == subject)
                .values(group_path=group)
            )
        return known[subject]

    def group_targets(self) -> dict[str, GroupTargets]:
        """The targets set per group, by group path."""
        if self.version < 4:
            return {}
        with self._read() as conn:
            rows = conn.execute(sa.select(group_targets_table)).all()
        return {
            str(r.group_path): GroupTargets(
                str(r.group_path),
                str(r.source),
                r.profile,
                None if r.pillars is None else dict(r.pillars),
                None if r.benefits is None else dict(r.benefits),
            )
            for r in rows
        }

    def set_group_targets(self, targets: GroupTargets | None, group: str) -> None:
        """Set ``group``'s targets (None: clear them), replacing any it had."""
        with self._write() as conn:
            table = group_targets_table
            conn.execute(table.delete().where(table.c.group_path == group))
            if targets is not None:
                conn.execute(
                    table.insert().values(
                        group_path=group,
                        source=targets.source,
                        profile=targets.profile,
                        pillars=None if targets.pillars is None else dict(targets.pillars),
                        benefits=None if targets.benefits is None else dict(targets.benefits),
                    )
                )

    @staticmethod
    def _delete(conn: sa.Connection, record_id: int) -> None:
        for table in (questions, scores):
            conn.execute(table.delete().where(table.c.assessment_id == record_id))
        conn.execute(assessments.delete().where(assessments.c.id == record_id))

    def records(
        self, subject: str | None = None, with_questions: bool = False, figures: bool = True
    ) -> list[Record]:
        """Records (of one subject, or all), oldest first: by date, then period, then id.

        Without ``figures``, only the header of each (no pillar, benefit or question
        figures): for picking the records to read in full with `with_figures`.
        """
        if self.version == 0:
            return []
        query = sa.select(*self._columns).order_by(
            assessments.c.assessed_on, assessments.c.period, assessments.c.id
        )
        if subject is not None:
            query = query.where(assessments.c.subject == subject)
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
            ids = [row["id"] for row in rows]
            dims = self._dimensions(conn, ids) if figures else {}
            asked = self._questions(conn, ids) if with_questions else {}
        return [_record(row, dims.get(row["id"], {}), asked.get(row["id"], ())) for row in rows]

    def with_figures(self, records: Sequence[Record], questions: bool = False) -> list[Record]:
        """The same records with their pillar and benefit figures (and questions), read at once."""
        ids = [r.id for r in records]
        with self._read() as conn:
            dims = self._dimensions(conn, ids)
            asked = self._questions(conn, ids) if questions else {}
        return [
            replace(
                r,
                snapshot=replace(
                    r.snapshot,
                    pillars=tuple(dims.get(r.id, {}).get("pillar", ())),
                    benefits=tuple(dims.get(r.id, {}).get("benefit", ())),
                    questions=asked.get(r.id, r.snapshot.questions),
                ),
            )
            for r in records
        ]

    def with_questions(self, records: Sequence[Record]) -> list[Record]:
        """The same records with their questions, read in one query."""
        with self._read() as conn:
            asked = self._questions(conn, [r.id for r in records])
        return [
            replace(r, snapshot=replace(r.snapshot, questions=asked.get(r.id, ()))) for r in records
        ]

    def records_of(self, subject: str, with_questions: bool = False) -> list[Record]:
        """One subject's records, oldest first.

        Raises:
            UsageError: the subject has no record (the message names the close ones).
        """
        found = self.records(subject, with_questions)
        if not found:
            known = self.subjects()
            hint = did_you_mean(subject, known) or (
                "recorded subjects: " + ", ".join(known) if known else "nothing is recorded yet"
            )
            raise UsageError(f"no records of {subject!r} in {self.shown} ({hint})")
        return found

    def subjects(self) -> list[str]:
        """Every subject with a record, sorted."""
        if self.version == 0:
            return []
        with self._read() as conn:
            query = sa.select(assessments.c.subject).distinct().order_by(assessments.c.subject)
            return [str(s) for s in conn.execute(query).scalars()]

    @property
    def listed_by(self) -> str:
        """The command that lists this history's records, ``--db`` included."""
        where = shlex.quote(str(self.file)) if self.file else "URL"
        return f"`assess history --db {where}`"

    def get(self, ref: str) -> Record:
        """The record named by id (``12``) or ``subject@period``, with its questions.

        Raises:
            UsageError: no such record (the message lists what there is).
        """
        if ref.isascii() and ref.isdigit():
            if len(ref) > 18:  # beyond any id a database column holds
                raise UsageError(
                    f"no record {ref[:20]!r} in {self.shown}; {self.listed_by} lists them"
                )
            condition = assessments.c.id == int(ref)
        else:
            subject, sep, period = ref.rpartition("@")
            if not sep or not subject or not period:
                raise UsageError(f"{ref!r}: name a record by its id or as SUBJECT@PERIOD")
            condition = (assessments.c.subject == subject) & (assessments.c.period == period)
        with self._read() as conn:
            row = (
                None
                if self.version == 0
                else conn.execute(sa.select(*self._columns).where(condition)).mappings().first()
            )
            if row is None:
                raise UsageError(f"no record {ref!r} in {self.shown}; {self.listed_by} lists them")
            dims = self._dimensions(conn, [row["id"]])
            asked = self._questions(conn, [row["id"]])
        return _record(row, dims.get(row["id"], {}), asked.get(row["id"], ()))

    @staticmethod
    def _dimensions(
        conn: sa.Connection, ids: Sequence[int]
    ) -> dict[int, dict[str, list[DimensionFigure]]]:
        out: dict[int, dict[str, list[DimensionFigure]]] = {}
        if not ids:
            return out
        c = scores.c
        query = (
            sa.select(c.assessment_id, c.kind, c.dimension, c.score, c.target, c.coverage)
            .where(c.assessment_id.in_(ids))
            .order_by(c.assessment_id, c.kind, c.position)
        )
        # Plain tuples: a portfolio reads tens of thousands of these rows.
        for record_id, kind, dim, score, target, coverage in conn.execute(query):
            out.setdefault(record_id, {}).setdefault(kind, []).append(
                DimensionFigure(dim, score, target, coverage)
            )
        return out

    def _questions(
        self, conn: sa.Connection, ids: Sequence[int]
    ) -> dict[int, tuple[QuestionFigure, ...]]:
        # Schema 1 kept no questions; a read-only store is read as it is.
        if not ids or self.version < 2:
            return {}
        # The JSON columns are read as text and decoded once per distinct value: every
        # record of a bank version repeats each question's weights, and level counts
        # repeat too, so a portfolio of thousands of records decodes a few hundred.
        c = questions.c
        query = (
            sa.select(
                c.assessment_id,
                c.question_id,
                c.na,
                c.unknown,
                c.unanswered,
                c.top,
                sa.cast(c.levels, sa.Text).label("levels"),
                sa.cast(c.weights, sa.Text).label("weights"),
            )
            .where(c.assessment_id.in_(ids))
            .order_by(c.assessment_id, c.position)
        )
        levels_of: dict[str, tuple[tuple[int, int], ...]] = {}
        weights_of: dict[str, tuple[tuple[tuple[str, float], ...], ...]] = {}
        out: dict[int, list[QuestionFigure]] = {}
        for row in conn.execute(query):
            record_id, question_id, na, unknown, unanswered, top, raw_levels, raw_weights = row
            levels = levels_of.get(raw_levels)
            if levels is None:
                levels = tuple(sorted((int(k), int(v)) for k, v in json.loads(raw_levels).items()))
                levels_of[raw_levels] = levels
            weights = weights_of.get(raw_weights)
            if weights is None:
                raw = json.loads(raw_weights)
                weights = (tuple(raw["pillars"].items()), tuple(raw["benefits"].items()))
                weights_of[raw_weights] = weights
            out.setdefault(record_id, []).append(
                QuestionFigure(
                    id=question_id,
                    na=na,
                    unknown=unknown,
                    unanswered=unanswered,
                    levels=levels,
                    top=top,
                    pillars=weights[0],
                    benefits=weights[1],
                )
            )
        return {k: tuple(v) for k, v in out.items()}


def open_store(db: str | None, *, create: bool = True) -> HistoryStore:
    """The store at ``db``, else at ``ASSESS_DB``, else in the user's data folder.

    ``create=False`` opens it read-only (see `HistoryStore`).

    Raises:
        UsageError: ``db`` is given but empty.
    """
    if db is not None and not db.strip():
        raise UsageError("--db is empty: give a file path or a database URL")
    return HistoryStore(db or default_location(), create=create)


def earlier_records(
    records: Sequence[Record], period: str | None, on: datetime.date
) -> list[Record]:
    """The records that come before the round ``period`` assessed ``on``, oldest first.

    A recorded round keeps its recorded date; other rounds sort by ``on``, then period.
    """
    for r in records:
        if r.snapshot.period == period:
            on = r.snapshot.assessed_on
    key = (on, period or "")
    return [
        r
        for r in records
        if r.snapshot.period != period and (r.snapshot.assessed_on, r.snapshot.period) < key
    ]


def _record(
    row: sa.RowMapping,
    dims: Mapping[str, list[DimensionFigure]],
    asked: tuple[QuestionFigure, ...],
) -> Record:
    snapshot = Snapshot(
        subject=row["subject"],
        period=row["period"],
        assessed_on=row["assessed_on"],
        bank_id=row["bank_id"],
        bank_version=row["bank_version"],
        bank_digest=row["bank_digest"],
        profile=row["profile"],
        respondents=tuple((cast(Role, role), int(n)) for role, n in row["respondents"]),
        overall=row["overall"],
        overall_target=row["overall_target"],
        coverage=row["coverage"],
        pillars=tuple(dims.get("pillar", ())),
        benefits=tuple(dims.get("benefit", ())),
        questions=asked,
        now=tuple(row.get("now_phase") or ()),
    )
    return Record(row["id"], row["recorded_at"], row["tool_version"], snapshot)


def _quoted(text: str) -> str:
    """``text`` as one shell word."""
    import shlex

    return shlex.quote(text)


def _duplicate(s: Snapshot) -> DuplicateRecordError:
    return DuplicateRecordError(
        f"{s.label} is already recorded; give --replace to overwrite it, "
        "or --period for another round"
    )


def _engine(url: str, frozen: Path | None = None) -> sa.Engine:
    """An engine for ``url``; for ``frozen``, a SQLite file opened read-only and immutable."""
    if not url.startswith("sqlite"):
        return sa.create_engine(url)
    if frozen is not None:
        uri = f"file:{quote(str(frozen.resolve()))}?mode=ro&immutable=1"
        engine = sa.create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        )
    else:
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN, so writes can ask for IMMEDIATE.
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("assess_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _reason(err: exc.DBAPIError) -> str:
    return str(err.orig).splitlines()[0] if err.orig is not None else type(err).__name__


def _is_empty_file(path: Path) -> bool:
    return path.is_file() and path.stat().st_size == 0


def _secrets(location: str) -> list[str]:
    """The pieces of a URL's password, as a driver might echo them (split at ``@``)."""
    userinfo = location.partition("://")[2].split("/")[0].rpartition("@")[0]
    password = userinfo.partition(":")[2]
    found = re.findall(r"[?&]password=([^&]*)", location, flags=re.IGNORECASE)
    return [piece for secret in (password, *found) for piece in secret.split("@") if piece]
