// A KV cache kept between turns must change nothing but speed: the same greedy tokens as a full prefill.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launch, loadSelfTest, openApp } from './harness';
import { injectFault } from './reliability-faults';

const MESSAGES = [
  'Hello there',
  'Tell me more about that',
  'Why? 😀',
  'And in 中文?',
  'One more turn, please',
  'The sixth question',
];

interface Turn {
  ids: number[];
  reused: number;
}

async function send(page: Page, text: string): Promise<Turn> {
  const reply = await chat(page, text);
  const ids = ((await reply.getAttribute('data-token-ids')) ?? '').split(',').filter(Boolean).map(Number);
  return { ids, reused: Number(await reply.getAttribute('data-reused-tokens')) };
}

/** Six turns on `backend`; with `fresh`, every reply prefills its whole prompt. */
async function conversation(browser: Browser, backend: 'WASM' | 'WebGPU', fresh: boolean) {
  const { page, errors } = await openApp(browser);
  await loadSelfTest(page, backend, 'fp32');
  await expect(page.getByTestId('backend').textContent()).resolves.toBe(backend);
  if (fresh) await injectFault(page, 'fresh-prefill');
  await page.getByLabel('Max new tokens').fill('12');
  const turns: Turn[] = [];
  for (const text of MESSAGES) turns.push(await send(page, text));
  return { page, errors, turns };
}

describe.each([
  ['WASM', false],
  ['WebGPU', true],
] as const)('a KV cache kept between turns on %s', (backend, webgpu) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu });
  });
  afterAll(() => browser?.close());

  // NOTE: SwiftShader runs WebGPU on the CPU: two loads and fourteen replies take minutes on 2 cores.
  it('gives the same tokens as a full prefill every turn, and New chat starts from scratch', async () => {
    const fresh = await conversation(browser, backend, true);
    expect(fresh.turns.map((t) => t.reused)).toEqual([0, 0, 0, 0, 0, 0]);

    const kept = await conversation(browser, backend, false);
    expect(kept.turns.map((t) => t.ids)).toEqual(fresh.turns.map((t) => t.ids));
    expect(kept.turns.some((t) => t.ids.length > 0)).toBe(true);
    // Each later turn starts from the cache, and a longer conversation reuses more of it.
    const reused = kept.turns.map((t) => t.reused);
    expect(reused[0]).toBe(0);
    for (let i = 1; i < reused.length; i++) expect(reused[i]).toBeGreaterThan(reused[i - 1]!);

    // New chat: only the template's opening can be shared; the reply is the first turn's again.
    await kept.page.getByRole('button', { name: 'New chat' }).click();
    const again = await send(kept.page, MESSAGES[0]!);
    expect(again.ids).toEqual(fresh.turns[0]!.ids);
    expect(again.reused).toBeLessThan(reused[1]!);
    // A different first message (as an edited one would be) gives what a fresh prefill gives.
    await kept.page.getByRole('button', { name: 'New chat' }).click();
    const edited = await send(kept.page, MESSAGES[1]!);
    await fresh.page.getByRole('button', { name: 'New chat' }).click();
    const reference = await send(fresh.page, MESSAGES[1]!);
    expect(reference.reused).toBe(0);
    expect(edited.ids).toEqual(reference.ids);
    expect(kept.errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
  }, 480_000);
});
