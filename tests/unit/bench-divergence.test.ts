import { describe, expect, it } from 'vitest';
import { compareTokens } from '../../workers/bench/divergence';

describe('compareTokens', () => {
  it('calls equal sequences identical', () => {
    expect(compareTokens([1, 2, 3], [1, 2, 3])).toEqual({
      identical: true,
      firstDivergence: null,
      matchingShare: 1,
      lengths: [3, 3],
    });
  });

  it('finds the first differing position and the share of equal positions', () => {
    expect(compareTokens([1, 2, 3, 4], [1, 2, 9, 4])).toEqual({
      identical: false,
      firstDivergence: 2,
      matchingShare: 0.75,
      lengths: [4, 4],
    });
  });

  it('counts one sequence ending early as a divergence, over the longer length', () => {
    expect(compareTokens([1, 2], [1, 2, 3, 4])).toEqual({
      identical: false,
      firstDivergence: 2,
      matchingShare: 0.5,
      lengths: [2, 4],
    });
  });

  it('handles empty sequences', () => {
    expect(compareTokens([], [])).toMatchObject({ identical: true, firstDivergence: null, matchingShare: 1 });
    expect(compareTokens([], [5])).toMatchObject({ identical: false, firstDivergence: 0, matchingShare: 0 });
  });
});
