"""What the commands print and write, apart from the report.

The output format choices, machine formats (JSON, CSV, Markdown), escaping of text from
files for Markdown and spreadsheets, JSON Schemas of the file formats, and the terminal
views.

May import: every core part (`base`, `bank`, `answers`, `scoring`, `history`); rich
only in `terminal`.
"""
