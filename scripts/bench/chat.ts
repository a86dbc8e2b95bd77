// `--chat`: the same model, backend and prompts through the chat as a person uses it (type, send, read the
// reply's stats), taking turns with the Benchmark view; chat ÷ view with the paired ratio of workers/bench/ratio.ts,
// and how a later turn's first token compares with the first turn's (the KV cache kept between turns).
import type { BrowserContext, Page } from 'playwright-core';
import { findSuitePrompt } from '../../workers/bench/prompt-suite.js';
import type { LoadedConfiguration } from '../../workers/bench/result-schema.js';
import type { BenchOptions } from './options.js';

/** One reply's figures, read from the chat's own reply. */
export interface ChatRun {
  promptId: string;
  ttftMs: number;
  decodeTokensPerSecond: number | null;
  tokenIds: number[];
  /** Prompt tokens, and how many of them came from the kept KV cache. */
  promptTokens: number;
  reusedTokens: number;
}

/** Turns of the later-turn figure: the 6th turn's first token against the 1st's, same message each turn. */
export const LATER_TURN = 6;
const LATER_MESSAGE = 'Tell me one more thing about this, in a few words.';

async function send(page: Page, text: string): Promise<Omit<ChatRun, 'promptId'>> {
  const replies = page.locator('article[data-role="assistant"]');
  const reply = replies.nth(await replies.count());
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
  await reply.getByTestId('reply-stats').waitFor({ timeout: 600_000 });
  const attr = async (name: string) => (await reply.getAttribute(name)) ?? '';
  const decode = await attr('data-decode-tps');
  return {
    ttftMs: Number(await attr('data-ttft-ms')),
    decodeTokensPerSecond: decode ? Number(decode) : null,
    tokenIds: (await attr('data-token-ids')).split(',').filter(Boolean).map(Number),
    promptTokens: Number(await attr('data-prompt-tokens')),
    reusedTokens: Number(await attr('data-reused-tokens')),
  };
}

/** The user's message of a suite prompt: the chat sends one message (a system prompt is not typed in). */
function typed(promptId: string): string {
  const messages = findSuitePrompt(promptId)!.messages;
  return messages.filter((m) => m.role === 'user').at(-1)!.content;
}

/** Switches the engine worker's KV reuse (workers/test-faults.ts), and gives the message time to arrive. */
async function kvReuse(page: Page, on: boolean): Promise<void> {
  await page.evaluate(
    (name) => new BroadcastChannel('engine-test-faults').postMessage(name),
    on ? 'reuse-kv' : 'fresh-prefill',
  );
  await page.waitForTimeout(500);
}

/**
 * Loads the configuration in the chat of a fresh app page, warms up, sends each prompt in a new chat,
 * then holds a conversation of LATER_TURN turns; returns the prompt runs and the later-turn first tokens.
 */
export async function runChat(
  context: BrowserContext,
  appUrl: string,
  loaded: LoadedConfiguration,
  options: BenchOptions,
): Promise<{ runs: ChatRun[]; turns: Omit<ChatRun, 'promptId'>[] }> {
  const page = await context.newPage();
  try {
    await page.goto(appUrl);
    await page.getByTestId('webgpu-status').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByLabel('Model', { exact: true }).selectOption(loaded.modelId);
    const backend = { webgpu: 'WebGPU', wasm: 'WASM' }[loaded.actualBackend];
    await page.getByLabel(backend, { exact: true }).check();
    await page.getByLabel('Precision').selectOption(loaded.dtype);
    await page.getByRole('button', { name: 'Load' }).click();
    await page.getByTestId('loaded').waitFor({ timeout: 600_000 });
    await page.getByLabel('Max new tokens').fill(String(options.tokens));
    const newChat = () => page.getByRole('button', { name: 'New chat' }).click();
    // NOTE: like the view, the prompt runs prefill their whole prompt: a warm-up of the same message would
    // otherwise leave all but one of its tokens in the cache. The conversation then keeps the cache.
    await kvReuse(page, false);
    for (let i = 0; i < options.warmup; i++) {
      await send(page, typed(options.promptIds[0]!));
      await newChat();
    }
    const runs: ChatRun[] = [];
    for (const id of options.promptIds) {
      runs.push({ ...(await send(page, typed(id))), promptId: id });
      await newChat();
    }
    await kvReuse(page, true);
    const turns: Omit<ChatRun, 'promptId'>[] = [];
    for (let t = 0; t < LATER_TURN; t++) turns.push(await send(page, LATER_MESSAGE));
    return { runs, turns };
  } finally {
    await page.close();
  }
}
