import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, choose, launch, loadSelfTest, openApp, openModelPanel } from './harness';

/** After any failure the app must still load the self-test model and chat. */
async function stillWorks(page: Page) {
  await loadSelfTest(page, 'WASM', 'q4');
  await page.getByLabel('Max new tokens').fill('3');
  const reply = await chat(page, 'Still there?');
  await expect(reply.getByTestId('reply-stats').count()).resolves.toBe(1);
}

async function loadHub(page: Page, id: string) {
  await openModelPanel(page);
  await page.getByLabel('Model', { exact: true }).selectOption('__other__');
  await page.getByLabel('Hub model id').fill(id);
  await choose(page, { model: '__other__', backend: 'WASM' });
}

describe('bad input gives a clear message and leaves the app usable', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('refuses a malformed hub id before any request', async () => {
    const { page, context } = await openApp(browser);
    const hubRequests: string[] = [];
    await context.route('https://huggingface.co/**', (route) => {
      hubRequests.push(route.request().url());
      return route.abort();
    });
    await loadHub(page, 'not a model id');
    await expect(page.getByTestId('load-problem').textContent()).resolves.toMatch(
      /not a Hugging Face model id/,
    );
    expect(hubRequests).toEqual([]);
    await stillWorks(page);
  });

  it('explains an unreachable hub and a model id the hub does not have', async () => {
    const { page, context } = await openApp(browser);
    await context.route('https://huggingface.co/**', (route) => route.abort('internetdisconnected'));
    await loadHub(page, 'someone/unreachable-model');
    await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(/could not be downloaded/);

    await context.unroute('https://huggingface.co/**');
    await context.route('https://huggingface.co/**', (route) =>
      route.fulfill({ status: 404, body: 'Not found' }),
    );
    await loadHub(page, 'someone/missing-model');
    await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(/is missing/);
    await stillWorks(page);
  });

  const broken: [string, string, { status: number; body: string }, RegExp][] = [
    [
      'a config that is not JSON',
      '**/models/selftest/config.json',
      { status: 200, body: '{ "model_type": ' },
      /not valid JSON/,
    ],
    [
      'a model type the library cannot run',
      '**/models/selftest/config.json',
      { status: 200, body: '{"model_type": "no-such-architecture", "architectures": ["NoSuchForCausalLM"]}' },
      /cannot run/,
    ],
    [
      'a missing weights file',
      '**/models/selftest/onnx/model_q4.onnx',
      { status: 404, body: '' },
      /is missing/,
    ],
  ];
  for (const [what, pattern, response, message] of broken) {
    it(`reports a broken model folder: ${what}`, async () => {
      const { page, context } = await openApp(browser);
      await context.route(pattern, (route) => route.fulfill(response));
      await choose(page, { backend: 'WASM', dtype: 'q4' });
      await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(message);
      await expect(page.getByTestId('loaded').count()).resolves.toBe(0);
      await context.unroute(pattern);
      await stillWorks(page);
    });
  }

  it('asks for a message instead of sending an empty prompt', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Message').fill('   ');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('chat-notice').textContent()).resolves.toBe('Type a message first.');
    await expect(page.locator('article').count()).resolves.toBe(0);
  });
});
