"""Turn a YAML document into a typed model, and pydantic's errors into plain messages.

pydantic's own messages speak Python ("Input should be a valid string"); a YAML author
needs "expected text, got a number (3)" at a file, line and path, with a hint.
"""

from __future__ import annotations

import collections.abc
import difflib
import re
import types
import unicodedata
from collections.abc import Iterable, Sequence, Sized
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from assess.base.errors import Problem, UsageError
from assess.base.safe_yaml import PathKey, YamlDocument, describe_value

M = TypeVar("M", bound=BaseModel)
_WHOLE = object()

# Field patterns, in words; the models use these constants for their `pattern=`.
SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
SLUG = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
QUESTION_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
BANK_REF = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*(@(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*))?$"
PINNED_BANK_REF = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*@(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
# Control and invisible characters: C0, DEL, C1, zero widths, bidi controls, separators.
_UNSEEN = (
    r"\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff"
)
_GROUP_PART = rf"[^/\s{_UNSEEN}](?:[^/{_UNSEEN}]*[^/\s{_UNSEEN}])?"
GROUP_PATH = rf"^{_GROUP_PART}(?:/{_GROUP_PART})*$"
"""A group path like ``Retail/Claims``: parts of one-line text, none empty or padded."""
GROUP_MAX = 256
ONE_LINE = rf"^[^{_UNSEEN}]*$"
"""Text without control characters (no line breaks, escapes or bells) and without the
invisible format characters that reorder or hide text (bidi overrides, zero widths):
names, subjects, periods, titles."""
_PATTERN_WORDS = {
    ONE_LINE: "plain text on one line (no control characters such as escapes or line "
    "breaks, and no invisible characters such as bidi overrides)",
    SEMVER: "a version like 1.2.0 (MAJOR.MINOR.PATCH)",
    SLUG: "an id in lowercase letters, digits and single dashes, like 'rampac-core'",
    QUESTION_ID: "a question id in capitals, digits and dashes, like 'AU-03'",
    BANK_REF: "a bank reference like 'rampac-core@1.0.0'",
    PINNED_BANK_REF: "a bank with its version, like 'rampac-core@1.0.0'",
    GROUP_PATH: "a group path like 'Retail/Claims': parts of plain text separated by single "
    "slashes, none empty or with spaces at its ends",
}
_KEY_NOUNS = {"pillars": "pillar", "benefits": "benefit"}


def semver_key(version: str) -> tuple[int, int, int]:
    """Sort key of a MAJOR.MINOR.PATCH version string."""
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


# Cyrillic and Greek capitals and small letters drawn like Latin ones: the look-alikes a
# copy-paste from a document or chat most often slips into an id.
_CONFUSABLES = str.maketrans(
    "АВСЕНІЈКМОРЅТХУаеорсхуΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "ABCEHIJKMOPSTXYaeopcxyABEHIKMNOPTXYZ",
)


def did_you_mean(word: object, candidates: Iterable[str]) -> str | None:
    """Return ``did you mean 'x'?`` for the closest candidate, or None if none is close.

    A word that matches a candidate once look-alike characters (fullwidth digits,
    Cyrillic or Greek letters) are folded to ASCII is named as such.
    """
    choices = list(candidates)
    text = str(word)
    folded = unicodedata.normalize("NFKC", text).translate(_CONFUSABLES)
    if folded != text and folded in choices:
        return f"did you mean {folded!r}? it has look-alike non-ASCII characters"
    match = difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else None


def choice_hint(word: object, candidates: Iterable[str]) -> str:
    """`did_you_mean`'s hint, or else the list of what may be chosen."""
    choices = list(candidates)
    return did_you_mean(word, choices) or "choose one of: " + ", ".join(choices)


def validate_document(
    model: type[M], doc: YamlDocument, at: PathKey = (), data: object = _WHOLE
) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` (or ``data``, the value found at path ``at``) against ``model``.

    Returns:
        The model and no problems, or None and every structural problem found, each
        located at its file, line and path.
    """
    value = doc.data if data is _WHOLE else data
    try:
        return model.model_validate(value), []
    except ValidationError as err:
        errors = _one_per_value(value, err.errors(include_url=False))
        errors = _without_echoes(model, errors)
        problems = [_to_problem(model, doc, at, e) for e in errors]
        return None, sorted(problems, key=lambda p: p.line or 0)


def _one_per_value(value: object, errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """One error per place in the document, with pydantic's own names left out.

    A value that fails every member of a union (a level that is neither a whole number
    from 0 nor 'na'/'unknown') gets an error per member, each at a path ending in the
    member's name (``level.constrained-int``). Those names are not in the document: keep
    the first error at the document's path, and name the other members' values as a hint.
    """
    kept: dict[tuple[int | str, ...], ErrorDetails] = {}
    alternatives: dict[tuple[int | str, ...], list[str]] = {}
    for e in errors:
        loc = _document_loc(value, tuple(e["loc"]), keep_last=e["type"] == "missing")
        if e["type"] == "literal_error" and loc != tuple(e["loc"]):
            allowed = re.findall(r"'([^']*)'", str(e.get("ctx", {}).get("expected", "")))
            alternatives.setdefault(loc, []).extend(allowed)
        if loc not in kept:
            kept[loc] = {**e, "loc": loc}
    out = []
    for loc, e in kept.items():
        others = alternatives.get(loc)
        if others and e["type"] == "literal_error":
            # Each member allowed its own words (a pillar or a benefit): any of them is fine.
            expected = " or ".join(f"'{a}'" for a in dict.fromkeys(others))
            e = {**e, "ctx": {**e.get("ctx", {}), "expected": expected}}
        elif others:
            e = {**e, "ctx": {**e.get("ctx", {}), "alternatives": others}}
        out.append(e)
    return out


def _document_loc(
    value: object, loc: tuple[int | str, ...], keep_last: bool
) -> tuple[int | str, ...]:
    """``loc`` without the parts that name no key or item of ``value`` (union members)."""
    out: list[int | str] = []
    node = value
    for i, part in enumerate(loc):
        if _has(node, part):
            node = node[part]  # type: ignore[index]
        elif part != "[key]" and not (keep_last and i == len(loc) - 1):
            continue
        out.append(part)
    return tuple(out)


def _has(node: object, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _without_echoes(model: type[BaseModel], errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop errors that only restate another one.

    A list whose one bad item was rejected is also "too short"; a key typed as ``efort`` is
    also a missing ``effort``. The user needs only the first message of each pair.
    """
    locs = [tuple(e["loc"]) for e in errors]
    misspelt: set[tuple[object, ...]] = set()
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] == "extra_forbidden":
            match = difflib.get_close_matches(
                str(loc[-1]), _field_names(_model_at(model, loc[:-1])), n=1, cutoff=0.6
            )
            if match:
                misspelt.add((*loc[:-1], match[0]))
    kept = []
    for e, loc in zip(errors, locs, strict=True):
        if e["type"] == "too_short" and any(
            other != loc and other[: len(loc)] == loc for other in locs
        ):
            continue
        if e["type"] == "missing" and loc in misspelt:
            continue
        kept.append(e)
    return kept


def _to_problem(
    model: type[BaseModel], doc: YamlDocument, at: PathKey, error: ErrorDetails
) -> Problem:
    loc: PathKey = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if loc and loc[-1] == "[key]":
        return _key_problem(doc, (*at, *loc[:-1]), kind, ctx)
    if kind == "missing":
        return doc.problem((*at, *loc[:-1]), f"missing required key {loc[-1]!r}")
    if kind == "extra_forbidden":
        allowed = _field_names(_model_at(model, loc[:-1]))
        return doc.problem((*at, *loc), f"unknown key {loc[-1]!r}", did_you_mean(loc[-1], allowed))
    message, hint = _describe(kind, value, ctx)
    if ctx.get("alternatives"):
        hint = "or one of: " + ", ".join(f"'{a}'" for a in ctx["alternatives"])
    return doc.problem((*at, *loc), message, hint)


def _key_problem(doc: YamlDocument, loc: PathKey, kind: str, ctx: dict[str, Any]) -> Problem:
    key = loc[-1]
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        noun = _KEY_NOUNS.get(str(loc[-2]), "key") if len(loc) > 1 else "key"
        hint = did_you_mean(key, allowed) or "expected one of: " + ", ".join(allowed)
        return doc.problem(loc, f"unknown {noun} {key!r}", hint)
    if kind == "int_type":
        return doc.problem(loc, f"key {key!r} must be a whole number (a level value)")
    message, detail = _describe(kind, key, ctx)
    return doc.problem(loc, f"key {key!r}: {message}", detail)


def _describe(kind: str, value: object, ctx: dict[str, Any]) -> tuple[str, str | None]:
    got = describe_value(value)
    simple = {
        "string_type": "expected text",
        "int_type": "expected a whole number",
        "float_type": "expected a number",
        "bool_type": "expected true or false",
        "dict_type": "expected a mapping (key: value)",
        "model_type": "expected a mapping (key: value)",
        "model_attributes_type": "expected a mapping (key: value)",
        "list_type": "expected a list",
        "tuple_type": "expected a list",
        "date_type": "expected a date (YYYY-MM-DD)",
        "date_from_datetime_inexact": "expected a date without a time",
    }
    if kind in simple:
        return f"{simple[kind]}, got {got}", None
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if len(allowed) == 1:
            return f"expected {allowed[0]!r}, got {describe_value(value)}", None
        return f"{value!r} is not one of: {', '.join(allowed)}", did_you_mean(value, allowed)
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return f"{value!r} is not {words}", None
    if kind == "string_too_short":
        return "must not be empty", None
    if kind == "string_too_long":
        count = len(value) if isinstance(value, Sized) else 0
        return f"must be at most {ctx.get('max_length')} characters, got {count}", None
    if kind == "too_long":
        count = len(value) if isinstance(value, Sized) else 0
        return f"has {count} items, at most {ctx.get('max_length')} are allowed", None
    if kind == "too_short":
        count = len(value) if isinstance(value, Sized) else 0
        return f"needs at least {ctx.get('min_length')} item(s), got {count}", None
    bounds = {
        "greater_than": ("greater than", "gt"),
        "greater_than_equal": ("at least", "ge"),
        "less_than": ("less than", "lt"),
        "less_than_equal": ("at most", "le"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {_num(ctx.get(key))}, got {_num(value)}", None
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return "has an unexpected form", None
    return f"{_plain(kind)}, got {got}", None


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _plain(kind: str) -> str:
    return kind.replace("_", " ")


def _unwrap(tp: Any) -> Sequence[Any]:
    """The types a value of annotation ``tp`` may hold, unwrapping Annotated and unions."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _unwrap(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in get_args(tp) for t in _unwrap(arg)]
    return [tp]


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """Find the model class that validates the value at ``loc`` under ``model``."""
    current: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for tp in current:
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                fld = _field_by_key(tp, str(part))
                if fld is not None:
                    following.extend(_unwrap(fld))
            elif get_origin(tp) in _SEQUENCES:
                following.extend(_unwrap(get_args(tp)[0]))
            elif get_origin(tp) in _MAPPINGS:
                # A mapping's keys are data (profile ids, question ids): step to its values.
                following.extend(_unwrap(get_args(tp)[-1]))
        current = following
    for tp in current:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return tp
    return None


_SEQUENCES = (tuple, list, collections.abc.Sequence)
_MAPPINGS = (dict, collections.abc.Mapping)


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info.annotation
    return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def group_path(text: str) -> str:
    """A group path as given (``Retail/Claims``), checked and with spaces trimmed per part.

    Raises:
        UsageError: an empty part, a control character, or too long.
    """
    parts = [part.strip() for part in text.split("/")]
    if not re.match(ONE_LINE, text) or len(text) > GROUP_MAX:
        raise UsageError(
            f"group {text!r}: use plain text on one line, at most {GROUP_MAX} characters"
        )
    if any(not part for part in parts):
        raise UsageError(
            f"group {text!r} has an empty part; write it like Retail/Claims, parts "
            "separated by single slashes"
        )
    return "/".join(parts)


_KINDS = (
    ("assess/answers/", "an answer file"),
    ("assess/round/", "a round file"),
    ("assess/bank/", "a bank file"),
    ("assess/mapping/", "a mapping of observed evidence"),
    ("assess/targets/", "a targets file"),
    ("assess/owners/", "an owners file"),
)


def file_kind(data: object) -> str | None:
    """What a parsed file says it is, by its ``schema`` ("an answer file"); None if unsaid."""
    schema = data.get("schema") if isinstance(data, dict) else None
    if not isinstance(schema, str):
        return None
    return next((name for prefix, name in _KINDS if schema.startswith(prefix)), None) or (
        f"a file of schema {schema!r}"
    )
