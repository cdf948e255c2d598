"""Disjoint sets of string keys (union-find), for grouping spellings and topic anchors.

The root of a set is always its smallest key, so the grouping does not depend on the
order of the unions: an analysis gives the same result whichever pairs it meets first.
"""

from __future__ import annotations

from collections.abc import Iterable


class UnionFind:
    """Sets of keys; a key not seen before is a set of its own."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        """The root (smallest key) of `key`'s set; paths are compressed on the way."""
        root = self.parent.setdefault(key, key)
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> bool:
        """Join the sets of `a` and `b`: whether they were apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True
