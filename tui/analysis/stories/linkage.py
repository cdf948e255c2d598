"""Average-link clustering over a sparse graph of scored pairs.

Pairs that were never scored count as 0, so two clusters' link is the sum of their
scored pairs over the product of their sizes. Clusters are joined best link first
while the best link reaches the threshold. Ties go to the pair of smallest indexes, so
the result depends on the scores only, not on the order they were given in.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping


def average_link(
    count: int, scores: Mapping[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Groups of the items 0..count-1, each sorted, in order of their first item."""
    size = [1] * count
    # Sum of the scores between two clusters, by cluster (each known by its smallest item).
    links: list[dict[int, float]] = [{} for _ in range(count)]
    for (i, j), value in sorted(scores.items()):
        if value > 0 and i != j:
            links[i][j] = links[i].get(j, 0.0) + value
            links[j][i] = links[j].get(i, 0.0) + value
    heap = [(-total, i, j) for i in range(count) for j, total in links[i].items() if i < j]
    heapq.heapify(heap)
    members = [[i] for i in range(count)]
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative != _average(a, b, size, links):
            continue  # stale: a or b has grown (or is gone) since
        if -negative < threshold:
            break
        keep, gone = a, b  # a < b: the cluster keeps its smallest item
        size[keep] += size[gone]
        size[gone] = 0
        members[keep].extend(members[gone])
        members[gone] = []
        merged = links[keep]
        merged.pop(gone, None)
        for other, total in links[gone].items():
            if other != keep:
                merged[other] = merged.get(other, 0.0) + total
                links[other].pop(gone, None)
        links[gone] = {}
        for other, total in merged.items():
            links[other][keep] = total
            low, high = min(keep, other), max(keep, other)
            heapq.heappush(heap, (-_average(low, high, size, links), low, high))
    return [sorted(group) for group in members if group]


def _average(a: int, b: int, size: list[int], links: list[dict[int, float]]) -> float:
    """The average link of clusters a and b (-1 when either is gone or they share none)."""
    total = links[a].get(b)
    if total is None or not size[a] or not size[b]:
        return -1.0
    return total / (size[a] * size[b])
