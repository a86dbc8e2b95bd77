import { DynamicCache, Tensor } from '@huggingface/transformers';

/** The start two id lists share. */
export function sharedPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Attention keys and values: [batch, heads, sequence, head size], so cropping the sequence is exact. */
const croppable = (name: string) => name.startsWith('past_key_values.');

/** `tensor` with only its first `length` positions (dimension −2), as a CPU tensor. */
async function cropped(tensor: Tensor, length: number): Promise<Tensor> {
  const dims = tensor.dims;
  const [seq, size] = [dims.at(-2)!, dims.at(-1)!];
  // NOTE: a GPU buffer is read back once; ONNX Runtime uploads the CPU tensor with the next forward pass.
  const data = (tensor.location === 'gpu-buffer' ? await tensor.ort_tensor.getData() : tensor.data) as
    Float32Array | Uint16Array;
  const rows = data.length / (seq * size);
  const out = new (data.constructor as Float32ArrayConstructor)(rows * length * size);
  for (let r = 0; r < rows; r++)
    out.set(data.subarray(r * seq * size, r * seq * size + length * size), r * length * size);
  return new Tensor(tensor.type, out, [...dims.slice(0, -2), length, size]);
}

/**
 * The model's KV cache kept from one reply to the next, with the token ids it covers, so a new turn
 * prefills only what is new. NOTE: reuse follows from the ids alone: a new prompt reuses the part it
 * shares with the covered ids (New chat, an edit, another system prompt or a trimmed context share
 * less or nothing) and always prefills at least one token, since logits come only from a forward pass.
 */
export class KvSession {
  #cache: DynamicCache | null = null;
  #ids: number[] = [];

  /** Ids the kept cache covers (the prompt and the reply but its last token, which was never fed back). */
  get ids(): readonly number[] {
    return this.#ids;
  }

  /**
   * The cache to start a prompt of `ids` from, and how many of them it covers; the session lets it go
   * (generate() updates it in place). Nothing shared, or a cache that cannot be cropped: the cache goes.
   */
  async take(ids: readonly number[]): Promise<{ cache: DynamicCache | null; reused: number }> {
    const cache = this.#cache;
    const covered = this.#ids;
    this.#cache = null;
    this.#ids = [];
    if (!cache) return { cache: null, reused: 0 };
    const shared = Math.min(sharedPrefix(covered, ids), ids.length - 1);
    if (shared === covered.length) return { cache, reused: shared };
    const names = Object.keys(cache);
    // NOTE: recurrent or convolution states (hybrid models) cannot be rewound: only an exact prefix reuses them.
    if (shared <= 0 || !names.every(croppable)) {
      await cache.dispose();
      return { cache: null, reused: 0 };
    }
    const entries: Record<string, Tensor> = {};
    for (const name of names) entries[name] = await cropped(cache[name]!, shared);
    await cache.dispose();
    return { cache: new DynamicCache(entries), reused: shared };
  }

  /** Keeps `cache`, which covers `ids`; a cache whose length disagrees is not trusted. */
  async keep(cache: DynamicCache, ids: readonly number[]): Promise<void> {
    await this.drop();
    let length = -1;
    try {
      length = cache.get_seq_length();
    } catch {
      // A cache without attention entries says no length: it is not kept.
    }
    if (length !== ids.length) {
      await cache.dispose();
      return;
    }
    this.#cache = cache;
    this.#ids = [...ids];
  }

  /** Lets the cache go (GPU buffers included). */
  async drop(): Promise<void> {
    const cache = this.#cache;
    this.#cache = null;
    this.#ids = [];
    await cache?.dispose();
  }
}
