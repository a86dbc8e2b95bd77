// Incremental detokenisation against a full decode, on the self-test model's real byte-level BPE tokenizer.
import { readFileSync } from 'node:fs';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { IncrementalDecoder } from '../../workers/incremental-decoder';
import { createRng, randomIndex } from '../../workers/bench/rng';

const dir = 'public/models/selftest';
const tokenizer = new PreTrainedTokenizer(
  JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')) as object,
  JSON.parse(readFileSync(`${dir}/tokenizer_config.json`, 'utf8')) as object,
);
const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false });
const full = (ids: number[]) => tokenizer.decode(ids, { skip_special_tokens: true });
const vocab = (JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')) as { vocab_size: number }).vocab_size;
/** <|endoftext|>, <|im_end|>, <|im_start|>: the last three ids. */
const specials = [vocab - 3, vocab - 2, vocab - 1];

/** Streams `ids` in chunks of `step`, checking at every step that the text so far is a prefix of the truth. */
function stream(ids: number[], step = 1): { text: string; deltas: string[] } {
  const decoder = new IncrementalDecoder(tokenizer);
  const deltas: string[] = [];
  for (let i = 0; i < ids.length; i += step) {
    deltas.push(decoder.push(ids.slice(i, i + step)));
    expect(full(ids.slice(0, i + step)).startsWith(decoder.text)).toBe(true);
  }
  expect(deltas.join('')).toBe(decoder.text);
  return { text: decoder.text, deltas };
}

describe('IncrementalDecoder', () => {
  it('has a tokenizer with special tokens and byte tokens to test with', () => {
    expect(tokenizer.decode(specials)).toBe('<|endoftext|><|im_end|><|im_start|>');
    expect(vocab).toBeGreaterThan(256);
  });

  it.each([
    'Hello, world! The weather is fine.',
    'emoji 😀👍🏽 and family 👨‍👩‍👧 in a row',
    '中文字符和日本語のテキスト、한국어도',
    'mixed: naïve café — “quotes” …\n\ttabs and  double  spaces ',
  ])('equals a full decode for %j, token by token and in chunks', (text) => {
    const ids = encode(text);
    expect(full(ids)).toBe(text);
    expect(stream(ids).text).toBe(text);
    expect(stream(ids, 3).text).toBe(text);
  });

  it('holds a character split over byte tokens until it is complete', () => {
    const ids = encode('a😀b');
    // 'a', then the emoji's four byte tokens, then 'b': nothing shows for the first three of its bytes.
    expect(ids.length).toBe(6);
    const { deltas } = stream(ids);
    expect(deltas).toEqual(['a', '', '', '', '😀', 'b']);
  });

  it('drops special tokens as a full decode with skip_special_tokens does', () => {
    const ids = [...encode('one '), specials[2]!, ...encode('two 中'), specials[1]!, specials[0]!];
    expect(stream(ids).text).toBe(full(ids));
  });

  it('equals a full decode for many random id sequences, specials and split characters included', () => {
    const rng = createRng(7);
    const pieces = ['😀', '中文', '🏽', 'é', ' the', '\n', 'x'].map(encode);
    for (let n = 0; n < 300; n++) {
      const ids: number[] = [];
      const length = 1 + randomIndex(rng, 40);
      while (ids.length < length) {
        const pick = rng();
        if (pick < 0.1) ids.push(specials[randomIndex(rng, specials.length)]!);
        else if (pick < 0.4) ids.push(...pieces[randomIndex(rng, pieces.length)]!);
        else ids.push(randomIndex(rng, vocab - 3));
      }
      const whole = full(ids);
      const streamed = stream(ids, 1 + (n % 3)).text;
      // A decode that ends halfway through a character shows up to it; the rest waits for more tokens.
      expect(streamed).toBe(whole.replace(/\uFFFD+$/, ''));
    }
  });
});
