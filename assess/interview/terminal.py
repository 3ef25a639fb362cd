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
from typing import Any, Self

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.input import PipeInput
from prompt_toolkit.input.typeahead import clear_typeahead

from assess.base.words import fitted, shown, typed
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


def _width(margin: int) -> int:
    """The columns left for text on the terminal, less ``margin``, as it is now."""
    return max(20, shutil.get_terminal_size().columns - margin)


class _Fitted(str):
    """Text that wraps at a word to the terminal's width each time it is drawn.

    questionary draws titles and the question with ``str.format``, on every redraw: so a
    resized terminal gets them wrapped to its new width.
    """

    margin: int
    indent: str
    after: str
    before: str

    def __new__(
        cls, text: str, margin: int, indent: str = "", after: str = "", before: str = ""
    ) -> Self:
        fitted = super().__new__(cls, text)
        fitted.margin, fitted.indent, fitted.after = margin, indent, after
        fitted.before = before
        return fitted

    def __format__(self, spec: str) -> str:
        width = _width(self.margin)
        body = textwrap.fill(str(self), width, subsequent_indent=self.indent) + self.after
        if not self.before:
            return body
        # The context heads the prompt; the question's "? " mark follows it.
        above = (textwrap.fill(line, width) for line in self.before.split("\n"))
        return "\n".join(above) + "\n? " + body


class QuestionaryAsker:
    """Real prompts on the terminal, or on the given prompt_toolkit input and output."""

    def __init__(self, input: Any = None, output: Any = None) -> None:
        """Use ``input``/``output`` instead of the terminal (for tests); None means the terminal."""
        self._io = {"input": input, "output": output}

    def choose(
        self,
        message: str,
        options: Sequence[Option],
        default: str | None = None,
        context: str = "",
    ) -> str:
        """A list to pick from with arrows or each option's key, confirmed with Enter.

        Keys typed before the list is drawn are dropped: an Enter pressed twice for the
        last prompt must not answer a question nobody has read. The context heads the
        prompt itself, so that on a short terminal the levels scroll beneath it rather
        than pushing it off the screen.
        """
        _discard_typeahead(self._io["input"])
        # Long titles would be cut at the terminal's edge: they wrap under their first line,
        # and the question at a word, leaving room for the "? " mark; both again on resize.
        # The key hint goes on a line of its own: appended, it would wrap mid-word.
        # A blank line first sets each question apart, as a line said between prompts is.
        before = "\n" + shown(context) if context else ""
        question = _Fitted(shown(message), margin=2, after="\n ", before=before)
        choices = [
            questionary.Choice(
                _Fitted(shown(o.title), margin=8, indent=" " * 6),
                value=o.value,
                shortcut_key=o.key or True,
            )
            for o in options
        ]
        answer: str = questionary.select(
            question,
            choices=choices,
            default=default,
            use_shortcuts=True,
            use_jk_keys=False,
            style=STYLE,
            qmark="" if context else "?",
            instruction=shown("(↑↓ or key, then Enter)"),
            pointer=shown("»"),
            # questionary would echo the whole wrapped title after the question and cut it
            # at the edge; erase the prompt and echo the short form instead.
            erase_when_done=True,
            **self._io,
        ).unsafe_ask()
        chosen = next(o for o in options if o.value == answer)
        if context:
            # The prompt, context and all, was erased: the transcript keeps where it was.
            self.say(context)
        asked = format(_Fitted(shown(message), margin=2))
        echoed = shown(chosen.short or chosen.title)
        # The choice follows the question on its last line if it fits there whole, else
        # on a line of its own: the terminal would cut it mid-word at the edge.
        fits = len(asked.rsplit("\n", 1)[-1]) + 1 + len(echoed) <= _width(2)
        print_formatted_text(
            FormattedText(
                [
                    ("fg:#5f87af bold", "? "),
                    ("bold", asked + (" " if fits else "\n  ")),
                    ("fg:#5f8700 bold", echoed),
                ]
            ),
            output=self._io["output"],
        )
        return answer

    def text(self, message: str, default: str = "") -> str:
        """A line of text; Enter alone returns ``default``."""
        answer: str = questionary.text(
            shown(message), default=default, style=STYLE, **self._io
        ).unsafe_ask()
        return typed(answer)

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no."""
        answer: bool = questionary.confirm(
            shown(message), default=default, style=STYLE, **self._io
        ).unsafe_ask()
        return answer

    def say(self, text: str) -> None:
        """Show text between prompts, each line wrapped at a word to the terminal's width."""
        print_formatted_text(
            FormattedText([("fg:#5f87af", "\n" + fitted(shown(text)))]), output=self._io["output"]
        )
