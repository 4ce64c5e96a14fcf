"""Build a profile from human-written French (``mtaudit profile build``).

Inputs are txt files (one sentence or one paragraph per line, or blank-line separated paragraphs), md,
jsonl with a ``text`` field, or folders of them (every visible file, recursively). Every text is parsed
by the shared spaCy pipeline and split into sentences. The word and syntax models are estimated on all
sentences; the reference distribution of every feature is measured **out of fold**: the sentences are cut
into 10 folds of contiguous blocks, and each fold is measured with models estimated on the other four, so
the reference sees the models' surprise on unseen native text, as the audit will. Reference paragraphs
are runs of 1, 2, 4 and 8 consecutive sentences of a document, so that every paragraph length has a
native distribution. The learned weights (``mtaudit/data/fluency-weights.json`` unless ``--weights``
names others) supply the machine-translation style table and the deviation's feature weights; the profile keeps a copy.

The steps are public for :mod:`mtaudit.profile.learn` and the benchmark, which measure corpora without
writing a profile: :func:`parse_documents`, :func:`corpus_sentences`, :func:`measure_corpus`,
:func:`reference_values`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from mtaudit import __version__
from mtaudit.errors import InputError, MtauditError
from mtaudit.ingest import read_document
from mtaudit.jobs import EXIT_OK, Messages
from mtaudit.language import ensure_french
from mtaudit.nlp import model_id
from mtaudit.normalise import normalise_with_offsets
from mtaudit.profile.features import (
    FEATURES,
    MODEL_FEATURE,
    SentenceStats,
    base_frequency,
    paragraph_features,
    sentence_stats,
    syntax_form,
    word_form,
)
from mtaudit.profile.neural import CausalLMScorer, load_causal_lm
from mtaudit.profile.ngram import NgramModel, estimate
from mtaudit.profile.reference import Reference
from mtaudit.profile.store import FORMAT, FORMAT_VERSION, SYNTAX_ORDER, WORD_ORDER, Profile, save_profile
from mtaudit.profile.weights import FluencyWeights, default_weights_path, load_weights

FOLDS = 10
MAX_BLOCK_SENTENCES = 100
MIN_SENTENCES = 10
RECOMMENDED_SENTENCES = 5000
GROUP_SIZES = (1, 2, 4, 8)
MAX_BLOCK_CHARS = 1_000_000
PARSE_BATCH = 64

Progress = Callable[[str, int, int], None]  # (step description, done, total)


@dataclass
class BuildSummary:
    """What a build read and wrote, for the closing summary."""

    output: Path
    files: int = 0
    texts: int = 0
    sentences: int = 0
    tokens: int = 0
    vocabulary: int = 0
    ngrams: int = 0
    reference_paragraphs: int = 0
    size_bytes: int = 0
    seconds: float = 0.0
    weights: str = ""
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """A short human-readable summary."""
        return [
            f"profile written to {self.output} ({self.size_bytes / 1e6:.1f} MB) in {self.seconds:.0f} s",
            f"read {self.files} files: {self.texts:,} lines or paragraphs, {self.sentences:,} sentences, "
            f"{self.tokens:,} tokens",
            f"word model: {self.vocabulary:,} words, {self.ngrams:,} n-grams; "
            f"native reference: {self.reference_paragraphs:,} paragraphs of 1-8 sentences",
            f"deviation weights: {self.weights}",
        ]


def corpus_files(paths: Sequence[str]) -> list[Path]:
    """The files named by ``paths``: files as given, folders expanded to their visible files, sorted."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
            if not found:
                raise InputError(name, "folder holds no file")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(name, "no such file or folder")
    return files


@dataclass
class MeasuredCorpus:
    """A native corpus measured for a profile: every sentence out of fold, and the models on all of it."""

    documents: list[int]  # per sentence, the index of its document
    stats: list[SentenceStats]  # per sentence, measured with models that did not see it
    word_lm: NgramModel
    syntax_lm: NgramModel


def build_profile(
    paths: Sequence[str],
    output: Path,
    nlp: Language,
    fluency_model: str | None = None,
    progress: Progress | None = None,
    weights_path: Path | None = None,
) -> BuildSummary:
    """Read the corpus at ``paths``, estimate the models and the native reference, write ``output``;
    the deviation's weights come from ``weights_path`` (default: the shipped ones)."""
    started = time.perf_counter()
    report = progress or (lambda step, done, total: None)
    summary = BuildSummary(output=output)
    files = corpus_files(paths)
    weights = load_weights(weights_path or default_weights_path(), _features(fluency_model))
    model = load_causal_lm(fluency_model) if fluency_model else None  # fail early, before parsing
    sources, sentences = read_corpus(files, nlp, summary, report)
    summary.sentences = len(sentences)
    if len(sentences) < MIN_SENTENCES:
        raise MtauditError(f"too little text: {len(sentences)} sentences (a profile needs {MIN_SENTENCES})")
    summary.tokens = sum(sum(not t.is_space for t in s) for _, s in sentences)
    if len(sentences) < RECOMMENDED_SENTENCES:
        summary.warnings.append(
            f"small corpus ({len(sentences)} sentences): z-scores and deviations will be noisy; "
            f"{RECOMMENDED_SENTENCES:,} sentences or more are recommended"
        )
    measured = measure_corpus(sentences, report, model)
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "name": output.name,
        "mtaudit": __version__,
        "spacy_model": model_id(nlp),
        "wordfreq": _wordfreq_version(),
        "sources": sources,
        "sentences": summary.sentences,
        "tokens": summary.tokens,
        "word_order": WORD_ORDER,
        "syntax_order": SYNTAX_ORDER,
        "folds": FOLDS,
        "group_sizes": list(GROUP_SIZES),
        "fluency_model": fluency_model,
    }
    profile = assemble_profile(measured, weights, meta)
    save_profile(profile, output)
    summary.vocabulary = len(profile.word_lm.vocab) - 3
    summary.ngrams = sum(len(keys) for keys in profile.word_lm.keys)
    summary.reference_paragraphs = profile.meta["reference_paragraphs"]
    summary.weights = f"{weights.name} (sha256 {weights.sha256[:12]})"
    summary.size_bytes = output.stat().st_size
    summary.seconds = time.perf_counter() - started
    return summary


def assemble_profile(measured: MeasuredCorpus, weights: FluencyWeights, meta: dict) -> Profile:
    """The profile of a measured corpus: its models, and its reference fitted with ``weights``."""
    features = _features(meta.get("fluency_model"))
    values, lengths = reference_values(measured, features, weights.style)
    reference = Reference.fit(features, values, lengths, weights.combination)
    meta = {**meta, "features": features, "reference_paragraphs": len(lengths)}
    return Profile(meta, measured.word_lm, measured.syntax_lm, reference, weights)


def read_corpus(
    files: Sequence[Path], nlp: Language, summary: BuildSummary, report: Progress
) -> tuple[list[dict[str, object]], list[tuple[int, Span]]]:
    """Each file's description (path, size, sha256) and the corpus's sentences (file index, sentence)."""
    sources, documents = [], []
    for path in files:
        documents.append(_read_texts(path, summary))
        sources.append(describe_file(path))
    summary.files = len(files)
    summary.texts = sum(len(texts) for texts in documents)
    return sources, corpus_sentences(parse_documents(nlp, documents, report))


def parse_documents(nlp: Language, documents: list[list[str]], report: Progress) -> list[list[Doc]]:
    """Every text of every document parsed by the shared spaCy pipeline, in order."""
    total = sum(len(texts) for texts in documents)
    done = 0
    parsed: list[list[Doc]] = []
    report("parsing", done, total)
    for texts in documents:
        parsed.append([])
        for doc in nlp.pipe(texts, batch_size=PARSE_BATCH):
            parsed[-1].append(doc)
            done += 1
            if done % PARSE_BATCH == 0 or done == total:
                report("parsing", done, total)
    return parsed


def corpus_sentences(documents: Sequence[Sequence[Doc]]) -> list[tuple[int, Span]]:
    """(document index, sentence) for every sentence with a non-space token, in order."""
    return [
        (index, sentence)
        for index, docs in enumerate(documents)
        for doc in docs
        for sentence in doc.sents
        if any(not t.is_space for t in sentence)
    ]


def measure_corpus(
    sentences: Sequence[tuple[int, Span]], report: Progress, model: CausalLMScorer | None = None
) -> MeasuredCorpus:
    """Measure every sentence out of fold (and with the causal LM, if any); estimate the models on all."""
    spans = [s for _, s in sentences]
    stats = _out_of_fold_stats(spans, report)
    if model is not None:
        report("scoring with the fluency model", 0, 1)
        for measured, surprises in zip(stats, model.surprises([s.text for s in spans]), strict=True):
            measured.model_nats = surprises
        report("scoring with the fluency model", 1, 1)
    report("estimating the models on the whole corpus", 0, 1)
    word_lm, syntax_lm = _estimate_models(spans)
    report("estimating the models on the whole corpus", 1, 1)
    return MeasuredCorpus([d for d, _ in sentences], stats, word_lm, syntax_lm)


def reference_values(
    measured: MeasuredCorpus, features: Sequence[str], style: dict[str, float]
) -> tuple[np.ndarray, list[int]]:
    """Feature vectors and token counts of the runs of 1, 2, 4, 8 consecutive sentences of each document."""
    spans: dict[int, list[int]] = {}
    for i, document in enumerate(measured.documents):
        spans.setdefault(document, []).append(i)
    rows, lengths = [], []
    for members in spans.values():
        for size in GROUP_SIZES:
            for first in range(0, len(members) - size + 1, size):
                group = [measured.stats[i] for i in members[first : first + size]]
                values = paragraph_features(group, style)
                rows.append([values[name] for name in features])
                lengths.append(sum(s.tokens for s in group))
    return np.array(rows, dtype=np.float64), lengths


def _features(fluency_model: str | None) -> list[str]:
    return [*FEATURES, *([MODEL_FEATURE] if fluency_model else [])]


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _read_texts(path: Path, summary: BuildSummary) -> list[str]:
    document = read_document(str(path), max_chars=MAX_BLOCK_CHARS)
    ensure_french(document)
    summary.warnings.extend(document.warnings)
    # the text as the audit reads it (mtaudit.view): typography neutralised, line breaks kept
    return [normalise_with_offsets(p.text).text for p in document.paragraphs]


def describe_file(path: Path) -> dict[str, object]:
    """A file's path, size and sha256, to record what a profile or weights were built from."""
    data = path.read_bytes()
    return {"path": str(path), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _estimate_models(sentences: Sequence[Span]) -> tuple[NgramModel, NgramModel]:
    words = ([word_form(t.text) for t in s if not t.is_space] for s in sentences)
    syntax = ([syntax_form(t) for t in s if not t.is_space] for s in sentences)
    return estimate(words, WORD_ORDER, base_frequency), estimate(syntax, SYNTAX_ORDER)


def _out_of_fold_stats(sentences: list[Span], report: Progress) -> list[SentenceStats]:
    """Each sentence measured with models estimated on the folds it is not in."""
    block = min(MAX_BLOCK_SENTENCES, max(1, len(sentences) // (10 * FOLDS)))
    folds = [(i // block) % FOLDS for i in range(len(sentences))]
    stats: list[SentenceStats | None] = [None] * len(sentences)
    for fold in range(FOLDS):
        report("measuring the reference (out of fold)", fold, FOLDS)
        word_lm, syntax_lm = _estimate_models([s for s, f in zip(sentences, folds, strict=True) if f != fold])
        for i, sentence in enumerate(sentences):
            if folds[i] == fold:
                stats[i] = sentence_stats(sentence, word_lm, syntax_lm)
    report("measuring the reference (out of fold)", FOLDS, FOLDS)
    return [s for s in stats if s is not None]


def _wordfreq_version() -> str:
    from importlib.metadata import version

    return version("wordfreq")


def build_job(
    *,
    paths: Sequence[str],
    output: Path,
    messages: Messages,
    fluency_model: str | None = None,
    weights: Path | None = None,
) -> int:
    """``mtaudit profile build``: parse the corpus with a progress bar, write the profile, summarise."""
    from mtaudit.nlp import load_french
    from mtaudit.reporting.progress import step_progress

    with step_progress(messages.console, not messages.quiet) as progress:
        summary = build_profile(paths, output, load_french(), fluency_model, progress, weights)
    for line in [*summary.warnings, *summary.lines()]:
        messages.say(line)
    return EXIT_OK
