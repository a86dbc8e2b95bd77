/** The part of a tokenizer this needs: transformers.js's `decode`. */
export interface Decoder {
  decode(ids: number[], options: { skip_special_tokens: boolean }): string;
}

/** Tokens decoded again before the new ones, so the tokenizer sees each new token in context. */
const WINDOW = 5;

/**
 * Detokenises a growing list of ids, decoding only a short window per token instead of the whole reply.
 * NOTE: a suffix's decode is not always the whole decode's suffix (a tokenizer may drop a leading space
 * of its first token, or join across tokens): like vLLM and HF's TextIteratorStreamer it decodes a few
 * earlier ids with the new ones and keeps what the new ones add. A byte-level token that ends halfway
 * through a UTF-8 character decodes to U+FFFD: that character waits for the tokens that complete it.
 */
export class IncrementalDecoder {
  readonly ids: number[] = [];
  /** The text given out so far: the concatenation of every delta. */
  text = '';
  /** Where the window starts, and the part of `text` that the window's ids decode to. */
  #from = 0;
  #shown = '';

  constructor(private readonly tokenizer: Decoder) {}

  /** Adds `ids`; returns the text they add (often '', while a character is incomplete). */
  push(ids: Iterable<number>): string {
    for (const id of ids) this.ids.push(id);
    const window = this.#decode(this.#from);
    const stable = window.replace(/\uFFFD+$/, '');
    const delta = stable.startsWith(this.#shown) ? stable.slice(this.#shown.length) : this.#resync();
    this.text += delta;
    this.#shown = stable;
    // NOTE: the window moves on only past complete characters; a half one keeps its bytes in view.
    if (stable === window && this.ids.length - this.#from > WINDOW) {
      this.#from = this.ids.length - WINDOW;
      this.#shown = this.#decode(this.#from);
    }
    return delta;
  }

  /** The whole reply's text, decoded at once: the one to keep when the stream is done. */
  full(): string {
    return this.#decode(0);
  }

  #decode(from: number): string {
    return this.tokenizer.decode(this.ids.slice(from), { skip_special_tokens: true });
  }

  /** What a full decode adds, when the window's text changed before its end (a tokenizer's clean-up). */
  #resync(): string {
    const full = this.full().replace(/\uFFFD+$/, '');
    return full.startsWith(this.text) ? full.slice(this.text.length) : '';
  }
}
