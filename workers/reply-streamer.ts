import { BaseStreamer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { duringReply, takeScriptedReply } from './test-faults';

/**
 * Streams a reply as its full text so far, token by token, and records when each token arrived.
 * Unlike TextStreamer it does not hold text back until a space, so every token shows at once; a
 * trailing half-decoded UTF-8 character (U+FFFD) waits for the next token.
 */
export class ReplyStreamer extends BaseStreamer {
  readonly tokenIds: number[] = [];
  readonly tokenTimes: number[] = [];
  text = '';
  #promptSeen = false;
  readonly #scripted = takeScriptedReply();

  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly onText: (text: string) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {
    super();
  }

  override put(value: bigint[][]): void {
    // NOTE: generate() first puts the whole prompt; only what comes after it is the reply.
    if (!this.#promptSeen) {
      this.#promptSeen = true;
      return;
    }
    duringReply();
    this.tokenTimes.push(this.clock());
    for (const id of value[0] ?? []) this.tokenIds.push(Number(id));
    const text = this.#scripted
      ? this.#scripted[Math.min(this.tokenIds.length, this.#scripted.length) - 1]!
      : this.tokenizer.decode(this.tokenIds, { skip_special_tokens: true }).replace(/\uFFFD+$/, '');
    if (text !== this.text) {
      this.text = text;
      this.onText(text);
    }
  }

  override end(): void {
    const text =
      this.#scripted?.at(-1) ?? this.tokenizer.decode(this.tokenIds, { skip_special_tokens: true });
    if (text !== this.text) {
      this.text = text;
      this.onText(text);
    }
  }
}
