"""The guided terminal interview.

Its flow and session (resume, file naming, saving every answer) apart from any terminal
library, and the questionary adapter that asks for real.

May import: `assess.base`, `assess.bank`, `assess.answers`, `assess.scoring`;
questionary and prompt_toolkit only in `terminal`.
"""
