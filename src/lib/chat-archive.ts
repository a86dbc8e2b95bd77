// Kept conversations, in an IndexedDB database of their own (the model store and benchmark history have theirs).
import { createStore, del, entries, get, update, type UseStore } from 'idb-keyval';
import { readChat, type ChatRecord, type DamagedChat } from './chat-record';

let store: UseStore | null = null;
// NOTE: opened on first use, so merely importing this module touches no database.
const db = () => (store ??= createStore('llm-chats', 'chats'));

/** Every readable chat, newest first, and the records that failed their checks. */
export async function listChats(): Promise<{ chats: ChatRecord[]; damaged: DamagedChat[] }> {
  const chats: ChatRecord[] = [];
  const damaged: DamagedChat[] = [];
  for (const [key, value] of await entries<IDBValidKey, unknown>(db())) {
    const read = readChat(String(key), value);
    if (read.ok) chats.push(read.chat);
    else damaged.push({ key: String(key), problem: read.problem });
  }
  chats.sort((a, b) => b.updated - a.updated);
  return { chats, damaged };
}

/** One chat, or null when it is gone or damaged. */
export async function loadChat(id: string): Promise<ChatRecord | null> {
  const read = readChat(id, await get<unknown>(id, db()));
  return read.ok ? read.chat : null;
}

/**
 * Writes `chat` if the stored copy is still the one this tab last saved (same `rev`), in one transaction so
 * that two tabs cannot both pass the check. A stored title wins (it may have been renamed elsewhere).
 * Resolves to the record written, or null when another tab saved a newer copy (nothing is written).
 */
export async function saveChat(chat: ChatRecord): Promise<ChatRecord | null> {
  let written: ChatRecord | null = null;
  await update<unknown>(
    chat.id,
    (stored) => {
      const read = stored === undefined ? null : readChat(chat.id, stored);
      if (read?.ok && read.chat.rev !== chat.rev) return stored;
      written = { ...chat, title: read?.ok ? read.chat.title : chat.title, rev: chat.rev + 1 };
      return written;
    },
    db(),
  );
  return written;
}

/** A new title for a kept chat (its turns and order in the list stay as they are). */
export async function renameChat(id: string, title: string): Promise<void> {
  await update<unknown>(
    id,
    (stored) => {
      const read = readChat(id, stored);
      return read.ok ? { ...(stored as object), title } : stored;
    },
    db(),
  );
}

export async function deleteChat(id: string): Promise<void> {
  await del(id, db());
}

/** What a failed storage call means for the user, in words (never a stack trace). */
export function storageProblem(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError')
    return 'Storage is full, so this chat is not being saved. It keeps working in this tab; delete old chats or stored models to make room.';
  return 'Chats cannot be saved in this browser (storage is unavailable, as in some private windows). This chat keeps working until the tab is closed.';
}
