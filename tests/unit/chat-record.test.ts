import { describe, expect, it } from 'vitest';
import { chatTitle, CUT_OFF, readChat, TITLE_MAX } from '../../src/lib/chat-record';

const stats = {
  promptTokens: 12,
  newTokens: 3,
  ttftMs: 40,
  decodeTokensPerSecond: 25.5,
  totalMs: 120,
  stoppedBy: 'eos',
  tokenIds: [5, 6, 7],
  tokenTimesMs: [40, 80, 120],
  text: 'Hi!',
};

const record = (over: Record<string, unknown> = {}) => ({
  id: 'c1',
  title: 'Hello',
  model: { modelId: 'selftest', backend: 'wasm', dtype: 'q4' },
  created: 1_700_000_000_000,
  updated: 1_700_000_001_000,
  rev: 2,
  turns: [
    { id: 1, role: 'user', content: 'Hello' },
    { id: 2, role: 'assistant', content: 'Hi!', stats },
  ],
  ...over,
});

describe('chatTitle', () => {
  it('is the first message on one line, trimmed', () => {
    expect(chatTitle('  What is\n\tWebGPU?  ')).toBe('What is WebGPU?');
  });
  it('is cut to TITLE_MAX characters with an ellipsis', () => {
    const title = chatTitle('x'.repeat(200));
    expect(title).toHaveLength(TITLE_MAX);
    expect(title.endsWith('…')).toBe(true);
  });
  it('names a chat with no text', () => {
    expect(chatTitle(' \n ')).toBe('Untitled chat');
  });
});

describe('readChat', () => {
  it('accepts a sound record, with ids of its own', () => {
    const read = readChat('c1', record({ turns: [{ id: 99, role: 'user', content: 'Hello' }] }));
    expect(read.ok && read.chat.turns).toEqual([{ id: 1, role: 'user', content: 'Hello' }]);
  });

  it('keeps stats, notices and errors as they were', () => {
    const read = readChat('c1', record());
    expect(read.ok && read.chat.turns[1]).toEqual({ id: 2, role: 'assistant', content: 'Hi!', stats });
  });

  it('marks a reply that was still streaming as cut off, not streaming', () => {
    const read = readChat(
      'c1',
      record({
        turns: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'par', streaming: true },
        ],
      }),
    );
    expect(read.ok).toBe(true);
    const reply = read.ok ? read.chat.turns[1] : undefined;
    expect(reply?.streaming).toBeUndefined();
    expect(reply?.error).toBe(CUT_OFF);
    expect(reply?.content).toBe('par');
  });

  it.each([
    ['not an object', 'nope'],
    ['null', null],
    ['a key that is not its id', record({ id: 'other' })],
    ['no title', record({ title: 3 })],
    ['a foreign backend', record({ model: { modelId: 'm', backend: 'cuda', dtype: 'q4' } })],
    ['an unknown dtype', record({ model: { modelId: 'm', backend: 'wasm', dtype: 'int3' } })],
    ['bad dates', record({ created: 'yesterday' })],
    ['a negative revision', record({ rev: -1 })],
    ['turns that are not a list', record({ turns: {} })],
    ['a turn with an unknown role', record({ turns: [{ role: 'system', content: 'x' }] })],
    ['a turn without text', record({ turns: [{ role: 'user' }] })],
    [
      'stats of the wrong shape',
      record({ turns: [{ role: 'assistant', content: 'x', stats: { ...stats, tokenIds: 'x' } }] }),
    ],
    [
      'an unknown stop reason',
      record({ turns: [{ role: 'assistant', content: 'x', stats: { ...stats, stoppedBy: 'bored' } }] }),
    ],
    [
      'an error that is not text',
      record({ turns: [{ role: 'assistant', content: 'x', error: { stack: 'x' } }] }),
    ],
  ])('refuses a record with %s', (_, value) => {
    const read = readChat('c1', value);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.problem).not.toBe('');
  });

  it('tidies a stored title that is too long or spread over lines', () => {
    const read = readChat('c1', record({ title: `a\nb${'c'.repeat(300)}` }));
    expect(read.ok && read.chat.title.length).toBe(TITLE_MAX);
    expect(read.ok && read.chat.title.startsWith('a b')).toBe(true);
  });
});

describe('readChat drops what it does not know', () => {
  it('keeps only the fields of a turn', () => {
    const read = readChat(
      'c1',
      record({ turns: [{ role: 'user', content: 'a', html: '<b>x</b>', excluded: true }] }),
    );
    expect(read.ok && read.chat.turns).toEqual([{ id: 1, role: 'user', content: 'a', excluded: true }]);
  });
});
