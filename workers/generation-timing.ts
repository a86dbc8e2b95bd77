/** Time to first token and decode speed, from the call's start and each new token's arrival time. */
export function generationTiming(startMs: number, tokenTimes: readonly number[], endMs: number) {
  const first = tokenTimes[0];
  const last = tokenTimes[tokenTimes.length - 1];
  const n = tokenTimes.length;
  return {
    ttftMs: first === undefined ? endMs - startMs : first - startMs,
    // NOTE: (n − 1) / (t_last − t_first): the first token's time is prefill, not decode.
    decodeTokensPerSecond:
      first !== undefined && last !== undefined && n > 1 && last > first
        ? ((n - 1) * 1000) / (last - first)
        : null,
    totalMs: endMs - startMs,
  };
}
