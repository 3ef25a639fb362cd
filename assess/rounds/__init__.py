"""Round files: what a facilitator hands out so that every respondent answers alike.

A round fixes the bank version, the subject, the period and the target profile of one
assessment, and may name the roles asked. The interview, the blank template and the web
questionnaire take a round file where they take a bank, so respondents never choose the
profile nor type the subject their own way. Here too: the blank template made from a
bank or a round; `validate_files`, which tells banks, rounds, answer files and evidence
mappings apart; and a round's observed answer file from a tool's results (`evidence`).

May import: `assess.base`, `assess.bank`, `assess.answers`, `assess.evidence`.
"""
