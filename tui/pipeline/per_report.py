"""The analyses done report by report, before the stories are known: each report's name
candidates (`tui.analysis.entities.find_candidates_of`) depend on it alone, its terms
for story clustering (`tui.analysis.stories.features.report_terms`) on it and its
mentions alone, and the sources its paragraphs cite (`tui.analysis.attribution`) on it,
its mentions and their entities' types, so they can be found in another process
(`tui.pipeline.executors`) and joined in report order: the result is the same wherever
they were found. The cited sources are found while this process clusters the stories.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tui.analysis.attribution import find_all_cited
from tui.analysis.entities import Candidates, find_candidates_of
from tui.analysis.entities.extract import Candidate
from tui.analysis.stories.features import MAX_SENTENCES, ReportTerms, report_terms
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.entities import Mention
from tui.model.tags import CitedSource
from tui.pipeline.executors import Costs, StoryWork

# Measured on a 2-core machine (`bench/analysis_scale.py`'s 1,000 reports): finding the
# candidates, about 80 us a sentence; pickling the reports to a worker and unpickling
# the candidates back, about 10 us a sentence.
CANDIDATE_COSTS = Costs(work=80e-6, shipping=10e-6)
# A report's terms, per sentence read (the first `MAX_SENTENCES`): about 25 us; shipping
# the reports and their mentions, and the terms back, about 10 us.
TERMS_COSTS = Costs(work=25e-6, shipping=10e-6)
# A paragraph's cited sources, per sentence: about 30 us; shipping the reports and
# their mentions, and the sources back, about 10 us.
CITED_COSTS = Costs(work=30e-6, shipping=10e-6)
# Reports are shipped in chunks of this many (each chunk's lower-case counts come back
# as one counter).
CHUNK = 16


@dataclass(frozen=True, slots=True)
class ReportChunk:
    """Some consecutive reports, measured in the sentences of their analysed paragraphs."""

    reports: tuple[Report, ...]
    sentences: int


def report_chunks(reports: Sequence[Report], size: int = CHUNK) -> list[ReportChunk]:
    """The reports in consecutive chunks of `size`."""
    chunks = []
    for first in range(0, len(reports), size):
        part = tuple(reports[first : first + size])
        sentences = sum(
            len(p.sentences) for r in part for p in r.paragraphs if p.kind not in UNANALYSED_KINDS
        )
        chunks.append(ReportChunk(part, sentences))
    return chunks


def candidates_of_chunks(batch: Sequence[ReportChunk]) -> list[Candidates]:
    """The candidates of each chunk of `batch` (what a worker is sent)."""
    return [find_candidates_of(chunk.reports) for chunk in batch]


def report_candidates(work: StoryWork, reports: Sequence[Report]) -> Candidates:
    """The name candidates of all `reports`, in order, found on `work`'s pool when that
    pays, else here: the same either way (the lower-case counts are added up in report
    order, so even their order is the same)."""
    chunks = report_chunks(reports)
    if not work.distributes(chunks, CANDIDATE_COSTS):
        return find_candidates_of(reports)
    candidates: list[Candidate] = []
    lowercase: Counter[str] = Counter()
    for found, counts in work.submit(candidates_of_chunks, chunks)():
        candidates.extend(found)
        lowercase.update(counts)
    return candidates, lowercase


@dataclass(frozen=True, slots=True)
class TermsChunk:
    """Some consecutive reports with their mentions, measured in the sentences
    `report_terms` reads."""

    reports: tuple[Report, ...]
    mentions: dict[str, tuple[Mention, ...]]
    sentences: int


def terms_of_chunks(batch: Sequence[TermsChunk]) -> list[list[ReportTerms]]:
    """The terms of each report of each chunk of `batch` (what a worker is sent)."""
    return [[report_terms(report, chunk.mentions) for report in chunk.reports] for chunk in batch]


def story_terms(
    work: StoryWork, reports: Sequence[Report], mentions: Mapping[str, tuple[Mention, ...]]
) -> list[ReportTerms]:
    """Each report's terms for story clustering, in order, found on `work`'s pool when
    that pays, else here (the same either way)."""
    chunks = []
    for chunk in report_chunks(reports):
        own = {
            p.id: mentions[p.id] for r in chunk.reports for p in r.paragraphs if p.id in mentions
        }
        read = sum(
            min(MAX_SENTENCES, sum(len(p.sentences) for p in r.paragraphs)) for r in chunk.reports
        )
        chunks.append(TermsChunk(chunk.reports, own, read))
    if not work.distributes(chunks, TERMS_COSTS):
        return [report_terms(report, mentions) for report in reports]
    return [terms for found in work.submit(terms_of_chunks, chunks)() for terms in found]


Cited = dict[str, tuple[CitedSource, ...]]


@dataclass(frozen=True, slots=True)
class CitedChunk:
    """Some consecutive reports with their mentions and the types of the entities these
    name, measured in the sentences of their analysed paragraphs."""

    reports: tuple[Report, ...]
    mentions: dict[str, tuple[Mention, ...]]
    types: dict[str, str]
    sentences: int


def cited_of_chunks(batch: Sequence[CitedChunk]) -> list[Cited]:
    """The cited sources of each chunk of `batch` (what a worker is sent)."""
    return [find_all_cited(chunk.reports, chunk.mentions, chunk.types) for chunk in batch]


def report_cited(
    work: StoryWork,
    reports: Sequence[Report],
    mentions: Mapping[str, tuple[Mention, ...]],
    types: Mapping[str, str],
) -> Callable[[], Cited]:
    """Start finding the cited sources of every paragraph of `reports` (`types`: each
    entity's type); returns what waits for them (in paragraph order). When the pool
    pays, it is given all of it at once, to do while this process goes on (clustering
    the stories); else they are found here when waited for. The same either way."""
    chunks = []
    for chunk in report_chunks(reports):
        own = {
            p.id: mentions[p.id] for r in chunk.reports for p in r.paragraphs if p.id in mentions
        }
        named = {m.entity for found in own.values() for m in found}
        chunks.append(
            CitedChunk(
                chunk.reports, own, {e: types[e] for e in named if e in types}, chunk.sentences
            )
        )
    if not work.distributes(chunks, CITED_COSTS):
        return lambda: find_all_cited(reports, mentions, types)
    waiting = work.submit(cited_of_chunks, chunks, all_ahead=True)

    def joined() -> Cited:
        cited: Cited = {}
        for found in waiting():
            cited.update(found)
        return cited

    return joined
