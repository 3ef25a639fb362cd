"""Observed evidence: answers a tool writes from what it measured, not what people say.

`mapping` reads the files beside a bank that say which of a tool's checks speak to which
question and how their results become a level (``mappings/scorecard-<version>.yaml``);
`scorecard` reads OpenSSF Scorecard's JSON results and writes an answer file whose
respondent has the role ``observed``, which scoring keeps apart from people's answers.

May import: `assess.base`, `assess.bank`, `assess.answers`.
"""
