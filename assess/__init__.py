"""assess: measure DevSecOps maturity against the CSA Reflexive Security framework."""

__version__ = "0.1.0"
