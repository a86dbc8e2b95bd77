// `--chat` figures: chat ÷ Benchmark view per configuration, paired prompt for prompt within each block, and
// the later-turn figure (6th turn's first token ÷ the 1st's), one pair per block.
import { pairedRatio, type RatioEstimate } from '../../workers/bench/ratio.js';
import type { BenchResult } from '../../workers/bench/result-schema.js';
import { ratioText } from '../../workers/bench/format.js';
import { LATER_TURN, type ChatRun } from './chat.js';

/** What one block's chat session gave for one configuration. */
export interface ChatBlock {
  runs: ChatRun[];
  turns: Omit<ChatRun, 'promptId'>[];
}

/** Per configuration: chat ÷ view for decode speed and first-token time, and the later-turn figure. */
export interface ChatRatios {
  configKey: string;
  /** Chat tok/s ÷ view tok/s: above 1, the chat decodes faster. */
  decode: RatioEstimate | null;
  /** Chat first-token time ÷ view's: above 1, the chat is slower. */
  ttft: RatioEstimate | null;
  /** 6th turn's first-token time ÷ the 1st turn's, same message: above 1, later turns are slower. */
  laterTurn: RatioEstimate | null;
  /**
   * 6th turn's first-token time ÷ the 2nd's: both prefill the last reply and the new message (a reply
   * whose text re-encodes to other ids than the model wrote is prefilled again), so their new tokens are
   * alike, where the 1st turn has no reply before it.
   */
  laterTurnVsSecond: RatioEstimate | null;
  /** Pairs whose greedy tokens were identical, of all pairs (the chat stops at EOS, the view does not). */
  identical: [number, number];
}

const ratio = (a: number[], b: number[]) => (a.length ? pairedRatio(a, b) : null);

/** Pairs each block's Benchmark view runs with that block's chat runs, prompt for prompt. */
export function chatRatios(blocks: { app: BenchResult; chat: Map<string, ChatBlock> }[]): ChatRatios[] {
  const keys = blocks[0]?.app.configurations.map((c) => c.config.key) ?? [];
  return keys.map((configKey) => {
    const pairs: { view: { ttftMs: number; decode: number | null; ids: number[] }; chat: ChatRun }[] = [];
    const turns: { first: number; later: number; second: number | undefined }[] = [];
    for (const { app, chat } of blocks) {
      const block = chat.get(configKey);
      const [first, later] = [block?.turns[0]?.ttftMs, block?.turns[LATER_TURN - 1]?.ttftMs];
      if (first && later) turns.push({ first, later, second: block?.turns[1]?.ttftMs });
      for (const r of app.configurations.find((c) => c.config.key === configKey)?.runs ?? []) {
        const c = block?.runs.find((run) => run.promptId === r.promptId);
        if (c)
          pairs.push({
            view: { ttftMs: r.ttftMs, decode: r.decodeTokensPerSecond, ids: r.tokenIds },
            chat: c,
          });
      }
    }
    const decodes = pairs.filter((p) => p.view.decode !== null && p.chat.decodeTokensPerSecond !== null);
    return {
      configKey,
      identical: [pairs.filter((p) => p.view.ids.join() === p.chat.tokenIds.join()).length, pairs.length],
      decode: ratio(
        decodes.map((p) => p.chat.decodeTokensPerSecond!),
        decodes.map((p) => p.view.decode!),
      ),
      ttft: ratio(
        pairs.map((p) => p.chat.ttftMs),
        pairs.map((p) => p.view.ttftMs),
      ),
      laterTurn: ratio(
        turns.map((t) => t.later),
        turns.map((t) => t.first),
      ),
      laterTurnVsSecond: ratio(
        turns.filter((t) => t.second).map((t) => t.later),
        turns.filter((t) => t.second).map((t) => t.second!),
      ),
    };
  });
}

/** The Markdown section for chat ÷ view and the later-turn figure. */
export function chatSection(ratios: ChatRatios[], blocks: number): string[] {
  return [
    `## Chat ÷ Benchmark view (${blocks} alternating blocks; 95% interval)`,
    '',
    'The same prompts typed into the chat and sent, read from the reply’s stats. Decode: chat tok/s ÷ view',
    'tok/s (above 1: the chat is faster). First token: chat time ÷ view time (above 1: the chat is slower).',
    `Turn ${LATER_TURN} ÷ turn 1: first-token time of the ${LATER_TURN}th turn of one conversation ÷ its 1st`,
    '(the same message each turn; above 1: later turns are slower). Turn 2 onwards also prefills the last',
    'reply where its text re-encodes to other ids than the model wrote (common with random weights), so',
    `turn ${LATER_TURN} ÷ turn 2 compares turns with alike new tokens.`,
    '',
    `| Configuration | Decode speed | First-token time | Turn ${LATER_TURN} ÷ turn 1 | Turn ${LATER_TURN} ÷ turn 2 | Identical tokens |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...ratios.map(
      (r) =>
        `| ${r.configKey.split('|').join(' · ')} | ${ratioText(r.decode)} | ${ratioText(r.ttft)} | ` +
        `${ratioText(r.laterTurn)} | ${ratioText(r.laterTurnVsSecond)} | ${r.identical[0]}/${r.identical[1]} |`,
    ),
    '',
  ];
}
