import { BaseStreamer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { IncrementalDecoder } from './incremental-decoder';
import { duringReply, takeScriptedReply } from './test-faults';

/** A display frame: text reaches the page at most this often, however fast tokens come. */
const FRAME_MS = 16;

/**
 * Streams a reply to the page as the text each token adds, and records when each token arrived.
 * Unlike TextStreamer it does not hold text back until a space; a half-decoded UTF-8 character waits
 * for the token that completes it. NOTE: the text added within one frame goes out as one message, so
 * a fast model does not flood the page with messages it could only draw once a frame anyway.
 */
export class ReplyStreamer extends BaseStreamer {
  readonly tokenTimes: number[] = [];
  readonly #decoder: IncrementalDecoder;
  #promptSeen = false;
  /** A test's stand-in for the model's words (texts growing by one per token); null for the model's. */
  readonly #scripted = takeScriptedReply();
  #scriptedText = '';
  #pending = '';
  #sentAt = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    tokenizer: PreTrainedTokenizer,
    private readonly onText: (delta: string) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {
    super();
    this.#decoder = new IncrementalDecoder(tokenizer);
  }

  /** Ids of the reply so far. */
  get tokenIds(): number[] {
    return this.#decoder.ids;
  }

  /** The reply's text, decoded whole once it has ended. */
  text = '';

  override put(value: bigint[][]): void {
    // NOTE: generate() first puts the whole prompt; only what comes after it is the reply.
    if (!this.#promptSeen) {
      this.#promptSeen = true;
      return;
    }
    duringReply();
    const now = this.clock();
    this.tokenTimes.push(now);
    const added = this.#decoder.push((value[0] ?? []).map(Number));
    this.#pending += this.#scripted ? this.#scriptedDelta(this.tokenIds.length) : added;
    if (!this.#pending) return;
    if (now - this.#sentAt >= FRAME_MS) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), FRAME_MS - (now - this.#sentAt));
  }

  override end(): void {
    if (this.#scripted) this.#pending += this.#scriptedDelta(this.#scripted.length);
    this.#flush();
    this.text = this.#scripted?.at(-1) ?? this.#decoder.full();
  }

  /** What the scripted text for `count` tokens adds to the one shown (each text extends the one before). */
  #scriptedDelta(count: number): string {
    const text = this.#scripted![Math.min(count, this.#scripted!.length) - 1]!;
    const delta = text.startsWith(this.#scriptedText) ? text.slice(this.#scriptedText.length) : '';
    if (delta) this.#scriptedText = text;
    return delta;
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#pending) return;
    this.#sentAt = this.clock();
    const delta = this.#pending;
    this.#pending = '';
    this.onText(delta);
  }
}
