"""Safe YAML loading that remembers where every value came from.

The loader builds plain Python values (dict, list, str, int, float, bool, None, date) from
the YAML *event* stream with an explicit stack, so that:

- no tag outside plain YAML is ever constructed (``!!python/...`` is an error, not code);
- duplicate mapping keys are an error instead of last-one-wins;
- alias bombs and deep nesting are refused by counting, before they cost memory or blow
  the C stack (libyaml's own composer recurses and crashes on very deep input);
- every value's line is kept in a path -> line table for error messages.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from assess.base.errors import InputError, Problem, UsageError

PathKey = tuple[str | int, ...]

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_YAML = "tag:yaml.org,2002:"
_PLAIN_SCALAR_TAGS = frozenset(
    _YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_NUMBER_TAGS = frozenset({_YAML + "int", _YAML + "float"})
_MAX_DIGITS = 100
"""Longer numbers are refused: no answer needs them, and Python caps int conversion."""
_MAP_TAG = _YAML + "map"
_SEQ_TAG = _YAML + "seq"


MAX_FILE_BYTES = 1024**3
"""The most ``ASSESS_MAX_FILE_BYTES`` may allow."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a single input file may hold before it is refused."""

    max_bytes: int = 4 * 1024 * 1024
    max_values: int = 250_000
    max_depth: int = 64

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Limits:
        """Limits with ``ASSESS_MAX_FILE_BYTES`` applied when it is set to a whole number.

        Raises:
            UsageError: the variable is set but is not a whole number of bytes from 1 to
                `MAX_FILE_BYTES`.
        """
        raw = environ.get("ASSESS_MAX_FILE_BYTES")
        if raw is None:
            return cls()
        text = raw.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 12) or not (
            0 < int(text) <= MAX_FILE_BYTES
        ):
            raise UsageError(
                f"ASSESS_MAX_FILE_BYTES={_brief(raw)}: expected a whole number of bytes from "
                f"1 to {MAX_FILE_BYTES} (1 GiB); unset it for the default of 4 MiB"
            )
        return cls(max_bytes=int(text))


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML file: its data, the line of every key or list item, and a digest.

    ``digest`` is the SHA-256 of the file's bytes: it identifies a bank version's content.
    """

    name: str
    data: Any
    lines: Mapping[PathKey, int] = field(repr=False)
    digest: str = ""

    def line_of(self, path: PathKey) -> int:
        """Return the line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1

    def problem(self, path: PathKey, message: str, hint: str | None = None) -> Problem:
        """Build a `Problem` located at ``path`` in this document."""
        return Problem(self.name, self.line_of(path), format_path(path), message, hint)


def format_path(path: PathKey) -> str:
    """Render a path as ``questions[3].pillars.automate``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _brief(text: str, most: int = 40) -> str:
    """``text`` quoted for a message, shortened when long."""
    return repr(text) if len(text) <= most else repr(text[:most]) + f"… ({len(text)} characters)"


def describe_value(value: object) -> str:
    """Name a YAML value's kind the way a YAML author would, for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r})" if len(value) <= 40 else "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def load_yaml_file(
    path: Path, limits: Limits = DEFAULT_LIMITS, name: str | None = None
) -> YamlDocument:
    """Read and parse one YAML file safely.

    Args:
        path: the file to read.
        limits: size, value-count and depth limits.
        name: how to call the file in messages (defaults to ``str(path)``).

    Raises:
        InputError: the file cannot be read, is not UTF-8 text, is not valid YAML, holds
            an unsafe tag or a duplicate key, or exceeds a limit.
    """
    shown = name if name is not None else str(path)
    text, digest = read_text_file(path, limits, shown, "YAML")
    return parse_yaml(text, shown, limits, digest)


def read_text_file(path: Path, limits: Limits, shown: str, kind: str) -> tuple[str, str]:
    """The UTF-8 text of a regular file within ``limits.max_bytes``, and its SHA-256.

    ``kind`` names the format in messages ("YAML", "JSON").

    Raises:
        InputError: the file is missing, not a regular file, unreadable, too large, or
            not UTF-8 text.
    """
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            # A FIFO would block for ever; a device could be endless.
            raise InputError(
                [Problem(shown, None, "", "is not a regular file (a pipe, device or socket)")]
            )
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise InputError([Problem(shown, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise InputError(
            [Problem(shown, None, "", f"is a directory, expected a {kind} file")]
        ) from None
    except OSError as err:
        raise InputError([Problem(shown, None, "", f"cannot read file: {err.strerror}")]) from None
    if len(raw) > limits.max_bytes:
        raise InputError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    f"file is larger than the {limits.max_bytes}-byte limit",
                    "raise it with ASSESS_MAX_FILE_BYTES if the file is genuine",
                )
            ]
        )
    return _decode(raw, shown, kind), hashlib.sha256(raw).hexdigest()


def _decode(raw: bytes, name: str, kind: str) -> str:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError([Problem(name, None, "", "file is UTF-32 encoded", "save it as UTF-8")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(name, None, "", "file is UTF-16 encoded", "save it as UTF-8")])
    if b"\x00" in raw:
        raise InputError([Problem(name, None, "", f"file is binary, expected {kind} text")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    "",
                    f"not valid UTF-8 text (byte 0x{raw[err.start]:02x})",
                    "save the file as UTF-8",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def parse_yaml(
    text: str, name: str, limits: Limits = DEFAULT_LIMITS, digest: str | None = None
) -> YamlDocument:
    """Parse YAML text into a `YamlDocument`; see `load_yaml_file` for what is refused.

    ``digest`` defaults to the SHA-256 of the text encoded as UTF-8.

    Raises:
        InputError: as `load_yaml_file`.
    """
    builder = _Builder(name, limits)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "cannot parse"
        line = mark.line + 1 if mark else None
        if "nesting depth" in what:
            # PyYAML 6.0.4 stops deep nesting itself, ahead of our own count.
            raise InputError(
                [Problem(name, line, "", f"nesting deeper than {limits.max_depth} levels")]
            ) from None
        raise InputError([Problem(name, line, "", f"invalid YAML: {what}")]) from None
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    "",
                    f"control character U+{err.character:04X} is not allowed in YAML text",
                    "remove it, or write it as an escape (like \\e) inside double quotes",
                )
            ]
        ) from None
    except yaml.YAMLError as err:
        raise InputError([Problem(name, None, "", f"invalid YAML: {err}")]) from None
    return builder.finish(digest or hashlib.sha256(text.encode()).hexdigest())


@dataclass(slots=True)
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: PathKey
    anchor: str | None
    size: int = 1
    key: object = None
    has_key: bool = False


class _Builder:
    """Turns YAML events into plain values; see the module docstring for the rules."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.lines: dict[PathKey, int] = {(): 1}
        self.problems: list[Problem] = []
        self.values = 0
        self.aliases = 0
        self.documents = 0
        self.root: Any = None
        self.constructor = SafeConstructor()
        self.resolver = Resolver()

    def fail(self, line: int | None, message: str, hint: str | None = None) -> NoReturn:
        raise InputError([*self.problems, Problem(self.name, line, "", message, hint)])

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(
                    line, "file holds more than one YAML document", "keep only one, drop '---'"
                )
        elif isinstance(event, yaml.ScalarEvent):
            self.add_scalar(event, line)
        elif isinstance(event, yaml.AliasEvent):
            self.add_alias(event, line)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.open(event, line)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.container, frame.size)
            self.attach(frame.container, frame.size, line)

    def count(self, size: int, line: int) -> None:
        self.values += size
        if self.values > self.limits.max_values:
            self.fail(
                line,
                f"file expands to more than {self.limits.max_values} values",
                "remove YAML aliases (*name) that repeat large blocks"
                if self.aliases
                else "split the file, or remove what it does not need",
            )

    def child_path(self, line: int) -> PathKey:
        """Path of the value that starts now, recording its line."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            self.lines.setdefault(path, line)
            return path
        if not parent.has_key:
            return parent.path
        key = parent.key if isinstance(parent.key, str | int) else str(parent.key)
        return (*parent.path, key)

    def open(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent, line: int) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        expected = _MAP_TAG if is_map else _SEQ_TAG
        if event.tag not in (None, "!", expected):
            self.fail(
                line, f"unsupported YAML tag {_show_tag(event.tag)}", "only plain YAML is allowed"
            )
        if len(self.stack) >= self.limits.max_depth:
            self.fail(line, f"nesting deeper than {self.limits.max_depth} levels")
        if self.stack and isinstance(self.stack[-1].container, dict) and not self.stack[-1].has_key:
            self.fail(line, "a mapping key must be plain text, not a list or mapping")
        self.count(1, line)
        path = self.child_path(line)
        container: dict[Any, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Frame(container, path, event.anchor))

    def add_scalar(self, event: yaml.ScalarEvent, line: int) -> None:
        tag = event.tag
        if tag in (None, "!"):
            resolve: Any = self.resolver.resolve  # untyped in types-PyYAML
            tag = resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _YAML + "merge":
            self.fail(
                line, "YAML merge keys ('<<') are not supported", "write the keys out in full"
            )
        if tag not in _PLAIN_SCALAR_TAGS:
            self.fail(line, f"unsupported YAML tag {_show_tag(tag)}", "only plain YAML is allowed")
        if tag in _NUMBER_TAGS:
            self.check_number(event.value, line)
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            value = self.constructor.construct_object(node)
        except (ConstructorError, ValueError) as err:
            if tag == _YAML + "timestamp":
                # It has a date's shape but is no day of the calendar, like 2026-13-01.
                self.fail(
                    line,
                    f"{_brief(event.value)} is not a date ({err})",
                    "give a real day as YYYY-MM-DD, like 2026-11-21",
                )
            self.fail(line, f"cannot read {_brief(event.value)} as {tag.removeprefix(_YAML)}")
        self.count(1, line)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.attach(value, 1, line)

    def check_number(self, text: str, line: int) -> None:
        """Refuse the YAML 1.1 number forms that read as something other than they look."""
        if "_" in text:
            self.fail(
                line,
                f"{text} would be read as the number {text.replace('_', '')}",
                f"write it without underscores, or quote it ('{text}') if it is text",
            )
        digits = text.lstrip("+-")
        if len(digits) > _MAX_DIGITS:
            self.fail(line, f"a number with {len(digits)} digits is too long to be an answer")
        if ":" in digits:
            self.fail(
                line,
                f"{text} would be read as a base-60 number",
                f"quote it ('{text}') if it is text",
            )
        base = {"0x": (16, "a hexadecimal"), "0b": (2, "a binary")}.get(digits[:2].lower())
        if base is None and len(digits) > 1 and digits[0] == "0" and digits.isdigit():
            base = (8, "an octal")
        if base is not None:
            radix, kind = base
            body = digits[2:] if radix != 8 else digits
            self.fail(
                line,
                f"{text} would be read as {kind} number ({int(body, radix)})",
                f"write it as a plain decimal number, or quote it ('{text}') if it is text",
            )

    def add_alias(self, event: yaml.AliasEvent, line: int) -> None:
        if event.anchor is None or event.anchor not in self.anchors:
            self.fail(line, f"alias *{event.anchor} refers to no anchor")
        value, size = self.anchors[event.anchor]
        self.aliases += 1
        self.count(size, line)
        self.attach(value, size, line)

    def attach(self, value: Any, size: int, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.container, list):
            self.child_path(line)
            parent.container.append(value)
            return
        if not parent.has_key:
            if not isinstance(value, str | int) or isinstance(value, bool):
                self.fail(
                    line,
                    f"a mapping key must be text or a whole number, got {describe_value(value)}",
                )
            if value in parent.container:
                first = self.lines.get((*parent.path, value))
                self.problems.append(
                    Problem(
                        self.name,
                        line,
                        format_path(parent.path),
                        f"duplicate key {value!r}"
                        + (f" (first defined at line {first})" if first else ""),
                        "YAML keeps only one of them; remove or rename the other",
                    )
                )
            else:
                self.lines[(*parent.path, value)] = line
            parent.key, parent.has_key = value, True
            return
        if parent.key not in parent.container:
            parent.container[parent.key] = value
        parent.has_key = False

    def finish(self, digest: str) -> YamlDocument:
        if self.problems:
            raise InputError(self.problems)
        if self.root is None:
            raise InputError([Problem(self.name, None, "", "file is empty")])
        return YamlDocument(self.name, self.root, self.lines, digest)


def _show_tag(tag: str | None) -> str:
    if tag is None:
        return "''"
    return "'!!" + tag.removeprefix(_YAML) + "'" if tag.startswith(_YAML) else repr(tag)
