/** How two greedy token sequences (one per backend) agree. */
export interface TokenComparison {
  identical: boolean;
  /** First position where they differ, counting one ending early; null when identical. */
  firstDivergence: number | null;
  /** Share of positions, over the longer length, holding equal tokens (1 for two empty sequences). */
  matchingShare: number;
  lengths: [number, number];
}

/**
 * Compares two token sequences position by position. Greedy decoding on two backends should give the same
 * ids; where they part, everything after usually differs too, so firstDivergence is the telling number and
 * matchingShare a coarse one (positions after a shift count as mismatches).
 */
export function compareTokens(a: readonly number[], b: readonly number[]): TokenComparison {
  const longer = Math.max(a.length, b.length);
  let firstDivergence: number | null = null;
  let matches = 0;
  for (let i = 0; i < longer; i++) {
    if (i < a.length && i < b.length && a[i] === b[i]) matches++;
    else if (firstDivergence === null) firstDivergence = i;
  }
  return {
    identical: firstDivergence === null,
    firstDivergence,
    matchingShare: longer === 0 ? 1 : matches / longer,
    lengths: [a.length, b.length],
  };
}
