import { describe, expect, it } from 'vitest';
import { describeStats, toChatMessages, type Turn } from '../../src/lib/messages';
import { formatBytes, formatDuration, formatRate, fraction } from '../../src/lib/format';
import type { GenerateStats } from '../../workers/protocol';

const stats = (over: Partial<GenerateStats> = {}): GenerateStats => ({
  promptTokens: 12,
  newTokens: 33,
  ttftMs: 412,
  decodeTokensPerSecond: 18.25,
  totalMs: 2200,
  stoppedBy: 'eos',
  tokenIds: [],
  tokenTimesMs: [],
  text: '',
  ...over,
});

describe('toChatMessages', () => {
  it('keeps the turns in order and drops failed or empty replies', () => {
    const turns: Turn[] = [
      { id: 1, role: 'user', content: 'Hi' },
      { id: 2, role: 'assistant', content: 'Hello!' },
      { id: 3, role: 'user', content: 'Again' },
      { id: 4, role: 'assistant', content: 'partial', error: 'Generating the reply failed.' },
      { id: 5, role: 'user', content: 'Once more' },
      { id: 6, role: 'assistant', content: '  ' },
    ];
    expect(toChatMessages(turns)).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Again' },
      { role: 'user', content: 'Once more' },
    ]);
  });

  it('puts a non-empty system prompt first', () => {
    expect(toChatMessages([{ id: 1, role: 'user', content: 'x' }], ' Be brief. ')[0]).toEqual({
      role: 'system',
      content: 'Be brief.',
    });
    expect(toChatMessages([], '   ')).toEqual([]);
  });
});

describe('formatting', () => {
  it('formats bytes, durations and rates for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(483e6)).toBe('483 MB');
    expect(formatBytes(1.07e9)).toBe('1.07 GB');
    expect(formatBytes(null)).toBe('?');
    expect(formatDuration(840.4)).toBe('840 ms');
    expect(formatDuration(1240)).toBe('1.24 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatRate(18.25)).toBe('18.3 tok/s');
    expect(formatRate(null)).toBe('–');
    expect(fraction(5, 0)).toBe(0);
    expect(fraction(15, 10)).toBe(1);
  });

  it('summarises a reply with its speed and how it ended', () => {
    const fmt = { ms: formatDuration, rate: formatRate };
    expect(describeStats(stats(), fmt)).toBe('33 tokens · first token 412 ms · decode 18.3 tok/s · finished');
    expect(describeStats(stats({ stoppedBy: 'interrupt', decodeTokensPerSecond: null }), fmt)).toMatch(
      /decode – · stopped$/,
    );
  });
});
