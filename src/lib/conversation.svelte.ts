import type { EngineClient } from './engine-client.svelte';
import { GenerationSettings } from './generation-settings.svelte';
import { checkLimits } from './limits';
import { leftOutNotice, replyError, toChatMessages, type Turn } from './messages';

/** What changed in a conversation's turns: a message sent, a reply's text so far, or a reply ended. */
export type TurnChange = 'sent' | 'text' | 'ended';

/** The chat: turns, the reply being written, and the actions Send / Stop / New chat. */
export class Conversation {
  readonly #engine: EngineClient;
  turns = $state<Turn[]>([]);
  notice = $state<string | null>(null);
  /** As typed: a number input gives null when empty. */
  maxNewTokens = $state<number | null>(256);
  /** A context smaller than the model's, or null for the model's own. */
  contextLimit = $state<number | null>(null);
  /** System prompt, sampling and thinking, for the loaded model. */
  readonly settings = new GenerationSettings();
  #nextId = 1;
  /** Told of every change to the turns, with the array it happened in (the chat may have moved on since). */
  onChange: ((turns: Turn[], change: TurnChange) => void) | null = null;

  constructor(engine: EngineClient) {
    this.#engine = engine;
  }

  /** Max new tokens and the context limit, checked as they are typed. */
  get limits() {
    return checkLimits(this.maxNewTokens, this.contextLimit, this.#engine.model?.contextTokens);
  }

  /** Why `text` cannot be sent now, or null when it can. */
  refusal(text: string): string | null {
    if (!text.trim()) return 'Type a message first.';
    return this.#blocked();
  }

  /** Why nothing can be generated now (settings, limits, engine), or null. */
  #blocked(): string | null {
    const limits = this.limits;
    if (!limits.ok) return limits.problem;
    const settings = this.settings.checked;
    if (!settings.ok) return `Generation settings: ${settings.problems.join(' ')}`;
    if (this.#engine.phase === 'generating') return 'Wait for the reply, or stop it.';
    if (this.#engine.phase !== 'ready') return 'Load a model first.';
    return null;
  }

  async send(text: string): Promise<void> {
    this.notice = this.refusal(text);
    if (this.notice) return;
    this.turns.push({ id: this.#nextId++, role: 'user', content: text });
    await this.#reply(this.turns[this.turns.length - 1]!);
  }

  /** The last reply can be written again: it is the last turn and nothing is being written. */
  get canRegenerate(): boolean {
    const last = this.turns[this.turns.length - 1];
    return last?.role === 'assistant' && !last.streaming && this.#engine.phase === 'ready';
  }

  /** Writes the last reply again (with the settings as they are now), in its place. */
  async regenerate(): Promise<void> {
    if (!this.canRegenerate) return;
    this.notice = this.#blocked();
    if (this.notice) return;
    this.turns.pop();
    const asked = this.turns.filter((t) => t.role === 'user').at(-1);
    if (!asked) return;
    // A message refused as too long goes again: the limits may have changed since.
    asked.excluded = false;
    await this.#reply(asked);
  }

  async #reply(asked: Turn): Promise<void> {
    const limits = this.limits;
    const settings = this.settings.checked;
    if (!limits.ok || !settings.ok) return;
    const messages = toChatMessages(this.turns, settings.system);
    this.turns.push({ id: this.#nextId++, role: 'assistant', content: '', streaming: true });
    // NOTE: read the reply through the array: a $state proxy, so each update re-renders.
    const reply = this.turns[this.turns.length - 1]!;
    const turns = this.turns;
    this.onChange?.(turns, 'sent');
    const outcome = await this.#engine.generate(
      messages,
      {
        maxNewTokens: limits.maxNewTokens,
        contextTokens: limits.contextTokens,
        sampling: settings.sampling,
        ...(settings.seed === undefined ? {} : { seed: settings.seed }),
        ...(this.settings.supportsThinking ? { enableThinking: this.settings.input.enableThinking } : {}),
      },
      (t) => {
        reply.content = t;
        this.onChange?.(turns, 'text');
      },
    );
    reply.streaming = false;
    if (outcome.ok) {
      reply.content = outcome.value.text;
      reply.stats = outcome.value;
      reply.notice = leftOutNotice(outcome.value.leftOut);
    } else {
      reply.error = replyError(outcome.error);
      // A message refused as too long is not sent again with the next one.
      if (outcome.error.code === 'too-long') asked.excluded = true;
    }
    this.onChange?.(turns, 'ended');
  }

  stop(): void {
    this.#engine.interrupt();
  }

  /** Shows turns kept from before (a reopened chat), to be continued; reported as no change. */
  restore(turns: Turn[]): void {
    if (this.#engine.phase === 'generating') this.#engine.interrupt();
    this.turns = turns;
    this.notice = null;
    this.#nextId = Math.max(0, ...turns.map((t) => t.id)) + 1;
  }

  clear(): void {
    if (this.#engine.phase === 'generating') this.#engine.interrupt();
    this.turns = [];
    this.notice = null;
  }
}
