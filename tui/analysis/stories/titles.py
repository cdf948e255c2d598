"""Stories from groups of reports: ids by size, a title, outlets and dates, and the
parts that shared facts do not join (see `cluster`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from tui.analysis.stories.features import iso_date
from tui.model.document import UNANALYSED_KINDS, Report
from tui.model.ids import story_id
from tui.model.stories import Story
from tui.textsafe import safe_line, safe_visible_line

# A part of a story holds this many reports or more to have a seam (as `cluster`).
SEAM_PART = 3
# Titles longer than this are cut at a word: a bound for a lead sentence that runs on,
# not a width to draw in (each view cuts a title to its own room: the story list's
# title column takes what a wide terminal gives it).
TITLE_LENGTH = 240
# A lead sentence needs this many words (a URL or a dateline is not one).
_LEAD_WORDS = 4


def make_stories(
    reports: Sequence[Report],
    groups: Sequence[Sequence[int]],
    scores: Mapping[tuple[int, int], float],
    parts: Sequence[str] | None = None,
) -> tuple[Story, ...]:
    """One story per group of report indexes: `s1` the largest (ties: the one whose
    first report comes first), reports in corpus order. `scores` (of pairs of report
    indexes) say which report is most central to its story: its title's source.
    `parts`: each report's part label (`cluster.seam_parts`), if any."""
    centrality = centralities(len(reports), scores)
    return tuple(
        story_of(story_id(number), reports, group, centrality, parts)
        for number, group in enumerate(by_size(groups), start=1)
    )


def by_size(groups: Iterable[Sequence[int]]) -> list[list[int]]:
    """The groups (each sorted), largest first, ties by first report."""
    return sorted((sorted(group) for group in groups if group), key=lambda g: (-len(g), g[0]))


def centralities(count: int, scores: Mapping[tuple[int, int], float]) -> list[float]:
    """Each report's summed score with the others: how central it is to its story."""
    centrality = [0.0] * count
    for (i, j), value in sorted(scores.items()):
        centrality[i] += value
        centrality[j] += value
    return centrality


def story_of(
    an_id: str,
    reports: Sequence[Report],
    group: Sequence[int],
    centrality: Sequence[float],
    parts: Sequence[str] | None = None,
) -> Story:
    """The story of the reports at `group`'s indexes (in corpus order)."""
    members = [reports[i] for i in sorted(group)]
    central = sorted(group, key=lambda i: (-centrality[i], i))
    dates = sorted(date for date in (iso_date(r.date) for r in members) if date)
    return Story(
        id=an_id,
        report_ids=tuple(r.id for r in members),
        title=story_title([reports[i] for i in central]),
        outlets=tuple(sorted({r.outlet for r in members if r.outlet and r.outlet_known})),
        dates=(dates[0], dates[-1]) if dates else (None, None),
        parts=story_parts([parts[i] for i in sorted(group)]) if parts else (),
    )


def story_parts(labels: Sequence[str], least: int = SEAM_PART) -> tuple[str, ...]:
    """The part labels of a story's reports (in its order), kept only where the story
    holds at least `least` reports of a part and another such part with the same
    prefix (a story corrected by hand may hold fewer); () when none is kept."""
    sizes = Counter(label for label in labels if label)
    kept = {label for label, size in sizes.items() if size >= least}
    prefixes = Counter(label.split(".")[0] for label in kept)
    kept = {label for label in kept if prefixes[label.split(".")[0]] > 1}
    if not kept:
        return ()
    return tuple(label if label in kept else "" for label in labels)


def story_title(reports: Sequence[Report]) -> str:
    """The title of the first report that has one, else the lead sentence of the first
    that has one (reports most central first); "" when none has either."""
    for report in reports:
        title = safe_line(report.title)
        if title:
            return shortened(title)
    for report in reports:
        lead = lead_sentence(report)
        if lead:
            return shortened(lead)
    return ""


def lead_sentence(report: Report) -> str:
    """The report's first sentence of a few words, on one line."""
    for paragraph in report.paragraphs:
        if paragraph.kind in UNANALYSED_KINDS:
            continue
        for sentence in paragraph.sentences:
            line = safe_visible_line(report, paragraph, sentence.start, sentence.end)
            if len(line.split()) >= _LEAD_WORDS:
                return line
    return ""


def shortened(line: str, length: int = TITLE_LENGTH) -> str:
    """`line` cut at a word to at most `length` characters, with an ellipsis if cut."""
    if len(line) <= length:
        return line
    cut = line[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return (cut if len(cut) >= length // 2 else line[: length - 1]) + "…"
