"""The user's sample page (../shared/seed): machine paragraphs above native ones, the noted anomalies found.

Skips when ../shared is absent. No text of the sample is copied here: expectations come from labels.tsv.
"""

from __future__ import annotations

import re

import pytest

from mtaudit.ingest import read_document


@pytest.fixture(scope="module")
def seed(shared, auditor):
    document = read_document(str(shared / "seed" / "article.txt"))
    labels = {}
    for line in (shared / "seed" / "labels.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        number, label, note = line.split("\t")
        labels[int(number) + 1] = (label, note)  # labels count lines from 0, paragraphs from 1
    reports = list(auditor.audit(document.paragraphs))
    return [(report, *labels[report.line]) for report in reports]


def test_every_labelled_line_is_a_paragraph(seed):
    assert len(seed) == 9


def test_machine_paragraphs_score_above_native_ones(seed):
    machine = [r.mt_probability for r, label, _ in seed if label == "machine"]
    native = [r.mt_probability for r, label, _ in seed if label == "native"]
    assert min(machine) > max(native)


def test_native_paragraphs_have_no_major_anomaly(seed):
    for report, label, _ in seed:
        if label == "native":
            assert [a for a in report.anomalies if a.severity == "major"] == [], report.text


def test_noted_phrases_are_covered_by_anomalies(seed):
    checked = 0
    for report, label, note in seed:
        if label != "machine":
            continue
        for phrase in re.findall(r'"([^"]+)"', note):
            start = report.text.find(phrase)
            if start < 0:
                continue  # the English source of a calque, not text of the page
            end = start + len(phrase)
            assert any(a.start < end and start < a.end for a in report.anomalies), (phrase, report.anomalies)
            checked += 1
    assert checked >= 7
