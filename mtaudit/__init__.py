"""mtaudit: paragraph-level audit of French text for machine translation.

The Python API (load once, score many)::

    from mtaudit import Auditor, AuditSettings

    auditor = Auditor.load(AuditSettings(translation=None))
    for record in auditor.audit_texts(["Premier paragraphe.", "Second paragraphe."]):
        print(record.id, record.verdict, record.mt_probability)

Importing the package stays light: the names below load their modules (spaCy, the models' code) on
first use (PEP 562).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name → the module that defines it, imported when the name is first used.
_LAZY = {
    "Auditor": "mtaudit.pipeline",
    "AuditSettings": "mtaudit.assembly",
    "AnalyzerOptions": "mtaudit.analyzers",
    "TranslationOptions": "mtaudit.translation.stage",
    "ParagraphReport": "mtaudit.records",
    "Anomaly": "mtaudit.records",
    "Reason": "mtaudit.records",
    "MtauditError": "mtaudit.errors",
}
__all__ = [
    "AnalyzerOptions",
    "Anomaly",
    "AuditSettings",
    "Auditor",
    "MtauditError",
    "ParagraphReport",
    "Reason",
    "TranslationOptions",
    "__version__",
]

if TYPE_CHECKING:
    from mtaudit.analyzers import AnalyzerOptions
    from mtaudit.assembly import AuditSettings
    from mtaudit.errors import MtauditError
    from mtaudit.pipeline import Auditor
    from mtaudit.records import Anomaly, ParagraphReport, Reason
    from mtaudit.translation.stage import TranslationOptions


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'mtaudit' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
