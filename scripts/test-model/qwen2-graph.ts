// The Qwen2 causal-LM graph of shared/reference/make_tiny_qwen2.py, node for node (same names, same order).
import { linearFor } from './linear.js';
import { ElemType as T, GraphBuilder } from './onnx-graph.js';
import type { Rng } from './random.js';

/** Model shape: the fields of the reference's PRESETS tuples. */
export interface Qwen2Shape {
  vocab: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
}

/** The reference's presets. */
export const PRESETS = {
  tiny: { vocab: 320, hidden: 64, layers: 2, heads: 4, kvHeads: 2, headDim: 16, intermediate: 128 },
  'qwen2.5-0.5b': {
    vocab: 151936,
    hidden: 896,
    layers: 24,
    heads: 14,
    kvHeads: 2,
    headDim: 64,
    intermediate: 4864,
  },
} satisfies Record<string, Qwen2Shape>;
/** A preset's name. */
export type PresetName = keyof typeof PRESETS;
/** Weight formats, named as transformers.js dtypes. */
export type Dtype = 'fp32' | 'q4' | 'q8';
/** The file stem transformers.js looks for with each dtype. */
export const STEMS: Record<Dtype, string> = { fp32: 'model', q4: 'model_q4', q8: 'model_quantized' };

/** Throws unless the graph and tokenizer can express the shape (GQA, RoPE and the byte vocab constrain it). */
export function checkShape(s: Qwen2Shape): void {
  for (const [k, v] of Object.entries(s))
    if (!Number.isInteger(v) || v < 1) throw new Error(`${k} must be a positive integer`);
  if (s.heads % s.kvHeads) throw new Error('heads must be a multiple of kvHeads');
  if (s.headDim % 2) throw new Error('headDim must be even');
  if (s.vocab < 259)
    throw new Error('vocab must be at least 259: the tokenizer has 256 byte tokens + 3 specials');
}

/** Builds the graph for one dtype, drawing weights from `rng` in graph order. */
export function buildQwen2(shape: Qwen2Shape, dtype: Dtype, rng: Rng): GraphBuilder {
  checkShape(shape);
  const { vocab: V, hidden: H, layers: L, heads: NH, kvHeads: NKV, headDim: HD, intermediate: I } = shape;
  const g = new GraphBuilder('qwen2');
  const f32 = (name: string, dims: number[], v: ArrayLike<number>) =>
    g.constant(name, T.FLOAT, dims, Float32Array.from(v));
  const i64 = (name: string, v: number[], dims = [v.length]) =>
    g.constant(name, T.INT64, dims, BigInt64Array.from(v, BigInt));
  const weight = (name: string, dims: number[], scale = 0.02) => {
    const count = dims.reduce((a, b) => a * b, 1);
    return g.constant(name, T.FLOAT, dims, rng.normals(count, scale));
  };
  const node = g.node.bind(g);
  const linear = linearFor(g, dtype, rng, weight);

  const rmsNorm = (x: string, name: string) => {
    const variance = node('ReduceMean', [node('Pow', [x, 'two'])], { axes: [-1], keepdims: 1 });
    return node('Mul', [
      node('Div', [x, node('Sqrt', [node('Add', [variance, 'eps'])])]),
      f32(name, [H], new Float32Array(H).fill(1)),
    ]);
  };
  const rotateHalf = (x: string) => {
    const x1 = node('Slice', [x, 'i0', 'half', 'last']);
    const x2 = node('Slice', [x, 'half', 'full', 'last']);
    return node('Concat', [node('Neg', [x2]), x1], { axis: -1 });
  };

  // prettier-ignore
  const floats: [string, number[], ArrayLike<number>][] = [
    ['eps', [], [1e-6]], ['two', [], [2]], ['scale', [], [1 / Math.sqrt(HD)]], ['neg', [], [-1e9]], ['zero', [], [0]],
    ['inv_freq', [HD / 2], Array.from({ length: HD / 2 }, (_, i) => 1 / 10000 ** ((2 * i) / HD))],
  ];
  for (const [name, dims, v] of floats) f32(name, dims, v);
  // prettier-ignore
  const ints: [string, number[], number[]?][] = [
    ['shape_q', [0, 0, NH, HD]], ['shape_kv', [0, 0, NKV, HD]], ['shape_rep', [0, NH, -1, HD]],
    ['shape_o', [0, 0, NH * HD]], ['ax1', [1]], ['ax2', [2]], ['last', [-1]], ['ax12', [1, 2]], ['one', [1], []],
    ['izero', [0], []], ['i0', [0]], ['half', [HD / 2]], ['full', [HD]],
  ];
  for (const [name, v, dims] of ints) i64(name, v, dims);

  let hidden = node('Gather', [weight('embed_tokens', [V, H]), 'input_ids']);
  // Rotary embedding from position_ids: [b, s] -> cos/sin [b, 1, s, HD].
  const freqs = node('Mul', [
    node('Unsqueeze', [node('Cast', ['position_ids'], { to: T.FLOAT }), 'last']),
    'inv_freq',
  ]);
  const emb = node('Concat', [freqs, freqs], { axis: -1 });
  const cos = node('Unsqueeze', [node('Cos', [emb]), 'ax1']);
  const sin = node('Unsqueeze', [node('Sin', [emb]), 'ax1']);
  // Additive mask [b, 1, s, total]: causal over absolute positions (a query at position p sees keys <= p,
  // and the new queries are the last `seq` of `total`), combined with attention_mask padding.
  const total = node('Gather', [node('Shape', ['attention_mask']), 'one']);
  const seq = node('Gather', [node('Shape', ['input_ids']), 'one']);
  const keys = node('Range', ['izero', total, 'one']);
  const queries = node('Unsqueeze', [node('Range', [node('Sub', [total, seq]), total, 'one']), 'last']);
  const allowed = node('And', [
    node('LessOrEqual', [keys, queries]),
    node('Unsqueeze', [node('Cast', ['attention_mask'], { to: T.BOOL }), 'ax12']),
  ]);
  const bias = node('Where', [allowed, 'zero', 'neg']);

  g.input('input_ids', T.INT64, ['batch_size', 'sequence_length']);
  g.input('attention_mask', T.INT64, ['batch_size', 'total_sequence_length']);
  g.input('position_ids', T.INT64, ['batch_size', 'sequence_length']);
  g.output('logits', T.FLOAT, ['batch_size', 'sequence_length', V]);
  for (let l = 0; l < L; l++) {
    for (const kind of ['key', 'value'])
      g.input(`past_key_values.${l}.${kind}`, T.FLOAT, ['batch_size', NKV, 'past_sequence_length', HD]);
    const x = rmsNorm(hidden, `input_layernorm.${l}`);
    let q = node('Add', [linear(x, `q_proj.${l}`, H, NH * HD), weight(`q_bias.${l}`, [NH * HD])]);
    let k = node('Add', [linear(x, `k_proj.${l}`, H, NKV * HD), weight(`k_bias.${l}`, [NKV * HD])]);
    let v = node('Add', [linear(x, `v_proj.${l}`, H, NKV * HD), weight(`v_bias.${l}`, [NKV * HD])]);
    q = node('Transpose', [node('Reshape', [q, 'shape_q'])], { perm: [0, 2, 1, 3] });
    k = node('Transpose', [node('Reshape', [k, 'shape_kv'])], { perm: [0, 2, 1, 3] });
    v = node('Transpose', [node('Reshape', [v, 'shape_kv'])], { perm: [0, 2, 1, 3] });
    q = node('Add', [node('Mul', [q, cos]), node('Mul', [rotateHalf(q), sin])]);
    k = node('Add', [node('Mul', [k, cos]), node('Mul', [rotateHalf(k), sin])]);
    const pk = `present.${l}.key`;
    const pv = `present.${l}.value`;
    node('Concat', [`past_key_values.${l}.key`, k], { axis: 2 }, { outputs: [pk] });
    node('Concat', [`past_key_values.${l}.value`, v], { axis: 2 }, { outputs: [pv] });
    for (const name of [pk, pv]) g.output(name, T.FLOAT, ['batch_size', NKV, 'total_sequence_length', HD]);
    // Grouped-query attention: [b, NKV, T, HD] -> [b, NH, T, HD] (each kv head serves NH / NKV query heads).
    const repeatKv = (t: string) => {
      const u = node('Unsqueeze', [t, 'ax2']);
      return node('Reshape', [node('Concat', Array<string>(NH / NKV).fill(u), { axis: 2 }), 'shape_rep']);
    };
    const scores = node('Mul', [
      node('MatMul', [q, node('Transpose', [repeatKv(pk)], { perm: [0, 1, 3, 2] })]),
      'scale',
    ]);
    const probs = node('Softmax', [node('Add', [scores, bias])], { axis: -1 });
    const ctx = node('MatMul', [probs, repeatKv(pv)]);
    const attn = node('Reshape', [node('Transpose', [ctx], { perm: [0, 2, 1, 3] }), 'shape_o']);
    hidden = node('Add', [hidden, linear(attn, `o_proj.${l}`, NH * HD, H)]);
    const y = rmsNorm(hidden, `post_attention_layernorm.${l}`);
    const gate = linear(y, `gate_proj.${l}`, H, I);
    const act = node('Mul', [node('Mul', [gate, node('Sigmoid', [gate])]), linear(y, `up_proj.${l}`, H, I)]);
    hidden = node('Add', [hidden, linear(act, `down_proj.${l}`, I, H)]);
  }
  // A large lm_head scale on a tiny vocab makes the argmax margin wide, so greedy ids agree across backends.
  const logits = linear(rmsNorm(hidden, 'norm'), 'lm_head', H, V, V < 1000 ? 0.5 : 0.02);
  node('Identity', [logits], {}, { outputs: ['logits'] });
  return g;
}
