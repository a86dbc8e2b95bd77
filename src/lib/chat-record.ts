// What a kept conversation looks like in storage, and the checks a stored one passes before it is shown.
import type { Backend, Dtype, GenerateStats } from '../../workers/protocol';
import type { Turn } from './messages';

/** The model that wrote a chat's latest reply. */
export interface ChatModel {
  modelId: string;
  backend: Backend;
  dtype: Dtype;
}

/** One conversation as it is stored: one record per chat, keyed by `id`. */
export interface ChatRecord {
  id: string;
  title: string;
  model: ChatModel | null;
  created: number;
  updated: number;
  /** Bumped by every save of the turns: a tab whose copy is older than the stored one does not overwrite it. */
  rev: number;
  turns: Turn[];
}

/** A record that did not pass the checks: listed as skipped, never shown. */
export interface DamagedChat {
  key: string;
  problem: string;
}

export const TITLE_MAX = 80;
const UNTITLED = 'Untitled chat';
export const CUT_OFF = 'This reply was cut off: the page closed while it was being written.';

/** A chat's title from its first message: one line, trimmed, at most TITLE_MAX characters. */
export function chatTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return UNTITLED;
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1).trimEnd()}…` : line;
}

type Check<T> = (v: unknown) => v is T;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString: Check<string> = (v) => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isNumbers = (v: unknown) => Array.isArray(v) && v.every((n) => typeof n === 'number');
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const BACKENDS: readonly unknown[] = ['webgpu', 'wasm'];
const DTYPES: readonly unknown[] = ['fp32', 'fp16', 'q8', 'q4', 'q4f16'];
const STOPS: readonly unknown[] = ['eos', 'max-tokens', 'interrupt'];

function isStats(v: unknown): v is GenerateStats {
  if (!isObject(v)) return false;
  const left = v.leftOut;
  return (
    isCount(v.promptTokens) &&
    isCount(v.newTokens) &&
    isTime(v.ttftMs) &&
    isTime(v.totalMs) &&
    (v.decodeTokensPerSecond === null || isTime(v.decodeTokensPerSecond)) &&
    STOPS.includes(v.stoppedBy) &&
    isNumbers(v.tokenIds) &&
    isNumbers(v.tokenTimesMs) &&
    isString(v.text) &&
    (left === undefined || (isObject(left) && isCount(left.messages) && isCount(left.contextTokens)))
  );
}

function turnProblem(v: unknown, index: number): string | null {
  const at = `turn ${index + 1}`;
  if (!isObject(v)) return `${at} is not an object`;
  if (v.role !== 'user' && v.role !== 'assistant') return `${at} has no valid role`;
  if (!isString(v.content)) return `${at} has no text`;
  if (!optional(v.stats, isStats)) return `${at} has damaged stats`;
  for (const key of ['error', 'notice'] as const)
    if (!optional(v[key], isString)) return `${at} has a damaged ${key}`;
  for (const key of ['excluded', 'streaming'] as const)
    if (!optional(v[key], (b) => typeof b === 'boolean')) return `${at} has a damaged ${key} flag`;
  return null;
}

function isModel(v: unknown): v is ChatModel {
  return isObject(v) && isString(v.modelId) && BACKENDS.includes(v.backend) && DTYPES.includes(v.dtype);
}

/**
 * Checks a stored value (from an older version, another tab, or damaged) and gives a record the page can
 * show, or what is wrong with it. A reply still streaming when the page died comes back marked as cut off.
 */
export function readChat(
  key: string,
  v: unknown,
): { ok: true; chat: ChatRecord } | { ok: false; problem: string } {
  const fail = (problem: string) => ({ ok: false as const, problem });
  if (!isObject(v)) return fail('not an object');
  if (v.id !== key) return fail('its id does not match its key');
  if (!isString(v.title)) return fail('no title');
  if (v.model !== null && !isModel(v.model)) return fail('a damaged model');
  if (!isTime(v.created) || !isTime(v.updated)) return fail('damaged dates');
  if (!isCount(v.rev)) return fail('a damaged revision');
  if (!Array.isArray(v.turns)) return fail('no turns');
  const turns: Turn[] = [];
  for (const [i, raw] of (v.turns as unknown[]).entries()) {
    const problem = turnProblem(raw, i);
    if (problem) return fail(problem);
    const { role, content, stats, error, notice, excluded, streaming } = raw as Omit<Turn, 'id'>;
    // NOTE: ids are the page's own (for keyed lists), never taken from storage; unknown fields are dropped.
    const kept: Turn = { id: i + 1, role, content };
    if (stats) kept.stats = stats;
    if (notice !== undefined) kept.notice = notice;
    if (excluded) kept.excluded = true;
    if (error !== undefined || streaming) kept.error = error ?? CUT_OFF;
    turns.push(kept);
  }
  return {
    ok: true,
    chat: {
      id: key,
      title: chatTitle(v.title),
      model: v.model,
      created: v.created,
      updated: v.updated,
      rev: v.rev,
      turns,
    },
  };
}
