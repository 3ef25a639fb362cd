"""The terminal side of the interview: the only module that imports questionary.

`QuestionaryAsker` implements `assess.interview.flow.Asker` with real prompts. Prompts use
``unsafe_ask`` so that Ctrl-C reaches the caller as KeyboardInterrupt (``ask`` would
swallow it and return None, which would look like an answer). Bank texts are data: their
control characters are shown escaped, never sent to the terminal.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import termios
import textwrap
from collections.abc import Sequence
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.input import PipeInput
from prompt_toolkit.input.typeahead import clear_typeahead

from assess.base.words import fitted, printable, typed
from assess.interview.flow import Option

STYLE = questionary.Style(
    [
        ("qmark", "fg:#5f87af bold"),
        ("question", "bold"),
        ("pointer", "fg:#5f87af bold"),
        ("highlighted", "fg:#5f87af bold"),
        ("answer", "fg:#5f8700 bold"),
        ("instruction", "fg:#808080"),
    ]
)


_FALLBACK = str.maketrans({"·": "-", "»": ">", "↑": "up", "↓": "/down", "→": "->", "…": "..."})
"""ASCII for the few symbols the interview draws, for terminals that cannot show them."""


def _shown(text: str) -> str:
    """``text`` made printable, in ASCII stand-ins where the terminal cannot encode it."""
    text = printable(text)
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = text.translate(_FALLBACK)
    return text


def _discard_typeahead(given: Any) -> None:
    """Drop keys a terminal has sent but no prompt has read yet.

    Only on a terminal: keys fed through a pipe (a script, a test) are all meant.
    """
    source = given or get_app_session().input
    if isinstance(source, PipeInput) or not sys.stdin.isatty():
        return
    clear_typeahead(source)
    with contextlib.suppress(OSError, termios.error):
        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)


class QuestionaryAsker:
    """Real prompts on the terminal, or on the given prompt_toolkit input and output."""

    def __init__(self, input: Any = None, output: Any = None) -> None:
        """Use ``input``/``output`` instead of the terminal (for tests); None means the terminal."""
        self._io = {"input": input, "output": output}

    def choose(self, message: str, options: Sequence[Option], default: str | None = None) -> str:
        """A list to pick from with arrows or each option's key, confirmed with Enter.

        Keys typed before the list is drawn are dropped: an Enter pressed twice for the
        last prompt must not answer a question nobody has read.
        """
        _discard_typeahead(self._io["input"])
        # Long titles would be cut at the terminal's edge: wrap them under their first line.
        width = max(40, shutil.get_terminal_size().columns - 8)
        # The question's own words wrap at a word too, leaving room for the "? " mark.
        message = textwrap.fill(_shown(message), width + 6)
        choices = [
            questionary.Choice(
                textwrap.fill(_shown(o.title), width, subsequent_indent=" " * 6),
                value=o.value,
                shortcut_key=o.key or True,
            )
            for o in options
        ]
        answer: str = questionary.select(
            # The key hint on a line of its own: appended, it would wrap mid-word.
            message + "\n ",
            choices=choices,
            default=default,
            use_shortcuts=True,
            use_jk_keys=False,
            style=STYLE,
            instruction=_shown("(↑↓ or key, then Enter)"),
            pointer=_shown("»"),
            # questionary would echo the whole wrapped title after the question and cut it
            # at the edge; erase the prompt and echo the short form instead.
            erase_when_done=True,
            **self._io,
        ).unsafe_ask()
        chosen = next(o for o in options if o.value == answer)
        print_formatted_text(
            FormattedText(
                [
                    ("fg:#5f87af bold", "? "),
                    ("bold", message + " "),
                    ("fg:#5f8700 bold", _shown(chosen.short or chosen.title)),
                ]
            ),
            output=self._io["output"],
        )
        return answer

    def text(self, message: str, default: str = "") -> str:
        """A line of text; Enter alone returns ``default``."""
        answer: str = questionary.text(
            _shown(message), default=default, style=STYLE, **self._io
        ).unsafe_ask()
        return typed(answer)

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no."""
        answer: bool = questionary.confirm(
            _shown(message), default=default, style=STYLE, **self._io
        ).unsafe_ask()
        return answer

    def say(self, text: str) -> None:
        """Show text between prompts, each line wrapped at a word to the terminal's width."""
        print_formatted_text(
            FormattedText([("fg:#5f87af", "\n" + fitted(_shown(text)))]), output=self._io["output"]
        )
