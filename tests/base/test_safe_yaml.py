"""The safe YAML loader: hostile input is refused cleanly, lines are remembered."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from assess.base.errors import InputError, UsageError
from assess.base.safe_yaml import DEFAULT_LIMITS, Limits, load_yaml_file, parse_yaml


def messages(text: str, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "f.yaml", limits)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/name:os.system",
        "!!python/object:builtins.dict {}",
        "!!binary aGVsbG8=",
        "!custom value",
    ],
)
def test_unsafe_tags_are_refused(tag: str) -> None:
    [message] = messages(f"a: 1\nb: {tag}\n")
    assert message.startswith("f.yaml:2: unsupported YAML tag ")
    assert message.endswith("(only plain YAML is allowed)")


def test_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    # Expanded, it would be 9**10 values: refusing it at all means it was counted, not built.
    tracemalloc.start()
    try:
        [message] = messages("\n".join(lines) + "\n")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "file expands to more than 250000 values" in message
    assert peak < 64 * 1024 * 1024


def test_deep_nesting_is_refused_without_crashing() -> None:
    # libyaml's own composer overflows the C stack on input like this.
    depth = 100_000
    [message] = messages("[" * depth + "]" * depth)
    assert message == "f.yaml:1: nesting deeper than 64 levels"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    with pytest.raises(InputError) as caught:
        load_yaml_file(path, Limits(max_bytes=100), name="big.yaml")
    assert str(caught.value) == (
        "big.yaml: file is larger than the 100-byte limit "
        "(raise it with ASSESS_MAX_FILE_BYTES if the file is genuine)"
    )


@pytest.mark.parametrize(
    "raw", ["lots", "0", "-5", "99999999999999999999", "1e6", "²", " ", "2000000000"]
)
def test_size_limit_from_environment(raw: str) -> None:
    assert Limits.from_env({"ASSESS_MAX_FILE_BYTES": "1000"}).max_bytes == 1000
    with pytest.raises(UsageError) as raised:
        Limits.from_env({"ASSESS_MAX_FILE_BYTES": raw})
    assert str(raised.value).startswith(f"ASSESS_MAX_FILE_BYTES={raw!r}: expected a whole number")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "f.yaml: file is empty"),
        (b"# only a comment\n", "f.yaml: file is empty"),
        ("a: 1\n".encode("utf-16"), "f.yaml: file is UTF-16 encoded (save it as UTF-8)"),
        ("a: 1\n".encode("utf-32"), "f.yaml: file is UTF-32 encoded (save it as UTF-8)"),
        ("a: 1\n".encode("utf-32-be"), "f.yaml: file is binary, expected YAML text"),
        (
            b"a: 1\nb: x\x1by\n",
            "f.yaml:2: control character U+001B is not allowed in YAML text (remove it, or write it as an escape (like \\e) inside double quotes)",
        ),
        (
            b"a: 1\n\nb: [x\x07]\n",
            "f.yaml:3: control character U+0007 is not allowed in YAML text (remove it, or write it as an escape (like \\e) inside double quotes)",
        ),
        (
            b"a: 010\n",
            "f.yaml:1: 010 would be read as an octal number (8) (write it as a plain decimal number, or quote it ('010') if it is text)",
        ),
        (
            b"a: [0x1F]\n",
            "f.yaml:1: 0x1F would be read as a hexadecimal number (31) (write it as a plain decimal number, or quote it ('0x1F') if it is text)",
        ),
        (
            b"a: {b: 0b11}\n",
            "f.yaml:1: 0b11 would be read as a binary number (3) (write it as a plain decimal number, or quote it ('0b11') if it is text)",
        ),
        (
            b"a: 1:30\n",
            "f.yaml:1: 1:30 would be read as a base-60 number (quote it ('1:30') if it is text)",
        ),
        (
            b"a: " + b"7" * 5000 + b"\n",
            "f.yaml:1: a number with 5000 digits is too long to be an answer",
        ),
        (b"a: 1\x00\x01", "f.yaml: file is binary, expected YAML text"),
        (
            b"a: 1\nb: caf\xe9\n",
            "f.yaml:2: not valid UTF-8 text (byte 0xe9) (save the file as UTF-8)",
        ),
        (
            b"a: 1\n---\nb: 2\n",
            "f.yaml:2: file holds more than one YAML document (keep only one, drop '---')",
        ),
        (b"a: [1, 2\n", "f.yaml:2: invalid YAML: did not find expected ',' or ']'"),
        (
            b"a: 1\ndate: 2026-13-01\n",
            "f.yaml:2: '2026-13-01' is not a date (month must be in 1..12) (give a real day as YYYY-MM-DD, like 2026-11-21)",
        ),
        (
            b"date: 2026-02-30\n",
            "f.yaml:1: '2026-02-30' is not a date (day is out of range for month) (give a real day as YYYY-MM-DD, like 2026-11-21)",
        ),
        (
            b"a: 1\n  b: 2\n",
            "f.yaml:2: invalid YAML: mapping values are not allowed in this context",
        ),
        (
            b"<<: {a: 1}\n",
            "f.yaml:1: YAML merge keys ('<<') are not supported (write the keys out in full)",
        ),
        (b"? [a]\n: 1\n", "f.yaml:1: a mapping key must be plain text, not a list or mapping"),
        (b"a: *nothing\n", "f.yaml:1: alias *nothing refers to no anchor"),
    ],
)
def test_bad_files(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        load_yaml_file(path, name="f.yaml")
    assert str(caught.value) == expected


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.yaml: file not found"):
        load_yaml_file(tmp_path / "nope.yaml", name="nope.yaml")
    with pytest.raises(InputError, match="is a directory, expected a YAML file"):
        load_yaml_file(tmp_path)


def test_every_duplicate_key_is_reported() -> None:
    assert messages("a: 1\nb: 2\na: 3\nb: 4\n") == [
        (
            "f.yaml:3: duplicate key 'a' (first defined at line 1) "
            "(YAML keeps only one of them; remove or rename the other)"
        ),
        (
            "f.yaml:4: duplicate key 'b' (first defined at line 2) "
            "(YAML keeps only one of them; remove or rename the other)"
        ),
    ]


def test_values_and_lines() -> None:
    doc = parse_yaml(
        "top: 1\nlist:\n  - x\n  - {k: v}\nwhen: 2026-01-02\nnone: ~\nf: 0.5\nbom: &a hi\nref: *a\n",
        "f.yaml",
    )
    assert doc.data == {
        "top": 1,
        "list": ["x", {"k": "v"}],
        "when": __import__("datetime").date(2026, 1, 2),
        "none": None,
        "f": 0.5,
        "bom": "hi",
        "ref": "hi",
    }
    assert doc.line_of(("list", 1, "k")) == 4
    assert doc.line_of(("list", 0)) == 3
    assert doc.line_of(("ref",)) == 9
    assert doc.line_of(("nowhere", "deep")) == 1


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_yaml_file(path).data == {"a": 1}
