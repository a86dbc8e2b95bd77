// The fixed prompts a benchmark runs. Results record PROMPT_SUITE_VERSION: change any text here and bump it,
// or runs measured on different prompts will be compared as if they were the same.
import type { ChatMessage } from '../protocol';
import { RAILWAY_TIME_ESSAY } from './prompt-prose';

/** Bump on any change to a prompt's text, id or order. */
export const PROMPT_SUITE_VERSION = 1;

export type PromptCategory =
  | 'factual'
  | 'chat'
  | 'summarization'
  | 'code'
  | 'multilingual'
  | 'reasoning'
  | 'extraction'
  | 'creative'
  | 'length-sweep';

/** One benchmark prompt: a conversation ending in a user turn. */
export interface SuitePrompt {
  id: string;
  title: string;
  category: PromptCategory;
  messages: ChatMessage[];
}

const user = (content: string): ChatMessage => ({ role: 'user', content });

/** The benchmark's standard prompts, in the order they run. */
export const PROMPT_SUITE: readonly SuitePrompt[] = [
  {
    id: 'fact-short',
    title: 'Short factual question',
    category: 'factual',
    messages: [user('What is the capital of Australia? Answer in one sentence.')],
  },
  {
    id: 'chat-multiturn',
    title: 'Multi-turn chat',
    category: 'chat',
    messages: [
      { role: 'system', content: 'You are a friendly cooking assistant. Keep answers short and practical.' },
      user('I have eggs, spinach, some feta and half an onion. What can I make for lunch?'),
      {
        role: 'assistant',
        content:
          'A spinach and feta omelette works well: soften the onion, wilt the spinach, pour in the ' +
          'beaten eggs and crumble the feta on top before folding.',
      },
      user('Nice. I do not have a non-stick pan, only stainless steel. Will that work?'),
      {
        role: 'assistant',
        content:
          'Yes. Heat the pan first, then add a good knob of butter or oil, and keep the heat medium so ' +
          'the eggs do not stick before they set.',
      },
      user('How long should I cook it, and how do I know when it is done?'),
    ],
  },
  {
    id: 'summarize-long',
    title: 'Summarise a long article (~1,100 tokens)',
    category: 'summarization',
    messages: [user(`Summarise the following article in three sentences.\n\n${RAILWAY_TIME_ESSAY}`)],
  },
  {
    id: 'code-python',
    title: 'Write a Python function',
    category: 'code',
    messages: [
      user(
        'Write a Python function merge_intervals(intervals) that takes a list of [start, end] pairs and ' +
          'returns a new list in which overlapping intervals are merged, sorted by start. Include a short ' +
          'docstring and two example calls.',
      ),
    ],
  },
  {
    id: 'chinese',
    title: 'Chinese explanation',
    category: 'multilingual',
    messages: [user('请用三句话向一个十岁的孩子解释为什么天空是蓝色的。')],
  },
  {
    id: 'reasoning',
    title: 'Arithmetic word problem',
    category: 'reasoning',
    messages: [
      user(
        'A train leaves at 09:40 and travels 210 km at an average of 84 km/h. It then waits 15 minutes ' +
          'at a station and travels another 60 km at 90 km/h. At what time does it arrive? Think step by ' +
          'step, then give the final time on its own line.',
      ),
    ],
  },
  {
    id: 'extract-json',
    title: 'Extract fields as JSON',
    category: 'extraction',
    messages: [
      user(
        'Extract the name, company, date and total from this email as JSON with the keys "name", ' +
          '"company", "date" and "total_eur".\n\nHi Marta, thanks for the call yesterday. As agreed, ' +
          'Lindqvist Joinery will deliver the oak shelving on 14 March 2025. The invoice total is ' +
          '2,480.50 EUR including VAT. Best regards, Jonas Berg',
      ),
    ],
  },
  {
    id: 'creative-story',
    title: 'Open-ended short story',
    category: 'creative',
    messages: [
      user(
        'Write the opening paragraph of a short story about a lighthouse keeper who finds a letter ' +
          'addressed to her, dated fifty years in the future.',
      ),
    ],
  },
];

/** A rough prompt-token estimate for English text: about four characters a token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Target prompt lengths of the sweep, in tokens. */
export const SWEEP_LENGTHS = [16, 128, 512, 1024] as const;

const SWEEP_INSTRUCTION = 'Continue this text:\n\n';

/** Cuts `text` at the last space so the result has at most `chars` characters. */
function cutAtWord(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.lastIndexOf(' ', chars);
  return text.slice(0, cut > 0 ? cut : chars);
}

/** Prompts of about 16, 128, 512 and 1,024 tokens (estimated at 4 characters a token), for prefill scaling. */
export function lengthSweep(): SuitePrompt[] {
  return SWEEP_LENGTHS.map((tokens) => ({
    id: `length-${tokens}`,
    title: `~${tokens} prompt tokens`,
    category: 'length-sweep',
    messages: [
      user(SWEEP_INSTRUCTION + cutAtWord(RAILWAY_TIME_ESSAY, tokens * 4 - SWEEP_INSTRUCTION.length)),
    ],
  }));
}

/** Looks up a suite or length-sweep prompt by id. */
export function findSuitePrompt(id: string): SuitePrompt | undefined {
  return PROMPT_SUITE.find((p) => p.id === id) ?? lengthSweep().find((p) => p.id === id);
}
