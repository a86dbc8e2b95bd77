import type { EngineClient } from './engine-client.svelte';
import { leftOutNotice, replyError, toChatMessages, type Turn } from './messages';

/** The chat: turns, the reply being written, and the actions Send / Stop / New chat. */
export class Conversation {
  turns = $state<Turn[]>([]);
  notice = $state<string | null>(null);
  maxNewTokens = $state(256);
  #nextId = 1;

  constructor(private readonly engine: EngineClient) {}

  async send(text: string): Promise<void> {
    this.notice = null;
    if (!text.trim()) {
      this.notice = 'Type a message first.';
      return;
    }
    if (this.engine.phase !== 'ready') {
      this.notice =
        this.engine.phase === 'generating' ? 'Wait for the reply, or stop it.' : 'Load a model first.';
      return;
    }
    this.turns.push({ id: this.#nextId++, role: 'user', content: text });
    const messages = toChatMessages(this.turns);
    this.turns.push({ id: this.#nextId++, role: 'assistant', content: '', streaming: true });
    // NOTE: read the reply through the array: a $state proxy, so each update re-renders.
    const reply = this.turns[this.turns.length - 1]!;
    const outcome = await this.engine.generate(messages, { maxNewTokens: this.maxNewTokens }, (t) => {
      reply.content = t;
    });
    reply.streaming = false;
    if (outcome.ok) {
      reply.content = outcome.value.text;
      reply.stats = outcome.value;
      reply.notice = leftOutNotice(outcome.value.leftOut);
    } else {
      reply.error = replyError(outcome.error);
    }
  }

  stop(): void {
    this.engine.interrupt();
  }

  clear(): void {
    if (this.engine.phase === 'generating') this.engine.interrupt();
    this.turns = [];
    this.notice = null;
  }
}
