"""The leadership report (PDF, HTML, Markdown).

What it says (content, computed once for every format), how it is assembled from answer
files, the history and earlier rounds, its charts, and its rendering to HTML, Markdown
and PDF.

May import: every core part; matplotlib only in `charts`, jinja2 and WeasyPrint only in
`render`.
"""
