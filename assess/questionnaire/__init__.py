"""The offline web questionnaire: one self-contained HTML file a respondent opens anywhere.

`content` turns a bank or a round into what the page shows (frozen, typed); `render`
writes it through the report's template sandbox, with its script and stylesheet inline
and a Content-Security-Policy that forbids every network request. The page keeps
progress in the browser's local storage and downloads an ordinary answer file.

May import: `assess.base`, `assess.bank`, `assess.answers`, `assess.rounds`,
`assess.report.templates` (jinja2 only through it).
"""
