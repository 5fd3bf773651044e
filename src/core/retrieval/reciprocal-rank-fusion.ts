/** The usual RRF constant: it damps the weight of the very top ranks so no single list dominates. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list adds 1/(k + rank)
 * for every id it ranks (rank 1 first). Scores need no calibration between
 * lists, which is why BM25 scores and cosine similarities can be fused at all.
 * Returns ids best first, with their fused scores.
 */
export function reciprocalRankFusion(
  lists: ReadonlyArray<readonly string[]>,
  k = RRF_K,
): Array<{ id: string; score: number }> {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, index) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1));
    });
  }
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
