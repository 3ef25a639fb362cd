"""The interview on a terminal that cannot move its cursor (``TERM=dumb``, an editor's shell).

`PlainAsker` implements `assess.interview.flow.Asker` with lines only: each prompt is
printed once, wrapped to the width, and answered by typing a key and Enter. It writes no
escape sequence at all. Bank texts are data: their control characters are shown escaped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from assess.base.words import fitted, shown, typed
from assess.interview.flow import Option


class PlainAsker:
    """Prompts as plain lines on standard input and output."""

    def choose(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None = None,
        context: str = "",
    ) -> str:
        """Print the context, the question and its numbered options; read a key.

        Enter alone chooses ``default``.
        """
        keyed = {(o.key or str(i + 1)): o for i, o in enumerate(options)}
        lines = ["\n" + fitted(shown(context))] if context else []
        lines.append(fitted(shown(message)))
        for key, option in keyed.items():
            mark = "*" if option.value == default else " "
            lines.append(
                textwrap.fill(
                    shown(f"{mark} {key}) {option.title}"),
                    _width(),
                    subsequent_indent=" " * (len(key) + 4),
                )
            )
        shown_default = next((k for k, o in keyed.items() if o.value == default), None)
        prompt = f"Key, then Enter{f' (Enter alone: {shown_default})' if shown_default else ''}: "
        print("\n".join(lines), flush=True)
        while True:
            reply = typed(input(prompt)).strip().lower()
            if not reply and default is not None:
                return default
            if reply in keyed:
                print(shown(f"  -> {keyed[reply].short or keyed[reply].title}"), flush=True)
                return keyed[reply].value
            print(f"  Type one of: {', '.join(keyed)}", flush=True)

    def text(self, message: str, default: str = "") -> str:
        """A line of text; Enter alone returns ``default``."""
        hint = f" [{shown(default)}]" if default else ""
        return typed(input(fitted(shown(message)) + hint + " ")) or default

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no; Enter alone returns ``default``."""
        while True:
            reply = input(f"{shown(message)} ({'Y/n' if default else 'y/N'}) ").strip().lower()
            if not reply:
                return default
            if reply in ("y", "yes", "n", "no"):
                return reply.startswith("y")

    def say(self, text: str) -> None:
        """Show text between prompts, wrapped at a word to the width."""
        print("\n" + fitted(shown(text)), flush=True)


def _width() -> int:
    import shutil

    return max(20, shutil.get_terminal_size().columns - 1)
