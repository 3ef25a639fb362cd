"""Question banks: what is asked, and how it feeds the pillars and benefits.

The typed model of a bank file, loading with cross-checks, the registry of banks on the
search path, how questions carry over between bank versions, and the linter of the
authoring rules.

May import: `assess.base` and pydantic.
"""
