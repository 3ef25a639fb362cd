"""Documents for other tools: OSCAL catalogs and assessment results, AWS Well-Architected lenses.

Each module writes one standard's format from the project's own models, following that
standard's published definition (the tests check every document against it).

May import: `assess.base`, `assess.bank`, `assess.answers`, `assess.scoring`; the
standard library only.
"""
