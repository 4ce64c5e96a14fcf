"""mtaudit: paragraph-level audit of French text for machine translation."""

__version__ = "0.1.0"
