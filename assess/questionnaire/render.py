"""Write the questionnaire as one HTML file: markup, stylesheet and script inline."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from assess.bank.registry import Registry
from assess.questionnaire.content import Questionnaire, build_questionnaire
from assess.report.templates import (
    environment,
    read_template_file,
    render_template,
    template_dirs,
)
from assess.rounds.load import open_bank


def questionnaire_html(registry: Registry, spec: str, template_dir: Path | None = None) -> str:
    """The web questionnaire of the bank or round ``spec``, as one HTML document.

    Raises:
        UsageError, BankNotFoundError, InputError: as `assess.rounds.load.open_bank`.
        RenderError: a template is missing or broken.
    """
    return render_questionnaire(build_questionnaire(open_bank(registry, spec)), template_dir)


def render_questionnaire(questionnaire: Questionnaire, template_dir: Path | None = None) -> str:
    """The questionnaire as a self-contained HTML document.

    Its Content-Security-Policy allows only its own inline script and style (by hash)
    and data: images: the page can load nothing and send nothing.

    Raises:
        RenderError: a template is missing or broken.
    """
    dirs = template_dirs(template_dir)
    css = read_template_file(dirs, "questionnaire.css")
    script = read_template_file(dirs, "questionnaire.js")
    policy = (
        "default-src 'none'; img-src data:; "
        f"style-src '{_hash(css)}'; script-src '{_hash(script)}'; "
        "form-action 'none'; base-uri 'none'"
    )
    return render_template(
        environment(dirs, {}),
        "questionnaire.html.j2",
        q=questionnaire,
        css=css,
        script=script,
        policy=policy,
    )


def _hash(text: str) -> str:
    """The CSP source of an inline element whose text is ``text``."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
