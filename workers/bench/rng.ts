/**
 * A seeded pseudo-random generator (mulberry32): uniform numbers in [0, 1), the same sequence for the same
 * seed on every host, so a bootstrap interval in an exported result can be recomputed exactly.
 */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n), drawn from `rng`. */
export function randomIndex(rng: () => number, n: number): number {
  return Math.floor(rng() * n);
}
