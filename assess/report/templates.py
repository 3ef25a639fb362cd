"""Templates: where they are found, and the sandbox they run in.

Templates come from ``report_templates/`` (or a ``--template-dir`` that overrides any of
them), are read only from regular files inside a template folder, and always run in
jinja2's sandbox, autoescaped, with StrictUndefined. The report and the web
questionnaire both render through here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from assess.base.errors import AssessError
from assess.base.paths import bundled_templates_dir
from assess.base.words import printable


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
            if not inside(folder.resolve(), path) or not path.is_file():
                raise RenderError(
                    f"template {name} is a link or not a plain file in {folder}: templates "
                    "are read only from regular files inside the template folder"
                )
            return path
    raise RenderError(f"template not found: {name}")


def inside(root: Path, path: Path) -> bool:
    """``path`` lies under the resolved ``root``, and no part of it below root is a link."""
    if not path.is_relative_to(root):
        return False
    current = path
    while current != root:
        if current.is_symlink():
            return False
        current = current.parent
    return path.resolve().is_relative_to(root)


def environment(dirs: Sequence[Path], filters: Mapping[str, Callable[..., Any]]) -> Any:
    """jinja2's sandbox over ``dirs``: autoescaped HTML, StrictUndefined, ``filters`` added.

    Strings from files are shown with their control characters escaped; output is bounded
    by `MAX_OUTPUT`.
    """
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
    env.filters.update(filters)
    return env


def render_template(env: Any, name: str, **context: Any) -> str:
    """Render template ``name`` of ``env`` (from `environment`) with ``context``.

    Raises:
        RenderError: the template is missing, broken, too large in output, uses an
            undefined value or something the sandbox forbids, or fails.
    """
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


def read_template_file(dirs: Sequence[Path], name: str) -> str:
    """The text of a template folder's file (a stylesheet, a script), by `template_file`'s rule."""
    return template_file(dirs, name).read_text(encoding="utf-8")
