"""Answer files: one respondent's answers to one bank version.

Their typed model, loading and checking against the bank, assembling several files into
one assessment, writing blank and filled files, migration to a later bank version, and
guarding output paths so that no input or filled answer file is overwritten.

May import: `assess.base`, `assess.bank`.
"""
