// The three forms of a linear layer x @ W[k, n], one per dtype, as the reference writes them.
import { ElemType as T, type GraphBuilder } from './onnx-graph.js';
import type { Dtype } from './qwen2-graph.js';
import type { Rng } from './random.js';

/** Adds an fp32 weight drawn from the normal distribution and returns its name. */
export type Weight = (name: string, dims: number[], scale?: number) => string;
/** Emits x @ W[k, n] and returns the output name; `scale` is the fp32 weights' standard deviation. */
export type Linear = (x: string, name: string, k: number, n: number, scale?: number) => string;

/** The linear-layer emitter for a dtype; draws the same kinds of random values as the reference does. */
export function linearFor(g: GraphBuilder, dtype: Dtype, rng: Rng, weight: Weight): Linear {
  return (x, name, k, n, scale = 0.02) => {
    if (dtype === 'fp32') return g.node('MatMul', [x, weight(name, [k, n], scale)]);
    if (dtype === 'q8') {
      // Dynamic uint8: DynamicQuantizeLinear(x) -> MatMulInteger(uint8 weights, zero point 128) -> Cast -> Mul(scales).
      const t = g.fresh('dq');
      g.node('DynamicQuantizeLinear', [x], {}, { outputs: [`${t}_q`, `${t}_s`, `${t}_z`] });
      g.constant(`${name}_q`, T.UINT8, [k, n], rng.uints(k * n, 8));
      g.constant(`${name}_z`, T.UINT8, [], Uint8Array.of(128));
      g.constant(`${name}_s`, T.FLOAT, [], Float32Array.of(scale / 64));
      const acc = g.node('MatMulInteger', [`${t}_q`, `${name}_q`, `${t}_z`, `${name}_z`]);
      return g.node('Mul', [g.node('Cast', [acc], { to: T.FLOAT }), g.node('Mul', [`${t}_s`, `${name}_s`])]);
    }
    // com.microsoft MatMulNBits, 4-bit, block 32, no zero points (so zero point 8): B is [N, k_blocks, 16]
    // with element 2j of a block in the low nibble and 2j+1 in the high nibble; scales are [N * k_blocks].
    const bs = 32;
    const kb = Math.ceil(k / bs);
    const q = rng.uints(n * kb * bs, 4);
    const packed = new Uint8Array(q.length / 2);
    for (let i = 0; i < packed.length; i++) packed[i] = q[2 * i]! | (q[2 * i + 1]! << 4);
    g.constant(`${name}_q`, T.UINT8, [n, kb, bs / 2], packed);
    g.constant(`${name}_s`, T.FLOAT, [n * kb], new Float32Array(n * kb).fill(scale / 4));
    const attrs = { K: k, N: n, bits: 4, block_size: bs, accuracy_level: 4 };
    return g.node('MatMulNBits', [x, `${name}_q`, `${name}_s`], attrs, {
      domain: 'com.microsoft',
      prefix: 'mmnb',
    });
  };
}
