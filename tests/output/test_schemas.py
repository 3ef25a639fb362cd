"""The generated JSON Schemas describe the files the loaders accept."""

from __future__ import annotations

import json

import jsonschema
import pytest

from assess.bank.registry import Registry
from assess.base.safe_yaml import load_yaml_file
from assess.output.schemas import json_schema


def as_json(value: object) -> object:
    """YAML data as an editor's schema validator sees it (keys as text, dates as text)."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize("kind", ["bank", "answers"])
def test_schema_is_stable(kind: str) -> None:
    assert json_schema(kind) == json_schema(kind)


def test_bundled_banks_match_bank_schema() -> None:
    schema = json.loads(json_schema("bank"))
    registry = Registry.default()
    for entry in registry.entries():
        jsonschema.validate(as_json(load_yaml_file(entry.path).data), schema)


def test_bank_schema_rejects_unknown_pillar() -> None:
    schema = json.loads(json_schema("bank"))
    data = as_json(load_yaml_file(Registry.default().find("healthy-questions").path).data)
    assert isinstance(data, dict)
    data["questions"][0]["pillars"] = {"automat": 1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_answer_schema_accepts_the_documented_example() -> None:
    example = {
        "schema": "assess/answers/v1",
        "bank": "rampac-core@1.0.0",
        "subject": "Payments platform",
        "period": "2026-Q4",
        "respondent": {"name": "Dana", "role": "development"},
        "profile": "regulated",
        "answers": {
            "RC-01": 2,
            "RC-02": {"level": 3, "note": "...", "evidence": ["https://x"], "confidence": "high"},
            "AU-03": "na",
            "ME-01": "unknown",
            "ME-02": None,
        },
    }
    jsonschema.validate(example, json.loads(json_schema("answers")))
