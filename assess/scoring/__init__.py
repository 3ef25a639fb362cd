"""Scoring: from answers to scores, gaps, a roadmap and pipeline gates.

The result types, the scoring rules (practices and outcomes, conditional questions),
targets (profiles or a targets file), the phased roadmap, the pipeline gates of `assess
check`, and scoring answer files in one call.

Pure computation. May import: `assess.base`, `assess.bank`, `assess.answers`.
"""
