import { downloadText } from './bench/downloads';
import { deleteChat, listChats, loadChat, renameChat, saveChat, storageProblem } from './chat-archive';
import { chatFileName, chatToJson, chatToMarkdown } from './chat-export';
import { chatTitle, CUT_OFF, type ChatModel, type ChatRecord, type DamagedChat } from './chat-record';
import type { Conversation, TurnChange } from './conversation.svelte';
import type { EngineClient } from './engine-client.svelte';
import type { Turn } from './messages';

/** While a reply streams, it is saved at most this often, so a crash loses only a few seconds of it. */
const STREAM_SAVE_MS = 2000;
const CHANNEL = 'llm-chats';
/** What a storage call that failed gives back (its reason is in `problem`). */
const FAILED = Symbol('failed');

/** A chat this tab writes to: where it is kept, and the revision this tab last saved. */
interface Session {
  id: string;
  created: number;
  title: string;
  model: ChatModel | null;
  rev: number;
  lastSave: number;
  writing: number;
  queue: Promise<void>;
}

const newId = () =>
  globalThis.crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
const session = (from: Pick<Session, 'id' | 'created' | 'title' | 'model' | 'rev'>): Session => ({
  ...from,
  lastSave: 0,
  writing: 0,
  queue: Promise.resolve(),
});
const modelName = (m: ChatModel) =>
  `${m.modelId} (${m.backend === 'webgpu' ? 'WebGPU' : 'WASM'}, ${m.dtype})`;

/**
 * Keeps every conversation in IndexedDB as it happens, and lists past ones to reopen, rename, delete or
 * export. Storage failures are shown (`problem`), and the chat goes on in memory.
 */
export class ChatHistory {
  chats = $state.raw<ChatRecord[]>([]);
  /** Stored records that failed their checks: not listed, reported. */
  damaged = $state.raw<DamagedChat[]>([]);
  /** Why chats are not being kept right now, or null. */
  problem = $state<string | null>(null);
  /** Something the list has to say about the open chat (kept as a new chat, gone). */
  notice = $state<string | null>(null);
  #version = $state(0);
  readonly #chat: Conversation;
  readonly #engine: EngineClient;
  /** NOTE: keyed by the turns array itself: a reply that ends after New chat still lands in its own chat. */
  readonly #sessions = new WeakMap<Turn[], Session>();
  #channel: BroadcastChannel | null = null;

  /** The id of the chat on screen, once it has a first message. */
  currentId = $derived.by(() => {
    void this.#version;
    return this.#sessions.get(this.#chat.turns)?.id ?? null;
  });

  /** Said when the open chat was kept with another model than the one loaded now. */
  modelChange = $derived.by(() => {
    const kept = this.chats.find((c) => c.id === this.currentId)?.model;
    const now = this.#engine.model;
    if (
      !kept ||
      !now ||
      (kept.modelId === now.modelId && kept.backend === now.backend && kept.dtype === now.dtype)
    )
      return null;
    return `This chat was with ${modelName(kept)}; replies now come from ${modelName(now)}.`;
  });

  constructor(chat: Conversation, engine: EngineClient) {
    this.#chat = chat;
    this.#engine = engine;
    chat.onChange = (turns, change) => this.#changed(turns, change);
  }

  /** Reads the list and listens for other tabs' changes; returns the stop function. */
  start(): () => void {
    void this.refresh();
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (e: MessageEvent<unknown>) => void this.#heard(e.data);
    }
    return () => this.#channel?.close();
  }

  async refresh(): Promise<void> {
    try {
      const { chats, damaged } = await listChats();
      this.chats = chats;
      this.damaged = damaged;
    } catch (error) {
      this.problem = storageProblem(error);
    }
  }

  newChat(): void {
    this.#chat.clear();
    this.notice = null;
  }

  async open(id: string): Promise<void> {
    if (this.#engine.phase === 'generating') return;
    const kept = await this.#attempt(() => loadChat(id));
    if (kept === FAILED) return;
    if (!kept) {
      this.notice = 'That chat could not be read; it may have been deleted in another tab.';
      return void this.refresh();
    }
    this.#show(kept);
    this.notice = null;
  }

  async rename(id: string, title: string): Promise<void> {
    const name = chatTitle(title);
    if ((await this.#attempt(() => renameChat(id, name))) === FAILED) return;
    this.chats = this.chats.map((c) => (c.id === id ? { ...c, title: name } : c));
    const open = this.#sessions.get(this.#chat.turns);
    if (open?.id === id) open.title = name;
    this.#announce(id);
  }

  async remove(id: string): Promise<void> {
    if ((await this.#attempt(() => deleteChat(id))) === FAILED) return;
    this.chats = this.chats.filter((c) => c.id !== id);
    if (this.currentId === id) this.#chat.clear();
    this.#announce(id);
  }

  /** Offers a chat as a Markdown or JSON file; the open one as it is on screen now. */
  export(id: string, format: 'md' | 'json'): void {
    const listed = this.chats.find((c) => c.id === id);
    const open = this.#sessions.get(this.#chat.turns);
    const chat: ChatRecord | undefined =
      open?.id === id ? this.#record(open, $state.snapshot(this.#chat.turns)) : listed;
    if (!chat) return;
    if (format === 'md') downloadText(chatFileName(chat, 'md'), chatToMarkdown(chat), 'text/markdown');
    else downloadText(chatFileName(chat, 'json'), chatToJson(chat), 'application/json');
  }

  #show(kept: ChatRecord): void {
    this.#chat.restore(kept.turns);
    this.#sessions.set(this.#chat.turns, session(kept));
    this.#version++;
  }

  #changed(turns: Turn[], change: TurnChange): void {
    let s = this.#sessions.get(turns);
    if (!s) {
      const first = turns.find((t) => t.role === 'user');
      s = session({
        id: newId(),
        created: Date.now(),
        title: chatTitle(first?.content ?? ''),
        model: null,
        rev: 0,
      });
      this.#sessions.set(turns, s);
      this.#version++;
    }
    if (change === 'text' && (s.writing > 0 || Date.now() - s.lastSave < STREAM_SAVE_MS)) return;
    const now = this.#engine.model;
    if (change === 'sent' && now) s.model = { modelId: now.modelId, backend: now.backend, dtype: now.dtype };
    s.lastSave = Date.now();
    s.writing++;
    // NOTE: copied now (proxies do not structured-clone, and the text moves on); written in order, one at a time.
    const snapshot = $state.snapshot(turns);
    const current = s;
    s.queue = s.queue.then(() => this.#write(current, snapshot)).finally(() => current.writing--);
  }

  #record(s: Session, turns: Turn[]): ChatRecord {
    const { id, created, title, model, rev } = s;
    return { id, created, title, model, rev, updated: Date.now(), turns };
  }

  async #write(s: Session, turns: Turn[]): Promise<void> {
    let written = await this.#attempt(() => saveChat(this.#record(s, turns)));
    if (written === null) {
      // Another tab saved this chat since this tab did: keep both, this tab's copy as a new chat.
      Object.assign(s, { id: newId(), created: Date.now(), title: `${s.title} (copy)`, rev: 0 });
      this.#version++;
      this.notice = 'This chat was changed in another tab, so this tab keeps its turns as a new chat.';
      written = await this.#attempt(() => saveChat(this.#record(s, turns)));
    }
    if (written === FAILED || written === null) return;
    s.rev = written.rev;
    s.title = written.title;
    this.chats = [written, ...this.chats.filter((c) => c.id !== written.id)];
    this.#announce(written.id);
  }

  /** Runs a storage call; a failure is shown near the list (FAILED comes back), a success clears it. */
  async #attempt<T>(call: () => Promise<T>): Promise<T | typeof FAILED> {
    try {
      const value = await call();
      this.problem = null;
      return value;
    } catch (error) {
      this.problem = storageProblem(error);
      return FAILED;
    }
  }

  #announce(id: string): void {
    this.#channel?.postMessage({ id });
  }

  /** Another tab changed a chat: the list is read again, and the open chat too when it is the one changed. */
  async #heard(message: unknown): Promise<void> {
    await this.refresh();
    const id = (message as { id?: unknown } | null)?.id;
    const open = this.#sessions.get(this.#chat.turns);
    if (!open || open.id !== id || this.#engine.phase === 'generating' || open.writing > 0) return;
    const kept = this.chats.find((c) => c.id === id);
    // NOTE: a reply still streaming in the other tab reads as cut off; its end will be announced too.
    if (kept?.turns.at(-1)?.error === CUT_OFF) return;
    if (kept && kept.rev !== open.rev) this.#show(kept);
    else if (kept) open.title = kept.title;
  }
}
