import { describe, expect, it } from 'vitest';
import { checkLimits } from '../../src/lib/limits';

describe('checkLimits', () => {
  it('accepts a whole max new tokens from 1 to the context, and an empty context limit', () => {
    expect(checkLimits(256, null, 4096)).toEqual({ ok: true, maxNewTokens: 256, contextTokens: undefined });
    expect(checkLimits(1, 64, 4096)).toEqual({ ok: true, maxNewTokens: 1, contextTokens: 64 });
    expect(checkLimits(4096, null, 4096).ok).toBe(true);
  });

  it('refuses empty, 0, negative, fractional and too-large values with the range', () => {
    for (const bad of [null, undefined, 0, -5, 2.5, 4097, Number.NaN]) {
      const limits = checkLimits(bad, null, 4096);
      expect(limits).toEqual({
        ok: false,
        problem: 'Max new tokens must be a whole number from 1 to 4,096 (the context).',
      });
    }
    expect(checkLimits(100, 64, 4096)).toMatchObject({ ok: false, problem: /from 1 to 64/ });
  });

  it('refuses a context limit outside 16 to the model context', () => {
    for (const bad of [8, 5000, 100.5])
      expect(checkLimits(4, bad, 4096)).toMatchObject({ ok: false, problem: /from 16 to 4,096/ });
  });
});
