"""The questionnaire file: self-contained, locked down, small, and as the golden copy."""

from __future__ import annotations

import base64
import hashlib
import html as html_text
import re
from pathlib import Path

from helpers import run_assess as run

from assess.bank.registry import Registry
from assess.questionnaire.render import questionnaire_html

REG = Registry.default()
ASSETS = Path(__file__).resolve().parents[1] / "assets"


def minimal_round(tmp_path: Path) -> tuple[Registry, Path]:
    folder = tmp_path / "banks" / "minimal"
    folder.mkdir(parents=True)
    (folder / "1.0.0.yaml").write_bytes((ASSETS / "banks" / "minimal.yaml").read_bytes())
    path = tmp_path / "round.yaml"
    path.write_text(
        "schema: assess/round/v1\nbank: minimal@1.0.0\nsubject: Payments\nperiod: 2026-Q4\n"
        "profile: balanced\nroles: [security, qa]\n"
    )
    return Registry.default([tmp_path / "banks"]), path


def test_golden_questionnaire_of_a_round(tmp_path: Path, golden) -> None:
    registry, path = minimal_round(tmp_path)
    html = questionnaire_html(registry, str(path)).replace(str(path), "round.yaml")
    golden("questionnaire-minimal.html", html)


def test_the_page_loads_nothing_and_allows_only_its_own_script_and_style() -> None:
    html = questionnaire_html(REG, "rampac-core")
    assert not re.search(r"<link|<iframe|<img|\ssrc=|@import|url\(|https?://(?!wiki)", html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL)
    assert script is not None
    assert style is not None
    for inline in (script.group(1), style.group(1)):
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in html_text.unescape(policy.group(1))
    assert "default-src 'none'" in html_text.unescape(policy.group(1))


def test_the_default_banks_questionnaire_stays_under_300_kb() -> None:
    assert len(questionnaire_html(REG, "rampac-core").encode()) < 300 * 1024


def test_form_writes_the_file_and_never_over_its_round(tmp_path: Path) -> None:
    path = tmp_path / "round.yaml"
    path.write_text(
        "schema: assess/round/v1\nbank: healthy-questions@1.0.0\nsubject: S\nperiod: P\n"
        "profile: balanced\n"
    )
    done = run("form", "round.yaml", "-o", "q.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "q.html").read_text().startswith("<!DOCTYPE html>")
    refused = run("form", "round.yaml", "-o", "round.yaml", cwd=tmp_path)
    assert (refused.returncode, refused.stderr) == (
        2,
        "error: round.yaml is one of the command's input files; write elsewhere\n",
    )


BAD_ROUND = (
    "schema: assess/round/v1\nbank: healthy-questions@1.0.0\nsubject: S\nperiod: P\nprofile: nope\n"
)


def test_form_of_a_bad_round_is_one_message_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "round.yaml").write_text(BAD_ROUND)
    done = run("form", "round.yaml", "-o", "q.html", cwd=tmp_path)
    assert (done.returncode, done.stderr.splitlines()[0]) == (
        2,
        (
            "round.yaml:5: profile: healthy-questions@1.0.0 has no profile 'nope' (choose "
            "one of: balanced, innovation, regulated)"
        ),
    )
    assert not (tmp_path / "q.html").exists()
