import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  defaultInput,
  FALLBACK_DEFAULTS,
  parseSaved,
  type SettingsInput,
} from '../../src/lib/generation-settings';

const qwen = { do_sample: true, temperature: 0.7, top_p: 0.8, top_k: 20, repetition_penalty: 1.05 };
const sampled = (over: Partial<SettingsInput>): SettingsInput => ({ ...defaultInput(qwen), ...over });

describe('checkSettings', () => {
  it('passes the model defaults through as generate() options, with the system prompt trimmed', () => {
    const checked = checkSettings(sampled({ systemPrompt: '  Be brief.  ', seed: 7 }));
    expect(checked).toEqual({ ok: true, system: 'Be brief.', sampling: qwen, seed: 7 });
  });

  it('says what is wrong with each sampling value', () => {
    const checked = checkSettings(
      sampled({ temperature: 0, topP: 1.5, topK: 2.5, seed: -1, repetitionPenalty: null }),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toEqual([
      'Temperature must be a number greater than 0 (1 keeps the model’s probabilities).',
      'Top-p must be a number greater than 0 and at most 1 (1: no cut).',
      'Top-k must be a whole number, 0 or more (0: no cut).',
      'The seed must be a whole number from 0 to 4,294,967,295, or empty for a new draw each time.',
      'Repetition penalty must be a number greater than 0 (1: no penalty).',
    ]);
  });

  it('accepts the edges: top-p 1, top-k 0, an empty seed', () => {
    const checked = checkSettings(sampled({ topP: 1, topK: 0, seed: null }));
    expect(checked).toMatchObject({ ok: true, seed: undefined, sampling: { top_p: 1, top_k: 0 } });
  });

  it('ignores the sampling values when sampling is off, but not the repetition penalty', () => {
    const greedy = sampled({ doSample: false, temperature: null, topP: 0, seed: 3 });
    expect(checkSettings(greedy)).toMatchObject({
      ok: true,
      seed: undefined,
      sampling: { do_sample: false },
    });
    expect(checkSettings({ ...greedy, repetitionPenalty: -1 })).toMatchObject({
      ok: false,
      problems: ['Repetition penalty must be a number greater than 0 (1: no penalty).'],
    });
  });
});

describe('parseSaved', () => {
  it('gives the defaults when nothing was saved or the saved text is not JSON', () => {
    expect(parseSaved(null, qwen)).toEqual(defaultInput(qwen));
    expect(parseSaved('{oops', qwen)).toEqual(defaultInput(qwen));
    expect(parseSaved('42', FALLBACK_DEFAULTS)).toEqual(defaultInput(FALLBACK_DEFAULTS));
  });

  it('reads saved values, keeps empty fields empty, and keeps a default for each field of the wrong type', () => {
    const saved = JSON.stringify({
      systemPrompt: 'Pirate.',
      doSample: false,
      temperature: 1.3,
      seed: null,
      topK: '40',
      topP: { x: 1 },
      enableThinking: 'no',
    });
    expect(parseSaved(saved, qwen)).toEqual({
      ...defaultInput(qwen),
      systemPrompt: 'Pirate.',
      doSample: false,
      temperature: 1.3,
      seed: null,
    });
  });
});
