"""Analyse labelled paragraphs once (parse, analyzers, stages, detector features) and cache them on disk.

Benchmarks that fit many folds read the cache instead of parsing again. The key covers the texts and the
code and data the features depend on (detector features, fluency profile), so a change there recomputes.
The parses are cached too (a spaCy DocBin), for measuring candidate features without parsing again.
The filter mode's inputs (:func:`surface_analysed`) need no parse and are recomputed each time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from spacy.tokens import Doc, DocBin

import mtaudit.detector.features as features_module
import mtaudit.detector.masking as masking_module
import mtaudit.view as view_module
from mtaudit.assembly import NO_DETECTOR, AuditSettings, build_auditor
from mtaudit.detector.features import DetectorInput, detector_inputs
from mtaudit.detector.surface import surface_inputs
from mtaudit.ingest import Paragraph
from mtaudit.modes import FILTER
from mtaudit.pipeline import Auditor
from mtaudit.profile import default_profile_path

CACHE = Path("/tmp/mtaudit_detector_cache")
BATCH = 64


def cache_key(texts: list[str]) -> str:
    """A short hash of the texts and of the feature code and profile they were analysed with."""
    code = b"".join(Path(m.__file__).read_bytes() for m in (features_module, masking_module, view_module))
    code += default_profile_path().read_bytes()
    return hashlib.sha256(code + json.dumps(texts).encode()).hexdigest()[:12]


def analysed(name: str, texts: list[str], auditor: Auditor, progress: bool = True) -> list[DetectorInput]:
    """Detector inputs of ``texts`` (already normalised), from the cache when it has them."""
    inputs, _ = analysed_with_docs(name, texts, auditor, progress)
    return inputs


def analysed_with_docs(
    name: str, texts: list[str], auditor: Auditor, progress: bool = True
) -> tuple[list[DetectorInput], list[Doc]]:
    """Detector inputs and spaCy parses of ``texts``, cached under /tmp by corpus, texts and code."""
    path = CACHE / f"{name}-{cache_key(texts)}"
    if (path / "inputs.json").exists():
        inputs = [DetectorInput(**d) for d in json.loads((path / "inputs.json").read_text())]
        docs = list(DocBin().from_disk(path / "docs.spacy").get_docs(auditor.nlp.vocab))
        return inputs, docs
    inputs, docs = [], []
    for start in range(0, len(texts), BATCH):
        batch = [
            Paragraph(name, start + k, f"{name}:{start + k}", t)
            for k, t in enumerate(texts[start : start + BATCH])
        ]
        states = auditor.analyze(batch)
        inputs.extend(detector_inputs(states))
        docs.extend(state.doc for state in states)
        if progress:
            print(f"\r{name}: analysed {len(inputs)}/{len(texts)}", end="", flush=True)
    if progress:
        print(flush=True)
    path.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(
        attrs=["ORTH", "LEMMA", "POS", "TAG", "MORPH", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]
    )
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(path / "docs.spacy")
    (path / "inputs.json").write_text(json.dumps([vars(i) for i in inputs]))
    return inputs, docs


def surface_analysed(name: str, texts: list[str]) -> list[DetectorInput]:
    """The filter mode's detector inputs of ``texts`` (tokenised, not parsed: fast enough not to cache)."""
    auditor = build_auditor(AuditSettings(translation=None, detector=NO_DETECTOR, mode=FILTER), print)
    inputs: list[DetectorInput] = []
    for start in range(0, len(texts), BATCH):
        batch = [
            Paragraph(name, start + k, f"{name}:{start + k}", t)
            for k, t in enumerate(texts[start : start + BATCH])
        ]
        inputs.extend(surface_inputs(auditor.analyze(batch)))
    return inputs
