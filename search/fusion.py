"""Reciprocal rank fusion of ranked lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def reciprocal_rank_fusion(rankings: Mapping[str, Sequence[int]], k: int = 60,
                           weights: Mapping[str, float] | None = None
                           ) -> list[tuple[int, float, dict[str, int]]]:
    """Fuse ranked id lists: score = Σ w / (k + rank); also returns each id's rank per list."""
    scores: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, ids in rankings.items():
        weight = (weights or {}).get(name, 1.0)
        for rank, pid in enumerate(ids, start=1):
            scores[pid] = scores.get(pid, 0.0) + weight / (k + rank)
            ranks.setdefault(pid, {})[name] = rank
    ordered = sorted(scores, key=lambda pid: (-scores[pid], pid))
    return [(pid, scores[pid], ranks[pid]) for pid in ordered]
