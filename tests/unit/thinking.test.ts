import { PreTrainedTokenizer } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scripts/test-model/qwen2-graph';
import {
  THINKING_CHAT_TEMPLATE as QWEN3_LIKE,
  thinkingTags,
  tokenizerConfigJson,
  tokenizerJson,
} from '../../scripts/test-model/tokenizer-files';
import { splitThinking } from '../../src/lib/thinking-split';
import { promptInputs } from '../../workers/prompt-inputs';
import { supportsThinking, thinkingTokenCount } from '../../workers/thinking';

describe('splitThinking', () => {
  it('splits closed thinking from the answer', () => {
    expect(splitThinking('<think>\nLet me see: 2 + 2.\n</think>\n\nIt is 4.')).toEqual({
      thinking: 'Let me see: 2 + 2.',
      closed: true,
      answer: 'It is 4.',
    });
  });

  it('reads unclosed thinking (a reply still streaming, or stopped) as all thinking, no answer yet', () => {
    expect(splitThinking('<think>\nHmm, the user')).toEqual({
      thinking: 'Hmm, the user',
      closed: false,
      answer: '',
    });
    expect(splitThinking('<thi')).toEqual({ thinking: null, closed: false, answer: '<thi' });
  });

  it('leaves a reply without thinking as it is', () => {
    expect(splitThinking('Just the answer.')).toEqual({
      thinking: null,
      closed: false,
      answer: 'Just the answer.',
    });
  });

  it('takes thinking only at the start: after leading whitespace yes, after other text no', () => {
    expect(splitThinking('\n <think>a</think>b')).toEqual({ thinking: 'a', closed: true, answer: 'b' });
    const text = 'Sure. <think>a</think> b';
    expect(splitThinking(text)).toEqual({ thinking: null, closed: false, answer: text });
  });

  it('shows an empty thinking block as empty (Qwen3 with thinking off writes none in the reply)', () => {
    expect(splitThinking('<think>\n\n</think>\n\nHi')).toEqual({ thinking: '', closed: true, answer: 'Hi' });
  });
});

describe('thinkingTokenCount', () => {
  const tags = { open: 10, close: 11 };
  it('counts up to and including </think>', () => {
    expect(thinkingTokenCount([10, 1, 2, 11, 3, 4], tags)).toBe(4);
  });
  it('counts every token while <think> is open, and none without it', () => {
    expect(thinkingTokenCount([10, 1, 2], tags)).toBe(3);
    expect(thinkingTokenCount([1, 2, 3], tags)).toBe(0);
  });
  it('says nothing for a vocabulary without the tags', () => {
    expect(thinkingTokenCount([1, 2], { open: undefined, close: undefined })).toBeUndefined();
  });
});

/** The self-test tokenizer with `<think>` and `</think>` as added tokens and a Qwen3-like template. */
function thinkingTokenizer() {
  const shape = PRESETS.tiny;
  const json = tokenizerJson(shape) as { added_tokens: object[] };
  json.added_tokens.push(...thinkingTags(shape.vocab - 5, shape.vocab - 4));
  return new PreTrainedTokenizer(json, { ...tokenizerConfigJson(), chat_template: QWEN3_LIKE });
}

describe('the thinking switch', () => {
  it('is found in templates that read enable_thinking, as a string or among named templates', () => {
    expect(supportsThinking(QWEN3_LIKE)).toBe(true);
    expect(supportsThinking([{ name: 'default', template: QWEN3_LIKE }])).toBe(true);
    expect(supportsThinking(tokenizerConfigJson() as { chat_template: string })).toBe(false);
    expect(supportsThinking((tokenizerConfigJson() as { chat_template: string }).chat_template)).toBe(false);
    expect(supportsThinking(null)).toBe(false);
  });

  it('reaches the template: thinking off adds an empty thinking block to the prompt', () => {
    const tokenizer = thinkingTokenizer();
    const messages = [{ role: 'user' as const, content: 'Hi' }];
    const on = promptInputs(tokenizer, messages, { enable_thinking: true });
    const off = promptInputs(tokenizer, messages, { enable_thinking: false });
    const plain = promptInputs(tokenizer, messages);
    expect(on.promptTokens).toBe(plain.promptTokens);
    const ids = (p: typeof on) => Array.from(p.inputs.input_ids.data as BigInt64Array, Number);
    const think = tokenizer.convert_tokens_to_ids(['<think>', '</think>']);
    expect(ids(off).slice(plain.promptTokens)).toEqual(
      tokenizer.encode('<think>\n\n</think>\n\n', { add_special_tokens: false }),
    );
    expect(ids(off)).toEqual(expect.arrayContaining(think));
    expect(ids(on)).not.toContain(think[1]);
  });

  it('lets the template drop earlier thinking when the conversation goes back', () => {
    const tokenizer = thinkingTokenizer();
    const text = tokenizer.apply_chat_template(
      [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '<think>\nsecret reasoning\n</think>\n\nHello!' },
        { role: 'user', content: 'Again' },
      ],
      { add_generation_prompt: true, tokenize: false },
    ) as string;
    expect(text).toContain('Hello!');
    expect(text).not.toContain('secret reasoning');
  });
});
