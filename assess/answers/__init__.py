"""Answer files: one respondent's answers to one bank version.

Their typed model, loading and checking against the bank, assembling
several files into one assessment, writing blank and filled files, migration to a later
bank version, and telling answer files from bank files when validating.

May import: `assess.base`, `assess.bank`.
"""
