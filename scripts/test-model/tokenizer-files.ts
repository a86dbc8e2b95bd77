// The JSON side of the test model: config, generation config and a byte-level BPE tokenizer with Qwen's
// special tokens, as shared/reference/make_tiny_qwen2.py writes them.
import type { Qwen2Shape } from './qwen2-graph.js';

/** Qwen's special tokens; they take the last three ids, V-3, V-2, V-1. */
export const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_end|>', '<|im_start|>'] as const;

/** The ChatML template of the reference (the `\n` inside are Jinja string escapes, not newlines). */
export const CHAT_TEMPLATE =
  String.raw`{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + ` +
  String.raw`'<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}`;

/**
 * Qwen3's handling of thinking, cut down to it, for tests of thinking models: earlier replies lose their
 * `<think>…</think>`, and `enable_thinking` false writes an empty thinking block into the prompt. With one
 * user message and thinking on it lays out the same text as CHAT_TEMPLATE.
 */
export const THINKING_CHAT_TEMPLATE =
  String.raw`{%- for message in messages %}{%- if message.role == 'assistant' %}{%- set content = message.content %}` +
  String.raw`{%- if '</think>' in content %}{%- set content = content.split('</think>')[-1].lstrip('\n') %}{%- endif %}` +
  String.raw`{{- '<|im_start|>assistant\n' + content + '<|im_end|>\n' }}{%- else %}` +
  String.raw`{{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}{%- endif %}{%- endfor %}` +
  String.raw`{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}` +
  String.raw`{%- if enable_thinking is defined and enable_thinking is false %}{{- '<think>\n\n</think>\n\n' }}{%- endif %}{%- endif %}`;

/** `<think>` and `</think>` as Qwen3 adds them (not special: they show in decoded text), at the ids given. */
export function thinkingTags(open: number, close: number): object[] {
  const tag = (content: string, id: number) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: false,
  });
  return [tag('<think>', open), tag('</think>', close)];
}

const MERGES = [
  'Ġ t',
  'h e',
  'i n',
  'Ġt he',
  'e r',
  'a n',
  'o n',
  'Ġ a',
  'r e',
  'e n',
  'Ġ s',
  'Ġ w',
  'o r',
  'a t',
];
// Qwen2's pre-tokenizer split (the GPT-4 style pattern), verbatim from the reference.
const SPLIT = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

/** config.json: eos is <|im_end|> (V-2), bos <|endoftext|> (V-3). */
export function configJson(s: Qwen2Shape): object {
  return {
    architectures: ['Qwen2ForCausalLM'],
    model_type: 'qwen2',
    vocab_size: s.vocab,
    hidden_size: s.hidden,
    num_hidden_layers: s.layers,
    num_attention_heads: s.heads,
    num_key_value_heads: s.kvHeads,
    intermediate_size: s.intermediate,
    max_position_embeddings: 4096,
    rms_norm_eps: 1e-6,
    rope_theta: 10000.0,
    tie_word_embeddings: false,
    bos_token_id: s.vocab - 3,
    eos_token_id: s.vocab - 2,
    torch_dtype: 'float32',
    use_cache: true,
  };
}

/** generation_config.json: generation stops at either <|im_end|> or <|endoftext|>. */
export function generationConfigJson(s: Qwen2Shape): object {
  return { bos_token_id: s.vocab - 3, eos_token_id: [s.vocab - 2, s.vocab - 3], max_new_tokens: 64 };
}

/** GPT-2's byte -> printable character map, so every byte sequence has a vocabulary spelling. */
export function byteToUnicode(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const out: string[] = [];
  let next = 256;
  for (let b = 0; b < 256; b++) out.push(String.fromCodePoint(printable(b) ? b : next++));
  return out;
}

/** tokenizer.json: 256 byte tokens, the merges, `<unusedN>` fill, then the specials as added tokens. */
export function tokenizerJson(s: Qwen2Shape): object {
  const V = s.vocab;
  const vocab: Record<string, number> = {};
  let size = 0;
  for (const ch of byteToUnicode()) vocab[ch] = size++;
  const merges: string[] = [];
  for (const pair of MERGES) {
    if (size >= V - 3) break;
    const [left, right] = pair.split(' ') as [string, string];
    merges.push(pair);
    vocab[left + right] = size++;
  }
  while (size < V - 3) vocab[`<unused${size}>`] = size++;
  const level = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, i) => ({
      id: V - 3 + i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'NFC' },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: SPLIT }, behavior: 'Isolated', invert: false },
        level,
      ],
    },
    post_processor: level,
    decoder: level,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges,
    },
  };
}

/** tokenizer_config.json with the ChatML template. */
export function tokenizerConfigJson(): object {
  return {
    tokenizer_class: 'Qwen2Tokenizer',
    eos_token: '<|im_end|>',
    pad_token: '<|endoftext|>',
    bos_token: null,
    unk_token: null,
    model_max_length: 4096,
    chat_template: CHAT_TEMPLATE,
    add_prefix_space: false,
    errors: 'replace',
    clean_up_tokenization_spaces: false,
  };
}
