"""Per-page summaries of a site audit: each page's verdict and share of machine paragraphs, and the order
in which to review them (pages are the run's documents: a URL, a sitemap or crawl page, or a file)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mtaudit.records import ParagraphReport
from mtaudit.reporting.summary import Summary, document_verdict


@dataclass
class PageReview:
    """One page: where it is, what it is called, its verdict counts and where its paragraphs start."""

    document: str
    url: str | None
    title: str | None
    first_record: int
    paragraphs: int = 0
    machine: int = 0
    probability_sum: float = 0.0
    verdict: str = "uncertain"
    machine_share: float = 0.0
    rank: int = 0
    records: list[int] = field(default_factory=list)

    @property
    def mean_probability(self) -> float:
        """The mean p(MT) of the page's paragraphs."""
        return self.probability_sum / self.paragraphs if self.paragraphs else 0.0

    @property
    def name(self) -> str:
        """The page's title, else its URL, else the document name."""
        return self.title or self.url or self.document


def page_reviews(reports: Iterable[ParagraphReport]) -> list[PageReview]:
    """One review per page, in the order the pages were audited, ranked (``rank``, 1 first) for review:
    the highest share of machine paragraphs first, then the highest mean p(MT)."""
    summary = Summary()
    pages: dict[str, PageReview] = {}
    for n, report in enumerate(reports):
        summary.add(report)
        page = pages.get(report.document)
        if page is None:
            page = pages[report.document] = PageReview(report.document, report.url, report.title, n)
        page.paragraphs += 1
        page.machine += report.verdict == "machine"
        page.probability_sum += report.mt_probability
        page.records.append(n)
    for document, page in pages.items():
        counts = summary.by_document[document]
        page.verdict = document_verdict(counts)
        page.machine_share = summary.shares(counts)["machine"]
    ranked = sorted(pages.values(), key=lambda p: (-p.machine_share, -p.mean_probability, p.first_record))
    for rank, page in enumerate(ranked, start=1):
        page.rank = rank
    return list(pages.values())


def review_order(pages: list[PageReview]) -> list[PageReview]:
    """The pages in review order (rank 1 first)."""
    return sorted(pages, key=lambda p: p.rank)
