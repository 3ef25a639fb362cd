"""The history of recorded assessments, for comparisons and trends.

What is kept of a result (snapshot and record), the SQL store with its schema and
migrations, recording a round, comparing two records (also across bank versions) and a
subject's trend.

May import: `assess.base`, `assess.bank`, `assess.answers`, `assess.scoring`; SQLAlchemy
(only in `store`), pandas (only inside `trend`, when a frame is built).
"""
