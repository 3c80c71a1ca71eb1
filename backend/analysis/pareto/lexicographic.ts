/**
 * Lexicographic choice on a front: the user ranks the objectives and allows a tolerance on each, so a point
 * slightly worse on a high-priority objective can still win on the next one (the way engineers actually choose:
 * "least wear, within 0.1 of the best; then the least edge sag").
 *
 * Procedure: start from the candidates; for each objective in priority order keep the candidates within
 * `tolerance` of the best remaining value (all minimised, tolerance in the objective's units). When several are
 * left after the last listed objective, the tie is broken by the listed objectives again with no tolerance, then
 * the unlisted objectives in order, then the lowest candidate position.
 */

export interface LexicographicStep {
  objective: number;
  tolerance: number;
  /** Best value among the candidates left before this step (minimised units). */
  best: number;
  /** Candidates left after this step. */
  kept: number;
}

export interface LexicographicChoice {
  /** Position in `members`. */
  index: number;
  steps: LexicographicStep[];
}

/**
 * Applies the priorities to the points `members` (indices into column-major n × m `points`, all minimised).
 * Returns null when `members` is empty. Mutates nothing.
 */
export function lexicographicChoice(
  points: Float64Array,
  n: number,
  m: number,
  members: ArrayLike<number>,
  priorities: readonly { objective: number; tolerance: number }[],
): LexicographicChoice | null {
  if (members.length === 0) return null;
  const value = (k: number, j: number) => points[j * n + members[k]!]!;
  let left = Array.from({ length: members.length }, (_, k) => k);
  const steps: LexicographicStep[] = [];
  for (const { objective, tolerance } of priorities) {
    let best = Infinity;
    for (const k of left) best = Math.min(best, value(k, objective));
    left = left.filter((k) => value(k, objective) <= best + tolerance);
    steps.push({ objective, tolerance, best, kept: left.length });
  }
  const listed = priorities.map((p) => p.objective);
  const tieOrder = [...listed, ...Array.from({ length: m }, (_, j) => j).filter((j) => !listed.includes(j))];
  let index = left[0]!;
  for (const k of left.slice(1)) {
    for (const j of tieOrder) {
      const d = value(k, j) - value(index, j);
      if (d < 0) index = k;
      if (d !== 0) break;
    }
  }
  return { index, steps };
}
