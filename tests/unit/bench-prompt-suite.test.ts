import { describe, expect, it } from 'vitest';
import {
  PROMPT_SUITE,
  PROMPT_SUITE_VERSION,
  estimateTokens,
  findSuitePrompt,
  lengthSweep,
} from '../../workers/bench/prompt-suite';

const text = (id: string) =>
  findSuitePrompt(id)
    ?.messages.map((m) => m.content)
    .join('\n') ?? '';

/** FNV-1a: a change to any prompt changes this. */
function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

describe('prompt suite', () => {
  it('has at least 8 prompts with unique ids, each ending in a user turn', () => {
    expect(PROMPT_SUITE.length).toBeGreaterThanOrEqual(8);
    expect(new Set(PROMPT_SUITE.map((p) => p.id)).size).toBe(PROMPT_SUITE.length);
    for (const p of PROMPT_SUITE) {
      expect(p.messages.at(-1)?.role, p.id).toBe('user');
      expect(
        p.messages.every((m) => m.content.trim().length > 0),
        p.id,
      ).toBe(true);
    }
  });

  it('covers the required kinds of prompt', () => {
    const categories = new Set(PROMPT_SUITE.map((p) => p.category));
    for (const c of ['factual', 'chat', 'summarization', 'code', 'multilingual', 'reasoning']) {
      expect(categories, c).toContain(c);
    }
    const chat = PROMPT_SUITE.find((p) => p.category === 'chat');
    expect(chat?.messages.filter((m) => m.role === 'user').length).toBeGreaterThanOrEqual(3);
    expect(text('chinese')).toMatch(/[\u4e00-\u9fff]{10}/);
  });

  it('summarises about a thousand tokens of varied prose, not one repeated sentence', () => {
    const long = text('summarize-long');
    expect(estimateTokens(long)).toBeGreaterThanOrEqual(950);
    expect(estimateTokens(long)).toBeLessThanOrEqual(1300);
    const sentences = long.split(/(?<=[.;])\s+/);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(sentences.length).toBeGreaterThan(25);
  });

  it('is versioned: changing a prompt without bumping PROMPT_SUITE_VERSION fails here', () => {
    // On purpose: edit a prompt → bump the version and record the new fingerprint together.
    const all = JSON.stringify([PROMPT_SUITE, lengthSweep()]);
    expect({ version: PROMPT_SUITE_VERSION, fingerprint: fingerprint(all) }).toEqual({
      version: 1,
      fingerprint: 'fffd43b4',
    });
  });
});

describe('lengthSweep', () => {
  it('gives ~16, 128, 512 and 1,024-token prompts labelled with their target', () => {
    const sweep = lengthSweep();
    expect(sweep.map((p) => [p.id, p.title])).toEqual([
      ['length-16', '~16 prompt tokens'],
      ['length-128', '~128 prompt tokens'],
      ['length-512', '~512 prompt tokens'],
      ['length-1024', '~1024 prompt tokens'],
    ]);
    for (const [i, target] of [16, 128, 512, 1024].entries()) {
      const content = sweep[i]?.messages[0]?.content ?? '';
      expect(content.length, `length-${target}`).toBeLessThanOrEqual(target * 4);
      expect(content.length, `length-${target}`).toBeGreaterThan(target * 4 * 0.85);
      expect(content).not.toMatch(/\s$/);
    }
  });

  it('is deterministic and found by id', () => {
    expect(lengthSweep()).toEqual(lengthSweep());
    expect(findSuitePrompt('length-512')?.category).toBe('length-sweep');
    expect(findSuitePrompt('nope')).toBeUndefined();
  });
});
