import { describe, expect, it } from 'vitest';
import type { GenerateStats } from '../../workers/protocol';
import {
  peakMemory,
  runFromStats,
  runProblem,
  tokenGaps,
  tpotMedians,
} from '../../src/lib/bench/run-metrics';
import { run } from './bench-fixtures';

const stats = (over: Partial<GenerateStats> = {}): GenerateStats => ({
  promptTokens: 50,
  newTokens: 5,
  ttftMs: 200,
  decodeTokensPerSecond: 40,
  totalMs: 320,
  stoppedBy: 'max-tokens',
  tokenIds: [5, 6, 7, 8, 9],
  // Gaps 10, 20, 30, 40 ms after the first token.
  tokenTimesMs: [200, 210, 230, 260, 300],
  text: 'hello',
  ...over,
});

describe('runFromStats', () => {
  it('derives prefill speed, time-per-token percentiles and end-to-end time from the worker’s clock', () => {
    const r = runFromStats(stats(), { promptId: 'p', repetition: 2, hidden: false });
    expect(r).toMatchObject({
      promptId: 'p',
      repetition: 2,
      ttftMs: 200,
      prefillTokensPerSecond: 250, // 50 tokens in 0.2 s
      decodeTokensPerSecond: 40,
      tpotP50Ms: 25, // median of 10, 20, 30, 40
      endToEndMs: 320,
      promptTokens: 50,
      newTokens: 5,
      tokenIds: [5, 6, 7, 8, 9],
      hidden: false,
    });
    expect(r.tpotP95Ms).toBeCloseTo(38.5, 10); // numpy-style linear interpolation
    expect(r.memory).toBeUndefined();
  });

  it('has no per-token times with a single token, and keeps memory readings and the hidden flag', () => {
    const one = stats({ newTokens: 1, tokenIds: [5], tokenTimesMs: [200], decodeTokensPerSecond: null });
    const r = runFromStats(one, { promptId: 'p', repetition: 1, hidden: true, memory: { jsHeapBytes: 9 } });
    expect(r).toMatchObject({ tpotP50Ms: null, tpotP95Ms: null, hidden: true, memory: { jsHeapBytes: 9 } });
  });

  it('lists the gaps between token arrivals', () => {
    expect(tokenGaps([5, 7, 12])).toEqual([2, 5]);
    expect(tokenGaps([])).toEqual([]);
  });
});

describe('runProblem', () => {
  it('counts only runs that decoded exactly the asked number of tokens', () => {
    expect(runProblem(stats(), 5)).toBeNull();
    expect(runProblem(stats(), 6)).toBe('decoded 5 tokens instead of 6');
    expect(runProblem(stats({ stoppedBy: 'interrupt' }), 5)).toBe('stopped before the end');
  });
});

describe('summaries for the table', () => {
  it('takes the median of per-run TPOT over counted runs', () => {
    const runs = [run({ tpotP50Ms: 10 }), run({ tpotP50Ms: 30 }), run({ tpotP50Ms: 1000, hidden: true })];
    expect(tpotMedians(runs)).toEqual({ p50: 20, p95: 30 });
    expect(tpotMedians([run({ tpotP50Ms: null, tpotP95Ms: null })])).toEqual({ p50: null, p95: null });
  });

  it('prefers the whole-page memory measurement, else the JS heap, else nothing', () => {
    expect(
      peakMemory([
        run({ memory: { jsHeapBytes: 5, userAgentBytes: 70 } }),
        run({ memory: { userAgentBytes: 90 } }),
      ]),
    ).toEqual({
      bytes: 90,
      scope: 'page and workers',
    });
    expect(peakMemory([run({ memory: { jsHeapBytes: 5 } })])).toEqual({ bytes: 5, scope: 'page JS heap' });
    expect(peakMemory([run()])).toBeNull();
  });
});
