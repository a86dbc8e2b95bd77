import { describe, expect, it } from 'vitest';
import { decodingOptions, keepNucleus, samplingProblem } from '../../workers/sampling';

const kept = (row: Float32Array) => [...row.keys()].filter((i) => row[i] !== -Infinity);
// Logits whose probabilities are 0.5, 0.25, 0.125, 0.0625, 0.0625.
const logits = () => Float32Array.from([0.5, 0.25, 0.125, 0.0625, 0.0625].map(Math.log));

describe('keepNucleus', () => {
  it('keeps the top k', () => {
    const row = logits();
    keepNucleus(row, 2, 1);
    expect(kept(row)).toEqual([0, 1]);
  });

  it('keeps the fewest most likely tokens whose probabilities reach top-p', () => {
    const row = logits();
    keepNucleus(row, 0, 0.7);
    expect(kept(row)).toEqual([0, 1]);
    const small = logits();
    keepNucleus(small, 0, 0.4);
    expect(kept(small)).toEqual([0]);
  });

  it('applies top-p to what top-k kept (probabilities renormalised over them)', () => {
    const row = logits();
    // Over the top 2 the probabilities are 2/3 and 1/3: 0.6 needs only the first.
    keepNucleus(row, 2, 0.6);
    expect(kept(row)).toEqual([0]);
  });

  it('keeps everything with top-k 0 and top-p 1', () => {
    const row = logits();
    keepNucleus(row, 0, 1);
    expect(kept(row)).toHaveLength(5);
  });
});

describe('decodingOptions', () => {
  it('is greedy exactly as before when no settings come (the benchmark)', () => {
    expect(decodingOptions(undefined)).toEqual({ do_sample: false });
  });

  it('keeps the repetition penalty for greedy settings, and adds the top-k/top-p processor when sampling', () => {
    const base = { do_sample: false, temperature: 0.7, top_p: 0.8, top_k: 20, repetition_penalty: 1.1 };
    expect(decodingOptions(base)).toEqual({ do_sample: false, repetition_penalty: 1.1 });
    const sampled = decodingOptions({ ...base, do_sample: true });
    expect(sampled).toMatchObject({ do_sample: true, temperature: 0.7, top_k: 20, repetition_penalty: 1.1 });
    expect(sampled.logits_processor).toHaveLength(1);
    expect(decodingOptions({ ...base, do_sample: true, top_k: 0, top_p: 1 })).not.toHaveProperty(
      'logits_processor',
    );
  });

  it('runs the processor over each row of a batch', () => {
    const sampled = decodingOptions({
      do_sample: true,
      temperature: 1,
      top_p: 1,
      top_k: 1,
      repetition_penalty: 1,
    });
    const [processor] = sampled.logits_processor as [(ids: bigint[][], l: unknown) => { data: Float32Array }];
    const data = Float32Array.from([1, 3, 2, 9, 8, 7]);
    processor([], { dims: [2, 3], data });
    expect([...data]).toEqual([-Infinity, 3, -Infinity, 9, -Infinity, -Infinity]);
  });
});

describe('samplingProblem', () => {
  const ok = { do_sample: true, temperature: 1, top_p: 1, top_k: 0, repetition_penalty: 1 };
  it('lets good settings through and refuses bad ones the page should have caught', () => {
    expect(samplingProblem(ok, 5)).toBeNull();
    expect(samplingProblem(undefined, undefined)).toBeNull();
    expect(samplingProblem({ ...ok, temperature: NaN }, undefined)).toMatch(/out of range/);
    expect(samplingProblem({ ...ok, top_p: 2 }, undefined)).toMatch(/out of range/);
    expect(samplingProblem(ok, -3)).toMatch(/seed/);
  });
});
