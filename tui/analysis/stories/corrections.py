"""Stories corrected by hand: the user's moves, splits and merges (`StoryCorrection`),
applied to the clustering's groups in the order they were made.

A correction names reports by their key (`tui.model.ids.report_key`), so it finds them
in any load and input order; one naming a report not loaded is ignored (a split keeps
the reports of it that are loaded). Identical copies of a report share its key and move
together. The result depends on the groups and the corrections only.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.model.corrections import StoryCorrection
from tui.model.document import Report
from tui.model.ids import report_key


def corrected_groups(
    reports: Sequence[Report],
    groups: Sequence[Sequence[int]],
    corrections: Sequence[StoryCorrection],
) -> list[list[int]]:
    """`groups` (of indexes into `reports`, each report in one) after `corrections`:
    each sorted, in order of their first report (as given when there is no correction)."""
    if not corrections:
        return [sorted(group) for group in groups]
    label = [0] * len(reports)
    for number, group in enumerate(groups):
        for index in group:
            label[index] = number
    fresh = len(groups)  # the label of the next new story
    holders: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        holders.setdefault(report_key(report.text), []).append(index)
    for change in corrections:
        found = [holders.get(key, []) for key in change.reports]
        if change.kind == "split":
            moved = [index for indexes in found for index in indexes]
            for index in moved:
                label[index] = fresh
            fresh += bool(moved)
        elif len(found) == 2 and all(found):
            first, second = found
            if change.kind == "move":
                for index in first:
                    label[index] = label[second[0]]
            else:  # merge: the second report's story joins the first's
                joined, into = label[second[0]], label[first[0]]
                label = [into if value == joined else value for value in label]
    regrouped: dict[int, list[int]] = {}
    for index, value in enumerate(label):
        regrouped.setdefault(value, []).append(index)
    return list(regrouped.values())
