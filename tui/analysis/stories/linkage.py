"""Average-link clustering over a sparse graph of scored pairs.

Pairs that were never scored count as 0, so two clusters' link is the sum of their
scored pairs over the product of their sizes. Clusters are joined best link first
while the best link reaches the threshold. Ties go to the pair of smallest indexes, so
the result depends on the scores only, not on the order they were given in.

The heap holds an upper bound of each pair's link: joining two clusters only lowers the
links of their other neighbours (the sum stays, the size grows), except where both had
links to one cluster (the sums add up), and those are pushed anew. A popped entry whose
link has dropped since is pushed back with its current value; one that is still exact
is the best link there is.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping


def average_link(
    count: int,
    scores: Mapping[tuple[int, int], float],
    threshold: float,
    compared: int | None = None,
) -> list[list[int]]:
    """Groups of the items 0..count-1, each sorted, in order of their first item.

    `compared`: at most how many others each item was scored against. Two large
    clusters then have at most about `compared` scored pairs per item of the smaller,
    and their link is the sum over that many pairs, not over all: a story of hundreds
    of reports is not split for want of pairs nobody scored."""
    return average_link_and_parts(count, scores, threshold, compared)[0]


def average_link_and_parts(
    count: int,
    scores: Mapping[tuple[int, int], float],
    threshold: float,
    compared: int | None = None,
    parts_at: float | None = None,
) -> tuple[list[list[int]], list[list[int]]]:
    """The groups of `average_link`, and the groups it had on the way when it stopped
    joining at `parts_at` (>= `threshold`) instead: the same as `average_link` at that
    threshold, found in the same run (the joins come in the same order; the threshold
    only says where they stop)."""
    size = [1] * count
    # Sum of the scores between two clusters, by cluster (each known by one of its items).
    links: list[dict[int, float]] = [{} for _ in range(count)]
    for (i, j), value in sorted(scores.items()):
        if value > 0 and i != j:
            links[i][j] = links[i].get(j, 0.0) + value
            links[j][i] = links[j].get(i, 0.0) + value
    heap = [(-total, i, j) for i in range(count) for j, total in links[i].items() if i < j]
    heapq.heapify(heap)
    members = [[i] for i in range(count)]
    parts: list[list[int]] | None = None
    while heap:
        negative, a, b = heapq.heappop(heap)
        if parts is None and parts_at is not None and -negative < parts_at:
            parts = [sorted(group) for group in members if group]
        if -negative < threshold:
            break
        total = links[a].get(b)
        if total is None:
            continue  # a or b was joined to another cluster since
        link = total / linked_pairs(size[a], size[b], compared)
        if link < -negative:
            heapq.heappush(heap, (-link, a, b))
            continue
        # The cluster with more neighbours lives on: only the other's neighbours are
        # touched, so each link is moved O(log n) times in all.
        keep, gone = (b, a) if len(links[b]) > len(links[a]) else (a, b)
        size[keep] += size[gone]
        size[gone] = 0
        if len(members[keep]) < len(members[gone]):
            members[keep], members[gone] = members[gone], members[keep]
        members[keep].extend(members[gone])
        members[gone] = []
        kept, moved = links[keep], links[gone]
        del kept[gone], moved[keep]
        links[gone] = {}
        for other, value in moved.items():
            back = links[other]
            del back[gone]
            total = kept.get(other, 0.0) + value
            kept[other] = back[keep] = total
            low, high = min(keep, other), max(keep, other)
            heapq.heappush(
                heap, (-total / linked_pairs(size[keep], size[other], compared), low, high)
            )
    groups = [sorted(group) for group in members if group]
    return groups, groups if parts is None else parts


def linked_pairs(size_a: int, size_b: int, compared: int | None) -> int:
    """How many pairs two clusters' link is averaged over (see `average_link`); it never
    shrinks as they grow, so a link only drops when a cluster grows (what the heap's
    bounds rely on)."""
    every = size_a * size_b
    return every if compared is None else min(every, compared * min(size_a, size_b))
