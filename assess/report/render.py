"""Render a `Report` to HTML, PDF or Markdown with jinja2 templates and WeasyPrint.

Templates come from ``report_templates/`` (or a ``--template-dir`` that overrides any of
them) and always run in jinja2's sandbox, autoescaped, with StrictUndefined. The HTML is
self-contained: the stylesheet is inlined and charts are inline SVG. WeasyPrint may read
only ``data:`` URIs and files inside the template folders; it never touches the network.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from assess.answers.model import RATING_GUIDANCE
from assess.base.errors import AssessError
from assess.base.framework import PILLARS, ROLES, role_name
from assess.base.paths import bundled_templates_dir
from assess.base.words import printable, shown_difference
from assess.output import escape
from assess.report import charts
from assess.report.content import Report


class RenderError(AssessError):
    """A report template is broken, or asked for something it may not have."""


def template_dirs(custom: Path | None) -> list[Path]:
    """The folders templates are looked up in, the custom one first."""
    if custom is not None and not custom.is_dir():
        raise RenderError(f"template folder not found: {custom}")
    return [*([custom] if custom else []), bundled_templates_dir()]


MAX_OUTPUT = 64 * 1024 * 1024
"""Characters a report template may produce; a template that writes more is refused."""


def template_file(dirs: Sequence[Path], name: str) -> Path:
    """The template ``name`` from the first folder that has it.

    One rule for templates, the stylesheet and anything the PDF loads: a regular file
    inside a template folder, reached through no symbolic link.

    Raises:
        RenderError: no folder has it, or it is a link or lies outside its folder.
    """
    for folder in dirs:
        path = folder.resolve() / name
        if path.is_symlink() or path.exists():
            if not _inside(folder.resolve(), path) or not path.is_file():
                raise RenderError(
                    f"template {name} is a link or not a plain file in {folder}: templates "
                    "are read only from regular files inside the template folder"
                )
            return path
    raise RenderError(f"template not found: {name}")


def _inside(root: Path, path: Path) -> bool:
    """``path`` lies under the resolved ``root``, and no part of it below root is a link."""
    if not path.is_relative_to(root):
        return False
    current = path
    while current != root:
        if current.is_symlink():
            return False
        current = current.parent
    return path.resolve().is_relative_to(root)


def _environment(dirs: Sequence[Path]) -> Any:
    import jinja2
    import markupsafe
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Loader(jinja2.BaseLoader):
        """Templates by `template_file`'s rule."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            path = template_file(dirs, template)
            source = path.read_text(encoding="utf-8")
            return source, str(path), lambda: True

    class Bounded(SandboxedEnvironment):
        """The sandbox, also refusing to build strings or lists past `MAX_OUTPUT`."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 1024:
                raise SecurityError("exponent too large")
            if operator == "*":
                for item, times in ((left, right), (right, left)):
                    sized = isinstance(times, int) and hasattr(item, "__len__")
                    if sized and len(item) * times > MAX_OUTPUT:
                        raise SecurityError("result too large")
            return super().call_binop(context, operator, left, right)

    env = Bounded(
        loader=Loader(),
        # HTML templates are escaped; Markdown ones escape through the `md` filter instead.
        autoescape=jinja2.select_autoescape(["html", "html.j2", "htm"], default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Text from files is data: its control characters are shown, not sent. Markup
        # (the stylesheet, the charts) is ours and passes as it is.
        finalize=lambda value: (
            printable(value)
            if isinstance(value, str) and not isinstance(value, markupsafe.Markup)
            else value
        ),
    )
    env.filters["score"] = lambda v, d=1: "–" if v is None else f"{v:.{d}f}"
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0%}"
    env.filters["md"] = escape.markdown_text
    env.filters["md_link"] = escape.markdown_link
    env.filters["delta"] = lambda v: f"{v:+.1f}"
    env.filters["minus"] = _shown_difference
    env.filters["role"] = role_name
    return env


def _shown_difference(a: float | None, b: float | None) -> str:
    """``a - b`` as the difference of the one-decimal figures shown beside it."""
    change = shown_difference(a, b)
    return "–" if change is None else f"{change:.1f}"


def _charts(report: Report) -> dict[str, str]:
    r = report.result
    previous = report.trend[-2] if report.has_trend else None
    out = {
        "radar": charts.radar(
            [p.score for p in r.pillars],
            [p.target for p in r.pillars],
            previous.pillars if previous else None,
            previous.period if previous else "previous",
            r.period or "this round",
        ),
        "projection": charts.projection(
            [p.name for p in report.projection_rows],
            [p.today for p in report.projection_rows],
            [[p.after[i] for p in report.projection_rows] for i in range(len(report.phases))],
            [ph.name for ph in report.phases],
            [p.target for p in report.projection_rows],
        ),
        "benefits": charts.benefit_bars(
            [b.score for b in r.benefits], [b.target for b in r.benefits]
        ),
        "heatmap": charts.heatmap(
            [role_name(role) for role, _ in r.respondents],
            [[dict(p.by_role).get(role) for p in r.pillars] for role, _ in r.respondents],
        ),
    }
    if report.has_trend:
        points = report.trend
        out["trend"] = charts.trend_panels(
            [t.period for t in points],
            [("Overall", [t.overall for t in points], [t.overall_target for t in points])]
            + [
                (
                    p.name,
                    [t.pillars[i] for t in points],
                    [t.targets[i] if t.targets else None for t in points],
                )
                for i, p in enumerate(PILLARS)
                if report.result.pillars[i].assessed
            ],
        )
    return {name: _data_uri(svg) for name, svg in out.items()}


def _data_uri(svg: str) -> str:
    """An SVG as a data: URI, so the HTML stays one self-contained file."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def load_drawing() -> None:
    """Import what `render_html` needs (matplotlib, jinja2) ahead of time.

    Meant for a `background.Helper` that loads them while the caller is still scoring.
    """
    import jinja2.sandbox  # noqa: F401

    charts.load()


def render_html(
    report: Report, template_dir: Path | None = None, drawn: dict[str, str] | None = None
) -> str:
    """The report as one self-contained HTML document.

    Args:
        report: what to say.
        template_dir: templates that override the bundled ones.
        drawn: the charts as data: URIs by name, to use instead of drawing them.

    Raises:
        RenderError: a template is missing, broken, or uses an undefined value.
    """
    dirs = template_dirs(template_dir)
    env = _environment(dirs)
    css = _read_template_file(dirs, "report.css")
    return _render(
        env,
        "report.html.j2",
        report=report,
        css=css,
        charts=drawn if drawn is not None else _charts(report),
        pillar_info=PILLARS,
        roles=ROLES,
        guidance=RATING_GUIDANCE,
    )


def render_markdown(report: Report, template_dir: Path | None = None) -> str:
    """The report as Markdown (tables instead of charts)."""
    env = _environment(template_dirs(template_dir))
    return _render(
        env,
        "report.md.j2",
        report=report,
        pillar_info=PILLARS,
        roles=ROLES,
        guidance=RATING_GUIDANCE,
    )


def _render(env: Any, name: str, **context: Any) -> str:
    import jinja2

    try:
        parts, size = [], 0
        for part in env.get_template(name).generate(**context):
            size += len(part)
            if size > MAX_OUTPUT:
                raise RenderError(
                    f"template {name}: the report would exceed {MAX_OUTPUT // 2**20} MiB"
                )
            parts.append(part)
    except RenderError:
        raise
    except jinja2.TemplateNotFound as err:
        raise RenderError(f"template not found: {err.name}") from None
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(f"{err.filename}:{err.lineno}: template error: {err.message}") from None
    except jinja2.UndefinedError as err:
        message = _OBJECT.sub(r"'\1'", err.message or "undefined value")
        raise RenderError(f"template {name}: {message}") from None
    except jinja2.exceptions.SecurityError as err:
        raise RenderError(f"template {name}: not allowed in the sandbox: {err}") from None
    except (Exception, RecursionError) as err:  # noqa: BLE001 - a template's own runtime error
        raise RenderError(f"template {name} failed: {type(err).__name__}: {err}") from None
    return "".join(parts)


_OBJECT = re.compile(r"'assess\.[\w.]+\.(\w+) object'")
"""A Python class path in jinja2's message, shown as the bare name (``'Report'``)."""


def _read_template_file(dirs: Sequence[Path], name: str) -> str:
    return template_file(dirs, name).read_text(encoding="utf-8")


def load_typesetter() -> None:
    """Import WeasyPrint now (it is slow to import), e.g. while charts are being drawn."""
    import weasyprint  # noqa: F401


def html_to_pdf(html: str, template_dir: Path | None = None) -> bytes:
    """Typeset HTML as PDF bytes with WeasyPrint, fetching nothing outside the templates.

    Raises:
        RenderError: the document asked for a resource it may not have.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    allowed = [d.resolve() for d in template_dirs(template_dir)]

    class TemplatesOnly(URLFetcher):  # type: ignore[misc]
        """Serves data: URIs and files under the template folders; refuses the rest."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path))
                if any(_inside(d, path) for d in allowed):
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"the report may not load {url}")

    fetcher = TemplatesOnly(allowed_protocols={"data", "file"}, fail_on_errors=True)
    try:
        document = HTML(string=html, base_url=str(allowed[0]), url_fetcher=fetcher)
        with _collector_paused():
            pdf: bytes = document.write_pdf()
    except FatalURLFetchingError as err:
        raise RenderError(str(err)) from None
    return pdf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off Python's cycle collector for the duration.

    Typesetting makes a great many objects but few reference cycles: the collector's
    passes cost a tenth of the PDF time and, measured on the example report, freed
    under 2 MB of its 105 MB peak.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
