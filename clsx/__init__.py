"""clsx: French press releases about Contrats Locaux de Santé -> validated, evidence-backed records."""

__version__ = "0.1.0"
