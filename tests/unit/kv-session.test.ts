// The KV cache kept between turns: what a new prompt reuses of it, and that a cropped cache holds exactly
// the shared positions. (That reuse gives the same tokens as a full prefill: tests/browser/kv-reuse.test.ts.)
import { DynamicCache, Tensor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { KvSession, sharedPrefix } from '../../workers/kv-session';

/** A cache of one layer, [1 batch, 2 heads, `length` positions, 3 values]; value = head·100 + pos·10 + i. */
function cache(length: number, extra: Record<string, Tensor> = {}): DynamicCache {
  const data = new Float32Array(2 * length * 3).map((_, k) => {
    const [head, pos, i] = [Math.floor(k / (length * 3)), Math.floor(k / 3) % length, k % 3];
    return head * 100 + pos * 10 + i;
  });
  const t = () => new Tensor('float32', data.slice(), [1, 2, length, 3]);
  return new DynamicCache({ 'past_key_values.0.key': t(), 'past_key_values.0.value': t(), ...extra });
}

async function kept(ids: number[], extra?: Record<string, Tensor>): Promise<KvSession> {
  const session = new KvSession();
  await session.keep(cache(ids.length, extra), ids);
  return session;
}

describe('sharedPrefix', () => {
  it('counts the ids two lists start with', () => {
    expect(sharedPrefix([1, 2, 3], [1, 2, 4, 5])).toBe(2);
    expect(sharedPrefix([1, 2], [1, 2, 3])).toBe(2);
    expect(sharedPrefix([], [1])).toBe(0);
    expect(sharedPrefix([9], [1])).toBe(0);
  });
});

describe('KvSession', () => {
  it('reuses the whole cache when its ids start the new prompt, and lets it go to the caller', async () => {
    const session = await kept([1, 2, 3, 4]);
    const { cache: c, reused } = await session.take([1, 2, 3, 4, 5, 6]);
    expect(reused).toBe(4);
    expect(c?.get_seq_length()).toBe(4);
    expect(session.ids).toEqual([]);
    await expect(session.take([1, 2, 3, 4, 5])).resolves.toEqual({ cache: null, reused: 0 });
  });

  it('crops to the shared start, keeping exactly those positions of every head', async () => {
    const session = await kept([1, 2, 3, 4, 5]);
    const { cache: c, reused } = await session.take([1, 2, 7, 8]);
    expect(reused).toBe(2);
    const key = c!['past_key_values.0.key']!;
    expect(key.dims).toEqual([1, 2, 2, 3]);
    expect([...(key.data as Float32Array)]).toEqual([0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]);
  });

  it('always leaves at least one prompt token to prefill (logits come from a forward pass)', async () => {
    const session = await kept([1, 2, 3, 4]);
    const { cache: c, reused } = await session.take([1, 2, 3, 4]);
    expect(reused).toBe(3);
    expect(c?.get_seq_length()).toBe(3);
  });

  it('drops the cache when nothing is shared (New chat, another model, another system prompt)', async () => {
    const session = await kept([1, 2, 3]);
    await expect(session.take([9, 2, 3, 4])).resolves.toEqual({ cache: null, reused: 0 });
  });

  it('never crops states that cannot be rewound (a hybrid model): only an exact prefix reuses them', async () => {
    const conv = { 'past_conv.0': new Tensor('float32', new Float32Array(4), [1, 4]) };
    const exact = await kept([1, 2, 3], conv);
    await expect(exact.take([1, 2, 3, 4]).then((r) => r.reused)).resolves.toBe(3);
    const changed = await kept([1, 2, 3], conv);
    await expect(changed.take([1, 2, 9, 4])).resolves.toEqual({ cache: null, reused: 0 });
  });

  it('does not keep a cache whose length disagrees with the ids it is said to cover', async () => {
    const session = new KvSession();
    await session.keep(cache(3), [1, 2, 3, 4]);
    expect(session.ids).toEqual([]);
    await expect(session.take([1, 2, 3, 4, 5])).resolves.toEqual({ cache: null, reused: 0 });
  });
});
