"""The framework definitions: six pillars and six benefits, in RAMPAC and HEARTY order."""

from assess.base.framework import BENEFITS, PILLARS, benefit, pillar


def test_rampac_order_and_ids() -> None:
    assert [p.id for p in PILLARS] == [
        "responsible",
        "automate",
        "measure",
        "pragmatic",
        "align",
        "collaborate",
    ]
    assert "".join(p.name[0] for p in PILLARS) == "RAMPAC"


def test_hearty_order_and_ids() -> None:
    assert [b.id for b in BENEFITS] == [
        "human-centric",
        "elastic",
        "apt-holistic",
        "resilient",
        "tailored",
        "dynamic",
    ]
    assert [b.name for b in BENEFITS] == [
        "Human-centric",
        "Elastic",
        "Apt and holistic",
        "Resilient",
        "Tailored",
        "Dynamic",
    ]


def test_2020_aliases() -> None:
    assert pillar("measure").alias_2020 == "Measure, Monitor, Report and Action"
    assert pillar("align").alias_2020 == "Bridging Compliance and Development"
    assert pillar("collaborate").alias_2020 == "Training and Process Integration"
    assert len({p.alias_2020 for p in PILLARS}) == 6


def test_descriptions_are_one_line() -> None:
    for item in (*PILLARS, *BENEFITS):
        assert item.description
        assert "\n" not in item.description
    assert benefit("tailored").name == "Tailored"
