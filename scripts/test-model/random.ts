// Seeded random numbers for the test-model generator. Only integer ops, + - * / and Math.sqrt (engines use
// the correctly rounded IEEE 754 instruction) are used, never Math.log/cos: ECMAScript lets those differ in
// the last bit between engines, and the same seed must give the same bytes everywhere.

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the exponent word
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const C3 = 1 / 3,
  C5 = 1 / 5,
  C7 = 1 / 7,
  C9 = 1 / 9,
  C11 = 1 / 11,
  C13 = 1 / 13,
  C15 = 1 / 15;

/** Natural log of a finite x > 0, bit-identical on every engine (splits off the exponent, then an atanh series). */
export function ln(x: number): number {
  F64[0] = x;
  const hi = U32[HI]!;
  let e = (hi >>> 20) - 1023;
  if (e === -1023) return ln(x * 2 ** 54) - 54 * LN2; // subnormal: scale into the normal range first
  U32[HI] = (hi & 0x800fffff) | 0x3ff00000; // mantissa m in [1, 2)
  let m = F64[0]!;
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with |s| < 0.172: 8 terms give ~1e-14 relative error,
  // far below float32 resolution; determinism matters here, not the last bits of accuracy.
  const s = (m - 1) / (m + 1);
  const z = s * s;
  const z2 = z * z;
  const sum = 1 + z * C3 + z2 * (C5 + z * C7) + z2 * z2 * (C9 + z * C11 + z2 * (C13 + z * C15));
  return e * LN2 + 2 * s * sum;
}

/** xoshiro128** seeded through splitmix32: fast, 32-bit only (Math.imul), same stream everywhere. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be a non-negative integer: ${seed}`);
    let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32), 0x9e3779b9);
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** `count` uniform integers in [0, 2**bits) for bits in 1..8; several values come from each 32-bit draw. */
  uints(count: number, bits: number): Uint8Array {
    if (!Number.isInteger(bits) || bits < 1 || bits > 8) throw new RangeError(`bits must be 1..8: ${bits}`);
    const out = new Uint8Array(count);
    const perDraw = Math.floor(32 / bits);
    const mask = (1 << bits) - 1;
    for (let i = 0; i < count;) {
      let word = this.nextU32();
      for (let j = 0; j < perDraw && i < count; j++, i++) {
        out[i] = word & mask;
        word >>>= bits;
      }
    }
    return out;
  }

  /** One standard normal value (polar Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    for (;;) {
      const u = this.nextU32() * 2 ** -31 - 1;
      const v = this.nextU32() * 2 ** -31 - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * ln(s)) / s);
      this.spare = v * f;
      return u * f;
    }
  }

  /** `count` standard normal values times `scale`, rounded once to float32 (same stream as calling normal()). */
  normals(count: number, scale = 1): Float32Array {
    const out = new Float32Array(count);
    let i = 0;
    if (count > 0 && this.spare !== null) out[i++] = this.normal() * scale;
    // Inlined pair loop: this runs ~5e8 times for the 0.5B fp32 preset.
    while (i < count) {
      const u = this.nextU32() * 2 ** -31 - 1;
      const v = this.nextU32() * 2 ** -31 - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * ln(s)) / s);
      out[i++] = u * f * scale;
      if (i < count) out[i++] = v * f * scale;
      else this.spare = v * f;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
